import {
  WebActionDetailDocument,
  WebCreateObjectiveDocument,
  WebCreateOutputDocument,
  WebUpdateActionDocument,
} from '@throughline/sdk';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedAction, seedGroup, seedPlan, type Plan } from './fixtures';
import {
  admin,
  createUser,
  expectAccessible,
  expectErrorSummary,
  fillDate,
  gql,
  launch,
  newContext,
  signIn,
  unique,
  waitForApp,
  type TestUser,
  selectStarting,
} from './support';

describe('a chair moves an action to another objective, output, group and tags', () => {
  let browser: Browser;
  let chair: TestUser;
  let plan: Plan;
  let otherObjective: { id: string; code: string; outputTitle: string };
  let otherGroup: string;
  let action: { id: string; ref: string };

  beforeAll(async () => {
    browser = await launch();
    chair = await createUser('Cleo Chair', []);
    plan = await seedPlan();
    const token = await admin();
    const code = unique('O').toUpperCase();
    const { createObjective } = await gql(
      WebCreateObjectiveDocument,
      { input: { strategyId: plan.strategyId, code, title: 'Perpetrators are held to account' } },
      token,
    );
    const outputTitle = 'Perpetrator programmes in every borough';
    await gql(
      WebCreateOutputDocument,
      { input: { objectiveId: createObjective.id, title: outputTitle } },
      token,
    );
    otherObjective = { id: createObjective.id, code, outputTitle };
    await seedGroup(chair.id);
    action = await seedAction(plan, await seedGroup(chair.id), 'Commission a perpetrator programme');
    otherGroup = await seedGroup(chair.id);
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('a mismatched output is refused and named; then every change is saved', async () => {
    const context = await newContext(browser);
    const page = await signIn(context, chair);
    await page.goto(`/actions/${action.id}/edit`);
    await waitForApp(page);
    await expectAccessible(page);

    // Tags are checkboxes by kind, the ecological level with all four levels, the action's ticked.
    const levels = page.getByRole('group', { name: 'Ecological level' });
    expect(await levels.getByRole('checkbox').count()).toBe(4);
    expect(await levels.getByLabel('Community').isChecked()).toBe(true);
    expect(await levels.getByLabel('Societal').isChecked()).toBe(false);

    // Another objective, but the output of the first: the API refuses and names the output.
    await selectStarting(
      page.getByLabel('Objective', { exact: true }),
      `${otherObjective.code}: Perpetrators are held to account`,
    );
    await levels.getByLabel('Societal').check();
    await levels.getByLabel('Community').uncheck();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expectErrorSummary(page, /output/i);
    expect(await page.locator('.govuk-error-summary a[href="#outputId"]').count()).toBe(1);
    expect(await page.locator('#outputId-error').count()).toBe(1);
    // What was chosen survives the refusal.
    expect(await levels.getByLabel('Societal').isChecked()).toBe(true);
    expect(await levels.getByLabel('Community').isChecked()).toBe(false);
    await expectAccessible(page);

    await selectStarting(
      page.getByLabel('Output (optional)'),
      `${otherObjective.code}: ${otherObjective.outputTitle}`,
    );
    const groupName = await page
      .locator(`#groupId option[value="${otherGroup}"]`)
      .textContent()
      .then((t) => t!.trim());
    await page.getByLabel('Group that owns it').selectOption(otherGroup);
    await page.getByLabel('New themes (optional)').fill('Information sharing');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(`**/actions/${action.id}`);

    expect(await page.locator('.govuk-caption-l').textContent()).toContain(groupName);
    const summary = (await page.locator('.govuk-summary-list').textContent()) ?? '';
    expect(summary).toContain(`${otherObjective.code}: Perpetrators are held to account`);
    expect(summary).toContain(otherObjective.outputTitle);
    // Community was unticked: the tags are exactly these.
    expect(summary).toMatch(
      /Tags\s*(Societal, Information sharing|Information sharing, Societal)\s*Review recommendations/,
    );
    await context.close();
  });

  test('a conflict is a GOV.UK error with the current values and a way to reload', async () => {
    const context = await newContext(browser);
    const page = await signIn(context, chair);
    await page.goto(`/actions/${action.id}/edit`);
    await waitForApp(page);
    const { action: now } = await gql(WebActionDetailDocument, { id: action.id }, await admin());
    await gql(
      WebUpdateActionDocument,
      { id: action.id, version: now!.version, input: { title: 'Commission two perpetrator programmes' } },
      await admin(),
    );

    await page.getByLabel('Title').fill('My title');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expectErrorSummary(page, /changed by someone else/);
    expect(await page.locator('.govuk-summary-list').textContent()).toMatch(
      /Commission two perpetrator programmes/,
    );
    expect(await page.getByLabel('Title').inputValue()).toBe('My title');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Reload the action and discard your changes' }).click();
    await page.waitForLoadState('load');
    await waitForApp(page);
    expect(await page.locator('.govuk-error-summary').count()).toBe(0);
    expect(await page.getByLabel('Title').inputValue()).toBe('Commission two perpetrator programmes');
    await context.close();
  });
});

describe('a chair moves the due date of an agreed action', () => {
  let browser: Browser;
  let chair: TestUser;
  let action: { id: string; ref: string };

  beforeAll(async () => {
    browser = await launch();
    chair = await createUser('Dana Chair', []);
    const plan = await seedPlan();
    action = await seedAction(plan, await seedGroup(chair.id), 'Open a second refuge');
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    test(`a reason is asked for, and the action shows the original date and each revision (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const context = await newContext(browser, { javaScriptEnabled });
      const page = await signIn(context, chair);
      const { action: before } = await gql(WebActionDetailDocument, { id: action.id }, await admin());
      const from = before!.dueOn!;
      const to = javaScriptEnabled ? '2028-06-30' : '2028-09-30';
      await page.goto(`/actions/${action.id}/edit`);
      await waitForApp(page);
      await fillDate(page, 'dueOn', to);
      await page.getByRole('button', { name: 'Save changes' }).click();
      await expectErrorSummary(page, /reason the due date changed/i);
      expect(await page.locator('#dueOnChangeReason-error').count()).toBe(1);
      await expectAccessible(page);

      await page.getByLabel(/Reason for changing the due date/).fill('The refuge site was sold.');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.waitForURL(`**/actions/${action.id}`);
      const due = (await page.locator('.govuk-summary-list').textContent()) ?? '';
      expect(due).toContain('originally due 31 March 2027');
      const long = (iso: string) =>
        new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
          day: 'numeric',
          month: 'long',
          year: 'numeric',
          timeZone: 'UTC',
        });
      expect(await page.getByTestId('due-date-history').textContent()).toMatch(
        new RegExp(
          `Due ${long(from)}, revised to\\s+${long(to)} on .* by Dana Chair\\. Reason: The refuge site was sold\\.`,
        ),
      );
      await expectAccessible(page);
      await context.close();
    });
  }
});
