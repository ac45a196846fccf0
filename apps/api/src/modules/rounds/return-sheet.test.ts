import { daysFromToday } from '../../../test/support/dates';
import { viewerOf } from '../../../test/support/viewer';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';
import { Role } from '../identity/user.entity';
import { ObjectiveEntity } from '../strategy/objective.entity';
import { StrategyEntity } from '../strategy/strategy.entity';

/** The spreadsheet return through its HTTP routes: download, fill in, upload, preview, confirm. */

const UPDATE = `mutation U($input: ActionUpdateInput!) { addActionUpdate(input: $input) { id } }`;
const RETURN = `query R($id: ID!) { groupReturn(id: $id) { status actionsDue { ref }
  actions { ref status rag latestUpdate { progress } } } }`;

describe('the spreadsheet return', () => {
  let t: TestApp;
  let admin: TestUser;
  let chair: TestUser;
  let board: TestUser;
  let returnId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ mutationsPerMinute: 0 });
    admin = await t.user({ roles: [Role.ADMIN] });
    chair = await t.user({ name: 'Cara Chair' });
    board = await t.user({ roles: [Role.BOARD] });
    const viewer = viewerOf(t, admin, 'Admin');
    const group = await t.services.operationalGroups.createOperationalGroup(viewer, {
      name: 'Housing',
      chairId: chair.id,
    });
    const strategy = await t.dataSource
      .getRepository(StrategyEntity)
      .save({ partnershipId: t.partnershipId, title: 'Strategy', startsOn: daysFromToday(-200) });
    const o = await t.dataSource
      .getRepository(ObjectiveEntity)
      .save({ strategyId: strategy.id, code: 'O1', title: 'Prevention' });
    for (const ref of ['A1', 'A2', 'A3']) {
      const a = await t.services.actions.createAction(viewer, {
        objectiveId: o.id,
        groupId: group.id,
        ref,
        title: ref === 'A3' ? '=HYPERLINK("x") looks like a formula' : `Action ${ref}`,
        agreedOn: daysFromToday(-150),
      });
      ids[ref] = a.id;
    }
    const round = await t.services.rounds.openRound(viewer, {
      strategyId: strategy.id,
      title: 'Quarter 2',
      periodEnd: daysFromToday(-1),
      returnsDueOn: daysFromToday(14),
    });
    returnId = (await t.services.rounds.returnsOfRounds([round.id]))[0][0].id;
    await t.settle();
  });
  afterAll(() => t.close());

  const download = async (token: string) => {
    const res = await fetch(`${t.url}/api/returns/${returnId}/return.xlsx`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    return wb;
  };
  const upload = async (wb: ExcelJS.Workbook, token: string, confirm: boolean) => {
    const form = new FormData();
    form.append('file', new Blob([await wb.xlsx.writeBuffer()]), 'return.xlsx');
    if (confirm) form.append('confirm', 'yes');
    const res = await fetch(`${t.url}/api/returns/${returnId}/return-sheet`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  const rowOf = (wb: ExcelJS.Workbook, ref: string) => {
    const sheet = wb.getWorksheet('Return')!;
    let found: ExcelJS.Row | undefined;
    sheet.eachRow((r) => {
      if (r.getCell(1).text === ref) found = r;
    });
    return found!;
  };
  const state = async () =>
    (
      await t.ok<{
        groupReturn: {
          status: string;
          actionsDue: Array<{ ref: string }>;
          actions: Array<{
            ref: string;
            status: string;
            rag: string | null;
            latestUpdate: { progress: string } | null;
          }>;
        };
      }>(RETURN, { id: returnId }, { token: admin.token })
    ).groupReturn;

  it('round-trips a downloaded file with one row changed elsewhere in between: that row is a conflict, the rest applied', async () => {
    const wb = await download(chair.token);
    const sheet = wb.getWorksheet('Return')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Ref',
      'Action',
      'Current status',
      'Current RAG',
      'Last update',
      'Version (do not change)',
      'New status',
      'New RAG',
      'Progress',
      'Impact',
    ]);
    // Text that would start a formula is written escaped, never as a formula.
    expect(rowOf(wb, 'A3').getCell(2).value).toBe('\'=HYPERLINK("x") looks like a formula');
    expect(rowOf(wb, 'A1').getCell(3).value).toBe('Not started');

    rowOf(wb, 'A1').getCell(7).value = 'In progress';
    rowOf(wb, 'A1').getCell(8).value = 'Green';
    rowOf(wb, 'A1').getCell(9).value = 'Forty officers trained.';
    rowOf(wb, 'A2').getCell(9).value = 'Refuge worker recruited.';
    // A2 changes elsewhere after the download.
    await t.ok(
      UPDATE,
      { input: { actionId: ids.A2, status: 'IN_PROGRESS', rag: 'AMBER', progress: 'Posted on the web' } },
      { token: chair.token },
    );

    const preview = await upload(wb, chair.token, false);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      result: {
        applied: false,
        problems: [],
        rows: [
          {
            ref: 'A1',
            outcome: 'update',
            status: 'IN_PROGRESS',
            rag: 'GREEN',
            progress: 'Forty officers trained.',
          },
          { ref: 'A2', outcome: 'conflict' },
          { ref: 'A3', outcome: 'unchanged' },
        ],
      },
    });
    // The preview changed nothing.
    expect((await state()).actionsDue.map((a) => a.ref)).toEqual(['A1', 'A3']);

    const done = await upload(wb, chair.token, true);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ result: { applied: true } });
    const after = await state();
    expect(after.actionsDue.map((a) => a.ref)).toEqual(['A3']);
    const byRef = new Map(after.actions.map((a) => [a.ref, a]));
    expect(byRef.get('A1')).toMatchObject({
      status: 'IN_PROGRESS',
      rag: 'GREEN',
      latestUpdate: { progress: 'Forty officers trained.' },
    });
    // The conflicting row was not applied: A2 keeps the other change.
    expect(byRef.get('A2')?.latestUpdate?.progress).toBe('Posted on the web');
    const [audit] = await t.dataSource.query(
      `SELECT after FROM audit_entry WHERE operation = 'uploadGroupReturn' AND entity_type = 'GroupReturn'`,
    );
    expect(audit.after).toMatchObject({ updated: ['A1'], conflicts: ['A2'] });
  });

  it('a file with a problem makes nothing (all rows or none), and only the group or an admin may upload', async () => {
    const wb = await download(chair.token);
    rowOf(wb, 'A1').getCell(9).value = 'Another good row';
    rowOf(wb, 'A3').getCell(7).value = 'Maybe';
    rowOf(wb, 'A3').getCell(9).value = { formula: '1+1', result: 2 } as ExcelJS.CellValue;
    const res = await upload(wb, chair.token, true);
    expect(res.status).toBe(422);
    const problems = (
      res.body as { result: { problems: Array<{ row: number; column: string; message: string }> } }
    ).result.problems;
    expect(problems.map((p) => p.column)).toEqual(['Progress', 'New status']);
    expect(problems[1].message).toMatch(/"Maybe" is not a status/);
    const after = await state();
    expect(after.actions.find((a) => a.ref === 'A1')?.latestUpdate?.progress).toBe('Forty officers trained.');

    const refused = await upload(await download(board.token), board.token, true);
    expect(refused.status).toBe(403);
  });
});
