import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { seedAction, seedGroup, seedPlan } from './fixtures';
import {
  createUser,
  expectAccessible,
  expectErrorSummary,
  expectKeyboardReachable,
  launch,
  newContext,
  signIn,
} from './support';

// Pages the journeys do not pass through, and error pages: each one accessible and keyboard-reachable.
describe('every other page', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
    const plan = await seedPlan();
    const chair = await createUser('Sam Chair', []);
    await seedAction(plan, await seedGroup(chair.id), 'Publish a coercive control leaflet');
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('as an administrator, including empty, filtered and error states', async () => {
    const context = await newContext(browser);
    const page = await signIn(context, { email: inject('adminEmail'), password: inject('adminPassword') });
    for (const path of [
      '/',
      '/actions?scope=all',
      '/actions?scope=all&status=IN_PROGRESS&rag=RED&overdue=yes&stale=yes',
      '/actions/new',
      '/reviews',
      '/reviews/new',
      '/reviews/recommendations?overdue=yes',
      '/reviews/themes',
      '/voice',
      '/voice?forum=Survivors&decision=UNDECIDED&from=2026-01-01&to=2026-12-31',
      '/voice/new',
      '/voice/meetings',
      '/voice/digests',
      '/admin/strategies',
      '/admin/groups',
      '/admin/users',
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expectKeyboardReachable(page);
      await expectAccessible(page);
    }

    // A GET form's error: an "as of" date that does not exist.
    await page.goto('/board?asOf=2026-02-30');
    await expectErrorSummary(page, /"as of" date must be a real date/);
    await expectAccessible(page);

    // A form submitted empty: every missing field is listed and linked.
    await page.goto('/reviews/new');
    await page.getByRole('button', { name: 'Add review' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary li').count()).toBeGreaterThanOrEqual(1);
    await expectAccessible(page);

    const missing = await page.goto('/actions/00000000-0000-4000-8000-000000000000');
    expect(missing?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
    await expectAccessible(page);
    await context.close();
  });

  test('administration is refused to others with an accessible page', async () => {
    const board = await createUser('Bo Board', ['BOARD']);
    const context = await newContext(browser);
    const page = await signIn(context, board);
    const response = await page.goto('/admin/users');
    expect(response?.status()).toBe(403);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/permission/);
    await expectAccessible(page);
    await context.close();
  });
});
