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
  type TestUser, fillDateGroup
} from './support';

describe('the DHR panel tracks recommendations to assurance', () => {
  let browser: Browser;
  let panel: TestUser;
  let board: TestUser;
  let review: { id: string; ref: string };
  let action: { id: string; ref: string };

  beforeAll(async () => {
    browser = await launch();
    panel = await createUser('Priya Panel', ['DHR_PANEL']);
    board = await createUser('Ben Board', ['BOARD']);
    const plan = await seedPlan();
    const chair = await createUser('Cat Chair', []);
    action = await seedAction(plan, await seedGroup(chair.id), 'Share MARAC minutes with GP practices');
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
    review = { id: createReview.id, ref };
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
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('the panel adds a recommendation, assures it with evidence and links it to an action', async () => {
    const context = await newContext(browser);
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
    expect(await page.locator('.govuk-summary-list').textContent()).toMatch(/20 May 2025[\s\S]*10 June 2025/);

    // A recommendation with a due date that does not exist: the error summary names the field.
    await page.getByLabel('Reference').fill('R2');
    await page
      .getByLabel('Recommendation', { exact: true })
      .fill('Health visitors ask about domestic abuse routinely');
    await page.getByLabel('Agency responsible').fill('Community health trust');
    await fillDateGroup(page, 'Due date (optional)', '2027-13-01');
    await page.getByLabel('Themes (optional)').fill('Routine enquiry, Information sharing');
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
    await page.getByRole('button', { name: 'Link action', exact: true }).click();
    await page.getByRole('link', { name: new RegExp(action.ref) }).waitFor();
    await expectAccessible(page);

    // The tracker, filtered by agency and theme, finds it; the themes view counts it.
    await page.goto('/reviews/recommendations');
    await page.getByLabel('Agency').fill('Community health trust');
    await page.getByLabel('Theme').selectOption({ label: 'Routine enquiry' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/agency=/);
    expect(await page.getByRole('status').textContent()).toMatch(/^1\s+recommendation found/);
    expect(await page.locator('tbody').textContent()).toMatch(/Health visitors ask about domestic abuse/);
    await expectAccessible(page);
    await page.goto('/reviews/recommendations?status=OPEN&overdue=yes');
    expect(await page.locator('body').textContent()).not.toMatch(/Health visitors ask/);
    await page.goto('/reviews/themes');
    // The first table counts recommendations by theme; the second lists the actions addressing each.
    const counts = page.locator('table').first().locator('tr', { hasText: 'Routine enquiry' });
    expect(await counts.textContent()).toMatch(/1\s*0/);
    expect(
      await page.locator('table').nth(1).locator('tr', { hasText: 'Routine enquiry' }).textContent(),
    ).toMatch(new RegExp(action.ref));
    await expectAccessible(page);
    await context.close();
  });

  test('a board member cannot see a confidential review', async () => {
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
