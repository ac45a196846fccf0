import {
  WebAddRecommendationDocument,
  WebCreateActionDocument,
  WebCreateReviewDocument,
  WebReviewDocument,
} from '@throughline/sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedGroup, seedPlan } from './fixtures';
import {
  admin,
  createUser,
  expectAccessible,
  expectErrorSummary,
  gql,
  launch,
  newContext,
  signIn,
  unique,
  waitForApp,
  type TestUser,
} from './support';

const COUNT = 25; // more than one page of the picker (20)

describe('the DHR panel links a recommendation to any action, and unlinks it', () => {
  let browser: Browser;
  let panel: TestUser;
  let word: string;
  let refs: string[];
  let recommendationId: string;
  let reviewRef: string;

  beforeAll(async () => {
    browser = await launch();
    panel = await createUser('Pat Panel', ['DHR_PANEL']);
    const plan = await seedPlan();
    const groupId = await seedGroup((await createUser('Cal Chair', [])).id);
    // A word no other test uses, in the titles of more actions than one page shows.
    word = unique('Kestrel');
    const prefix = unique('K').toUpperCase();
    refs = Array.from({ length: COUNT }, (_, i) => `${prefix}.${String(i + 1).padStart(2, '0')}`);
    const token = await admin();
    for (const [i, ref] of refs.entries()) {
      await gql(
        WebCreateActionDocument,
        {
          input: {
            objectiveId: plan.objectiveId,
            groupId,
            ref,
            title: `${word} outreach ${i + 1}`,
          },
        },
        token,
      );
    }
    const { createReview } = await gql(
      WebCreateReviewDocument,
      {
        input: {
          kind: 'DHR',
          ref: (reviewRef = unique('DHR')),
          title: 'Review "Adult K"',
          confidential: true,
        },
      },
      panel.token,
    );
    await gql(
      WebAddRecommendationDocument,
      { input: { reviewId: createReview.id, ref: 'R1', text: 'Reach isolated survivors' } },
      panel.token,
    );
    const { review } = await gql(WebReviewDocument, { id: createReview.id }, panel.token);
    recommendationId = review!.recommendations[0].id;
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function search(page: Page, text: string) {
    await page.getByLabel('Find an action').fill(text);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=/);
    await waitForApp(page);
  }

  test('the picker searches every action by title or reference, a page at a time', async () => {
    const context = await newContext(browser);
    const page = await signIn(context, panel);
    await page.goto(`/reviews/recommendations/${recommendationId}`);
    await waitForApp(page);
    await expectAccessible(page);

    // Nothing chosen: the GOV.UK error, linked to the choices.
    await page.getByRole('button', { name: 'Link selected actions', exact: true }).click();
    await expectErrorSummary(page, /Select the actions to link/);
    expect(await page.locator('.govuk-error-summary a[href="#actionId"]').count()).toBe(1);
    await expectAccessible(page);

    // Search words the API refuses are the search box's error.
    await page.goto(`/reviews/recommendations/${recommendationId}?q=${'x'.repeat(201)}`);
    await expectErrorSummary(page, /search text/i);
    expect(await page.locator('#q-error').count()).toBe(1);
    await expectAccessible(page);

    await search(page, word);
    expect(await page.getByRole('status').textContent()).toMatch(new RegExp(`^${COUNT}\\s+actions match`));
    const last = refs.at(-1)!;
    expect(await page.getByLabel(new RegExp(`^${last}:`)).count()).toBe(0);
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(/after=/);
    await waitForApp(page);
    await page.getByLabel(new RegExp(`^${last}:`)).check();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Link selected actions', exact: true }).click();
    await page.waitForURL(/saved=link/);
    expect(await page.locator('.govuk-notification-banner--success').textContent()).toMatch(/linked/);
    await page.getByRole('link', { name: new RegExp(`^${last}: ${word} outreach ${COUNT}`) }).waitFor();

    // By its reference alone: the one action, already linked, is not offered again.
    await search(page, last);
    expect(await page.getByRole('status').textContent()).toMatch(/^1\s+action match/);
    expect(await page.getByRole('group', { name: 'Actions to link' }).count()).toBe(0);
    await page.getByText('The actions on this page are linked already.').waitFor();
    await context.close();
  });

  test('unlinking works without JavaScript', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await signIn(context, panel);
    await page.goto(`/reviews/recommendations/${recommendationId}?q=${encodeURIComponent(refs[0])}`);
    await page.getByLabel(new RegExp(`^${refs[0]}:`)).check();
    await page.getByRole('button', { name: 'Link selected actions', exact: true }).click();
    await page.waitForURL(/saved=link/);
    const delivering = page.locator('h2:has-text("Actions that deliver it") + p + ul');
    expect(await delivering.getByRole('listitem').count()).toBe(2);

    await page.getByRole('button', { name: `Unlink action ${refs[0]}` }).click();
    await page.waitForURL(/saved=unlink/);
    expect(await page.locator('.govuk-notification-banner--success').textContent()).toMatch(/unlinked/);
    expect(await delivering.getByRole('listitem').count()).toBe(1);
    await expectAccessible(page);
    await page.getByRole('button', { name: `Unlink action ${refs.at(-1)}` }).click();
    await page.waitForURL(/saved=unlink/);
    expect(await page.locator('main').textContent()).toMatch(/Not linked to any action yet/);
    await context.close();
  });

  test('several actions are linked at once, without JavaScript, and the counts show it', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await signIn(context, panel);
    await page.goto(`/reviews/recommendations/${recommendationId}?q=${encodeURIComponent(word)}`);
    for (const ref of refs.slice(0, 3)) await page.getByLabel(new RegExp(`^${ref}:`)).check();
    await page.getByRole('button', { name: 'Link selected actions', exact: true }).click();
    await page.waitForURL(/saved=link/);
    expect(await page.getByTestId('link-count').textContent()).toMatch(/Linked to 3 actions/);
    const delivering = page.locator('h2:has-text("Actions that deliver it") + p + ul');
    expect(await delivering.getByRole('listitem').count()).toBe(3);
    await expectAccessible(page);

    // The list of recommendations says how many actions deliver each.
    await page.goto('/reviews/recommendations');
    const row = page.getByRole('row').filter({ hasText: reviewRef });
    expect((await row.getByTestId('link-count').innerText()).trim()).toMatch(/^3\b/);
    await expectAccessible(page);
    await context.close();
  });
});
