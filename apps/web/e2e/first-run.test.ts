import { LoginDocument, WebCreateReviewDocument } from '@throughline/sdk';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from './database';
import {
  createUser,
  expectAccessible,
  fillDateGroup,
  gql,
  launch,
  newContext,
  signIn,
  unique,
  waitForApp,
  type TestUser,
} from './support';

/**
 * A new administrator of an empty partnership: the home page's first-run checklist, and every list
 * page saying what is empty and what to do next. The partnership is made empty for this test: the
 * administrator is created through the API, then moved by SQL into a partnership of its own (no API
 * creates a partnership: the first one is made when the app starts).
 */
describe('first run: an empty partnership', () => {
  let browser: Browser;
  let adminUser: TestUser;

  beforeAll(async () => {
    browser = await launch();
    adminUser = await createUser('Fran First', ['ADMIN']);
    const [p] = await sql<{ id: string }>(`INSERT INTO partnership (name) VALUES ($1) RETURNING id`, [
      unique('Empty partnership'),
    ]);
    await sql(`UPDATE app_user SET partnership_id = $1 WHERE id = $2`, [p.id, adminUser.id]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  // Each list page of an empty partnership: what its empty state says, and the link to the next step.
  const EMPTY: Array<[string, RegExp, string]> = [
    ['/actions?scope=all', /There are no actions yet/, 'Add the first action'],
    ['/board', /There is no strategy yet/, 'Create the strategy'],
    ['/rounds', /There is no strategy yet, so there are no rounds/, 'Create the strategy'],
    ['/reviews', /There are no reviews you can see/, 'Add a review'],
    ['/reviews/recommendations', /No recommendations\s+yet/, 'go to the reviews'],
    ['/reviews/national', /There are no national or regional recommendations/, ''],
    ['/reviews/themes', /No recommendation has a theme yet/, ''],
    ['/voice', /No feedback has been recorded yet/, 'Record what survivors said at a forum'],
    ['/messages', /You have no messages/, ''],
    ['/admin/strategies', /There are no strategies yet/, "import last year's action plan"],
    ['/admin/groups', /There are no operational groups yet/, ''],
  ];

  test('the administrator sees the checklist, and each empty list says what to do next', async () => {
    const context = await newContext(browser);
    const page = await signIn(context, adminUser);
    await page.goto('/');
    await waitForApp(page);
    const checklist = page.getByTestId('first-run');
    const items = await checklist.getByRole('listitem').allInnerTexts();
    expect(items).toHaveLength(4);
    expect(items.join('\n')).not.toMatch(/\(done\)/);
    for (const name of [
      'Create the strategy',
      'Set up the operational groups',
      'Add the people',
      "import last year's action plan",
    ])
      expect(await checklist.getByRole('link', { name }).count()).toBe(1);
    await expectAccessible(page);

    for (const [path, text, link] of EMPTY) {
      await page.goto(path);
      const empty = page.getByTestId('empty-state');
      expect(await empty.innerText(), path).toMatch(text);
      if (link) expect(await empty.getByRole('link', { name: link }).count(), path).toBe(1);
      await expectAccessible(page);
    }
    await context.close();
  });

  test('without JavaScript the checklist leads to the first strategy, and marks it done', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await signIn(context, adminUser);
    await page.goto('/');
    await page.getByTestId('first-run').getByRole('link', { name: 'Create the strategy' }).click();
    await page.waitForURL(/\/admin\/strategies$/);
    await page.getByLabel('Title').fill(unique('First strategy'));
    await fillDateGroup(page, 'Start date (optional)', '2025-04-01');
    await page.getByRole('button', { name: 'Add strategy' }).click();
    await page.waitForURL(/\/admin\/strategies\/[^/]+$/);
    await page.goto('/');
    const items = await page.getByTestId('first-run').getByRole('listitem').allInnerTexts();
    expect(items[0]).toMatch(/\(done\)/);
    expect(items[1]).not.toMatch(/\(done\)/);
    await expectAccessible(page);
    // With a strategy but no actions, the actions list says so and leads on.
    await page.goto('/actions?scope=all');
    expect(await page.getByTestId('empty-state').innerText()).toMatch(/There are no actions yet/);
    // A review with no recommendations yet says where they are added.
    const { login } = await gql(LoginDocument, { email: adminUser.email, password: adminUser.password });
    const { createReview } = await gql(
      WebCreateReviewDocument,
      { input: { kind: 'DHR', ref: unique('DHR'), title: 'Review "Adult F"', confidential: true } },
      login.token,
    );
    await page.goto(`/reviews/${createReview.id}`);
    expect(await page.getByTestId('empty-state').innerText()).toMatch(
      /No recommendations have been recorded yet\. Add each of the review's recommendations below/,
    );
    await expectAccessible(page);
    await context.close();
  });
});
