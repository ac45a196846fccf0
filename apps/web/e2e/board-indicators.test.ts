import type { Browser, Page } from 'playwright-core';
import {
  WebCreateIndicatorDocument,
  WebRecordMeasurementDocument,
  WebSetIndicatorTargetDocument,
} from '@throughline/sdk';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedPlan, type Plan } from './fixtures';
import {
  admin,
  createUser,
  expectAccessible,
  gql,
  launch,
  newContext,
  signIn,
  unique,
  waitForApp,
  type TestUser,
  fillDateGroup,
} from './support';

// A board member reads an indicator per borough: each borough's latest figure against the target in
// force, "fewer than 5" for a small count, the boroughs that have not reported, and the chart with
// its table; with JavaScript on and off. An administrator records a target and a rate without JS.

const NAME = 'Cases where risk is reduced at closure';

describe('indicators per borough on the board', () => {
  let browser: Browser;
  let board: TestUser;
  let lead: TestUser;
  let plan: Plan;
  let indicatorId: string;

  beforeAll(async () => {
    browser = await launch();
    board = await createUser('Bea Board', ['BOARD']);
    lead = await createUser('Lee Lead', ['ADMIN']);
    plan = await seedPlan(unique('Borough plan'));
    const token = await admin();
    indicatorId = (
      await gql(
        WebCreateIndicatorDocument,
        {
          input: {
            outcomeId: plan.outcomeId,
            name: NAME,
            unit: '%',
            baseline: 60,
            target: 90,
            isRate: true,
            tolerance: 5,
          },
        },
        token,
      )
    ).createIndicator.id;
    const rate = (period: string, area: string, numerator: number, denominator: number) =>
      gql(
        WebRecordMeasurementDocument,
        { input: { indicatorId, period, area, numerator, denominator } },
        token,
      );
    await rate('2025-06-30', 'Camden', 94, 100);
    await rate('2025-06-30', 'Barnet', 20, 40);
    await rate('2025-06-30', 'Islington', 3, 4);
    await rate('2025-09-30', 'Camden', 54, 60);
    for (const [period, value] of [
      ['2026-03-31', 80],
      ['2027-03-31', 90],
    ] as const) {
      await gql(WebSetIndicatorTargetDocument, { input: { indicatorId, period, value } }, token);
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function readIndicator(page: Page) {
    await page.goto(`/board?strategy=${plan.strategyId}&asOf=2026-03-31`);
    await waitForApp(page);
    const section = page.getByRole('region', { name: new RegExp(NAME) });
    const table = section.getByRole('table', { name: `${NAME}: latest value by area` });
    const row = (area: string) => table.getByRole('row', { name: new RegExp(`^${area}`) });
    // Partnership-wide: only Camden reported for September, 54 of 60; the target then is 80% (by March 2026).
    expect(await row('Partnership-wide').textContent()).toMatch(
      /90 % \(54 of 60\).*30 September 2025.*80 %.*On track/,
    );
    expect(await row('Barnet').textContent()).toMatch(/50 % \(20 of 40\).*30 June 2025.*Off track/);
    expect(await row('Islington').textContent()).toMatch(/fewer than 5/);
    expect(await row('Islington').textContent()).not.toMatch(/3 of 4|75/);
    expect(await section.getByTestId('not-reported').textContent()).toMatch(
      /Not reported for 30 September 2025: Barnet, Islington\./,
    );
    // The chart is an image with a name and a description carrying the numbers...
    const chart = section.getByRole('img', { name: new RegExp(`${NAME} over time`) });
    expect(await chart.count()).toBe(1);
    const desc = await chart.locator('desc').textContent();
    expect(desc).toMatch(
      /Camden: 94 % \(94 of 100\) in 30 June 2025, 90 % \(54 of 60\) in 30 September 2025/,
    );
    expect(desc).toMatch(/Islington: fewer than 5/);
    expect(desc).toMatch(/Trajectory: 80 % by 31 March 2026, 90 % by 31 March 2027/);
    // ... and a table with every number.
    const numbers = section.getByRole('table', { name: /values over time/ });
    expect(await numbers.getByRole('row', { name: /30 June 2025/ }).textContent()).toMatch(/fewer than 5/);
    expect(await numbers.getByRole('row', { name: /30 September 2025/ }).textContent()).toMatch(
      /Not reported/,
    );
    await expectAccessible(page);
  }

  test('a board member reads each borough with its chart (JavaScript on)', async () => {
    const context = await newContext(browser);
    await readIndicator(await signIn(context, board));
    await context.close();
  });

  test('and with JavaScript off', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    await readIndicator(await signIn(context, board));
    await context.close();
  });

  test('an administrator sets a target and records a rate without JavaScript', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await signIn(context, lead);
    await page.goto(`/admin/strategies/${plan.strategyId}`);
    await page.getByText(`Set a target for a date`, { exact: false }).filter({ hasText: NAME }).click();
    const targetForm = page
      .locator('form[action="?/target"]')
      .filter({ has: page.locator(`input[value="${indicatorId}"]`) });
    await fillDateGroup(targetForm, 'To reach by', '2026-09-30');
    await targetForm.getByLabel('Percentage to reach').fill('85');
    await targetForm.getByLabel('Area (optional)').fill('Barnet');
    await targetForm.getByRole('button', { name: 'Set target' }).click();
    await page.waitForURL(/saved=target/);
    expect(await page.locator('body').textContent()).toMatch(/85 % by 30 September 2026 \(Barnet\)/);

    await page.getByText('Record a measurement').filter({ hasText: NAME }).click();
    const m = page
      .locator('form[action="?/measurement"]')
      .filter({ has: page.locator(`input[value="${indicatorId}"]`) });
    await fillDateGroup(m, 'Period ending', '2025-12-31');
    await m.getByLabel('Number counted (numerator)').fill('18');
    await m.getByLabel('Out of (denominator)').fill('20');
    await m.getByLabel('Source (optional)').fill('Borough quarterly return');
    await m.getByLabel('Area (optional)').fill('Barnet');
    await m.getByRole('button', { name: 'Record measurement' }).click();
    await page.waitForURL(/saved=measurement/);
    await expectAccessible(page);

    // The tolerance is changed on the indicator's own page.
    await page.goto(`/admin/strategies/${plan.strategyId}/indicators/${indicatorId}`);
    await page.getByLabel('Tolerance').fill('10');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(/saved=indicator/);
    expect(await page.locator('body').textContent()).toMatch(
      /A rate \(numerator over denominator\)\. Tolerance 10 %\./,
    );

    // The board now shows Barnet's 18 of 20 against its own target.
    await page.goto(`/board?strategy=${plan.strategyId}&asOf=2026-03-31`);
    const section = page.getByRole('region', { name: new RegExp(NAME) });
    const barnet = section
      .getByRole('table', { name: `${NAME}: latest value by area` })
      .getByRole('row', { name: /^Barnet/ });
    expect(await barnet.textContent()).toMatch(/90 % \(18 of 20\).*31 December 2025.*85 %.*On track/);
    await context.close();
  });
});
