/**
 * Indicators as a multi-borough board reads them, through the public API: rates from numerators and
 * denominators, per-area figures and the areas that have not reported, trajectories (the target in
 * force at a period, lower-is-better), small counts suppressed, where a value comes from and its
 * corrections, and the periods refused. Worked examples: each pins one rule of docs/architecture.md's
 * "Indicator figures" (the property test in src/modules/rollup holds the SQL to the reference).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, startTestApp, type TestApp, type TestUser } from './support/test-app';

let t: TestApp;
let admin: TestUser;
let board: TestUser;
let strategyId: string;
let outcomeId: string;

const as = () => ({ token: admin.token });

async function indicator(input: Record<string, unknown>): Promise<string> {
  const d = await t.ok<{ createIndicator: { id: string } }>(
    `mutation($input: IndicatorInput!) { createIndicator(input: $input) { id } }`,
    { input: { outcomeId, ...input } },
    as(),
  );
  return d.createIndicator.id;
}

const record = (input: Record<string, unknown>) =>
  t.ok<{ recordMeasurement: { id: string } }>(
    `mutation($input: MeasurementInput!) { recordMeasurement(input: $input) { id } }`,
    { input },
    as(),
  );

const target = (indicatorId: string, period: string, value: number, area?: string) =>
  t.ok(
    `mutation($input: IndicatorTargetInput!) { setIndicatorTarget(input: $input) { id } }`,
    { input: { indicatorId, period, value, area } },
    as(),
  );

const FIGURE = `area period value numerator denominator suppressed targetInForce targetPeriod progress rating`;

interface Figure {
  area: string | null;
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  suppressed: boolean;
  targetInForce: number | null;
  targetPeriod: string | null;
  progress: number | null;
  rating: string | null;
}
interface Progress {
  indicator: { id: string; isRate: boolean };
  latest: number | null;
  latestPeriod: string | null;
  suppressed: boolean;
  targetInForce: number | null;
  rating: string | null;
  reportingPeriod: string | null;
  partnershipWide: Figure | null;
  areas: Figure[];
  notReported: string[];
  series: Figure[];
}

/** The indicator's progress on the board as of `asOf`, read by a board member. */
async function progressOf(indicatorId: string, asOf: string): Promise<Progress> {
  const d = await t.ok<{
    boardRollup: { objectives: Array<{ outcomes: Array<{ indicators: Progress[] }> }> };
  }>(
    `query($s: ID!, $asOf: Date) { boardRollup(strategyId: $s, asOf: $asOf) { objectives { outcomes {
      indicators { indicator { id isRate } latest latestPeriod suppressed targetInForce rating reportingPeriod
        partnershipWide { ${FIGURE} } areas { ${FIGURE} } notReported series { ${FIGURE} } } } } } }`,
    { s: strategyId, asOf },
    { token: board.token },
  );
  const all = d.boardRollup.objectives.flatMap((o) => o.outcomes.flatMap((oc) => oc.indicators));
  return all.find((p) => p.indicator.id === indicatorId)!;
}

beforeAll(async () => {
  t = await startTestApp({ mutationsPerMinute: 0 });
  admin = await t.user({ roles: [Role.ADMIN], name: 'Strategic Lead' });
  board = await t.user({ roles: [Role.BOARD] });
  strategyId = (
    await t.ok<{ createStrategy: { id: string } }>(
      `mutation { createStrategy(input: { title: "VAWG 2025-28", startsOn: "2025-04-01", endsOn: "2028-03-31" }) { id } }`,
      {},
      as(),
    )
  ).createStrategy.id;
  const objectiveId = (
    await t.ok<{ createObjective: { id: string } }>(
      `mutation($s: ID!) { createObjective(input: { strategyId: $s, code: "O1", title: "Safety" }) { id } }`,
      { s: strategyId },
      as(),
    )
  ).createObjective.id;
  outcomeId = (
    await t.ok<{ createOutcome: { id: string } }>(
      `mutation($o: ID!) { createOutcome(input: { objectiveId: $o, title: "Risk reduced" }) { id } }`,
      { o: objectiveId },
      as(),
    )
  ).createOutcome.id;
});

afterAll(async () => {
  await t?.close();
});

describe('rates', () => {
  it('the partnership-wide rate is the sum of numerators over the sum of denominators, never an average of percentages', async () => {
    const id = await indicator({
      name: 'Risk reduced at closure',
      unit: '%',
      isRate: true,
      baseline: 60,
      target: 80,
    });
    await record({ indicatorId: id, period: '2025-06-30', area: 'Camden', numerator: 94, denominator: 100 });
    await record({ indicatorId: id, period: '2025-06-30', area: 'Barnet', numerator: 20, denominator: 40 });
    await record({ indicatorId: id, period: '2025-06-30', area: 'Islington', numerator: 6, denominator: 10 });
    const p = await progressOf(id, '2025-12-31');
    // (94 + 20 + 6) / (100 + 40 + 10) = 80%; the average of 94%, 50% and 60% would be 68%.
    expect(p.latest).toBe(80);
    expect(p.partnershipWide).toMatchObject({
      numerator: 120,
      denominator: 150,
      value: 80,
      suppressed: false,
    });
    expect(p.latestPeriod).toBe('2025-06-30');
    expect(p.areas.map((a) => [a.area, a.value])).toEqual([
      ['Barnet', 50],
      ['Camden', 94],
      ['Islington', 60],
    ]);
    expect(p.rating).toBe('ON_TRACK');
  });

  it('suppresses counts fewer than 5 for an area and partnership-wide, and says so', async () => {
    const id = await indicator({ name: 'Repeat MARAC cases', unit: '%', isRate: true });
    await record({ indicatorId: id, period: '2025-06-30', area: 'Camden', numerator: 3, denominator: 40 });
    await record({ indicatorId: id, period: '2025-06-30', area: 'Barnet', numerator: 1, denominator: 4 });
    let p = await progressOf(id, '2025-12-31');
    expect(p.areas.find((a) => a.area === 'Barnet')).toMatchObject({
      suppressed: true,
      value: null,
      numerator: null,
      denominator: null,
    });
    // 4 of 44 partnership-wide: still fewer than 5.
    expect(p.partnershipWide).toMatchObject({ suppressed: true, value: null, numerator: null });
    expect(p.suppressed).toBe(true);
    expect(p.latest).toBeNull();
    await record({ indicatorId: id, period: '2025-09-30', area: 'Camden', numerator: 5, denominator: 50 });
    p = await progressOf(id, '2025-12-31');
    expect(p.partnershipWide).toMatchObject({ suppressed: false, value: 10, period: '2025-09-30' });
    expect(p.notReported).toEqual(['Barnet']);
  });

  it('keeps an indicator with measurements a rate (or not), and refuses a negative tolerance', async () => {
    const id = await indicator({ name: 'Fixed kind' });
    const update = async (input: Record<string, unknown>) =>
      (
        await t.request(
          `mutation($id: ID!, $input: IndicatorPatch!) { updateIndicator(id: $id, version: 1, input: $input) { id isRate tolerance } }`,
          { id, input },
          as(),
        )
      ).errors?.[0]?.extensions;
    expect(await update({ tolerance: -1 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'tolerance' });
    await record({ indicatorId: id, period: '2025-06-30', value: 3 });
    expect(await update({ isRate: true })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'isRate' });
    expect(await update({ tolerance: 2 })).toBeUndefined();
  });

  it('refuses a value for a rate, counts for a plain indicator, and a numerator above the denominator', async () => {
    const rate = await indicator({ name: 'Rate', isRate: true });
    const plain = await indicator({ name: 'Plain' });
    const field = async (input: Record<string, unknown>) =>
      (
        await t.request(
          `mutation($input: MeasurementInput!) { recordMeasurement(input: $input) { id } }`,
          { input },
          as(),
        )
      ).errors?.[0]?.extensions;
    expect(await field({ indicatorId: rate, period: '2025-06-30', value: 50 })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'value',
    });
    expect(
      await field({ indicatorId: rate, period: '2025-06-30', numerator: 6, denominator: 5 }),
    ).toMatchObject({
      field: 'numerator',
    });
    expect(await field({ indicatorId: plain, period: '2025-06-30', value: 1, numerator: 1 })).toMatchObject({
      field: 'numerator',
    });
  });
});

describe('per-area figures', () => {
  it("gives each area's latest value beside the partnership-wide one, and the areas not reported", async () => {
    const id = await indicator({ name: 'MARAC referrals', unit: 'referrals', baseline: 400, target: 500 });
    await record({ indicatorId: id, period: '2025-06-30', value: 420 });
    await record({ indicatorId: id, period: '2025-06-30', area: 'Camden', value: 150 });
    await record({ indicatorId: id, period: '2025-06-30', area: 'Barnet', value: 130 });
    await record({ indicatorId: id, period: '2025-09-30', value: 460 });
    await record({ indicatorId: id, period: '2025-09-30', area: 'Camden', value: 170 });
    const p = await progressOf(id, '2025-12-31');
    expect(p.latest).toBe(460);
    expect(p.reportingPeriod).toBe('2025-09-30');
    expect(p.areas.map((a) => [a.area, a.period, a.value])).toEqual([
      ['Barnet', '2025-06-30', 130],
      ['Camden', '2025-09-30', 170],
    ]);
    expect(p.notReported).toEqual(['Barnet']);
    expect(p.series.map((f) => [f.area, f.period, f.value])).toEqual([
      [null, '2025-06-30', 420],
      [null, '2025-09-30', 460],
      ['Barnet', '2025-06-30', 130],
      ['Camden', '2025-06-30', 150],
      ['Camden', '2025-09-30', 170],
    ]);
    // As of an earlier date, only what was known then.
    const earlier = await progressOf(id, '2025-07-01');
    expect(earlier.notReported).toEqual([]);
    expect(earlier.reportingPeriod).toBe('2025-06-30');
  });
});

describe('trajectories', () => {
  it('measures each period against the target in force: the next point on or after it, else the last', async () => {
    const id = await indicator({
      name: 'Satisfied survivors',
      unit: '%',
      baseline: 50,
      target: 80,
      tolerance: 5,
    });
    await target(id, '2026-03-31', 60);
    await target(id, '2027-03-31', 70);
    await target(id, '2026-03-31', 62, 'Camden');
    await record({ indicatorId: id, period: '2025-12-31', value: 58 });
    await record({ indicatorId: id, period: '2026-03-31', value: 61 });
    await record({ indicatorId: id, period: '2026-06-30', value: 63 });
    await record({ indicatorId: id, period: '2026-06-30', area: 'Camden', value: 61 });
    await record({ indicatorId: id, period: '2026-06-30', area: 'Barnet', value: 40 });
    const p = await progressOf(id, '2026-06-30');
    const wide = p.series.filter((f) => f.area === null);
    expect(wide.map((f) => [f.period, f.targetInForce, f.targetPeriod, f.rating])).toEqual([
      ['2025-12-31', 60, '2026-03-31', 'WITHIN_TOLERANCE'],
      ['2026-03-31', 60, '2026-03-31', 'ON_TRACK'],
      ['2026-06-30', 70, '2027-03-31', 'OFF_TRACK'],
    ]);
    // (63 - 50) / (70 - 50) against the target in force; progress to the final target stays 13 / 30.
    expect(p.partnershipWide!.progress).toBeCloseTo(0.65, 9);
    expect(p.targetInForce).toBe(70);
    // Camden follows its own trajectory (its last point, 62); Barnet the partnership's.
    expect(p.areas.map((a) => [a.area, a.targetInForce, a.rating])).toEqual([
      ['Barnet', 70, 'OFF_TRACK'],
      ['Camden', 62, 'WITHIN_TOLERANCE'],
    ]);
  });

  it('keeps lower-is-better (target below baseline) with a trajectory', async () => {
    const id = await indicator({ name: 'Repeat victims', unit: '%', baseline: 30, target: 20, tolerance: 1 });
    await target(id, '2026-03-31', 27);
    await target(id, '2027-03-31', 24);
    await record({ indicatorId: id, period: '2025-12-31', value: 26 });
    await record({ indicatorId: id, period: '2026-03-31', value: 27.5 });
    await record({ indicatorId: id, period: '2026-06-30', value: 29 });
    const p = await progressOf(id, '2026-09-30');
    expect(p.series.map((f) => [f.period, f.targetInForce, f.rating])).toEqual([
      ['2025-12-31', 27, 'ON_TRACK'],
      ['2026-03-31', 27, 'WITHIN_TOLERANCE'],
      ['2026-06-30', 24, 'OFF_TRACK'],
    ]);
    // (29 - 30) / (24 - 30) = 1/6 of the way down to the target in force.
    expect(p.partnershipWide!.progress).toBeCloseTo(1 / 6, 9);
  });

  it('lists the trajectory on the indicator and removes a point', async () => {
    const id = await indicator({ name: 'Trajectory listed' });
    await target(id, '2027-03-31', 70);
    await target(id, '2026-03-31', 60);
    await target(id, '2026-03-31', 65, 'Camden');
    const list = async () =>
      (
        await t.ok<{
          strategy: {
            objectives: Array<{
              outcomes: Array<{
                indicators: Array<{
                  id: string;
                  trajectory: Array<{ id: string; period: string; value: number; area: string | null }>;
                }>;
              }>;
            }>;
          };
        }>(
          `query($s: ID!) { strategy(id: $s) { objectives { outcomes { indicators { id trajectory { id period value area } } } } } }`,
          { s: strategyId },
          { token: board.token },
        )
      ).strategy.objectives[0].outcomes[0].indicators.find((i) => i.id === id)!.trajectory;
    const before = await list();
    expect(before.map((x) => [x.area, x.period, x.value])).toEqual([
      [null, '2026-03-31', 60],
      [null, '2027-03-31', 70],
      ['Camden', '2026-03-31', 65],
    ]);
    await t.ok(`mutation($id: ID!) { removeIndicatorTarget(id: $id) }`, { id: before[2].id }, as());
    expect((await list()).length).toBe(2);
    const audit = await t.dataSource.query(
      `SELECT operation FROM audit_entry WHERE entity_id = $1 ORDER BY id`,
      [before[2].id],
    );
    expect(audit.map((a: { operation: string }) => a.operation)).toEqual([
      'setIndicatorTarget',
      'removeIndicatorTarget',
    ]);
  });
});

describe('provenance and dates', () => {
  it('keeps where a value came from, who recorded it, and the earlier value after a correction', async () => {
    const id = await indicator({ name: 'Refuge places', unit: 'places' });
    const first = await record({
      indicatorId: id,
      period: '2025-06-30',
      area: 'Camden',
      value: 12,
      source: 'Refuge return Q1',
    });
    const second = await record({
      indicatorId: id,
      period: '2025-06-30',
      area: 'Camden',
      value: 14,
      source: 'Corrected return',
    });
    expect(second.recordMeasurement.id).toBe(first.recordMeasurement.id);
    const d = await t.ok<{
      strategy: {
        objectives: Array<{
          outcomes: Array<{
            indicators: Array<{ id: string; measurements: Array<Record<string, unknown>> }>;
          }>;
        }>;
      };
    }>(
      `query($s: ID!) { strategy(id: $s) { objectives { outcomes { indicators { id measurements {
        value area source recordedAt recordedBy { name }
        history { value source recordedBy { name } replacedBy { name } } } } } } } }`,
      { s: strategyId },
      { token: board.token },
    );
    const ms = d.strategy.objectives[0].outcomes[0].indicators.find((i) => i.id === id)!.measurements;
    expect(ms).toHaveLength(1);
    expect(ms[0]).toMatchObject({
      value: 14,
      area: 'Camden',
      source: 'Corrected return',
      recordedBy: { name: 'Strategic Lead' },
    });
    expect(ms[0].history).toEqual([
      {
        value: 12,
        source: 'Refuge return Q1',
        recordedBy: { name: 'Strategic Lead' },
        replacedBy: { name: 'Strategic Lead' },
      },
    ]);
  });

  it('refuses a period in the future or outside the strategy, naming the field', async () => {
    const id = await indicator({ name: 'Dated' });
    const err = async (period: string) =>
      (
        await t.request(
          `mutation($input: MeasurementInput!) { recordMeasurement(input: $input) { id } }`,
          { input: { indicatorId: id, period, value: 1 } },
          as(),
        )
      ).errors?.[0];
    const future = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    expect((await err(future))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
    expect((await err(future))?.message).toMatch(/future/);
    expect((await err('2025-03-31'))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
    expect((await err('2025-03-31'))?.message).toMatch(/before the strategy starts/);
  });
});
