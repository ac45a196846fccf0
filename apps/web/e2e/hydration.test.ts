import { WebActionDetailDocument, WebUpdateActionDocument } from '@throughline/sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedAction, seedGroup, seedPlan } from './fixtures';
import {
  admin,
  createUser,
  gql,
  launch,
  newContext,
  signIn,
  waitForApp,
  type TestUser,
  fillDateGroup,
  dateValue,
} from './support';

/**
 * Opens `path` with the app's JavaScript held back, so the test can use the server-rendered form as a
 * person on a slow connection would; `release` lets the scripts load and waits for hydration.
 */
async function openBeforeHydration(page: Page, path: string): Promise<{ release: () => Promise<void> }> {
  let let_go!: () => void;
  const held = new Promise<void>((resolve) => (let_go = resolve));
  await page.route('**/_app/immutable/**/*.js', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(path, { waitUntil: 'domcontentloaded' });
  expect(await page.evaluate(() => document.body.dataset.hydrated)).toBeUndefined();
  return {
    release: async () => {
      let_go();
      await waitForApp(page);
      await page.unroute('**/_app/immutable/**/*.js');
    },
  };
}

describe('what someone types before the JavaScript loads survives hydration', () => {
  let browser: Browser;
  let chair: TestUser;
  let action: { id: string; ref: string };

  beforeAll(async () => {
    browser = await launch();
    chair = await createUser('Hana Hydration', []);
    const plan = await seedPlan();
    action = await seedAction(plan, await seedGroup(chair.id), 'Run a coercive control campaign');
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('text areas, radios and text inputs keep what was typed and chosen', async () => {
    const context = await newContext(browser);
    const page = await signIn(context, chair);
    const { release } = await openBeforeHydration(page, `/actions/${action.id}`);

    await page.getByLabel('Progress', { exact: true }).pressSequentially('Posters in every GP surgery.');
    await page.getByLabel('Impact').pressSequentially('More calls to the helpline.');
    await page.getByLabel('In progress').check();
    await page.getByLabel('Amber').check();
    await fillDateGroup(page, 'Date of this update', '2025-06-01');
    await release();

    expect(await page.getByLabel('Progress', { exact: true }).inputValue()).toBe(
      'Posters in every GP surgery.',
    );
    expect(await page.getByLabel('Impact').inputValue()).toBe('More calls to the helpline.');
    expect(await page.getByLabel('In progress').isChecked()).toBe(true);
    expect(await page.getByLabel('Amber').isChecked()).toBe(true);
    expect(await dateValue(page, 'reportedOn')).toBe('2025-6-1');

    // And what survived is what is saved.
    await page.getByRole('button', { name: 'Add update' }).click();
    await page.locator('.govuk-notification-banner--success').waitFor();
    expect(await page.locator('.app-update-history').first().textContent()).toMatch(
      /Posters in every GP surgery\./,
    );
    await context.close();
  });

  test('a text area that already holds text keeps the edit made before hydration', async () => {
    const { action: current } = await gql(WebActionDetailDocument, { id: action.id }, await admin());
    await gql(
      WebUpdateActionDocument,
      {
        id: action.id,
        version: current!.version,
        input: { description: 'As first agreed.', successMeasure: 'Calls up by a fifth.' },
      },
      await admin(),
    );
    const context = await newContext(browser);
    const page = await signIn(context, chair);
    const { release } = await openBeforeHydration(page, `/actions/${action.id}/edit`);
    const description = page.getByLabel('Description');
    // The server wrote the saved text into the text areas.
    expect(await description.inputValue()).toBe('As first agreed.');
    await description.fill('Rewritten before the scripts arrived.');
    await release();
    expect(await description.inputValue()).toBe('Rewritten before the scripts arrived.');
    // One left alone still shows the saved text.
    expect(await page.getByLabel('Success measure').inputValue()).toBe('Calls up by a fifth.');
    await context.close();
  });
});
