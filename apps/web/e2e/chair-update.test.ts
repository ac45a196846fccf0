import { WebUpdateActionDocument } from '@throughline/sdk';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedAction, seedGroup, seedPlan, type Plan, postUpdate } from './fixtures';
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
  type TestUser,
  fillDateGroup,
} from './support';

describe('a group chair keeps an action current and the board sees it', () => {
  let browser: Browser;
  let chair: TestUser;
  let board: TestUser;
  let plan: Plan;
  let action: { id: string; ref: string };

  beforeAll(async () => {
    browser = await launch();
    chair = await createUser('Chris Chair', []);
    board = await createUser('Bola Board', ['BOARD']);
    plan = await seedPlan();
    const groupId = await seedGroup(chair.id);
    action = await seedAction(plan, groupId, 'Train 200 GPs to spot coercive control');
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('the chair posts an update (after fixing its errors) and the roll-up turns green', async () => {
    // The board first: the objective has no rated action yet.
    const boardContext = await newContext(browser);
    const boardPage = await signIn(boardContext, board);
    await boardPage.goto(`/board?strategy=${plan.strategyId}`);
    const objectiveLine = boardPage.getByTestId(`objective-${plan.objectiveCode}`);
    expect(await objectiveLine.textContent()).toMatch(
      /Overall rating, from its actions' ratings:\s*Not rated/,
    );
    await expectKeyboardReachable(boardPage);
    await expectAccessible(boardPage);

    const context = await newContext(browser);
    const page = await signIn(context, chair);
    // Home leads the chair to their group's actions.
    expect(await page.locator('main').textContent()).toMatch(/Your groups/);
    await page.getByRole('link', { name: "Your groups' actions with an update due" }).waitFor();
    await page.goto('/actions');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe("My groups' actions");
    await expectKeyboardReachable(page);
    await expectAccessible(page);
    await page.getByRole('link', { name: new RegExp(action.ref) }).click();
    await page.waitForURL(`**/actions/${action.id}`);
    await expectAccessible(page);

    // Errors: no status chosen and a date that does not exist (caught before the API)...
    await page
      .getByLabel('Not started')
      .uncheck()
      .catch(() => undefined);
    await fillDateGroup(page, 'Date of this update', '2026-02-30');
    await page.getByRole('button', { name: 'Add update' }).click();
    await expectErrorSummary(page, /date of this update must be a real date/i);
    await expectAccessible(page);

    // An update that says nothing is refused: progress text is required.
    await page.getByLabel('In progress').check();
    await page.getByLabel('Green', { exact: true }).check();
    await fillDateGroup(page, 'Date of this update', new Date().toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Add update' }).click();
    // The summary from the last attempt is on the page until the new one replaces it.
    await page.locator('.govuk-error-summary', { hasText: 'Enter what progress has been made' }).waitFor();
    await expectErrorSummary(page, /Enter what progress has been made/);
    expect(await page.locator('.app-update-history').count()).toBe(0);
    await expectAccessible(page);

    // ...and one only the API knows: a date in the future, named by extensions.field.
    await page.getByLabel('In progress').check();
    await page.getByLabel('Green', { exact: true }).check();
    await page.getByLabel('Progress', { exact: true }).fill('Two training sessions held; 60 GPs trained.');
    await page.getByLabel('Impact').fill('Referrals from GP surgeries have started.');
    await fillDateGroup(page, 'Date of this update', '2999-01-01');
    await page.getByRole('button', { name: 'Add update' }).click();
    await page.locator('#reportedOn-error').waitFor();
    await expectErrorSummary(page, /./);
    const summaryLink = page.locator('.govuk-error-summary a[href="#reportedOn"]');
    expect(await summaryLink.count()).toBe(1);
    expect(await page.locator('#reportedOn-error').count()).toBe(1);
    // What the chair typed survives the error.
    expect(await page.getByLabel('Progress', { exact: true }).inputValue()).toBe(
      'Two training sessions held; 60 GPs trained.',
    );
    await expectAccessible(page);

    await fillDateGroup(page, 'Date of this update', new Date().toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Add update' }).click();
    await page.locator('.govuk-notification-banner--success').waitFor();
    const history = page.locator('.app-update-history');
    expect(await history.count()).toBe(1);
    expect(await history.first().textContent()).toMatch(/Two training sessions held/);
    expect(await history.first().textContent()).toMatch(/by Chris Chair/);
    await expectAccessible(page);

    // An earlier update loaded afterwards: the history stays newest first.
    await postUpdate({
      actionId: action.id,
      status: 'IN_PROGRESS',
      rag: 'AMBER',
      progress: 'First session planned.',
      reportedOn: '2025-06-30',
    });
    await page.reload();
    expect(await history.count()).toBe(2);
    expect(await history.first().textContent()).toMatch(/Two training sessions held/);
    expect(await history.last().textContent()).toMatch(/30 June 2025.*First session planned/s);

    // The board's roll-up now derives GREEN (one green, in-progress action: score 100%).
    await boardPage.reload();
    expect(await boardPage.getByTestId(`objective-${plan.objectiveCode}`).textContent()).toMatch(
      /Overall rating, from its actions' ratings:\s*Green/,
    );
    // The rule is said where the rating is shown.
    expect(await boardPage.getByTestId(`rule-${plan.objectiveCode}`).textContent()).toMatch(
      /complete and green actions count 1, amber ½ and red 0.*The average is 100%/s,
    );
    // As of a date before the update, it is still unrated: the "as of" form works.
    await fillDateGroup(boardPage, 'Show the plan as it was on', '2025-05-01');
    await boardPage.getByRole('button', { name: 'Show' }).click();
    await boardPage.waitForURL(/asOf-day=1&asOf-month=5&asOf-year=2025/);
    expect(await boardPage.getByTestId(`objective-${plan.objectiveCode}`).textContent()).toMatch(
      /Overall rating, from its actions' ratings:\s*Not rated/,
    );
    await expectAccessible(boardPage);
    // Its counts open the actions as they stood that day, not as they are today.
    const totals = boardPage.getByTestId('totals');
    const green = totals.getByRole('link', { name: /green/ });
    expect(await green.getAttribute('href')).toMatch(/asOf=2025-05-01/);
    // Green today, unrated then: the drill-down lists no green action as of that day.
    expect(await green.textContent()).toMatch(/^0 green/);
    await green.click();
    await boardPage.waitForURL(/\/actions\?.*asOf=2025-05-01/);
    expect(await boardPage.getByRole('status').textContent()).toMatch(
      /^\s*0\s+actions found, by their status, rating and due date on 1 May 2025/,
    );
    await boardPage.getByTestId('as-of-note').waitFor();
    await expectAccessible(boardPage);
    // Without asOf, the same link lists the action green today.
    await boardPage.goto(`/actions?scope=all&strategy=${plan.strategyId}&rag=GREEN`);
    expect(await boardPage.getByRole('status').textContent()).toMatch(/^\s*[1-9]\d*\s+actions? found/);

    // The trend: a chart with a text alternative, and the same figures as a table.
    await boardPage.goto(`/board?strategy=${plan.strategyId}`);
    await boardPage
      .getByRole('link', { name: new RegExp(`Trend over the quarters for ${plan.objectiveCode}`) })
      .click();
    await boardPage.waitForURL(/\/board\/trend\//);
    expect(await boardPage.locator('svg[role="img"] title').textContent()).toMatch(plan.objectiveCode);
    const rows = boardPage.locator('table tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(8);
    expect(await rows.last().textContent()).toMatch(/Green/);
    // Steps end on calendar quarter ends; a quarter not yet finished says so.
    const heads = await boardPage.locator('table tbody th').allTextContents();
    for (const h of heads.slice(0, 8))
      expect(h.trim()).toMatch(/^(31 March|30 June|30 September|31 December) \d{4}$/);
    const today = new Date().toISOString().slice(5, 10);
    if (!['03-31', '06-30', '09-30', '12-31'].includes(today)) {
      expect(heads.at(-1)).toMatch(
        /^(31 March|30 June|30 September|31 December) \d{4}\s*Not finished: figures as of/,
      );
    }
    await expectKeyboardReachable(boardPage);
    await expectAccessible(boardPage);
    await context.close();
    await boardContext.close();
  });

  test('editing an action someone else changed first says so and shows the current values', async () => {
    const context = await newContext(browser);
    const page = await signIn(context, chair);
    await page.goto(`/actions/${action.id}/edit`);
    await expectAccessible(page);
    const version = Number(await page.locator('input[name="version"]').inputValue());

    // Meanwhile an administrator renames it.
    await gql(
      WebUpdateActionDocument,
      { id: action.id, version, input: { title: 'Train 250 GPs to spot coercive control' } },
      await admin(),
    );

    await page.getByLabel('Title').fill('Train 300 GPs');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expectErrorSummary(page, /changed by someone else while you were editing/);
    expect(await page.locator('.govuk-summary-list').textContent()).toMatch(
      /Train 250 GPs to spot coercive control/,
    );
    expect(await page.getByLabel('Title').inputValue()).toBe('Train 300 GPs');
    await expectAccessible(page);

    // Saving again, knowingly, applies the chair's change.
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(`**/actions/${action.id}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Train 300 GPs');
    await context.close();
  });
});
