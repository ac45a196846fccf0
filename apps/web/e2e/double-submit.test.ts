import { WebActionDetailDocument } from '@throughline/sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedAction, seedGroup, seedPlan, type Plan } from './fixtures';
import { admin, createUser, gql, launch, newContext, signIn, waitForApp, type TestUser } from './support';

/**
 * A double click on "Add update", or a retried post, sends the form twice. The form carries an
 * idempotency key made when it was rendered, so the API makes one update of both (docs/security.md,
 * checklist R3).
 */
describe('a double submit of the progress-update form makes one update', () => {
  let browser: Browser;
  let chair: TestUser;
  let plan: Plan;
  let groupId: string;

  beforeAll(async () => {
    browser = await launch();
    chair = await createUser('Dana Double', []);
    plan = await seedPlan();
    groupId = await seedGroup(chair.id);
  });
  afterAll(async () => {
    await browser?.close();
  });

  const updatesOf = async (actionId: string) =>
    (await gql(WebActionDetailDocument, { id: actionId }, await admin())).action!.updates;

  const openForm = async (javaScriptEnabled: boolean) => {
    const action = await seedAction(plan, groupId, `Double submit, JavaScript ${javaScriptEnabled}`);
    const context = await newContext(browser, { javaScriptEnabled });
    const page = await signIn(context, chair);
    await page.goto(`/actions/${action.id}`);
    await waitForApp(page);
    await page.getByLabel('In progress').check();
    await page.getByLabel('Amber', { exact: true }).check();
    await page.getByLabel('Progress', { exact: true }).fill('Posted once, sent twice.');
    const posts: Array<{ url: string; body: string; type: string }> = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('?/update'))
        posts.push({ url: r.url(), body: r.postData() ?? '', type: r.headers()['content-type'] });
    });
    return { action, context, page, posts };
  };

  /** The page rendered after a success carries a new key: the next update is a new one. */
  const expectNextUpdateIsNew = async (page: Page, actionId: string) => {
    await page.getByLabel('Progress', { exact: true }).fill('A second, separate update.');
    await page.getByRole('button', { name: 'Add update' }).click();
    await expect
      .poll(async () => (await updatesOf(actionId)).map((u) => u.progress).sort())
      .toEqual(['A second, separate update.', 'Posted once, sent twice.']);
  };

  test('a double click with JavaScript on: two posts, one update', async () => {
    const { action, context, page, posts } = await openForm(true);
    await page.getByRole('button', { name: 'Add update' }).dblclick();
    await page.locator('.govuk-notification-banner--success').waitFor();
    expect(posts).toHaveLength(2);
    await expect.poll(async () => (await updatesOf(action.id)).length).toBe(1);
    expect(await page.locator('.app-update-history').count()).toBe(1);
    await expectNextUpdateIsNew(page, action.id);
    await context.close();
  });

  test('the same form posted again with JavaScript off (a retry): one update', async () => {
    // Chromium folds a double click on a plain form into one navigation, so the retry is sent as the
    // browser would resend it: the very same body, cookies and origin.
    const { action, context, page, posts } = await openForm(false);
    await page.getByRole('button', { name: 'Add update' }).click();
    await page.locator('.govuk-notification-banner--success').waitFor();
    expect(posts).toHaveLength(1);
    const again = await context.request.post(posts[0].url, {
      headers: {
        'content-type': posts[0].type,
        origin: new URL(posts[0].url).origin,
        accept: 'text/html',
      },
      data: posts[0].body,
      maxRedirects: 0,
    });
    expect(again.status()).toBe(303);
    expect((await updatesOf(action.id)).length).toBe(1);
    await page.reload();
    expect(await page.locator('.app-update-history').count()).toBe(1);
    await expectNextUpdateIsNew(page, action.id);
    await context.close();
  });
});
