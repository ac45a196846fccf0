import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedPlan, type Plan } from './fixtures';
import {
  createUser,
  expectAccessible,
  expectErrorSummary,
  expectKeyboardReachable,
  launch,
  newContext,
  signIn,
  unique,
  type TestUser,
} from './support';

// The whole journey runs with JavaScript turned OFF: server-rendered pages and plain form posts only.
describe('a facilitator records anonymous feedback and a response, without JavaScript', () => {
  let browser: Browser;
  let facilitator: TestUser;
  let plan: Plan;

  beforeAll(async () => {
    browser = await launch();
    facilitator = await createUser('Fola Facilitator', ['FACILITATOR']);
    plan = await seedPlan();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('feedback with a phone number is refused readably; a clean one is recorded and answered', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await signIn(context, facilitator);
    expect(await page.evaluate(() => document.body.className)).not.toMatch(/js-enabled/);

    await page.goto('/voice');
    await expectKeyboardReachable(page);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Record feedback from a forum' }).click();
    await page.waitForURL('**/voice/new');
    await expectAccessible(page);

    const forum = unique("Women's forum");
    await page.getByLabel('Forum').fill(forum);
    await page
      .getByLabel('What survivors said')
      .fill('Call me on 07700 900123 about the refuge waiting list.');
    await page.getByLabel(new RegExp(plan.objectiveCode)).check();
    await page.getByRole('button', { name: 'Record feedback' }).click();
    await page.waitForLoadState();
    // The API's refusal, in words, linked to the field, with focus on the summary (autofocus, no JS).
    await expectErrorSummary(page, /looks like it contains a phone number.*anonymous/i);
    expect(await page.locator('.govuk-error-summary a[href="#summary"]').count()).toBe(1);
    expect(await page.locator('#summary-error').textContent()).toMatch(/phone number/);
    // What was typed and ticked comes back in the server-rendered page.
    expect(await page.getByLabel('What survivors said').inputValue()).toMatch(/refuge waiting list/);
    expect(await page.getByLabel(new RegExp(plan.objectiveCode)).isChecked()).toBe(true);
    await expectAccessible(page);

    await page
      .getByLabel('What survivors said')
      .fill('The refuge waiting list is too long and nobody explains it.');
    await page.getByRole('button', { name: 'Record feedback' }).click();
    await page.waitForURL(/\/voice\?saved=feedback/);
    await page.goto(`/voice?objective=${plan.objectiveId}`);
    const item = page.locator('section', { hasText: forum });
    expect(await item.textContent()).toMatch(/refuge waiting list is too long/);
    expect(await item.textContent()).toMatch(/Waiting for a response/);
    expect(await item.textContent()).toMatch(plan.objectiveCode);
    await expectAccessible(page);

    // "We did": the response form sits in a <details>, which opens without JavaScript.
    await item.locator('summary', { hasText: 'Record a response' }).click();
    await item
      .getByLabel('What we did')
      .fill('We now send a letter every two weeks explaining where you are on the list.');
    await item.getByRole('button', { name: 'Record response' }).click();
    await page.waitForURL(/saved=response/);
    // The list comes back filtered as it was.
    expect(new URL(page.url()).searchParams.get('objective')).toBe(plan.objectiveId);
    expect(await page.locator('#objective').inputValue()).toBe(plan.objectiveId);
    const answered = page.locator('section', { hasText: forum });
    expect(await answered.textContent()).toMatch(/We now send a letter every two weeks/);
    expect(await answered.textContent()).toMatch(/Answered/);
    await expectAccessible(page);
    await context.close();
  });
});
