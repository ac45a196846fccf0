/**
 * Measurement, not a rule: the roll-up's SQL over a plan the size of the design probe's (docs/performance.md; 300 nodes,
 * 20,000 actions, 200,000 updates). Skipped unless ROLLUP_PERF=1, since it takes ~30 s of a shared CPU:
 *   ROLLUP_PERF=1 TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *     npx vitest run src/modules/rollup/rollup.perf.test.ts
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryBoardRollup, queryObjectiveTrend, queryTagCoverage } from './queries';
import { openRollupTestDb, type RollupTestDb } from './test-support/test-db';

const P = '00000000-0000-0000-0000-000000000001';
const S = '00000000-0000-0000-0000-000000000003';
const O = '00000000-0000-0000-0001-000000000000';

const GENERATE = [
  `SELECT setseed(0.42)`,
  `INSERT INTO partnership (id, name) VALUES ('${P}', 'Perf')`,
  `INSERT INTO operational_group (id, partnership_id, name) VALUES ('00000000-0000-0000-0000-000000000002', '${P}', 'G')`,
  `INSERT INTO strategy (id, partnership_id, title) VALUES ('${S}', '${P}', 'S')`,
  `INSERT INTO objective (id, strategy_id, code, title, position)
   SELECT ('00000000-0000-0000-0001-' || lpad(i::text, 12, '0'))::uuid, '${S}', 'O' || i, 'Objective ' || i, i
   FROM generate_series(0, 9) i`,
  `INSERT INTO output (id, objective_id, title, position)
   SELECT ('00000000-0000-0000-0002-' || lpad(i::text, 12, '0'))::uuid,
     ('00000000-0000-0000-0001-' || lpad((i % 10)::text, 12, '0'))::uuid, 'Output ' || i, i
   FROM generate_series(0, 289) i`,
  `INSERT INTO outcome (id, objective_id, title, position)
   SELECT ('00000000-0000-0000-0003-' || lpad(i::text, 12, '0'))::uuid,
     ('00000000-0000-0000-0001-' || lpad((i % 10)::text, 12, '0'))::uuid, 'Outcome ' || i, i
   FROM generate_series(0, 29) i`,
  `INSERT INTO indicator (id, outcome_id, name, baseline, target)
   SELECT gen_random_uuid(), ('00000000-0000-0000-0003-' || lpad((i % 30)::text, 12, '0'))::uuid, 'Indicator ' || i,
     100, CASE WHEN i % 2 = 0 THEN 60 ELSE 140 END
   FROM generate_series(0, 59) i`,
  `INSERT INTO measurement (indicator_id, period, value, area)
   SELECT i.id, date '2024-01-01' + (m * 30), 100 + (random() * 40 - 20), a
   FROM indicator i, generate_series(0, 23) m, unnest(ARRAY['', 'camden']) a`,
  `INSERT INTO tag (id, partnership_id, kind, slug, label)
   SELECT gen_random_uuid(), '${P}', 'ecological-level', s, initcap(s)
   FROM unnest(ARRAY['individual', 'community', 'institutional', 'societal']) s`,
  `INSERT INTO action (id, strategy_id, objective_id, output_id, group_id, ref, title, agreed_on, due_on)
   SELECT gen_random_uuid(), '${S}', ('00000000-0000-0000-0001-' || lpad((o % 10)::text, 12, '0'))::uuid,
     CASE WHEN random() < 0.9 THEN ('00000000-0000-0000-0002-' || lpad(o::text, 12, '0'))::uuid END,
     '00000000-0000-0000-0000-000000000002', 'A' || i, 'Action ' || i, ag, ag + (90 + floor(random() * 400))::int
   FROM (SELECT i, floor(random() * 290)::int AS o, date '2024-01-01' + floor(random() * 600)::int AS ag
         FROM generate_series(1, 20000) i) x`,
  `INSERT INTO action_tag (action_id, tag_id) SELECT a.id, t.id FROM action a JOIN tag t ON random() < 0.4`,
  `INSERT INTO action_update (action_id, reported_on, status, rag)
   SELECT a.id, least(a.agreed_on + k * 25 + floor(random() * 20)::int, date '2026-06-30'),
     (ARRAY['NOT_STARTED', 'IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'COMPLETE', 'CANCELLED'])[1 + floor(random() * 6)::int],
     (ARRAY['RED', 'AMBER', 'GREEN', 'GREEN'])[1 + floor(random() * 4)::int]
   FROM action a, generate_series(1, 10) k ORDER BY random()`,
  `UPDATE action a SET current_status = coalesce(l.status, 'NOT_STARTED'), current_rag = l.rag,
     last_reported_on = l.reported_on, latest_update_id = l.id
   FROM action a2 LEFT JOIN LATERAL (
     SELECT u.id, u.status, u.rag, u.reported_on FROM action_update u
     WHERE u.action_id = a2.id ORDER BY u.reported_on DESC, u.seq DESC LIMIT 1
   ) l ON true
   WHERE a2.id = a.id`,
  `ANALYZE`,
];

let t: RollupTestDb;

beforeAll(async () => {
  if (!process.env.ROLLUP_PERF) return;
  t = await openRollupTestDb();
  for (const sql of GENERATE) await t.dataSource.query(sql);
}, 300_000);

afterAll(async () => {
  await t?.close();
});

async function median(name: string, run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < 21; i++) {
    const start = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(52)} median ${times[10].toFixed(1)} ms, p90 ${times[18].toFixed(1)} ms`);
  return times[10];
}

it.skipIf(!process.env.ROLLUP_PERF)(
  'measures the roll-up at 20,000 actions and 200,000 updates',
  { timeout: 300_000 },
  async () => {
    const board = (asOf: string) =>
      queryBoardRollup(t.dataSource, { strategyId: S, partnershipId: P, asOf, seeConfidential: true });
    const today = await board('2026-11-24');
    expect(today!.totals.total).toBe(20_000);
    expect(today!.objectives).toHaveLength(10);
    t.statements.reset();
    await median('boardRollup as of today (current state)', () => board('2026-11-24'));
    await median('boardRollup as of 2025-06-30 (history)', () => board('2025-06-30'));
    await median('tagCoverage as of today', () =>
      queryTagCoverage(t.dataSource, {
        strategyId: S,
        partnershipId: P,
        asOf: '2026-11-24',
        kind: 'ecological-level',
      }),
    );
    await median('tagCoverage as of 2025-06-30', () =>
      queryTagCoverage(t.dataSource, {
        strategyId: S,
        partnershipId: P,
        asOf: '2025-06-30',
        kind: 'ecological-level',
      }),
    );
    await median('objectiveTrend, 12 months, 2,000 actions', () =>
      queryObjectiveTrend(t.dataSource, {
        objectiveId: O,
        partnershipId: P,
        from: '2025-01-01',
        stepMonths: 1,
        count: 12,
      }),
    );
    // One statement per call: 5 measurements x 24 runs.
    expect(t.statements.count).toBe(5 * 24);
  },
);
