import { LoginDocument, MeDocument, WebSetUserActiveDocument, WebUsersDocument } from '@throughline/sdk';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import {
  admin,
  createUser,
  expectAccessible,
  expectErrorSummary,
  expectKeyboardReachable,
  gql,
  launch,
  newContext,
  signIn,
  waitForApp,
  type TestUser,
} from './support';

/** Whether the user can sign in, asked of the API directly. */
async function canSignIn(user: TestUser): Promise<boolean> {
  return gql(LoginDocument, { email: user.email, password: user.password }).then(
    () => true,
    () => false,
  );
}

describe('an administrator deactivates a leaver and reactivates them', () => {
  let browser: Browser;
  let leaver: TestUser;

  beforeAll(async () => {
    browser = await launch();
    leaver = await createUser('Lee Leaver', ['BOARD']);
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('deactivating asks first, signs the person out, and can be undone (without JavaScript)', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await signIn(context, { email: inject('adminEmail'), password: inject('adminPassword') });
    await page.goto('/admin/users');
    await waitForApp(page);
    const row = page.getByRole('row', { name: new RegExp(leaver.email) });
    expect(await row.textContent()).toMatch(/Active/);
    // No link for the administrator's own row: nobody locks themselves out.
    const self = page.getByRole('row', { name: new RegExp(inject('adminEmail')) });
    expect(await self.getByRole('link', { name: /Deactivate/ }).count()).toBe(0);

    await row.getByRole('link', { name: `Deactivate ${leaver.name}` }).click();
    await page.waitForURL(/\/admin\/users\/[^/]+\/active$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Deactivate ${leaver.name}?`);
    await expectKeyboardReachable(page);
    await expectAccessible(page);

    // "No, go back" changes nothing.
    await page.getByRole('link', { name: 'No, go back' }).click();
    await page.waitForURL(/\/admin\/users$/);
    expect(await canSignIn(leaver)).toBe(true);

    await row.getByRole('link', { name: `Deactivate ${leaver.name}` }).click();
    await page.waitForURL(/\/active$/);
    await waitForApp(page);
    await page.getByRole('button', { name: `Yes, deactivate ${leaver.name}` }).click();
    await page.waitForURL(/saved=deactivated/);
    expect(await page.locator('.govuk-notification-banner--success').textContent()).toMatch(
      `${leaver.name} has been deactivated`,
    );
    expect(await row.textContent()).toMatch(/Deactivated/);
    await expectAccessible(page);
    // Their session ended and they cannot sign in again.
    expect((await gql(MeDocument, {}, leaver.token)).me).toBeNull();
    expect(await canSignIn(leaver)).toBe(false);

    await row.getByRole('link', { name: `Reactivate ${leaver.name}` }).click();
    await page.waitForURL(/\/active$/);
    await waitForApp(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Reactivate ${leaver.name}?`);
    await expectAccessible(page);
    await page.getByRole('button', { name: `Yes, reactivate ${leaver.name}` }).click();
    await page.waitForURL(/saved=reactivated/);
    expect(await row.textContent()).toMatch(/Active/);
    expect(await canSignIn(leaver)).toBe(true);
    await context.close();
  });

  test('a change made meanwhile is a conflict: the page shows the current state before anything is done', async () => {
    const context = await newContext(browser);
    const page = await signIn(context, { email: inject('adminEmail'), password: inject('adminPassword') });
    await page.goto('/admin/users');
    await page.getByRole('link', { name: `Deactivate ${leaver.name}` }).click();
    await page.waitForURL(/\/active$/);
    await waitForApp(page);

    // Another administrator deactivates them first.
    const token = await admin();
    const { users } = await gql(WebUsersDocument, {}, token);
    const u = users.find((x) => x.email === leaver.email)!;
    await gql(WebSetUserActiveDocument, { id: u.id, version: u.version, active: false }, token);

    await page.getByRole('button', { name: `Yes, deactivate ${leaver.name}` }).click();
    await expectErrorSummary(page, /changed this person/);
    // The page now offers what makes sense for the saved state.
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Reactivate ${leaver.name}?`);
    await page.getByRole('link', { name: 'Reload this page' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: `Yes, reactivate ${leaver.name}` }).click();
    await page.waitForURL(/saved=reactivated/);
    expect(await canSignIn(leaver)).toBe(true);
    await context.close();
  });
});
