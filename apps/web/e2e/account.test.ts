import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createUser,
  expectAccessible,
  expectErrorSummary,
  launch,
  newContext,
  signIn,
  waitForApp,
} from './support';

const NEW_PASSWORD = 'copper lantern over the quiet canal';

describe('changing your own password', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('without JavaScript: reached from the header, errors shown accessibly, then changed; other sessions end', async () => {
    const person = await createUser('Ola Member', []);
    // Another browser where the same person is signed in: it must be signed out by the change.
    const elsewhere = await newContext(browser);
    const elsewherePage = await signIn(elsewhere, person);

    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await signIn(context, person);
    await page.getByRole('link', { name: 'Change your password' }).click();
    await page.waitForURL((u) => u.pathname === '/account/password');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Change your password');
    await expectAccessible(page);

    // Error state: nothing typed.
    await page.getByRole('button', { name: 'Change password' }).click();
    await expectErrorSummary(page, /Enter your current password/);
    expect(await page.title()).toMatch(/^Error:/);
    await expectAccessible(page);

    // A wrong current password, and then a common new one: each named at its field.
    await page.getByLabel('Current password').fill('not-my-password-at-all');
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expectErrorSummary(page, /Your current password is not correct/);
    expect(await page.locator('#currentPassword-error').textContent()).toMatch(/not correct/);
    // Passwords are never written back into the page.
    expect(await page.getByLabel('Current password').inputValue()).toBe('');
    await expectAccessible(page);

    await page.getByLabel('Current password').fill(person.password);
    await page.getByLabel('New password').fill('Password123456');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expectErrorSummary(page, /too easy to guess/);
    expect(await page.locator('#newPassword-error').textContent()).toMatch(/too easy to guess/);
    await expectAccessible(page);

    // Success.
    await page.getByLabel('Current password').fill(person.password);
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.waitForURL((u) => u.searchParams.get('changed') === '1');
    expect(await page.locator('.govuk-notification-banner--success').textContent()).toMatch(
      /Your password has been changed/,
    );
    await expectAccessible(page);
    // This browser stays signed in...
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/');

    // ...the other one is signed out, and only the new password signs in.
    await elsewherePage.goto('/actions');
    expect(new URL(elsewherePage.url()).pathname).toBe('/sign-in');
    await elsewhere.close();
    const fresh = await newContext(browser);
    const old = await fresh.newPage();
    await old.goto('/sign-in');
    await waitForApp(old);
    await old.getByLabel('Email address').fill(person.email);
    await old.getByLabel('Password').fill(person.password);
    await old.getByRole('button', { name: 'Sign in' }).click();
    await expectErrorSummary(old, /Enter a correct email address and password/);
    await fresh.close();
    const again = await newContext(browser);
    await signIn(again, { email: person.email, password: NEW_PASSWORD });
    await again.close();
    await context.close();
  });

  test('with JavaScript: the error summary takes focus and the new password can be shown', async () => {
    const person = await createUser('Pat Member', []);
    const context = await newContext(browser);
    const page = await signIn(context, person);
    await page.goto('/account/password');
    await waitForApp(page);

    await page.getByLabel('Current password').fill(person.password);
    await page.getByLabel('New password').fill('pat-member-2026-garden');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expectErrorSummary(page, /must not contain your name/);
    await expectAccessible(page);

    // As without JavaScript, a refused form comes back empty. GOV.UK's password input: the Show button
    // reveals what was typed.
    expect(await page.getByLabel('Current password').inputValue()).toBe('');
    await page.getByLabel('Current password').fill(person.password);
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Show password' }).last().click();
    expect(await page.getByLabel('New password').getAttribute('type')).toBe('text');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password has been changed').waitFor();
    await expectAccessible(page);
    await context.close();
  });
});
