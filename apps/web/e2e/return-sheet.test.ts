import ExcelJS from 'exceljs';
import { WebGroupReturnDocument, WebOpenReportingRoundDocument } from '@throughline/sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedAction, seedGroup, seedPlan, postUpdate } from './fixtures';
import {
  admin,
  createUser,
  expectAccessible,
  expectErrorSummary,
  expectKeyboardReachable,
  gql,
  isoDay,
  launch,
  newContext,
  signIn,
  type TestUser,
} from './support';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The row of the downloaded return whose Ref is `ref`. */
function rowOf(wb: ExcelJS.Workbook, ref: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  wb.getWorksheet('Return')!.eachRow((r) => {
    if (r.getCell(1).text === ref) found = r;
  });
  if (!found) throw new Error(`no row for ${ref}`);
  return found;
}

/** A column of the return by its heading, so the test does not depend on the order. */
function col(wb: ExcelJS.Workbook, heading: string): number {
  const head = wb.getWorksheet('Return')!.getRow(1);
  for (let c = 1; c <= head.cellCount; c++) if (head.getCell(c).text === heading) return c;
  throw new Error(`no column ${heading}`);
}

async function uploadSheet(page: Page, wb: ExcelJS.Workbook, name: string): Promise<void> {
  await page.getByLabel('Upload the filled-in return').setInputFiles({
    name,
    mimeType: XLSX,
    buffer: Buffer.from(await wb.xlsx.writeBuffer()),
  });
  await page.getByRole('button', { name: 'Upload and check' }).click();
}

describe('the spreadsheet return in the browser', () => {
  let browser: Browser;
  let chair: TestUser;

  beforeAll(async () => {
    browser = await launch();
    chair = await createUser('Sheila Chair', []);
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('without JavaScript: download the return, upload it filled in, see problems by row and column, then a preview with conflicts, and save', async () => {
    const plan = await seedPlan(`Sheet strategy ${Math.random().toString(36).slice(2, 6)}`);
    const groupId = await seedGroup(chair.id);
    const a1 = await seedAction(plan, groupId, 'Train housing officers');
    const a2 = await seedAction(plan, groupId, 'Fund a refuge worker');
    const a3 = await seedAction(plan, groupId, 'Map the referral routes');
    const token = await admin();
    const { openReportingRound: round } = await gql(
      WebOpenReportingRoundDocument,
      {
        input: {
          strategyId: plan.strategyId,
          title: 'Quarter 3',
          periodEnd: isoDay(-1),
          returnsDueOn: isoDay(14),
        },
      },
      token,
    );

    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await signIn(context, chair);
    await page.goto('/');
    await page.locator(`a[href^="/rounds/${round.id}/returns/"]`).first().click();
    await page.waitForURL(/\/returns\/[0-9a-f-]{36}$/);
    const returnPath = new URL(page.url()).pathname;
    const returnId = returnPath.split('/').pop()!;

    // 1. Download from the return page, and read the file back.
    const link = page.getByRole('link', { name: /return \(XLSX spreadsheet\)/ });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^return-.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    expect(rowOf(wb, a1.ref).getCell(col(wb, 'Action')).text).toBe('Train housing officers');
    expect(rowOf(wb, a1.ref).getCell(col(wb, 'Current status')).text).toBe('Not started');
    expect(wb.getWorksheet('Return')!.actualRowCount).toBe(4);
    await expectAccessible(page);

    // 2. Filled in with two mistakes: each named by its row and column, nothing saved.
    rowOf(wb, a1.ref).getCell(col(wb, 'New status')).value = 'In progress';
    rowOf(wb, a1.ref).getCell(col(wb, 'New RAG')).value = 'Purple';
    rowOf(wb, a1.ref).getCell(col(wb, 'Progress')).value = 'Forty housing officers trained.';
    rowOf(wb, a2.ref).getCell(col(wb, 'New status')).value = 'Maybe';
    rowOf(wb, a2.ref).getCell(col(wb, 'Progress')).value = 'Refuge worker recruited.';
    rowOf(wb, a3.ref).getCell(col(wb, 'Progress')).value = 'Routes mapped with the hospital.';
    const a1Row = rowOf(wb, a1.ref).number;
    const a2Row = rowOf(wb, a2.ref).number;
    await uploadSheet(page, wb, 'our-return.xlsx');
    await page.waitForURL(/\/spreadsheet\?\/upload$/);
    await expectErrorSummary(page, `Row ${a1Row}, New RAG: "Purple" is not a RAG rating`);
    await expectErrorSummary(page, new RegExp(`Row ${a2Row}, New status: "Maybe" is not a status`));
    expect(await page.locator('#sheetFile-error').textContent()).toMatch(/The file has 2 problems/);
    expect(await page.locator('#sheet-problems ~ .app-table-wrapper tbody tr').count()).toBe(2);
    await expectAccessible(page);
    let state = (await gql(WebGroupReturnDocument, { id: returnId }, token)).groupReturn!;
    expect(state.actionsDue).toHaveLength(3);

    // No file at all: said so, linked to the field.
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await expectErrorSummary(page, 'Select the filled-in return (an XLSX file)');

    // 3. Fixed; meanwhile A3 is updated on the web: its row is a conflict in the preview.
    rowOf(wb, a1.ref).getCell(col(wb, 'New RAG')).value = 'Green';
    rowOf(wb, a2.ref).getCell(col(wb, 'New status')).value = 'In progress';
    await postUpdate(
      { actionId: a3.id, status: 'IN_PROGRESS', rag: 'AMBER', progress: 'Posted on the web page' },
      chair.token,
    );
    await uploadSheet(page, wb, 'our-return.xlsx');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(
      /Check the updates before saving them/,
    );
    const rows = page.locator('table tbody tr');
    expect(await rows.count()).toBe(3);
    expect(await rows.filter({ hasText: a1.ref }).innerText()).toMatch(
      /Status: In progress\. RAG: Green\s+Progress: Forty housing officers trained\.\s+New update/,
    );
    expect(await rows.filter({ hasText: a3.ref }).innerText()).toMatch(
      /Not saved: changed since the download/,
    );
    expect(await page.getByTestId('sheet-conflicts').innerText()).toContain(
      `${a3.ref} has changed since the spreadsheet was downloaded`,
    );
    await expectKeyboardReachable(page);
    await expectAccessible(page);
    // The preview saved nothing.
    state = (await gql(WebGroupReturnDocument, { id: returnId }, token)).groupReturn!;
    expect(state.actionsDue.map((a) => a.id).sort()).toEqual([a1.id, a2.id].sort());

    // 4. A2 changes too, between the preview and the confirmation: not saved either, and said so.
    await postUpdate(
      { actionId: a2.id, status: 'IN_PROGRESS', rag: 'RED', progress: 'Changed by the coordinator' },
      token,
    );
    await page.getByRole('button', { name: 'Save 2 updates' }).click();
    await page.waitForURL((u) => u.pathname === returnPath && u.searchParams.get('done') === 'sheet');
    expect(await page.locator('.govuk-notification-banner--success').innerText()).toMatch(
      /1 update was saved from the spreadsheet/,
    );
    expect(await page.getByTestId('sheet-not-saved').innerText()).toContain(a2.ref);
    await expectAccessible(page);

    state = (await gql(WebGroupReturnDocument, { id: returnId }, token)).groupReturn!;
    const byId = new Map(state.actions.map((a) => [a.id, a]));
    expect(byId.get(a1.id)).toMatchObject({
      status: 'IN_PROGRESS',
      rag: 'GREEN',
      latestUpdate: { progress: 'Forty housing officers trained.' },
    });
    expect(byId.get(a2.id)?.latestUpdate?.progress).toBe('Changed by the coordinator');
    expect(byId.get(a3.id)?.latestUpdate?.progress).toBe('Posted on the web page');
    expect(state.actionsDue).toEqual([]);
    await context.close();
  });
});
