/**
 * Property: for random plans and histories and random dates, the SQL roll-up (queries.ts) equals the
 * plain TypeScript reference (reference.ts). Dates come from a coarse grid so that same-day updates,
 * due-on-asOf, due dates moved on the day asked about and exactly-cadence-days-old reports happen often.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PlanBuilder, insertPlan } from './test-support/plan-fixtures';
import { day, statusArb, ragArb, recStatusArb, shape } from './test-support/property-kit';
import { openRollupTestDb, type RollupTestDb } from './test-support/test-db';
import { queryBoardRollup, queryObjectiveTrend, queryTagCoverage, type TagCoverageRow } from './queries';
import { addMonths, referenceRollup, referenceTagCoverage, referenceTrend } from './reference';

let t: RollupTestDb;

beforeAll(async () => {
  t = await openRollupTestDb();
});

afterAll(async () => {
  await t?.close();
});

const dayArb = fc.integer({ min: 0, max: 40 });

const valueArb = fc.constantFrom<number | null>(null, 0, 5, 10, 20);

const planArb = fc.record({
  cadence: fc.constantFrom(10, 30, 45, 90),
  thresholds: fc.constantFrom([0.8, 0.5], [0.75, 0.4], [1, 0.5]),
  objectives: fc.array(
    fc.record({
      outputs: fc.integer({ min: 0, max: 2 }),
      outcomes: fc.array(
        fc.array(
          fc.record({
            baseline: valueArb,
            target: valueArb,
            measurements: fc.array(
              fc.record({
                day: dayArb,
                value: fc.integer({ min: -5, max: 25 }),
                area: fc.constantFrom('', '', 'camden'),
              }),
              { maxLength: 3 },
            ),
          }),
          { maxLength: 2 },
        ),
        { maxLength: 2 },
      ),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  actions: fc.array(
    fc.record({
      objective: fc.nat(),
      output: fc.option(fc.nat(), { nil: null }),
      agreed: dayArb,
      due: fc.option(dayArb, { nil: null }),
      // Due dates moved later (each in force from its day on): the past keeps the date it had.
      revisions: fc.array(fc.record({ day: dayArb, due: fc.option(dayArb, { nil: null }) }), {
        maxLength: 2,
      }),
      tags: fc.subarray([0, 1, 2]),
      updates: fc.array(fc.record({ day: dayArb, status: statusArb, rag: ragArb }), { maxLength: 4 }),
    }),
    { maxLength: 14 },
  ),
  recommendations: fc.array(
    fc.record({
      confidential: fc.boolean(),
      created: dayArb,
      due: fc.option(dayArb, { nil: null }),
      changes: fc.array(
        fc.record({ day: dayArb, from: fc.option(recStatusArb, { nil: null }), to: recStatusArb }),
        {
          maxLength: 3,
        },
      ),
    }),
    { maxLength: 5 },
  ),
  feedback: fc.array(fc.record({ received: dayArb, responses: fc.array(dayArb, { maxLength: 2 }) }), {
    maxLength: 4,
  }),
  asOfs: fc.array(fc.integer({ min: -2, max: 45 }), { minLength: 3, maxLength: 5 }),
  seeConfidential: fc.boolean(),
  trend: fc.record({ from: dayArb, step: fc.constantFrom(1, 3), count: fc.integer({ min: 1, max: 8 }) }),
});

type PlanSpec = typeof planArb extends fc.Arbitrary<infer T> ? T : never;

function build(spec: PlanSpec): PlanBuilder {
  const b = new PlanBuilder({
    greenThreshold: spec.thresholds[0],
    amberThreshold: spec.thresholds[1],
    updateCadenceDays: spec.cadence,
  });
  const tags = [b.tag('ecological-level'), b.tag('ecological-level'), b.tag('theme')];
  const objectives = spec.objectives.map((o) => {
    const id = b.objective();
    const outputs = Array.from({ length: o.outputs }, () => b.output(id));
    for (const indicators of o.outcomes) {
      const outcome = b.outcome(id);
      for (const i of indicators) {
        const indicator = b.indicator(outcome, i.baseline, i.target);
        // One value per period and area (the table's unique key).
        const seen = new Set<string>();
        for (const m of i.measurements) {
          const key = `${m.day}/${m.area}`;
          if (seen.has(key)) continue;
          seen.add(key);
          b.measurement(indicator, day(m.day), m.value, m.area);
        }
      }
    }
    return { id, outputs };
  });
  for (const a of spec.actions) {
    const objective = objectives[a.objective % objectives.length];
    const outputId =
      a.output === null || objective.outputs.length === 0
        ? null
        : objective.outputs[a.output % objective.outputs.length];
    const id = b.action(objective.id, {
      outputId,
      agreedOn: day(a.agreed),
      dueOn: a.due === null ? null : day(a.due),
      tagIds: a.tags.map((i) => tags[i]),
    });
    for (const u of a.updates) b.update(id, day(u.day), u.status, u.rag);
    // In the order made, as updateAction records them (each on or after the one before).
    const revisions = [...a.revisions].sort((x, y) => x.day - y.day);
    for (const r of revisions) b.dueDateChange(id, day(r.day), r.due === null ? null : day(r.due));
  }
  const reviews = [b.review(false), b.review(true)];
  for (const r of spec.recommendations) {
    const id = b.recommendation(reviews[r.confidential ? 1 : 0], {
      createdOn: day(r.created),
      dueOn: r.due === null ? null : day(r.due),
    });
    for (const c of r.changes) b.statusChange(id, day(c.day), c.from, c.to);
  }
  for (const f of spec.feedback) b.feedback(day(f.received), f.responses.map(day));
  return b;
}

it(
  'SQL roll-up equals the TypeScript reference for random plans, histories and dates',
  { timeout: 120_000 },
  async () => {
    await fc.assert(
      fc.asyncProperty(planArb, async (spec) => {
        const b = build(spec);
        const { partnershipId } = await insertPlan(t.dataSource, b.plan);
        const strategyId = b.plan.strategy.id;
        for (const n of spec.asOfs) {
          const asOf = day(n);
          const sql = await queryBoardRollup(t.dataSource, {
            strategyId,
            partnershipId,
            asOf,
            seeConfidential: spec.seeConfidential,
            coverageKinds: ['ecological-level', 'theme'],
          });
          expect(shape(sql!)).toEqual(
            referenceRollup(b.plan, asOf, { seeConfidential: spec.seeConfidential }),
          );
          const simple = (cells: TagCoverageRow[]) =>
            cells.map((c) => ({ objectiveId: c.objectiveId, tagId: c.tag.id, actionCount: c.actionCount }));
          // Coverage computed with the roll-up, and on its own: both as the reference says.
          expect(sql!.coverage.map((c) => c.kind)).toEqual(['ecological-level', 'theme']);
          for (const { kind, cells } of sql!.coverage) {
            expect(simple(cells)).toEqual(referenceTagCoverage(b.plan, asOf, kind));
          }
          const cells = await queryTagCoverage(t.dataSource, {
            strategyId,
            partnershipId,
            asOf,
            kind: 'ecological-level',
          });
          expect(simple(cells)).toEqual(referenceTagCoverage(b.plan, asOf, 'ecological-level'));
        }
        const objectiveId = b.plan.objectives[spec.trend.from % b.plan.objectives.length].id;
        const from = day(spec.trend.from);
        const to = addMonths(from, spec.trend.step * (spec.trend.count - 1));
        const trend = await queryObjectiveTrend(t.dataSource, {
          objectiveId,
          partnershipId,
          from,
          stepMonths: spec.trend.step,
          count: spec.trend.count,
        });
        expect(trend).toEqual(referenceTrend(b.plan, objectiveId, from, to, spec.trend.step));
      }),
      { numRuns: 40 },
    );
  },
);
