import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../shared/dates';
import {
  ACTION,
  type ActionNode,
  actionsOf,
  admin,
  board,
  count,
  housing,
  IMPORT,
  justice,
  OBJECTIVE,
  objectiveId,
  otherStrategy,
  OUTPUT,
  PREVIEW,
  setUp,
  STRATEGY,
  strategy,
  t,
  tearDown,
  upload,
  workbook,
} from './test-support/import-testbed';

describe('action plan import (POST /api/strategies/:id/action-imports, then importActions)', () => {
  beforeAll(setUp);
  afterAll(tearDown);

  it("previews last year's plan as partnerships write it, then creates every action with its update", async () => {
    // A title above the headings, the priority merged down its actions, the annual report's column names.
    const bytes = await workbook(
      [
        ['VAWG action plan 2024-25'],
        [
          'Ref',
          'Priority',
          'Agreed Action',
          'Lead',
          'Group',
          'Timescale',
          'Output',
          'Action Update',
          'Action Impact',
          'RAG',
          'Status',
          'Notes',
        ],
        [
          '1.1',
          'Access',
          'Monitor performance of specialist services',
          'Contracts team',
          'Housing',
          new Date(Date.UTC(2025, 2, 31)),
          'Outreach',
          'Contract monitoring held',
          'Targets met',
          'Green',
          'In progress',
          'x',
        ],
        [
          '1.2',
          null,
          'Increase access locations',
          { formula: 'CONCAT("VAWG ","coordinator")', result: 'VAWG coordinator' },
          'housing',
          '31/03/2025',
          null,
          "'- Pan-London pathways",
          null,
          'A',
          null,
          null,
        ],
        [
          '2.1',
          'O2',
          'Develop a VAWG strategy',
          null,
          'Justice & Protection',
          '30 June 2025',
          null,
          null,
          null,
          null,
          'Not started',
          null,
        ],
        [
          '2.2',
          'response',
          'Coordinate DAHA accreditation',
          'Housing lead',
          'Justice & Protection',
          null,
          null,
          null,
          null,
          null,
          null,
          null,
        ],
      ],
      (ws) => ws.mergeCells('B3:B4'),
    );
    const res = await upload(strategy, { bytes, name: 'Action plan 2024-25.xlsx' });
    expect(res.status, JSON.stringify(res)).toBe(201);
    const p = res.preview!;
    expect(p.problems).toEqual([]);
    expect(p).toMatchObject({
      format: 'XLSX',
      sheetName: 'Action plan 2024-25',
      headingRow: 2,
      rowCount: 4,
      ignoredHeadings: ['Notes'],
    });
    expect(p.columns).toEqual([
      { field: 'ref', heading: 'Ref' },
      { field: 'objective', heading: 'Priority' },
      { field: 'title', heading: 'Agreed Action' },
      { field: 'lead', heading: 'Lead' },
      { field: 'group', heading: 'Group' },
      { field: 'dueOn', heading: 'Timescale' },
      { field: 'output', heading: 'Output' },
      { field: 'progress', heading: 'Action Update' },
      { field: 'impact', heading: 'Action Impact' },
      { field: 'rag', heading: 'RAG' },
      { field: 'status', heading: 'Status' },
    ]);
    const today = todayIso();
    // Every default and every change is said, with its rows: nothing happens silently.
    expect(p.notes).toEqual([
      { message: `Progress with no date reported is recorded as reported today (${today}).`, rows: [3, 4] },
      { message: `Rows with no date agreed are recorded as agreed today (${today}).`, rows: [3, 4, 5, 6] },
      { message: 'Formulas were not run: the values saved with them were used.', rows: [4] },
      {
        message:
          'An apostrophe before a leading =, +, -, @ (added on export so spreadsheets show text, not a formula) was removed.',
        rows: [4],
      },
      { message: 'Rows with a RAG or progress but no status are imported as In progress.', rows: [4] },
      {
        message: 'Rows that are Not started with no RAG, progress or date reported get no update.',
        rows: [5],
      },
    ]);

    // Nothing exists yet: the preview is only a preview.
    expect(await actionsOf(strategy)).toEqual([]);
    const { actionImport } = await t.ok<{ actionImport: Record<string, unknown> }>(
      PREVIEW,
      { id: p.id },
      { token: admin.token },
    );
    expect(actionImport).toMatchObject({
      fileName: 'Action plan 2024-25.xlsx',
      rowCount: 4,
      confirmedAt: null,
      strategy: { id: strategy, title: 'VAWG strategy' },
    });
    expect((actionImport.rows as unknown[])[1]).toEqual({
      row: 4,
      ref: '1.2',
      title: 'Increase access locations',
      lead: 'VAWG coordinator',
      objectiveCode: 'O1',
      outputTitle: null,
      groupName: 'Housing',
      agreedOn: null,
      dueOn: '2025-03-31',
      status: 'IN_PROGRESS',
      rag: 'AMBER',
      progress: '- Pan-London pathways',
      impact: '',
      reportedOn: today,
      tags: [],
    });

    const done = await t.ok<{ importActions: { confirmedAt: string | null; rowCount: number } }>(
      IMPORT,
      { input: { importId: p.id } },
      { token: admin.token },
    );
    expect(done.importActions.confirmedAt).not.toBeNull();
    const actions = await actionsOf(strategy);
    expect(actions.map((a) => [a.ref, a.objective.code, a.group.name, a.dueOn, a.status, a.rag])).toEqual([
      ['1.1', 'O1', 'Housing', '2025-03-31', 'IN_PROGRESS', 'GREEN'],
      ['1.2', 'O1', 'Housing', '2025-03-31', 'IN_PROGRESS', 'AMBER'],
      ['2.1', 'O2', 'Justice & Protection', '2025-06-30', 'NOT_STARTED', null],
      ['2.2', 'O2', 'Justice & Protection', null, 'NOT_STARTED', null],
    ]);
    const first = actions[0];
    expect(first.output).toEqual({ title: 'Outreach' });
    expect(first.agreedOn).toBe(today);
    // The initial update carries the row's status, RAG and progress; an imported update has no author.
    expect(first.updates).toEqual([
      {
        status: 'IN_PROGRESS',
        rag: 'GREEN',
        progress: 'Contract monitoring held',
        impact: 'Targets met',
        reportedOn: today,
        author: null,
      },
    ]);
    expect(actions[2].updates).toEqual([]);
    expect(actions[3].updates).toEqual([]);

    // The audit trail: the upload, each action and update, and the import itself, by the admin.
    const audit = await t.dataSource.query(
      `SELECT operation, count(*)::int AS n FROM audit_entry WHERE actor_id = $1 AND operation IN
         ('previewActionImport', 'importActions', 'createAction', 'addActionUpdate') GROUP BY 1 ORDER BY 1`,
      [admin.id],
    );
    expect(audit).toEqual([
      { operation: 'addActionUpdate', n: 2 },
      { operation: 'createAction', n: 4 },
      { operation: 'importActions', n: 1 },
      { operation: 'previewActionImport', n: 1 },
    ]);

    // Confirming again (a double click, a replayed form) creates nothing.
    const again = await t.request(IMPORT, { input: { importId: p.id } }, { token: admin.token });
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await actionsOf(strategy)).toHaveLength(4);
  });

  it('names every problem by row and column, and keeps nothing', async () => {
    await t.ok(
      ACTION,
      {
        input: {
          objectiveId: await objectiveId(otherStrategy, 'O1'),
          groupId: housing,
          ref: 'TAKEN',
          title: 'Already here',
        },
      },
      { token: admin.token },
    );
    const before = await count('action_import');
    const bytes = await workbook([
      ['Ref', 'Objective', 'Title', 'Group', 'Due on', 'RAG', 'Status', 'Lead', 'Tags'],
      ['A1', 'O9', 'Unknown objective', 'Housing', null, null, null, null, null],
      ['A2', 'O1', 'Unknown group', 'Planning', null, null, null, null, null],
      ['A3', 'O1', 'Bad date', 'Housing', 'Ongoing', 'Purple', 'Stalled', null, 'Theme:Outreach'],
      ['A3', 'O1', null, 'Housing', null, null, null, { error: '#REF!' }, null],
      ['TAKEN', 'O1', 'Clashes with the strategy', 'Housing', null, null, null, { formula: 'A1' }, null],
      ['A6', 'O1', 'x'.repeat(301), 'Housing', null, null, null, null, null],
    ]);
    const res = await upload(otherStrategy, { bytes, name: 'plan.xlsx' });
    expect(res.status).toBe(422);
    const p = res.preview!;
    expect(p.id).toBeNull();
    expect(p.problems.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, 'Objective', 'No objective of "VAWG other" has the code or title "O9". Its codes are O1, O2.'],
      [3, 'Group', 'There is no operational group called "Planning".'],
      [
        4,
        'Due on',
        '"Ongoing" is not a date. Enter a date like 2025-03-31, 31/03/2025 or 31 March 2025, or leave it blank.',
      ],
      [4, 'Status', '"Stalled" is not a status. Use Not started, In progress, Complete or Cancelled.'],
      [4, 'RAG', '"Purple" is not a RAG. Use Red, Amber or Green, or leave it blank.'],
      [4, 'Tags', 'Tag kind "Theme" must be lowercase letters, digits and hyphens (at most 40 characters).'],
      [5, 'Title', 'Enter the title.'],
      [5, 'Lead', 'The cell shows the error #REF!.'],
      [5, 'Ref', 'Ref "A3" is also used on row 4.'],
      [6, 'Lead', 'The cell holds a formula with no saved value.'],
      [6, 'Ref', 'An action of "VAWG other" already has ref "TAKEN".'],
      [7, 'Title', 'The title must be 300 characters or fewer (it has 301).'],
    ]);
    expect(p.problemCount).toBe(12);
    expect(await count('action_import')).toBe(before);
  });

  it('says which required columns are missing, or that there are no headings at all', async () => {
    const noRef = await upload(otherStrategy, { bytes: 'Title,Objective\nA,O1\n', name: 'plan.csv' });
    expect(noRef.status).toBe(422);
    expect(noRef.preview!.problems.map((e) => [e.row, e.column, e.message])).toEqual([
      [1, 'Ref', 'There is no "Ref" column (or "Reference"). Add one: every action needs its ref.'],
      [
        1,
        'Group',
        'There is no "Group" column. Add one naming each action\'s operational group, or choose a group for the whole file.',
      ],
    ]);
    const none = await upload(otherStrategy, { bytes: 'a,b\n1,2\n', name: 'plan.csv' });
    expect(none.preview!.problems[0]).toMatchObject({ row: null, column: null });
    expect(none.preview!.problems[0].message).toMatch(/^No row of headings was found/);
  });

  it('imports CSV (UTF-8, quoted line breaks), with a group chosen for the whole file', async () => {
    const csv =
      '\uFEFFRef,Objective code,Title,Agreed on,Reported on,Status,RAG,Latest progress,Tags\r\n' +
      'C1,O2,"Survivors shape services, through forums",2024-04-01,2025-03-31,Complete,,"Forum met\nquarterly",theme:survivor-voice; ecological-level:community\r\n';
    const res = await upload(
      otherStrategy,
      { bytes: csv, name: 'plan.csv', type: 'text/csv' },
      { defaultGroupId: justice },
    );
    expect(res.status, JSON.stringify(res)).toBe(201);
    expect(res.preview!.notes).toEqual([
      {
        message: 'Rows that name no group go to Justice & Protection, the group chosen for the file.',
        rows: [2],
      },
    ]);
    await t.ok(IMPORT, { input: { importId: res.preview!.id } }, { token: admin.token });
    const c1 = (await actionsOf(otherStrategy)).find((a) => a.ref === 'C1')!;
    expect(c1).toMatchObject({
      title: 'Survivors shape services, through forums',
      agreedOn: '2024-04-01',
      status: 'COMPLETE',
      rag: null,
      group: { name: 'Justice & Protection' },
      tags: [
        { kind: 'ecological-level', slug: 'community' },
        { kind: 'theme', slug: 'survivor-voice' },
      ],
    });
    expect(c1.updates[0]).toMatchObject({ progress: 'Forum met\nquarterly', reportedOn: '2025-03-31' });
  });

  it('is all or nothing: a row that no longer fits at confirmation rolls every row back, naming it', async () => {
    const csv = 'Ref,Objective,Title,Group,RAG\nR1,O1,First,Housing,Green\nR2,O1,Second,Housing,Red\n';
    const res = await upload(otherStrategy, { bytes: csv, name: 'plan.csv' });
    expect(res.status).toBe(201);
    // Someone adds an action with ref R2 between the preview and the confirmation.
    await t.ok(
      ACTION,
      {
        input: {
          objectiveId: await objectiveId(otherStrategy, 'O1'),
          groupId: housing,
          ref: 'R2',
          title: 'In the meantime',
        },
      },
      { token: admin.token },
    );
    const auditBefore = await count('audit_entry');
    const failed = await t.request(IMPORT, { input: { importId: res.preview!.id } }, { token: admin.token });
    expect(failed.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'importId',
      row: 3,
      rowField: 'ref',
    });
    expect(failed.errors?.[0].message).toMatch(/^Row 3: .*ref "R2"/);
    const refs = (await actionsOf(otherStrategy)).map((a) => a.ref);
    expect(refs).not.toContain('R1');
    expect(await count('audit_entry')).toBe(auditBefore);
    expect(await count('action_update u JOIN action a ON a.id = u.action_id WHERE a.ref = $1', ['R1'])).toBe(
      0,
    );
    expect(await count('action_import WHERE id = $1 AND confirmed_at IS NULL', [res.preview!.id])).toBe(1);
  });

  it('refuses a preview older than a day', async () => {
    const res = await upload(otherStrategy, {
      bytes: 'Ref,Objective,Title,Group\nOLD1,O1,Old,Housing\n',
      name: 'p.csv',
    });
    await t.dataSource.query(
      `UPDATE action_import SET created_at = now() - interval '25 hours' WHERE id = $1`,
      [res.preview!.id],
    );
    const late = await t.request(IMPORT, { input: { importId: res.preview!.id } }, { token: admin.token });
    expect(late.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(late.errors?.[0].message).toMatch(/expired/);
  });

  it('round-trips: an exported plan imports into another strategy unchanged', async () => {
    const exported = await fetch(`${t.url}/api/strategies/${strategy}/action-plan.xlsx`, {
      headers: { authorization: `Bearer ${board.token}` },
    });
    const target = (
      await t.ok<{ createStrategy: { id: string } }>(
        STRATEGY,
        { input: { title: 'Next year' } },
        { token: admin.token },
      )
    ).createStrategy.id;
    const o1 = (
      await t.ok<{ createObjective: { id: string } }>(
        OBJECTIVE,
        { input: { strategyId: target, code: 'O1', title: 'Access' } },
        { token: admin.token },
      )
    ).createObjective.id;
    await t.ok(
      OBJECTIVE,
      { input: { strategyId: target, code: 'O2', title: 'Response' } },
      { token: admin.token },
    );
    await t.ok(OUTPUT, { input: { objectiveId: o1, title: 'Outreach' } }, { token: admin.token });
    const res = await upload(target, {
      bytes: Buffer.from(await exported.arrayBuffer()),
      name: 'export.xlsx',
    });
    expect(res.status, JSON.stringify(res.preview?.problems)).toBe(201);
    expect(res.preview!.ignoredHeadings).toEqual([]);
    await t.ok(IMPORT, { input: { importId: res.preview!.id } }, { token: admin.token });
    const strip = (a: ActionNode) => ({ ...a, updates: a.updates.map((u) => ({ ...u, author: null })) });
    expect((await actionsOf(target)).map(strip)).toEqual((await actionsOf(strategy)).map(strip));
  });
});
