import fs from 'node:fs';
import {
  WebActionListDocument,
  WebCreateObjectiveDocument,
  WebCreateOutputDocument,
  WebCreateStrategyDocument,
  WebGroupsDocument,
} from '@throughline/sdk';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
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
  unique,
  type TestUser,
} from './support';

const adminLogin = () => ({ email: inject('adminEmail'), password: inject('adminPassword') });

describe("the strategic lead downloads a plan and imports last year's", () => {
  let browser: Browser;
  let chair: TestUser;
  let plan: Plan;
  let groupId: string;
  let groupName: string;
  let refs: string[];

  beforeAll(async () => {
    browser = await launch();
    chair = await createUser('Cora Chair', []);
    plan = await seedPlan(unique('Plan 2025'));
    groupId = await seedGroup(chair.id);
    const { operationalGroups } = await gql(WebGroupsDocument, {}, await admin());
    groupName = operationalGroups.find((g) => g.id === groupId)!.name;
    // A title that starts like a formula: escaped in the spreadsheet, unescaped (and said so) on import.
    const first = await seedAction(plan, groupId, '=Train frontline staff to spot coercive control');
    const second = await seedAction(plan, groupId, 'Commission an outreach service');
    refs = [first.ref, second.ref];
    await postUpdate({
      actionId: first.id,
      status: 'IN_PROGRESS',
      rag: 'AMBER',
      progress: 'Two sessions held',
      reportedOn: '2025-09-30',
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('without JavaScript: the actions page downloads the plan, and the import page checks and imports it', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await signIn(context, adminLogin());

    // Download: the link on the actions page, filtered to the group.
    await page.goto(`/actions?scope=all&group=${groupId}`);
    const link = page
      .getByRole('link', { name: new RegExp(`action plan for ${escape(groupName)} \\(XLSX spreadsheet\\)`) })
      .first();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^action-plan-.*\.xlsx$/);
    const file = await download.path();
    expect(fs.statSync(file).size).toBeGreaterThan(1000);
    await expectAccessible(page);

    // Next year's strategy, with the same objective code and output, to import the plan into.
    const token = await admin();
    const target = unique('Plan 2026');
    const { createStrategy } = await gql(WebCreateStrategyDocument, { input: { title: target } }, token);
    const { createObjective } = await gql(
      WebCreateObjectiveDocument,
      {
        input: { strategyId: createStrategy.id, code: plan.objectiveCode, title: 'Survivors get help early' },
      },
      token,
    );
    await gql(
      WebCreateOutputDocument,
      { input: { objectiveId: createObjective.id, title: 'Train frontline staff', outcomeIds: [] } },
      token,
    );

    await page.goto('/admin');
    await page.getByRole('link', { name: 'Import an action plan' }).click();
    await page.waitForURL('**/admin/import');
    await expectKeyboardReachable(page);
    await expectAccessible(page);

    // No strategy, no file: both named, linked to their fields.
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await expectErrorSummary(page, 'Select the strategy to import into');
    await expectErrorSummary(page, 'Select an XLSX or CSV file');
    await expectAccessible(page);

    // A file with problems: each named by row and column, and nothing is kept.
    await page.getByLabel('Strategy to import into').selectOption({ label: target });
    await page.getByLabel('Upload the action plan').setInputFiles({
      name: 'last-year.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `Ref,Objective,Title,Group,Due on,RAG\nX1,NOPE,Unknown objective,${groupName},31/03/2026,Green\nX2,${plan.objectiveCode},Bad date,${groupName},Ongoing,Purple\n`,
      ),
    });
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await expectErrorSummary(page, /Row 2, Objective: No objective of .* has the code or title "NOPE"/);
    await expectErrorSummary(page, /Row 3, Due on: "Ongoing" is not a date/);
    await expectErrorSummary(page, /Row 3, RAG: "Purple" is not a RAG/);
    expect(await page.locator('#problems ~ .app-table-wrapper tbody tr').count()).toBe(3);
    expect(await page.locator('#file-error').textContent()).toMatch(/The file has 3 problems/);
    await expectAccessible(page);

    // The downloaded plan: a preview of every action and of what the import does, then the import.
    await page.getByLabel('Strategy to import into').selectOption({ label: target });
    // Under the name the browser saved it as (download.path() is a nameless temporary copy).
    await page.getByLabel('Upload the action plan').setInputFiles({
      name: download.suggestedFilename(),
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: fs.readFileSync(file),
    });
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.waitForURL(/\/admin\/import\/[0-9a-f-]{36}$/).catch(async (e) => {
      throw new Error(`no preview: ${await page.locator('main').innerText()}\n${e}`);
    });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(
      /Check the actions before importing/,
    );
    const rows = page.locator('table tbody tr');
    expect(await rows.count()).toBe(2);
    // The second action's row says "Not started" (and makes no update): it reads as the file says.
    const second = rows.filter({ hasText: refs[1] });
    expect(await second.textContent()).toMatch(/Not started/);
    expect(await second.textContent()).not.toMatch(/No update\b(?! recorded)/);
    expect(await page.locator('main').textContent()).toContain(
      '=Train frontline staff to spot coercive control',
    );
    expect(await page.getByTestId('import-notes').textContent()).toMatch(
      /apostrophe .* was removed \(row [23]\)\./,
    );
    await expectKeyboardReachable(page);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Import 2 actions' }).click();
    await page.waitForURL(/imported=1$/);
    expect(await page.locator('.govuk-notification-banner--success').textContent()).toMatch(
      new RegExp(`2 actions imported into ${escape(target)}`),
    );
    expect(await page.getByRole('button', { name: /Import/ }).count()).toBe(0);
    await expectAccessible(page);

    // The actions are in the new strategy's plan, with the first update carried over.
    const { actions } = await gql(
      WebActionListDocument,
      { filter: { strategyId: createStrategy.id }, first: 10 },
      token,
    );
    const imported = actions.edges.map(({ node: a }) => ({
      ref: a.ref,
      title: a.title,
      status: a.status,
      rag: a.rag,
    }));
    expect(imported).toEqual(
      expect.arrayContaining([
        {
          ref: refs[0],
          title: '=Train frontline staff to spot coercive control',
          status: 'IN_PROGRESS',
          rag: 'AMBER',
        },
        { ref: refs[1], title: 'Commission an outreach service', status: 'NOT_STARTED', rag: null },
      ]),
    );
    await context.close();
  });

  test('the import pages are for administrators only', async () => {
    const context = await newContext(browser);
    const page = await signIn(context, chair);
    const res = await page.goto('/admin/import');
    expect(res?.status()).toBe(403);
    await context.close();
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
