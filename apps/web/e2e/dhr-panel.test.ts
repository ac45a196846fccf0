import { WebAddRecommendationDocument, WebCreateReviewDocument } from '@throughline/sdk';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedAction, seedGroup, seedPlan } from './fixtures';
import {
  createUser,
  expectAccessible,
  expectErrorSummary,
  expectKeyboardReachable,
  gql,
  launch,
  newContext,
  signIn,
  unique,
  type TestUser,
  fillDateGroup,
} from './support';

describe('the DHR panel tracks recommendations to assurance', () => {
  let browser: Browser;
  let panel: TestUser;
  let board: TestUser;
  let action: { id: string; ref: string };

  beforeAll(async () => {
    browser = await launch();
    panel = await createUser('Priya Panel', ['DHR_PANEL']);
    board = await createUser('Ben Board', ['BOARD']);
    const plan = await seedPlan();
    const chair = await createUser('Cat Chair', []);
    action = await seedAction(plan, await seedGroup(chair.id), 'Share MARAC minutes with GP practices');
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** A confidential review with one recommendation (R1), the panel's. */
  async function seedReview(): Promise<{ id: string; ref: string }> {
    const ref = unique('DHR');
    const { createReview } = await gql(
      WebCreateReviewDocument,
      {
        input: {
          kind: 'DHR',
          ref,
          title: 'Review into the death of "Adult A"',
          area: 'Westminster',
          confidential: true,
        },
      },
      panel.token,
    );
    const review = { id: createReview.id, ref };
    await gql(
      WebAddRecommendationDocument,
      {
        input: {
          reviewId: review.id,
          ref: 'R1',
          text: 'Train call handlers on risk',
          agency: 'Police',
          tags: ['theme:risk-assessment'],
        },
      },
      panel.token,
    );
    return review;
  }

  test.each([
    ['on', true],
    ['off', false],
  ])(
    'the panel adds a recommendation, assures it with evidence and links it to an action (JavaScript %s)',
    async (_, javaScriptEnabled) => {
      const review = await seedReview();
      // Words of this run only: the tracker's filters and the themes count find this run's recommendation.
      const agency = unique('Community health trust');
      const theme = unique('Routine enquiry');
      // How the app names a theme: from its slug ("routine-enquiry-3fa2c1"), hyphens as spaces.
      const themeLabel = theme.replace(/-/g, ' ');
      const context = await newContext(browser, { javaScriptEnabled });
      const page = await signIn(context, panel);
      await page.goto('/reviews');
      const row = page.locator('tr', { hasText: review.ref });
      expect(await row.textContent()).toMatch(/Confidential/);
      await expectKeyboardReachable(page);
      await expectAccessible(page);

      await page.getByRole('link', { name: new RegExp(review.ref) }).click();
      await page.waitForURL(`**/reviews/${review.id}`);
      await expectAccessible(page);

      // The review's stages: the panel records the decision and the submission dates.
      await page.getByRole('link', { name: "Record the review's progress" }).click();
      await page.waitForURL(`**/reviews/${review.id}/edit`);
      await expectAccessible(page);
      await fillDateGroup(page, 'Decision to hold a review (optional)', '2025-05-20');
      await fillDateGroup(page, 'Panel started (optional)', '2025-06-10');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL(`**/reviews/${review.id}`);
      expect(await page.locator('.govuk-summary-list').textContent()).toMatch(
        /20 May 2025[\s\S]*10 June 2025/,
      );

      // A recommendation with a due date that does not exist: the error summary names the field.
      await page.getByLabel('Reference').fill('R2');
      await page
        .getByLabel('Recommendation', { exact: true })
        .fill('Health visitors ask about domestic abuse routinely');
      await page.getByLabel('Agency responsible').fill(agency);
      await fillDateGroup(page, 'Due date (optional)', '2027-13-01');
      await page.getByLabel('Themes (optional)').fill(`${theme}, Information sharing`);
      await page.getByRole('button', { name: 'Add recommendation' }).click();
      await expectErrorSummary(page, /due date must be a real date/i);
      await expectAccessible(page);
      await fillDateGroup(page, 'Due date (optional)', '2026-01-31');
      await page.getByRole('button', { name: 'Add recommendation' }).click();
      await page.locator('.govuk-notification-banner--success').waitFor();
      await page.getByRole('link', { name: 'R2' }).click();
      await page.waitForURL(/\/reviews\/recommendations\//);
      await expectAccessible(page);

      // ASSURED without evidence is refused by the API, shown in the summary.
      await page.getByLabel('Assured').check();
      await page.getByRole('button', { name: 'Save status' }).click();
      await expectErrorSummary(page, /evidence/i);
      await expectAccessible(page);

      await page
        .getByLabel('Evidence')
        .fill('Audit of 40 health visitor records in March: 38 asked about abuse.');
      await page.getByRole('button', { name: 'Save status' }).click();
      await page.locator('.govuk-notification-banner--success').waitFor();
      expect(await page.locator('.govuk-summary-list').textContent()).toMatch(
        /Audit of 40 health visitor records/,
      );
      expect(await page.locator('h1 + p').textContent()).toMatch(/Assured/);
      expect(await page.locator('.app-update-history').first().textContent()).toMatch(/to Assured/);

      // The saved evidence is in the history, not left in the form.
      expect(await page.getByLabel('Evidence').inputValue()).toBe('');

      // The action is found by its reference among all the plan's actions.
      await page.getByLabel('Find an action').fill(action.ref);
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL(/q=/);
      await page.getByLabel(new RegExp(`^${action.ref}:`)).check();
      await page.getByRole('button', { name: 'Link selected actions', exact: true }).click();
      await page.getByRole('link', { name: new RegExp(action.ref) }).waitFor();
      await expectAccessible(page);

      // The tracker, filtered by agency and theme, finds it; the themes view counts it.
      await page.goto('/reviews/recommendations');
      await page.getByLabel('Agency').fill(agency);
      await page.getByLabel('Theme').selectOption({ label: themeLabel });
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL(/agency=/);
      expect(await page.getByRole('status').textContent()).toMatch(/^1\s+recommendation found/);
      expect(await page.locator('tbody').textContent()).toMatch(/Health visitors ask about domestic abuse/);
      await expectAccessible(page);
      await page.goto('/reviews/recommendations?status=OPEN&overdue=yes');
      expect(await page.locator('body').textContent()).not.toMatch(/Health visitors ask/);
      await page.goto('/reviews/themes');
      // The first table counts recommendations by theme; the second lists the actions addressing each.
      const counts = page.locator('table').first().locator('tr', { hasText: themeLabel });
      expect(await counts.textContent()).toMatch(/1\s*0/);
      expect(await page.locator('table').nth(1).locator('tr', { hasText: themeLabel }).textContent()).toMatch(
        new RegExp(action.ref),
      );
      await expectAccessible(page);
      await context.close();
    },
  );

  test('the panel records where a national recommendation was sent and its answer, without JavaScript', async () => {
    const review = await seedReview();
    const body = unique('Home Office');
    const { addRecommendation } = await gql(
      WebAddRecommendationDocument,
      {
        input: {
          reviewId: review.id,
          ref: 'N1',
          text: 'Fund specialist advocates nationally',
          scope: 'NATIONAL',
        },
      },
      panel.token,
    );
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await signIn(context, panel);
    await page.goto(`/reviews/recommendations/${addRecommendation.id}`);
    await expectAccessible(page);
    await page.getByLabel('Addressed to (optional)').fill(body);
    await fillDateGroup(page, 'Date sent (optional)', '2025-07-01');
    // A date that does not exist: the error names the field, and what was typed is kept.
    await fillDateGroup(page, 'Date acknowledged (optional)', '2025-02-30');
    await page.getByRole('button', { name: 'Save where it was sent' }).click();
    await expectErrorSummary(page, /date it was acknowledged must be a real date/i);
    expect(await page.locator('.govuk-error-summary a[href="#acknowledgedOn"]').count()).toBe(1);
    expect(await page.getByLabel('Addressed to (optional)').inputValue()).toBe(body);
    await expectAccessible(page);

    await fillDateGroup(page, 'Date acknowledged (optional)', '2025-07-20');
    await fillDateGroup(page, 'Date answered (optional)', '2025-09-15');
    await page.getByLabel('The answer received (optional)').fill('Funding agreed for 2026.');
    await page.getByRole('button', { name: 'Save where it was sent' }).click();
    await page.waitForURL(/saved=routing/);
    expect(await page.locator('.govuk-summary-list').textContent()).toMatch(
      /1 July 2025[\s\S]*20 July 2025[\s\S]*15 September 2025: Funding agreed for 2026\./,
    );
    await expectAccessible(page);
    await page.goto('/reviews/national');
    expect(await page.locator('tr', { hasText: body }).textContent()).toMatch(/1 July 2025/);
    await context.close();
  });

  test('a board member cannot see a confidential review', async () => {
    const review = await seedReview();
    const context = await newContext(browser);
    const page = await signIn(context, board);
    await page.goto('/reviews');
    expect(await page.locator('main').textContent()).not.toContain(review.ref);
    await expectAccessible(page);
    const response = await page.goto(`/reviews/${review.id}`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('main').textContent()).not.toContain('Adult A');
    await expectAccessible(page);
    await page.goto('/reviews/recommendations');
    expect(await page.locator('main').textContent()).not.toContain('Train call handlers on risk');
    await context.close();
  });
});
