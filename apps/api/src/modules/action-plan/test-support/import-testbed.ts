import type { ActionImportPreview } from '@throughline/sdk';
import ExcelJS from 'exceljs';
import { MembershipRole, startTestApp, type TestApp, type TestUser } from '../../../../test/support/test-app';
import { Role } from '../../identity/user.entity';
import type { ImportPreview } from '../action-import.service';

export const GROUP = `mutation($input: OperationalGroupInput!) { createOperationalGroup(input: $input) { id } }`;
export const STRATEGY = `mutation($input: StrategyInput!) { createStrategy(input: $input) { id } }`;
export const OBJECTIVE = `mutation($input: ObjectiveInput!) { createObjective(input: $input) { id } }`;
export const OUTPUT = `mutation($input: OutputInput!) { createOutput(input: $input) { id } }`;
export const ACTION = `mutation($input: ActionInput!) { createAction(input: $input) { id } }`;
export const PREVIEW = `query($id: ID!) { actionImport(id: $id) {
  id fileName format sheetName rowCount confirmedAt expiresAt ignoredHeadings strategy { id title }
  columns { field heading } notes { message rows }
  rows { row ref title lead objectiveCode outputTitle groupName agreedOn dueOn status rag progress impact reportedOn tags } } }`;
export const IMPORT = `mutation($input: ImportActionsInput!) { importActions(input: $input) { id confirmedAt rowCount } }`;
export const ACTIONS = `query($filter: ActionFilter) { actions(filter: $filter, first: 100) { totalCount edges { node {
  ref title lead agreedOn dueOn status rag objective { code } output { title } group { name } tags { kind slug }
  updates { status rag progress impact reportedOn author { id } } } } } }`;

export type ActionNode = {
  ref: string;
  title: string;
  lead: string;
  agreedOn: string;
  dueOn: string | null;
  status: string;
  rag: string | null;
  objective: { code: string };
  output: { title: string } | null;
  group: { name: string };
  tags: Array<{ kind: string; slug: string }>;
  updates: Array<{
    status: string;
    rag: string | null;
    progress: string;
    impact: string;
    reportedOn: string;
    author: { id: string } | null;
  }>;
};

// The SDK's hand-written shape of the upload's answer (used by the web app) must stay one the API's
// answer fits: this fails to compile when they drift apart.
export const _answerFitsTheSdk = (p: ImportPreview): ActionImportPreview => p;

export async function workbook(rows: unknown[][], build?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Action plan 2024-25');
  for (const r of rows) ws.addRow(r);
  build?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export let t: TestApp;
export let admin: TestUser;
export let board: TestUser;
export let chair: TestUser;
export let strategy: string;
export let otherStrategy: string;
export let housing: string;
export let justice: string;

export const upload = async (
  strategyId: string,
  file: { bytes: Buffer | string; name: string; type?: string },
  opts: { token?: string | null; headers?: Record<string, string>; defaultGroupId?: string } = {},
) => {
  const form = new FormData();
  form.append('file', new Blob([file.bytes], { type: file.type ?? 'application/octet-stream' }), file.name);
  if (opts.defaultGroupId) form.append('defaultGroupId', opts.defaultGroupId);
  const token = opts.token === undefined ? admin.token : opts.token;
  const res = await fetch(`${t.url}/api/strategies/${strategyId}/action-imports`, {
    method: 'POST',
    body: form,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...opts.headers },
  });
  const body = (await res.json()) as {
    preview?: ImportPreview;
    errors?: Array<{ message: string; extensions: Record<string, unknown> }>;
  };
  return { status: res.status, ...body };
};
export const actionsOf = async (strategyId: string) =>
  (
    await t.ok<{ actions: { edges: Array<{ node: ActionNode }> } }>(
      ACTIONS,
      { filter: { strategyId } },
      { token: admin.token },
    )
  ).actions.edges.map((e) => e.node);
export const count = async (sql: string, params: unknown[] = []) =>
  (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n as number;

export async function setUp(): Promise<void> {
  t = await startTestApp();
  admin = await t.user({ roles: [Role.ADMIN] });
  board = await t.user({ roles: [Role.BOARD] });
  const ok = <T>(doc: string, input: Record<string, unknown>) =>
    t.ok<T>(doc, { input }, { token: admin.token });
  housing = (await ok<{ createOperationalGroup: { id: string } }>(GROUP, { name: 'Housing' }))
    .createOperationalGroup.id;
  justice = (await ok<{ createOperationalGroup: { id: string } }>(GROUP, { name: 'Justice & Protection' }))
    .createOperationalGroup.id;
  chair = await t.user({ memberships: [{ groupId: housing, role: MembershipRole.CHAIR }] });
  for (const key of ['strategy', 'other'] as const) {
    const id = (await ok<{ createStrategy: { id: string } }>(STRATEGY, { title: `VAWG ${key}` }))
      .createStrategy.id;
    if (key === 'strategy') strategy = id;
    else otherStrategy = id;
    const o1 = (
      await ok<{ createObjective: { id: string } }>(OBJECTIVE, {
        strategyId: id,
        code: 'O1',
        title: 'Access',
      })
    ).createObjective.id;
    await ok(OBJECTIVE, { strategyId: id, code: 'O2', title: 'Response' });
    await ok(OUTPUT, { objectiveId: o1, title: 'Outreach' });
  }
}
export const tearDown = () => t?.close();
export async function objectiveId(strategyId: string, code: string): Promise<string> {
  const [row] = await t.dataSource.query(`SELECT id FROM objective WHERE strategy_id = $1 AND code = $2`, [
    strategyId,
    code,
  ]);
  return row.id;
}
