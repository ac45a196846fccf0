import { expect } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import { Role } from '../../identity/user.entity';
import type { Viewer } from '../../../shared/viewer';

export const CREATE_STRATEGY = `mutation($input: StrategyInput!) { createStrategy(input: $input) {
  id title vision startsOn endsOn greenThreshold amberThreshold updateCadenceDays version } }`;
export const CREATE_OBJECTIVE = `mutation($input: ObjectiveInput!) { createObjective(input: $input) { id code title position version } }`;
export const CREATE_OUTCOME = `mutation($input: OutcomeInput!) { createOutcome(input: $input) { id title version } }`;
export const CREATE_OUTPUT = `mutation($input: OutputInput!) { createOutput(input: $input) { id title version outcomes { id } } }`;
export const CREATE_INDICATOR = `mutation($input: IndicatorInput!) { createIndicator(input: $input) {
  id name unit baseline target lowerIsBetter version } }`;
export const RECORD = `mutation($input: MeasurementInput!) { recordMeasurement(input: $input) { id period value area } }`;
export const UPDATE_STRATEGY = `mutation($id: ID!, $version: Int!, $input: StrategyPatch!) {
  updateStrategy(id: $id, version: $version, input: $input) { id title version greenThreshold amberThreshold } }`;
export const UPDATE_OBJECTIVE = `mutation($id: ID!, $version: Int!, $input: ObjectivePatch!) {
  updateObjective(id: $id, version: $version, input: $input) { id title code version } }`;
export const UPDATE_OUTCOME = `mutation($id: ID!, $version: Int!, $input: OutcomePatch!) {
  updateOutcome(id: $id, version: $version, input: $input) { id title version } }`;
export const UPDATE_OUTPUT = `mutation($id: ID!, $version: Int!, $input: OutputPatch!) {
  updateOutput(id: $id, version: $version, input: $input) { id title version outcomes { id } } }`;
export const UPDATE_INDICATOR = `mutation($id: ID!, $version: Int!, $input: IndicatorPatch!) {
  updateIndicator(id: $id, version: $version, input: $input) { id name target lowerIsBetter version } }`;
export const TREE = `query($id: ID!) { strategy(id: $id) { id title objectives { id code strategy { id }
  outcomes { id title objective { id } outputs { id } indicators { id name lowerIsBetter outcome { id }
    measurements { period value area } wide: measurements(partnershipWide: true) { value }
    westminster: measurements(area: "Westminster") { value } } }
  outputs { id title objective { id } outcomes { id } } } } }`;

export type Err = { message: string; extensions?: Record<string, unknown> };
export type Ref = { id: string };
export interface TreeIndicator extends Ref {
  outcome: Ref;
  lowerIsBetter: boolean;
  measurements: Array<{ period: string; value: number; area: string | null }>;
  wide: Array<{ value: number }>;
  westminster: Array<{ value: number }>;
}
export interface TreeObjective extends Ref {
  code: string;
  strategy: Ref;
  outcomes: Array<Ref & { objective: Ref; outputs: Ref[]; indicators: TreeIndicator[] }>;
  outputs: Array<Ref & { objective: Ref; outcomes: Ref[] }>;
}

/** Runs a promise expected to fail and returns the error. */
export async function rejection(p: Promise<unknown>): Promise<{ extensions: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    return e as { extensions: Record<string, unknown> };
  }
  throw new Error('expected a rejection');
}

export let t: TestApp;
export let admin: string;
export let board: string;
export let adminViewer: Viewer;

export const as = <T = Record<string, unknown>>(doc: string, vars: Record<string, unknown>, token = admin) =>
  t.ok<T>(doc, vars, { token });
export const fails = async (
  doc: string,
  vars: Record<string, unknown>,
  token: string | null = admin,
): Promise<Err> => {
  const res = await t.request(doc, vars, { token });
  expect(res.errors, JSON.stringify(res.data)).toBeTruthy();
  return res.errors![0];
};
export const badInput = async (doc: string, vars: Record<string, unknown>, field: string) => {
  const e = await fails(doc, vars);
  expect(e.extensions, e.message).toMatchObject({ code: 'BAD_USER_INPUT', field });
  return e;
};

export async function strategy(input: Record<string, unknown> = {}) {
  const r = await as<{ createStrategy: { id: string; version: number } }>(CREATE_STRATEGY, {
    input: { title: 'VAWG Strategy 2024-2028', startsOn: '2024-01-01', endsOn: '2028-03-31', ...input },
  });
  return r.createStrategy;
}
export async function objective(strategyId: string, code: string, extra: Record<string, unknown> = {}) {
  const r = await as<{ createObjective: { id: string; version: number; position: number } }>(
    CREATE_OBJECTIVE,
    {
      input: { strategyId, code, title: `Objective ${code}`, ...extra },
    },
  );
  return r.createObjective;
}
export async function outcome(objectiveId: string, title = 'Survivors feel safer') {
  return (
    await as<{ createOutcome: { id: string; version: number } }>(CREATE_OUTCOME, {
      input: { objectiveId, title },
    })
  ).createOutcome;
}
export async function indicator(outcomeId: string, extra: Record<string, unknown> = {}) {
  const r = await as<{ createIndicator: { id: string; version: number; lowerIsBetter: boolean } }>(
    CREATE_INDICATOR,
    {
      input: {
        outcomeId,
        name: 'Repeat referrals to MARAC',
        unit: '%',
        baseline: 30,
        target: 20,
        ...extra,
      },
    },
  );
  return r.createIndicator;
}
export async function auditOf(entityId: string) {
  return (await t.dataSource.query(
    `SELECT operation, before, after, actor_id FROM audit_entry WHERE entity_id = $1 ORDER BY id`,
    [entityId],
  )) as Array<{
    operation: string;
    before: Record<string, unknown> | null;
    after: Record<string, unknown>;
    actor_id: string;
  }>;
}

export async function setUp(): Promise<void> {
  // One admin scripts some 180 changes here, faster than any person: past the per-user mutation
  // limit (mutation-rate-limit.test.ts covers it), so it is off for this file.
  t = await startTestApp({ mutationsPerMinute: 0 });
  const a = await t.user({ roles: [Role.ADMIN] });
  admin = a.token;
  board = (await t.user({ roles: [Role.BOARD] })).token;
  adminViewer = {
    id: a.id,
    partnershipId: t.partnershipId,
    email: a.email,
    name: 'Admin',
    roles: [Role.ADMIN],
    memberships: new Map(),
    sessionId: 'test',
  };
}
export const tearDown = () => t.close();
