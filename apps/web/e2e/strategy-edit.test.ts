import { WebCreateOutcomeDocument, WebStrategyTreeDocument, WebUpdateOutputDocument } from '@throughline/sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { seedPlan, type Plan } from './fixtures';
import {
  admin,
  expectAccessible,
  expectErrorSummary,
  gql,
  launch,
  newContext,
  signIn,
  unique,
  waitForApp,
} from './support';

const adminUser = () => ({ email: inject('adminEmail'), password: inject('adminPassword') });

describe('the strategic lead edits objectives, outcomes, outputs and indicators after creating them', () => {
  let browser: Browser;
  let plan: Plan;
  const secondOutcome = 'Survivors feel safer';

  beforeAll(async () => {
    browser = await launch();
    plan = await seedPlan();
    await gql(
      WebCreateOutcomeDocument,
      { input: { objectiveId: plan.objectiveId, title: secondOutcome } },
      await admin(),
    );
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function openStrategy(page: Page) {
    await page.goto(`/admin/strategies/${plan.strategyId}`);
    await waitForApp(page);
  }

  test('each part is changed on its own page, with errors shown the GOV.UK way', async () => {
    const context = await newContext(browser);
    const page = await signIn(context, adminUser());
    const main = page.locator('main');

    // Objective: a blank title is refused by the API and linked to the field.
    await openStrategy(page);
    await page.getByRole('link', { name: `Change objective ${plan.objectiveCode}` }).click();
    await page.waitForURL(/\/objectives\//);
    await waitForApp(page);
    expect(await page.getByLabel('Title').inputValue()).toBe('Survivors get help early');
    await expectAccessible(page);
    await page.getByLabel('Title').fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expectErrorSummary(page, /title/i);
    expect(await page.locator('.govuk-error-summary a[href="#title"]').count()).toBe(1);
    await expectAccessible(page);
    const code = unique('E').toUpperCase();
    await page.getByLabel('Code').fill(code);
    await page.getByLabel('Title').fill('Survivors get the right help early');
    await page.getByLabel('Description (optional)').fill('From the first disclosure onwards.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(/saved=objective/);
    await page.getByRole('heading', { name: `${code}: Survivors get the right help early` }).waitFor();
    expect(await main.textContent()).toContain('From the first disclosure onwards.');

    // Outcome
    await page.getByRole('link', { name: 'Change outcome More survivors report abuse' }).click();
    await page.waitForURL(/\/outcomes\//);
    await waitForApp(page);
    await expectAccessible(page);
    await page.getByLabel('Outcome', { exact: true }).fill('More survivors report abuse sooner');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(/saved=outcome/);
    await page.getByText('More survivors report abuse sooner').first().waitFor();

    // Output: its outcomes are checkboxes, the current one ticked; the ticked set replaces it.
    await page.getByRole('link', { name: 'Change output Train frontline staff' }).click();
    await page.waitForURL(/\/outputs\//);
    await waitForApp(page);
    expect(await page.getByLabel('More survivors report abuse sooner').isChecked()).toBe(true);
    expect(await page.getByLabel(secondOutcome).isChecked()).toBe(false);
    await expectAccessible(page);
    await page.getByLabel('More survivors report abuse sooner').uncheck();
    await page.getByLabel(secondOutcome).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(/saved=output/);
    await page.getByText(`Train frontline staff (contributes to: ${secondOutcome})`).waitFor();

    // Indicator: a baseline that is not a number is refused before the API; then saved.
    await page.getByRole('link', { name: 'Change indicator Referrals to IDVA' }).click();
    await page.waitForURL(/\/indicators\//);
    await waitForApp(page);
    expect(await page.getByLabel('Baseline (optional)').inputValue()).toBe('10');
    await page.getByLabel('Baseline (optional)').fill('lots');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expectErrorSummary(page, /baseline must be a number/i);
    expect(await page.getByLabel('Baseline (optional)').inputValue()).toBe('lots');
    await expectAccessible(page);
    await page.getByLabel('Unit (optional)').fill('%');
    await page.getByLabel('Baseline (optional)').fill('5');
    await page.getByLabel('Target (optional)').fill('25');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(/saved=indicator/);
    await page.getByText(/Indicator: Referrals to IDVA\. Baseline 5 %, target 25 %/).waitFor();
    await expectAccessible(page);
    await context.close();
  });

  test('a change made meanwhile is a conflict with the current values and a reload (without JavaScript)', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await signIn(context, adminUser());
    await page.goto(`/admin/strategies/${plan.strategyId}/outputs/${plan.outputId}`);
    const typed = 'Train every frontline worker';

    // Another administrator renames the output first.
    const { strategy } = await gql(WebStrategyTreeDocument, { id: plan.strategyId }, await admin());
    const output = strategy!.objectives.flatMap((o) => o.outputs).find((o) => o.id === plan.outputId)!;
    await gql(
      WebUpdateOutputDocument,
      { id: output.id, version: output.version, input: { title: 'Train all GPs' } },
      await admin(),
    );

    await page.getByLabel('Output', { exact: true }).fill(typed);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expectErrorSummary(page, /changed by someone else/);
    expect(await page.locator('.govuk-summary-list').textContent()).toMatch(/Train all GPs/);
    expect(await page.getByLabel('Output', { exact: true }).inputValue()).toBe(typed);
    await expectAccessible(page);

    // Reloading starts again from what is saved.
    await page.getByRole('link', { name: 'Reload the output and discard your changes' }).click();
    expect(await page.getByLabel('Output', { exact: true }).inputValue()).toBe('Train all GPs');

    // Or, after the conflict, saving again knowingly replaces the other change.
    await page.getByLabel('Output', { exact: true }).fill(typed);
    await gql(
      WebUpdateOutputDocument,
      { id: output.id, version: output.version + 1, input: { title: 'Train all nurses' } },
      await admin(),
    );
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expectErrorSummary(page, /changed by someone else/);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(/saved=output/);
    await page
      .getByText(new RegExp(`${typed}`))
      .first()
      .waitFor();
    await context.close();
  });
});
