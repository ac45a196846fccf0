import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { PartnershipEntity } from '../identity/partnership.entity';
import { Role } from '../identity/user.entity';
import type { Viewer } from '../../shared/viewer';

const CREATE_STRATEGY = `mutation($input: StrategyInput!) { createStrategy(input: $input) {
  id title vision startsOn endsOn greenThreshold amberThreshold updateCadenceDays version } }`;
const CREATE_OBJECTIVE = `mutation($input: ObjectiveInput!) { createObjective(input: $input) { id code title position version } }`;
const CREATE_OUTCOME = `mutation($input: OutcomeInput!) { createOutcome(input: $input) { id title version } }`;
const CREATE_OUTPUT = `mutation($input: OutputInput!) { createOutput(input: $input) { id title version outcomes { id } } }`;
const CREATE_INDICATOR = `mutation($input: IndicatorInput!) { createIndicator(input: $input) {
  id name unit baseline target lowerIsBetter version } }`;
const RECORD = `mutation($input: MeasurementInput!) { recordMeasurement(input: $input) { id period value area } }`;
const UPDATE_STRATEGY = `mutation($id: ID!, $version: Int!, $input: StrategyPatch!) {
  updateStrategy(id: $id, version: $version, input: $input) { id title version greenThreshold amberThreshold } }`;
const UPDATE_OBJECTIVE = `mutation($id: ID!, $version: Int!, $input: ObjectivePatch!) {
  updateObjective(id: $id, version: $version, input: $input) { id title code version } }`;
const UPDATE_OUTCOME = `mutation($id: ID!, $version: Int!, $input: OutcomePatch!) {
  updateOutcome(id: $id, version: $version, input: $input) { id title version } }`;
const UPDATE_OUTPUT = `mutation($id: ID!, $version: Int!, $input: OutputPatch!) {
  updateOutput(id: $id, version: $version, input: $input) { id title version outcomes { id } } }`;
const UPDATE_INDICATOR = `mutation($id: ID!, $version: Int!, $input: IndicatorPatch!) {
  updateIndicator(id: $id, version: $version, input: $input) { id name target lowerIsBetter version } }`;
const TREE = `query($id: ID!) { strategy(id: $id) { id title objectives { id code strategy { id }
  outcomes { id title objective { id } outputs { id } indicators { id name lowerIsBetter outcome { id }
    measurements { period value area } wide: measurements(partnershipWide: true) { value }
    westminster: measurements(area: "Westminster") { value } } }
  outputs { id title objective { id } outcomes { id } } } } }`;

type Err = { message: string; extensions?: Record<string, unknown> };
type Ref = { id: string };
interface TreeIndicator extends Ref {
  outcome: Ref;
  lowerIsBetter: boolean;
  measurements: Array<{ period: string; value: number; area: string | null }>;
  wide: Array<{ value: number }>;
  westminster: Array<{ value: number }>;
}
interface TreeObjective extends Ref {
  code: string;
  strategy: Ref;
  outcomes: Array<Ref & { objective: Ref; outputs: Ref[]; indicators: TreeIndicator[] }>;
  outputs: Array<Ref & { objective: Ref; outcomes: Ref[] }>;
}

/** Runs a promise expected to fail and returns the error. */
async function rejection(p: Promise<unknown>): Promise<{ extensions: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    return e as { extensions: Record<string, unknown> };
  }
  throw new Error('expected a rejection');
}

describe('strategy: building the theory of change through the API', () => {
  let t: TestApp;
  let admin: string;
  let board: string;
  let adminViewer: Viewer;

  const as = <T = Record<string, unknown>>(doc: string, vars: Record<string, unknown>, token = admin) =>
    t.ok<T>(doc, vars, { token });
  const fails = async (
    doc: string,
    vars: Record<string, unknown>,
    token: string | null = admin,
  ): Promise<Err> => {
    const res = await t.request(doc, vars, { token });
    expect(res.errors, JSON.stringify(res.data)).toBeTruthy();
    return res.errors![0];
  };
  const badInput = async (doc: string, vars: Record<string, unknown>, field: string) => {
    const e = await fails(doc, vars);
    expect(e.extensions, e.message).toMatchObject({ code: 'BAD_USER_INPUT', field });
    return e;
  };

  async function strategy(input: Record<string, unknown> = {}) {
    const r = await as<{ createStrategy: { id: string; version: number } }>(CREATE_STRATEGY, {
      input: { title: 'VAWG Strategy 2024-2028', startsOn: '2024-01-01', endsOn: '2028-03-31', ...input },
    });
    return r.createStrategy;
  }
  async function objective(strategyId: string, code: string, extra: Record<string, unknown> = {}) {
    const r = await as<{ createObjective: { id: string; version: number; position: number } }>(
      CREATE_OBJECTIVE,
      {
        input: { strategyId, code, title: `Objective ${code}`, ...extra },
      },
    );
    return r.createObjective;
  }
  async function outcome(objectiveId: string, title = 'Survivors feel safer') {
    return (
      await as<{ createOutcome: { id: string; version: number } }>(CREATE_OUTCOME, {
        input: { objectiveId, title },
      })
    ).createOutcome;
  }
  async function indicator(outcomeId: string, extra: Record<string, unknown> = {}) {
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
  async function auditOf(entityId: string) {
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

  beforeAll(async () => {
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
  });
  afterAll(() => t.close());

  it('builds a strategy tree and reads it back, with defaults, order and relations', async () => {
    const s = await strategy({ vision: 'Everyone is safe' });
    expect(s).toMatchObject({ version: 1, greenThreshold: 0.8, amberThreshold: 0.5, updateCadenceDays: 90 });
    const o2 = await objective(s.id, 'O2');
    const o1 = await objective(s.id, 'O1', { position: 0 });
    expect(o2.position).toBe(0);
    const o3 = await objective(s.id, 'O3');
    expect(o3.position).toBe(1);
    const oc = await outcome(o1.id);
    const oc2 = await outcome(o1.id, 'Professionals respond well');
    const op = await as<{ createOutput: { id: string; outcomes: Array<{ id: string }> } }>(CREATE_OUTPUT, {
      input: { objectiveId: o1.id, title: 'Train 500 professionals', outcomeIds: [oc.id, oc2.id, oc.id] },
    });
    expect(op.createOutput.outcomes.map((x) => x.id).sort()).toEqual([oc.id, oc2.id].sort());
    const ind = await indicator(oc.id);
    expect(ind.lowerIsBetter).toBe(true);
    const up = await indicator(oc.id, { name: 'Reports to police', baseline: 100, target: 150 });
    expect(up.lowerIsBetter).toBe(false);
    await as(RECORD, { input: { indicatorId: ind.id, period: '2024-06-30', value: 28 } });
    await as(RECORD, { input: { indicatorId: ind.id, period: '2024-03-31', value: 30, area: null } });
    await as(RECORD, {
      input: { indicatorId: ind.id, period: '2024-06-30', value: 25, area: ' Westminster ' },
    });

    // Every signed-in user reads the strategy.
    const tree = await as<{ strategy: { objectives: TreeObjective[] } }>(TREE, { id: s.id }, board);
    // Order: position, then code (O1 and O2 both at position 0).
    expect(tree.strategy.objectives.map((o) => o.code)).toEqual(['O1', 'O2', 'O3']);
    const t1 = tree.strategy.objectives[0];
    expect(t1.strategy.id).toBe(s.id);
    expect(t1.outcomes.map((x) => x.id)).toEqual([oc.id, oc2.id]);
    expect(t1.outcomes[0].objective.id).toBe(o1.id);
    expect(t1.outcomes[0].outputs.map((x) => x.id)).toEqual([op.createOutput.id]);
    expect(t1.outputs[0]).toMatchObject({ id: op.createOutput.id, objective: { id: o1.id } });
    const ti = t1.outcomes[0].indicators.find((x) => x.id === ind.id)!;
    expect(ti.outcome.id).toBe(oc.id);
    expect(ti.measurements).toEqual([
      { period: '2024-03-31', value: 30, area: null },
      { period: '2024-06-30', value: 28, area: null },
      { period: '2024-06-30', value: 25, area: 'Westminster' },
    ]);
    expect(ti.wide).toEqual([{ value: 30 }, { value: 28 }]);
    expect(ti.westminster).toEqual([{ value: 25 }]);

    const list = await as<{ strategies: Array<{ id: string }> }>(`{ strategies { id } }`, {}, board);
    expect(list.strategies.map((x) => x.id)).toContain(s.id);
    // Each write left one audit entry in its transaction.
    expect((await auditOf(s.id)).map((a) => a.operation)).toEqual(['createStrategy']);
    const outAudit = await auditOf(op.createOutput.id);
    expect((outAudit[0].after.outcomeIds as string[]).sort()).toEqual([oc.id, oc2.id].sort());
  });

  it('batches relation fields: the statement count does not grow with the tree', async () => {
    async function buildTree(objectives: number) {
      const s = await strategy({ title: `Tree ${objectives}` });
      for (let i = 0; i < objectives; i++) {
        const o = await objective(s.id, `T${i}`);
        const oc = await outcome(o.id);
        await as(CREATE_OUTPUT, { input: { objectiveId: o.id, title: 'Output', outcomeIds: [oc.id] } });
        const ind = await indicator(oc.id);
        await as(RECORD, { input: { indicatorId: ind.id, period: '2025-01-31', value: i } });
      }
      return s.id;
    }
    const small = await buildTree(2);
    const big = await buildTree(8);
    t.statements.reset();
    await as(TREE, { id: small }, board);
    const smallCount = t.statements.count;
    t.statements.reset();
    await as(TREE, { id: big }, board);
    expect(t.statements.count).toBe(smallCount);
  });

  describe('validation names the field', () => {
    let sid: string;
    let oid: string;
    let ocid: string;
    let iid: string;
    beforeAll(async () => {
      sid = (await strategy({ title: 'Validation' })).id;
      oid = (await objective(sid, 'V1')).id;
      ocid = (await outcome(oid)).id;
      iid = (await indicator(ocid)).id;
    });

    it.each([
      ['empty title', { title: '' }, 'title'],
      ['blank title', { title: '   ' }, 'title'],
      ['title of 201 characters', { title: 'x'.repeat(201) }, 'title'],
      ['vision of 5001 characters', { title: 'ok', vision: 'x'.repeat(5001) }, 'vision'],
      ['endsOn before startsOn', { title: 'ok', startsOn: '2025-01-01', endsOn: '2024-12-31' }, 'endsOn'],
      ['green above 1', { title: 'ok', greenThreshold: 1.2 }, 'greenThreshold'],
      ['amber below 0', { title: 'ok', amberThreshold: -0.1 }, 'amberThreshold'],
      ['amber above green', { title: 'ok', greenThreshold: 0.4, amberThreshold: 0.6 }, 'amberThreshold'],
      ['cadence of 0 days', { title: 'ok', updateCadenceDays: 0 }, 'updateCadenceDays'],
    ])('createStrategy refuses %s, naming the field', async (_label, input, field) => {
      await badInput(CREATE_STRATEGY, { input }, field);
    });

    it('refuses an impossible date (the Date scalar)', async () => {
      const e = await fails(CREATE_STRATEGY, { input: { title: 'ok', startsOn: '2025-02-30' } });
      expect(e.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('the service itself refuses bad dates for direct callers', async () => {
      const err = await rejection(
        t.services.strategy.createStrategy(adminViewer, { title: 'ok', startsOn: '2025-02-30' }),
      );
      expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'startsOn' });
    });

    it('objective: code, title, description, position, strategyId, duplicate code', async () => {
      await badInput(CREATE_OBJECTIVE, { input: { strategyId: sid, code: '', title: 'x' } }, 'code');
      await badInput(
        CREATE_OBJECTIVE,
        { input: { strategyId: sid, code: 'x'.repeat(21), title: 'x' } },
        'code',
      );
      await badInput(CREATE_OBJECTIVE, { input: { strategyId: sid, code: 'V2', title: ' ' } }, 'title');
      await badInput(
        CREATE_OBJECTIVE,
        { input: { strategyId: sid, code: 'V2', title: 'x', description: 'x'.repeat(5001) } },
        'description',
      );
      await badInput(
        CREATE_OBJECTIVE,
        { input: { strategyId: sid, code: 'V2', title: 'x', position: -1 } },
        'position',
      );
      await badInput(CREATE_OBJECTIVE, { input: { strategyId: sid, code: 'V1', title: 'dup' } }, 'code');
      await badInput(
        CREATE_OBJECTIVE,
        { input: { strategyId: '00000000-0000-4000-8000-000000000000', code: 'V2', title: 'x' } },
        'strategyId',
      );
      await badInput(
        CREATE_OBJECTIVE,
        { input: { strategyId: 'not-a-uuid', code: 'V2', title: 'x' } },
        'strategyId',
      );
    });

    it('outcome, output, indicator and measurement rules', async () => {
      await badInput(CREATE_OUTCOME, { input: { objectiveId: oid, title: '' } }, 'title');
      await badInput(CREATE_OUTCOME, { input: { objectiveId: sid, title: 'x' } }, 'objectiveId');
      await badInput(CREATE_OUTPUT, { input: { objectiveId: oid, title: 'x'.repeat(201) } }, 'title');
      await badInput(
        CREATE_OUTPUT,
        { input: { objectiveId: oid, title: 'x', outcomeIds: ['nope'] } },
        'outcomeIds',
      );
      await badInput(CREATE_INDICATOR, { input: { outcomeId: ocid, name: '' } }, 'name');
      await badInput(
        CREATE_INDICATOR,
        { input: { outcomeId: ocid, name: 'x', unit: 'u'.repeat(51) } },
        'unit',
      );
      await badInput(CREATE_INDICATOR, { input: { outcomeId: oid, name: 'x' } }, 'outcomeId');
      await badInput(RECORD, { input: { indicatorId: ocid, period: '2025-01-31', value: 1 } }, 'indicatorId');
      await badInput(
        RECORD,
        { input: { indicatorId: iid, period: '2025-01-31', value: 1, area: 'x'.repeat(101) } },
        'area',
      );
      // A value for a period that has not happened yet is refused, in words.
      const future = await badInput(
        RECORD,
        { input: { indicatorId: iid, period: `${new Date().getUTCFullYear() + 1}-03-31`, value: 1 } },
        'period',
      );
      expect(future.message).toBe('The period must not be in the future.');
    });

    it('update patches: title cannot be blanked or removed; thresholds checked against stored values', async () => {
      const s = await strategy({ title: 'Patchable', greenThreshold: 0.9, amberThreshold: 0.6 });
      await badInput(UPDATE_STRATEGY, { id: s.id, version: 1, input: { title: '' } }, 'title');
      await badInput(UPDATE_STRATEGY, { id: s.id, version: 1, input: { title: null } }, 'title');
      await badInput(
        UPDATE_STRATEGY,
        { id: s.id, version: 1, input: { greenThreshold: 0.5 } },
        'amberThreshold',
      );
      await badInput(UPDATE_STRATEGY, { id: s.id, version: 1, input: { startsOn: '2029-01-01' } }, 'endsOn');
      await badInput(UPDATE_OBJECTIVE, { id: oid, version: 1, input: { title: ' ' } }, 'title');
      // Nothing changed: the version is still 1.
      const ok = await as<{ updateStrategy: { version: number; title: string } }>(UPDATE_STRATEGY, {
        id: s.id,
        version: 1,
        input: { title: 'Patched', greenThreshold: 0.7 },
      });
      expect(ok.updateStrategy).toMatchObject({ version: 2, title: 'Patched' });
    });
  });

  it('an output contributes only to outcomes of its own objective', async () => {
    const s = await strategy({ title: 'Cross' });
    const a = await objective(s.id, 'A');
    const b = await objective(s.id, 'B');
    const ocA = await outcome(a.id);
    const ocB = await outcome(b.id);
    const e = await badInput(
      CREATE_OUTPUT,
      { input: { objectiveId: a.id, title: 'Mixed', outcomeIds: [ocA.id, ocB.id] } },
      'outcomeIds',
    );
    expect(e.message).toMatch(/own objective/);
    const count = await t.dataSource.query(`SELECT count(*)::int AS n FROM output WHERE title = 'Mixed'`);
    expect(count[0].n).toBe(0);
    const out = await as<{ createOutput: { id: string; version: number } }>(CREATE_OUTPUT, {
      input: { objectiveId: a.id, title: 'Good', outcomeIds: [ocA.id] },
    });
    await badInput(
      UPDATE_OUTPUT,
      { id: out.createOutput.id, version: 1, input: { outcomeIds: [ocB.id] } },
      'outcomeIds',
    );
    const upd = await as<{ updateOutput: { version: number; outcomes: Array<{ id: string }> } }>(
      UPDATE_OUTPUT,
      {
        id: out.createOutput.id,
        version: 1,
        input: { outcomeIds: [] },
      },
    );
    expect(upd.updateOutput).toMatchObject({ version: 2, outcomes: [] });
    const audit = await auditOf(out.createOutput.id);
    expect(audit.map((x) => x.operation)).toEqual(['createOutput', 'updateOutput']);
    expect(audit[1].before!.outcomeIds).toEqual([ocA.id]);
    expect(audit[1].after.outcomeIds).toEqual([]);
  });

  it('recording a measurement again replaces it; the audit trail keeps the old value', async () => {
    const s = await strategy({ title: 'Measures' });
    const o = await objective(s.id, 'M');
    const ind = await indicator((await outcome(o.id)).id);
    const first = await as<{ recordMeasurement: { id: string } }>(RECORD, {
      input: { indicatorId: ind.id, period: '2025-03-31', value: 27 },
    });
    const again = await as<{ recordMeasurement: { id: string; value: number; area: string | null } }>(
      RECORD,
      {
        input: { indicatorId: ind.id, period: '2025-03-31', value: 24.5, area: '' },
      },
    );
    expect(again.recordMeasurement).toMatchObject({
      id: first.recordMeasurement.id,
      value: 24.5,
      area: null,
    });
    // A different area is a different measurement.
    const area = await as<{ recordMeasurement: { id: string } }>(RECORD, {
      input: { indicatorId: ind.id, period: '2025-03-31', value: 40, area: 'Camden' },
    });
    expect(area.recordMeasurement.id).not.toBe(first.recordMeasurement.id);
    const rows = await t.dataSource.query(
      `SELECT value, area FROM measurement WHERE indicator_id = $1 ORDER BY area`,
      [ind.id],
    );
    expect(rows).toEqual([
      { value: 24.5, area: '' },
      { value: 40, area: 'Camden' },
    ]);
    const audit = await auditOf(first.recordMeasurement.id);
    expect(audit.map((a) => a.operation)).toEqual(['recordMeasurement', 'recordMeasurement']);
    expect(audit[0].before).toBeNull();
    expect(audit[0].after.value).toBe(27);
    expect(audit[1].before!.value).toBe(27);
    expect(audit[1].after.value).toBe(24.5);
  });

  describe('optimistic concurrency', () => {
    it.each([
      ['Strategy', UPDATE_STRATEGY, 'updateStrategy', { title: 'Changed' }],
      ['Objective', UPDATE_OBJECTIVE, 'updateObjective', { title: 'Changed' }],
      ['Outcome', UPDATE_OUTCOME, 'updateOutcome', { title: 'Changed' }],
      ['Output', UPDATE_OUTPUT, 'updateOutput', { title: 'Changed' }],
      ['Indicator', UPDATE_INDICATOR, 'updateIndicator', { name: 'Changed' }],
    ])(
      '%s: a stale version is refused with CONFLICT and the current version',
      async (kind, doc, field, patch) => {
        const s = await strategy({ title: `Conc ${kind}` });
        const o = await objective(s.id, 'C');
        const oc = await outcome(o.id);
        const ids: Record<string, string> = {
          Strategy: s.id,
          Objective: o.id,
          Outcome: oc.id,
          Output: (
            await as<{ createOutput: { id: string } }>(CREATE_OUTPUT, {
              input: { objectiveId: o.id, title: 'x' },
            })
          ).createOutput.id,
          Indicator: (await indicator(oc.id)).id,
        };
        const id = ids[kind];
        const ok = await as<Record<string, { version: number }>>(doc, { id, version: 1, input: patch });
        expect(ok[field].version).toBe(2);
        const e = await fails(doc, { id, version: 1, input: patch });
        expect(e.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
        const audit = await auditOf(id);
        expect(audit.filter((a) => a.operation === field)).toHaveLength(1);
      },
    );

    it('two concurrent updates from the same version: exactly one wins', async () => {
      const s = await strategy({ title: 'Race' });
      const o = await objective(s.id, 'R');
      const results = await Promise.all(
        ['First', 'Second', 'Third'].map((title) =>
          t.request(UPDATE_OBJECTIVE, { id: o.id, version: 1, input: { title } }, { token: admin }),
        ),
      );
      const winners = results.filter((r) => !r.errors);
      const losers = results.filter((r) => r.errors);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(2);
      for (const l of losers)
        expect(l.errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
      const [row] = await t.dataSource.query(`SELECT title, version FROM objective WHERE id = $1`, [o.id]);
      expect(row).toEqual({
        title: (winners[0].data as { updateObjective: { title: string } }).updateObjective.title,
        version: 2,
      });
      expect((await auditOf(o.id)).filter((a) => a.operation === 'updateObjective')).toHaveLength(1);
    });

    it('two concurrent objectives with the same code: one is created, the other names code', async () => {
      const s = await strategy({ title: 'Code race' });
      const results = await Promise.all(
        [1, 2, 3].map((n) =>
          t.request(
            CREATE_OBJECTIVE,
            { input: { strategyId: s.id, code: 'DUP', title: `Try ${n}` } },
            { token: admin },
          ),
        ),
      );
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      for (const r of results.filter((x) => x.errors)) {
        expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
      }
      const [row] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM objective WHERE strategy_id = $1`,
        [s.id],
      );
      expect(row.n).toBe(1);
    });

    it('the indicator update recomputes lowerIsBetter', async () => {
      const s = await strategy({ title: 'Lower' });
      const ind = await indicator((await outcome((await objective(s.id, 'L')).id)).id);
      const r = await as<{ updateIndicator: { lowerIsBetter: boolean; target: number } }>(UPDATE_INDICATOR, {
        id: ind.id,
        version: 1,
        input: { target: 45 },
      });
      expect(r.updateIndicator).toMatchObject({ target: 45, lowerIsBetter: false });
    });
  });

  describe('who may', () => {
    it('non-admins are FORBIDDEN to write and change nothing', async () => {
      const s = await strategy({ title: 'Guarded' });
      const e = await fails(CREATE_STRATEGY, { input: { title: 'Board strategy' } }, board);
      expect(e.extensions?.code).toBe('FORBIDDEN');
      const e2 = await fails(UPDATE_STRATEGY, { id: s.id, version: 1, input: { title: 'No' } }, board);
      expect(e2.extensions?.code).toBe('FORBIDDEN');
      const e3 = await fails(CREATE_OBJECTIVE, { input: { strategyId: s.id, code: 'X', title: 'x' } }, board);
      expect(e3.extensions?.code).toBe('FORBIDDEN');
      const chair = (await t.user({ roles: [] })).token;
      const e4 = await fails(RECORD, { input: { indicatorId: s.id, period: '2025-01-01', value: 1 } }, chair);
      expect(e4.extensions?.code).toBe('FORBIDDEN');
      // ...and the service refuses direct callers without ADMIN too.
      const err = await rejection(
        t.services.strategy.createStrategy({ ...adminViewer, roles: [Role.BOARD] }, { title: 'x' }),
      );
      expect(err.extensions).toMatchObject({ code: 'FORBIDDEN' });
      const [row] = await t.dataSource.query(`SELECT title, version FROM strategy WHERE id = $1`, [s.id]);
      expect(row).toEqual({ title: 'Guarded', version: 1 });
    });

    it('anonymous callers are UNAUTHENTICATED', async () => {
      expect((await fails(`{ strategies { id } }`, {}, null)).extensions?.code).toBe('UNAUTHENTICATED');
      expect((await fails(CREATE_STRATEGY, { input: { title: 'x' } }, null)).extensions?.code).toBe(
        'UNAUTHENTICATED',
      );
    });
  });

  describe('another partnership', () => {
    let otherStrategy: string;
    let otherObjective: string;
    let otherOutcome: string;
    let otherIndicator: string;
    beforeAll(async () => {
      const other = await t.dataSource.getRepository(PartnershipEntity).save({ name: 'Elsewhere' });
      const otherAdmin: Viewer = { ...adminViewer, partnershipId: other.id };
      const svc = t.services.strategy;
      otherStrategy = (await svc.createStrategy(otherAdmin, { title: 'Their strategy' })).id;
      otherObjective = (
        await svc.createObjective(otherAdmin, { strategyId: otherStrategy, code: 'Z', title: 'z' })
      ).id;
      otherOutcome = (await svc.createOutcome(otherAdmin, { objectiveId: otherObjective, title: 'z' })).id;
      otherIndicator = (await svc.createIndicator(otherAdmin, { outcomeId: otherOutcome, name: 'z' })).id;
    });

    it('is invisible to reads', async () => {
      const r = await as<{ strategy: unknown; strategies: Array<{ id: string }> }>(
        `query($id: ID!) { strategy(id: $id) { id } strategies { id } }`,
        { id: otherStrategy },
        board,
      );
      expect(r.strategy).toBeNull();
      expect(r.strategies.map((x) => x.id)).not.toContain(otherStrategy);
    });

    it('updates of its records are NOT_FOUND', async () => {
      for (const [doc, id] of [
        [UPDATE_STRATEGY, otherStrategy],
        [UPDATE_OBJECTIVE, otherObjective],
        [UPDATE_OUTCOME, otherOutcome],
        [UPDATE_INDICATOR, otherIndicator],
        [UPDATE_OUTPUT, otherObjective],
      ]) {
        const e = await fails(doc, { id, version: 1, input: {} });
        expect(e.extensions?.code, doc).toBe('NOT_FOUND');
      }
      const [row] = await t.dataSource.query(`SELECT version FROM strategy WHERE id = $1`, [otherStrategy]);
      expect(row.version).toBe(1);
    });

    it('its records cannot be referenced from our inputs', async () => {
      await badInput(
        CREATE_OBJECTIVE,
        { input: { strategyId: otherStrategy, code: 'Q', title: 'q' } },
        'strategyId',
      );
      await badInput(CREATE_OUTCOME, { input: { objectiveId: otherObjective, title: 'q' } }, 'objectiveId');
      await badInput(CREATE_INDICATOR, { input: { outcomeId: otherOutcome, name: 'q' } }, 'outcomeId');
      await badInput(
        RECORD,
        { input: { indicatorId: otherIndicator, period: '2025-01-01', value: 1 } },
        'indicatorId',
      );
    });
  });
});
