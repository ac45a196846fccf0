/**
 * Property: for random indicators (plain and rates), per-area and partnership-wide measurements,
 * trajectories (partnership-wide and per area) and dates, the SQL of indicator.queries.ts equals the
 * plain TypeScript reference (reference-indicators.ts). Few distinct dates and areas, so that ties,
 * missing areas, small counts and targets exactly at a period happen often.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openRollupTestDb, type RollupTestDb } from './test-support/test-db';
import { queryIndicatorFigures } from './indicator.queries';
import { referenceIndicatorFigures, type RefIndicatorPlan } from './reference-indicators';

let t: RollupTestDb;

beforeAll(async () => {
  t = await openRollupTestDb();
});

afterAll(async () => {
  await t?.close();
});

const PERIODS = ['2024-03-31', '2024-06-30', '2024-09-30', '2024-12-31', '2025-03-31'];
const periodArb = fc.constantFrom(...PERIODS);
const areaArb = fc.constantFrom('', 'Camden', 'Islington', 'Barnet');
const smallArb = fc.constantFrom<number | null>(null, 0, 10, 50, 70, 90);

const indicatorArb = fc.record({
  baseline: smallArb,
  target: smallArb,
  isRate: fc.boolean(),
  tolerance: fc.constantFrom(0, 5, 10),
  measurements: fc.uniqueArray(
    fc.record({
      period: periodArb,
      area: areaArb,
      value: fc.integer({ min: -5, max: 100 }),
      denominator: fc.integer({ min: 1, max: 40 }),
      share: fc.integer({ min: 0, max: 100 }),
    }),
    { maxLength: 8, selector: (m) => `${m.period}|${m.area}` },
  ),
  targets: fc.uniqueArray(
    fc.record({ period: periodArb, area: areaArb, value: fc.integer({ min: 0, max: 100 }) }),
    { maxLength: 4, selector: (x) => `${x.period}|${x.area}` },
  ),
});

type Figures = Awaited<ReturnType<typeof queryIndicatorFigures>>;

/**
 * Progress is divided in numeric in SQL (which cannot overflow) and in float8 here: equal to 9 places.
 */
function rounded(rows: Figures): Figures {
  const fix = <F extends { progress: number | null } | null>(f: F): F =>
    f && { ...f, progress: f.progress === null ? null : Math.round(f.progress * 1e9) / 1e9 };
  return rows.map((r) => ({
    ...r,
    partnershipWide: fix(r.partnershipWide),
    areas: r.areas.map(fix),
    series: r.series.map(fix),
  }));
}

async function insert(plan: RefIndicatorPlan): Promise<string> {
  const partnershipId = randomUUID();
  const outcomeId = randomUUID();
  await t.dataSource.query(
    `WITH p AS (INSERT INTO partnership (id, name) VALUES ($1::uuid, 'Indicators ' || $1::text) RETURNING id),
       s AS (INSERT INTO strategy (partnership_id, title) SELECT id, 'S' FROM p RETURNING id),
       o AS (INSERT INTO objective (strategy_id, code, title) SELECT id, 'O1', 'O' FROM s RETURNING id)
     INSERT INTO outcome (id, objective_id, title) SELECT $2, id, 'Outcome' FROM o`,
    [partnershipId, outcomeId],
  );
  const json = (x: unknown) => JSON.stringify(x);
  await t.dataSource.query(
    `INSERT INTO indicator (id, outcome_id, name, baseline, target, is_rate, tolerance)
     SELECT x.id, $2, 'I', x.baseline, x.target, x."isRate", x.tolerance
     FROM json_to_recordset($1::json) AS x(id uuid, baseline float8, target float8, "isRate" boolean, tolerance float8)`,
    [json(plan.indicators), outcomeId],
  );
  await t.dataSource.query(
    `INSERT INTO measurement (indicator_id, period, area, value, numerator, denominator)
     SELECT x."indicatorId", x.period, x.area, x.value, x.numerator, x.denominator
     FROM json_to_recordset($1::json)
       AS x("indicatorId" uuid, period date, area text, value float8, numerator int, denominator int)`,
    [json(plan.measurements)],
  );
  await t.dataSource.query(
    `INSERT INTO indicator_target (indicator_id, period, area, value)
     SELECT x."indicatorId", x.period, x.area, x.value
     FROM json_to_recordset($1::json) AS x("indicatorId" uuid, period date, area text, value float8)`,
    [json(plan.targets)],
  );
  return partnershipId;
}

it('indicator figures: SQL equals the reference', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(indicatorArb, { minLength: 1, maxLength: 3 }),
      fc.constantFrom('2024-01-01', ...PERIODS, '2024-08-15'),
      async (generated, asOf) => {
        const plan: RefIndicatorPlan = { indicators: [], measurements: [], targets: [] };
        for (const g of generated) {
          const id = randomUUID();
          plan.indicators.push({
            id,
            baseline: g.baseline,
            target: g.target,
            isRate: g.isRate,
            tolerance: g.tolerance,
          });
          for (const m of g.measurements) {
            const numerator = Math.floor((m.denominator * m.share) / 100);
            plan.measurements.push(
              g.isRate
                ? {
                    indicatorId: id,
                    period: m.period,
                    area: m.area,
                    value: (100 * numerator) / m.denominator,
                    numerator,
                    denominator: m.denominator,
                  }
                : {
                    indicatorId: id,
                    period: m.period,
                    area: m.area,
                    value: m.value,
                    numerator: null,
                    denominator: null,
                  },
            );
          }
          for (const x of g.targets) plan.targets.push({ indicatorId: id, ...x });
        }
        const partnershipId = await insert(plan);
        const ids = plan.indicators.map((i) => i.id);
        const sql = await queryIndicatorFigures(t.dataSource, { indicatorIds: ids, partnershipId, asOf });
        const byId = (rows: Figures) =>
          [...rows].sort((a, b) => ids.indexOf(a.indicatorId) - ids.indexOf(b.indicatorId));
        expect(rounded(byId(sql))).toEqual(rounded(byId(referenceIndicatorFigures(plan, ids, asOf))));
        // Another partnership sees none of them.
        expect(
          await queryIndicatorFigures(t.dataSource, { indicatorIds: ids, partnershipId: randomUUID(), asOf }),
        ).toEqual([]);
      },
    ),
    { numRuns: 60, seed: 21 },
  );
});
