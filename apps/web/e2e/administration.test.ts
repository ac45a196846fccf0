import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedPlan } from './fixtures';
import { inject } from 'vitest';
import {
  createUser,
  expectAccessible,
  expectErrorSummary,
  expectKeyboardReachable,
  launch,
  newContext,
  signIn,
  unique,
  waitForApp,
  type TestUser,
  fillDateGroup,
  selectStarting,
} from './support';

describe('the strategic lead builds the plan through the administration pages', () => {
  let browser: Browser;
  let chair: TestUser;

  beforeAll(async () => {
    browser = await launch();
    chair = await createUser('Carla Chair', []);
    // Another strategy, so that the objective pickers name each objective's strategy.
    await seedPlan();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('strategy tree, indicator and measurement, group and membership, user, and an action', async () => {
    const context = await newContext(browser);
    const page = await signIn(context, { email: inject('adminEmail'), password: inject('adminPassword') });
    await page.goto('/admin');
    await expectKeyboardReachable(page);
    await expectAccessible(page);

    // Strategy
    await page.goto('/admin/strategies');
    const title = unique('VAWG strategy');
    await page.getByLabel('Title').fill(title);
    await fillDateGroup(page, 'Start date (optional)', '2025-04-01');
    await fillDateGroup(page, 'End date (optional)', '2028-03-31');
    await page.getByRole('button', { name: 'Add strategy' }).click();
    await page.waitForURL(/\/admin\/strategies\/[^/]+$/);
    await waitForApp(page);
    await expectAccessible(page);

    // Settings: the thresholds are edited as percentages.
    await page.getByText("Change the strategy's settings").click();
    await page.getByLabel('Green from (%)').fill('85');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.waitForURL(/saved=strategy/);
    expect(await page.locator('main').innerText()).toMatch(/Green from 85%, amber from 50%/);

    // Objective, outcome, output
    const code = unique('P').toUpperCase();
    await page.getByLabel('Code').fill(code);
    await page.locator('#objective-title').fill('Prevent abuse before it starts');
    await page.getByRole('button', { name: 'Add objective' }).click();
    await page.getByRole('heading', { name: new RegExp(`${code}: Prevent abuse`) }).waitFor();
    await page.getByText(`Add an outcome to ${code}`).click();
    await page.getByLabel('Outcome', { exact: true }).fill('Young people understand healthy relationships');
    await page.getByRole('button', { name: 'Add outcome' }).click();
    await page.getByText('Young people understand healthy relationships').first().waitFor();
    await page.getByText(`Add an output to ${code}`).click();
    await page.getByLabel('Output', { exact: true }).fill('Healthy relationships lessons in every school');
    await page.getByLabel('Young people understand healthy relationships').check();
    await page.getByRole('button', { name: 'Add output' }).click();
    await page.getByText(/Healthy relationships lessons in every school \(contributes to/).waitFor();

    // Indicator: a baseline that is not a number is refused, linked to its field, the typed name kept.
    await page.getByText('Add an indicator to Young people understand').click();
    await page.getByLabel('Name').fill('Schools delivering lessons');
    await page.getByLabel('Baseline (optional)').fill('a few');
    await page.getByLabel('Target (optional)').fill('60');
    await page.getByRole('button', { name: 'Add indicator' }).click();
    await expectErrorSummary(page, /baseline must be a number/i);
    expect(await page.getByLabel('Name').inputValue()).toBe('Schools delivering lessons');
    await expectAccessible(page);
    await page.getByLabel('Baseline (optional)').fill('12');
    await page.getByRole('button', { name: 'Add indicator' }).click();
    await page.getByText(/Indicator: Schools delivering lessons\. Baseline 12, target 60/).waitFor();
    await page.getByText('Record a measurement of Schools delivering lessons').click();
    await fillDateGroup(page, 'Period ending', '2025-12-31');
    await page.getByLabel('Value').fill('30');
    await page.getByRole('button', { name: 'Record measurement' }).click();
    await page
      .getByText(/Measurements: 30 on 31 December 2025/)
      .waitFor()
      .catch(async (e) => {
        console.log(await page.locator('main').innerText());
        throw e;
      });
    await expectAccessible(page);

    // Group with a chair
    await page.goto('/admin/groups');
    await waitForApp(page);
    const group = unique('Prevention group');
    await page.locator('#group-name').fill(group);
    await page.locator('#group-chairId').selectOption({ label: `${chair.name} (${chair.email})` });
    await page.getByRole('button', { name: 'Add group' }).click();
    await page.getByRole('heading', { name: group }).waitFor();
    const section = page.locator('section', { has: page.getByRole('heading', { name: group }) });
    expect(await section.textContent()).toMatch(/Carla Chair\s*Chair/);
    await expectAccessible(page);

    // Users: the API's password rule shows in the summary; then a facilitator is added.
    await page.goto('/admin/users');
    await waitForApp(page);
    const email = `${unique('fac')}@example.org`;
    await page.getByLabel('Full name').fill('Fern Facilitator');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('First password').fill('short');
    await page.getByLabel('Survivor-forum facilitator').last().check();
    await page.getByRole('button', { name: 'Add user' }).click();
    await expectErrorSummary(page, /password/i);
    await expectAccessible(page);
    await page.getByLabel('First password').fill('a-much-longer-password-2026');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByRole('cell', { name: new RegExp(email) }).waitFor();
    await expectAccessible(page);

    // An action in the new group, against the new objective and output.
    await page.goto('/actions/new');
    await waitForApp(page);
    await page.getByLabel('Group that owns it').selectOption({ label: group });
    // Where several strategies exist, each objective is named with its strategy.
    const objectiveText = await selectStarting(
      page.getByLabel('Objective'),
      `${code}: Prevent abuse before it starts`,
    );
    expect(objectiveText).toMatch(new RegExp(`^${code}: Prevent abuse before it starts \\(${title}`));
    await selectStarting(
      page.getByLabel('Output (optional)'),
      `${code}: Healthy relationships lessons in every school`,
    );
    await page.getByLabel('Reference').fill(unique('P1'));
    await page.getByLabel('Action', { exact: true }).fill('Commission a healthy relationships programme');
    await fillDateGroup(page, 'Due date (optional)', '2027-07-31');
    await page.getByLabel('Community').check();
    await page.getByRole('button', { name: 'Add action' }).click();
    await page.waitForURL((u) => /^\/actions\/[0-9a-f-]{36}$/.test(u.pathname));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Commission a healthy relationships programme',
    );
    expect(await page.locator('.govuk-summary-list').textContent()).toMatch(/Community/);
    await expectAccessible(page);
    await context.close();
  });
});
