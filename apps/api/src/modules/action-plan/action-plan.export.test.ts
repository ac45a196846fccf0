import ExcelJS from 'exceljs';
import { outsiderAdmin } from '../../../test/support/outsider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';
import { todayIso } from '../../shared/dates';
import { Role } from '../identity/user.entity';
import { PLAN_COLUMNS } from './action-plan.columns';
import { FORMULA_TRIGGERS } from './formula-escape';

const GROUP = `mutation($input: OperationalGroupInput!) { createOperationalGroup(input: $input) { id } }`;
const STRATEGY = `mutation($input: StrategyInput!) { createStrategy(input: $input) { id } }`;
const OBJECTIVE = `mutation($input: ObjectiveInput!) { createObjective(input: $input) { id } }`;
const OUTPUT = `mutation($input: OutputInput!) { createOutput(input: $input) { id } }`;
const ACTION = `mutation($input: ActionInput!) { createAction(input: $input) { id } }`;
const UPDATE = `mutation($input: ActionUpdateInput!) { addActionUpdate(input: $input) { id } }`;

/** The sheet's rows as objects keyed by heading, values as exceljs reads them. */
async function readPlan(body: ArrayBuffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body);
  const sheet = wb.worksheets[0];
  const headings = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  const rows: Array<Record<string, unknown>> = [];
  const cellTypes = new Set<ExcelJS.ValueType>();
  sheet.eachRow((row, n) => {
    row.eachCell((c) => cellTypes.add(c.type));
    if (n === 1) return;
    const o: Record<string, unknown> = {};
    headings.forEach((h, i) => (o[h] = row.getCell(i + 1).value ?? null));
    rows.push(o);
  });
  return { wb, sheet, headings, rows, cellTypes };
}

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The first error's extensions of a JSON error answer. */
async function errorOf(res: Response): Promise<Record<string, unknown>> {
  const body = (await res.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
  return body.errors[0].extensions;
}

describe('action plan export (GET /api/strategies/:id/action-plan.xlsx)', () => {
  let t: TestApp;
  let admin: TestUser;
  let board: TestUser;
  let strategy: string;
  let emptyStrategy: string;
  let housing: string;
  let justice: string;

  const get = (path: string, token?: string | null, headers: Record<string, string> = {}) =>
    fetch(`${t.url}${path}`, {
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    });
  const planPath = (id: string, groupId?: string) =>
    `/api/strategies/${id}/action-plan.xlsx${groupId ? `?groupId=${groupId}` : ''}`;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.user({ roles: [Role.ADMIN] });
    board = await t.user({ roles: [Role.BOARD] });
    const ok = <T>(doc: string, input: Record<string, unknown>) =>
      t.ok<T>(doc, { input }, { token: admin.token });
    housing = (await ok<{ createOperationalGroup: { id: string } }>(GROUP, { name: 'Housing' }))
      .createOperationalGroup.id;
    justice = (await ok<{ createOperationalGroup: { id: string } }>(GROUP, { name: 'Justice & Protection' }))
      .createOperationalGroup.id;
    strategy = (
      await ok<{ createStrategy: { id: string } }>(STRATEGY, {
        title: 'VAWG Strategy 2025-2028',
        startsOn: '2025-04-01',
        endsOn: '2028-03-31',
      })
    ).createStrategy.id;
    emptyStrategy = (await ok<{ createStrategy: { id: string } }>(STRATEGY, { title: 'Empty' }))
      .createStrategy.id;
    const o1 = (
      await ok<{ createObjective: { id: string } }>(OBJECTIVE, {
        strategyId: strategy,
        code: 'O1',
        title: 'Access',
      })
    ).createObjective.id;
    const o2 = (
      await ok<{ createObjective: { id: string } }>(OBJECTIVE, {
        strategyId: strategy,
        code: 'O2',
        title: 'Response',
      })
    ).createObjective.id;
    const out = (await ok<{ createOutput: { id: string } }>(OUTPUT, { objectiveId: o1, title: 'Outreach' }))
      .createOutput.id;

    const a1 = (
      await ok<{ createAction: { id: string } }>(ACTION, {
        objectiveId: o1,
        outputId: out,
        groupId: housing,
        ref: 'A1',
        title: 'Increase access locations through outreach workers',
        description: '=HYPERLINK("http://evil.example","click")',
        successMeasure: '+10 outreach sites',
        lead: '@VAWG coordinator',
        agreedOn: '2025-04-01',
        startsOn: '2025-05-01',
        dueOn: '2026-03-31',
        tags: ['theme:outreach', 'ecological-level:community'],
      })
    ).createAction.id;
    await ok(UPDATE, {
      actionId: a1,
      status: 'IN_PROGRESS',
      rag: 'AMBER',
      progress: '- Contract monitoring held\n- Dashboard planned',
      impact: 'Gaps in provision picked up',
      reportedOn: '2025-09-30',
    });
    await ok(ACTION, {
      objectiveId: o2,
      groupId: justice,
      ref: 'B1',
      title: 'Seek justice for victims',
      agreedOn: '2025-04-01',
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('writes every action of the strategy with its latest update, in objective then ref order', async () => {
    const res = await get(planPath(strategy), board.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="action-plan-vawg-strategy-2025-2028-${todayIso()}.xlsx"`,
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { headings, rows, sheet } = await readPlan(await res.arrayBuffer());
    expect(sheet.name).toBe('Action plan');
    expect(headings).toEqual(PLAN_COLUMNS.map((c) => c.heading));
    expect(rows).toEqual([
      {
        Ref: 'A1',
        Title: 'Increase access locations through outreach workers',
        // Text that would start a formula is escaped with an apostrophe (docs/security.md, S14).
        Description: `'=HYPERLINK("http://evil.example","click")`,
        'Success measure': "'+10 outreach sites",
        Lead: "'@VAWG coordinator",
        'Objective code': 'O1',
        Output: 'Outreach',
        Group: 'Housing',
        'Agreed on': utc('2025-04-01'),
        'Starts on': utc('2025-05-01'),
        'Due on': utc('2026-03-31'),
        Status: 'In progress',
        RAG: 'Amber',
        'Reported on': utc('2025-09-30'),
        'Latest progress': "'- Contract monitoring held\n- Dashboard planned",
        'Latest impact': 'Gaps in provision picked up',
        Tags: 'ecological-level:community; theme:outreach',
      },
      {
        Ref: 'B1',
        Title: 'Seek justice for victims',
        Description: null,
        'Success measure': null,
        Lead: null,
        'Objective code': 'O2',
        Output: null,
        Group: 'Justice & Protection',
        'Agreed on': utc('2025-04-01'),
        'Starts on': null,
        'Due on': null,
        Status: 'Not started',
        RAG: null,
        'Reported on': null,
        'Latest progress': null,
        'Latest impact': null,
        Tags: null,
      },
    ]);
  });

  it('holds values only: no formula cell, and no text starting with a formula character', async () => {
    const { sheet, cellTypes } = await readPlan(
      await (await get(planPath(strategy), admin.token)).arrayBuffer(),
    );
    expect(cellTypes.has(ExcelJS.ValueType.Formula)).toBe(false);
    expect(cellTypes.has(ExcelJS.ValueType.SharedString) || cellTypes.has(ExcelJS.ValueType.String)).toBe(
      true,
    );
    sheet.eachRow((row) =>
      row.eachCell((c) => {
        if (typeof c.value === 'string') {
          expect(FORMULA_TRIGGERS, `${c.address}: ${c.value}`).not.toContain(c.value.charAt(0));
        }
      }),
    );
  });

  it("filters by group: only that group's actions, named in the file", async () => {
    const res = await get(planPath(strategy, justice), board.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(
      'action-plan-vawg-strategy-2025-2028-justice-protection-',
    );
    const { rows } = await readPlan(await res.arrayBuffer());
    expect(rows.map((r) => r.Ref)).toEqual(['B1']);
  });

  it('writes just the headings for a strategy without actions', async () => {
    const { headings, rows } = await readPlan(
      await (await get(planPath(emptyStrategy), admin.token)).arrayBuffer(),
    );
    expect(headings).toHaveLength(PLAN_COLUMNS.length);
    expect(rows).toEqual([]);
  });

  it('works with the session cookie the web app holds', async () => {
    const res = await get(planPath(strategy), null, { cookie: `throughline_session=${board.token}` });
    expect(res.status).toBe(200);
  });

  it('refuses anonymous callers, unknown or foreign strategies and bad groups with JSON errors', async () => {
    const anon = await get(planPath(strategy));
    expect(anon.status).toBe(401);
    expect((await errorOf(anon)).code).toBe('UNAUTHENTICATED');

    const unknown = await get(planPath('00000000-0000-4000-8000-000000000000'), admin.token);
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).code).toBe('NOT_FOUND');
    expect((await get(planPath('not-a-uuid'), admin.token)).status).toBe(404);

    // An admin of another partnership: the strategy does not exist for them.
    const outsider = await outsiderAdmin(t, 'export-outsider@example.org');
    expect((await get(planPath(strategy), outsider.token)).status).toBe(404);

    const badGroup = await get(planPath(strategy, '00000000-0000-4000-8000-000000000000'), admin.token);
    expect(badGroup.status).toBe(400);
    expect(await errorOf(badGroup)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'groupId',
    });
    const twoGroups = await get(`${planPath(strategy)}?groupId=${housing}&groupId=${justice}`, admin.token);
    expect(twoGroups.status).toBe(400);
  });
});
