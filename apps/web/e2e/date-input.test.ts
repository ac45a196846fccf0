import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import {
  dateValue,
  expectAccessible,
  expectErrorSummary,
  launch,
  newContext,
  signIn,
  unique,
} from './support';

/**
 * The GOV.UK date input (day, month and year in one fieldset), read on the server: it works without
 * JavaScript, takes a month's name as the plan import does, and names the part that is missing.
 */
describe('dates are typed as day, month and year', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('a form without JavaScript: a missing month is named, a month name is accepted', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await signIn(context, { email: inject('adminEmail'), password: inject('adminPassword') });
    await page.goto('/admin/strategies');
    const title = unique('Dated strategy');
    await page.getByLabel('Title').fill(title);
    const start = page.getByRole('group', { name: 'Start date (optional)' });
    await start.getByLabel('Day').fill('1');
    await start.getByLabel('Year').fill('2025');
    await page.getByRole('button', { name: 'Add strategy' }).click();
    await expectErrorSummary(page, /The start date must include a month/);
    // The summary's link lands in the day box; what was typed is still there.
    expect(await page.locator('.govuk-error-summary a[href="#startsOn"]').count()).toBe(1);
    expect(await page.locator('#startsOn').getAttribute('name')).toBe('startsOn-day');
    expect(await dateValue(page, 'startsOn')).toBe('2025--1');
    expect(await page.locator('#startsOn-error').innerText()).toMatch(/must include a month/);
    await expectAccessible(page);

    await start.getByLabel('Month').fill('April');
    await page.getByRole('button', { name: 'Add strategy' }).click();
    await page.waitForURL(/\/admin\/strategies\/[^/]+$/);
    expect(await page.locator('main').innerText()).toMatch(/1 April 2025 to/);
    await context.close();
  });

  test('the board\'s "as of" form takes day, month and year, and refuses a day that does not exist', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await signIn(context, { email: inject('adminEmail'), password: inject('adminPassword') });
    await page.goto('/board');
    const asOf = page.getByRole('group', { name: 'Show the plan as it was on' });
    await asOf.getByLabel('Day').fill('31');
    await asOf.getByLabel('Month').fill('Sep');
    await asOf.getByLabel('Year').fill('2025');
    await page.getByRole('button', { name: 'Show' }).click();
    await expectErrorSummary(page, /"as of" date must be a real date/);
    await expectAccessible(page);
    await asOf.getByLabel('Day').fill('30');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/asOf-day=30/);
    expect(await page.getByTestId('report-heading').innerText()).toMatch(/as of 30 September 2025/);
    await context.close();
  });
});
