import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createUser,
  expectAccessible,
  expectErrorSummary,
  expectKeyboardReachable,
  launch,
  newContext,
  type TestUser,
} from './support';

describe('signing in and out', () => {
  let browser: Browser;
  let member: TestUser;

  beforeAll(async () => {
    browser = await launch();
    member = await createUser('Bea Board', ['BOARD']);
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('an anonymous visitor is sent to sign in; a wrong password is refused accessibly; sign out ends the session', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();

    await page.goto('/actions');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expectKeyboardReachable(page);
    await expectAccessible(page);

    await page.getByLabel('Email address').fill(member.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectErrorSummary(page, /Enter a correct email address and password/);
    expect(await page.title()).toMatch(/^Error:/);
    await expectAccessible(page);

    // Keyboard alone, from the error summary (where focus lands): its link leads to the field.
    await page.locator('.govuk-error-summary').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('email');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
    await page.keyboard.type(member.password);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/actions');

    const response = await page.goto('/');
    expect(response?.headers()['cache-control']).toBe('no-store');
    expect(response?.headers()['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    await expect.poll(() => page.getByRole('heading', { name: 'Your work' }).count()).toBe(1);
    // A board member is led to the board and the reviews, not to administration.
    expect(await page.getByRole('link', { name: /See how each objective is doing/ }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await expectKeyboardReachable(page);
    await expectAccessible(page);

    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'throughline_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((u) => u.pathname === '/sign-in');
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await context.close();
  });
});
