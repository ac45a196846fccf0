import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallPlan } from '../../../test/support/small-plan';
import { startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';
import { Role } from '../identity/user.entity';
import { ObjectiveEntity } from '../strategy/objective.entity';
import { StrategyEntity } from '../strategy/strategy.entity';

const CREATE = `mutation C($input: ActionInput!) { createAction(input: $input) { id version } }`;
const UPDATE = `mutation U($id: ID!, $version: Int!, $input: ActionPatch!) {
  updateAction(id: $id, version: $version, input: $input) { id version } }`;
const REPORT = `mutation R($input: ActionUpdateInput!) { addActionUpdate(input: $input) { id } }`;
const LIST = `query L($filter: ActionFilter) { actions(filter: $filter, first: 100) {
  totalCount edges { node { ref } } } }`;
const ROLLUP = `query B($s: ID!, $asOf: Date) { boardRollup(strategyId: $s, asOf: $asOf) {
  totals { total red amber green overdue staleUpdates complete inProgress } } }`;

type Tally = Record<
  'total' | 'red' | 'amber' | 'green' | 'overdue' | 'staleUpdates' | 'complete' | 'inProgress',
  number
>;

describe('actions(filter: {asOf}): the drill-down behind a past board', () => {
  let t: TestApp;
  let admin: TestUser;
  let strategy: StrategyEntity;
  let objective: ObjectiveEntity;
  let groupId: string;

  const refs = async (filter: Record<string, unknown>) => {
    const r = await t.ok<{ actions: { totalCount: number; edges: Array<{ node: { ref: string } }> } }>(
      LIST,
      { filter: { strategyId: strategy.id, ...filter } },
      { token: admin.token },
    );
    expect(r.actions.totalCount).toBe(r.actions.edges.length);
    return r.actions.edges.map((e) => e.node.ref);
  };
  const board = async (asOf: string | null) =>
    (await t.ok<{ boardRollup: { totals: Tally } }>(ROLLUP, { s: strategy.id, asOf }, { token: admin.token }))
      .boardRollup.totals;
  const create = async (ref: string, agreedOn: string, dueOn: string | null) =>
    (
      await t.ok<{ createAction: { id: string; version: number } }>(
        CREATE,
        { input: { objectiveId: objective.id, groupId, ref, title: `Action ${ref}`, agreedOn, dueOn } },
        { token: admin.token },
      )
    ).createAction;
  const report = (actionId: string, reportedOn: string, status: string, rag: string | null) =>
    t.ok(
      REPORT,
      { input: { actionId, reportedOn, status, rag, progress: `Reported ${reportedOn}` } },
      {
        token: admin.token,
      },
    );

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.user({ roles: [Role.ADMIN] });
    ({ groupId, strategy, objective } = await smallPlan(t, admin.token));

    // A1: red in September 2025, green and complete from January 2026.
    const a1 = await create('A1', '2025-01-10', '2025-12-31');
    await report(a1.id, '2025-09-01', 'IN_PROGRESS', 'RED');
    await report(a1.id, '2026-01-15', 'COMPLETE', 'GREEN');
    // A2: due 31 August 2025, open; its date was later moved to 2030.
    const a2 = await create('A2', '2025-01-10', '2025-08-31');
    await report(a2.id, '2025-08-01', 'IN_PROGRESS', 'AMBER');
    await t.ok(
      UPDATE,
      {
        id: a2.id,
        version: a2.version + 1,
        input: { dueOn: '2030-12-31', dueOnChangeReason: 'Funding moved' },
      },
      { token: admin.token },
    );
    // A3: agreed only in 2026, so not on the board of 30 September 2025.
    await create('A3', '2026-02-01', null);
    // A4: never reported since March 2025: stale by 30 September 2025 (cadence 90 days).
    await create('A4', '2025-03-01', null);
  });
  afterAll(() => t.close());

  it('lists the actions as they stood on the day, exactly those the board of that day counts', async () => {
    const day = '2025-09-30';
    const tally = await board(day);
    expect(await refs({ asOf: day })).toEqual(['A1', 'A2', 'A4']);
    expect(tally.total).toBe(3);
    expect(await refs({ asOf: day, rag: ['RED'] })).toEqual(['A1']);
    expect(tally.red).toBe(1);
    expect(await refs({ asOf: day, rag: ['AMBER'] })).toEqual(['A2']);
    expect(await refs({ asOf: day, overdue: true })).toEqual(['A2']);
    expect(tally.overdue).toBe(1);
    expect(await refs({ asOf: day, overdue: false })).toEqual(['A1', 'A4']);
    expect(await refs({ asOf: day, stale: true })).toEqual(['A4']);
    expect(tally.staleUpdates).toBe(1);
    expect(await refs({ asOf: day, status: ['IN_PROGRESS'] })).toEqual(['A1', 'A2']);
    expect(tally.inProgress).toBe(2);
    expect(await refs({ asOf: day, status: ['COMPLETE'] })).toEqual([]);
    expect(tally.complete).toBe(0);
  });

  it('without asOf the same filters read the actions as they are now', async () => {
    expect(await refs({ rag: ['RED'] })).toEqual([]);
    expect(await refs({ status: ['COMPLETE'] })).toEqual(['A1']);
    expect(await refs({ overdue: true })).toEqual([]);
    expect(await refs({})).toEqual(['A1', 'A2', 'A3', 'A4']);
  });

  it('refuses a day in the future or not a date, naming asOf', async () => {
    const future = await t.request(LIST, { filter: { asOf: '2999-01-01' } }, { token: admin.token });
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
    const bad = await t.request(LIST, { filter: { asOf: '30/09/2025' } }, { token: admin.token });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
