/**
 * Property: for random plans and histories and random windows, "what changed" in SQL
 * (changes.queries.ts) equals the plain TypeScript reference (reference-changes.ts). Dates come from a
 * coarse grid so that changes on the window's first and last days, same-day updates, due dates moved
 * on the day asked about and back-dated recommendation status changes happen often.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PlanBuilder, insertPlan } from './test-support/plan-fixtures';
import { day, statusArb, ragArb, recStatusArb } from './test-support/property-kit';
import { openRollupTestDb, type RollupTestDb } from './test-support/test-db';
import { queryRollupChanges, type RollupChangesRow } from './changes.queries';
import { referenceChanges } from './reference-changes';

let t: RollupTestDb;

beforeAll(async () => {
  t = await openRollupTestDb();
});

afterAll(async () => {
  await t?.close();
});

const dayArb = fc.integer({ min: 0, max: 30 });

const planArb = fc.record({
  objectives: fc.array(
    fc.array(
      fc.array(
        fc.record({
          day: dayArb,
          value: fc.integer({ min: -5, max: 25 }),
          area: fc.constantFrom('', '', 'camden'),
        }),
        {
          maxLength: 4,
        },
      ),
      { maxLength: 2 },
    ),
    { minLength: 1, maxLength: 2 },
  ),
  actions: fc.array(
    fc.record({
      objective: fc.nat(),
      agreed: dayArb,
      due: fc.option(dayArb, { nil: null }),
      revisions: fc.array(fc.record({ day: dayArb, due: fc.option(dayArb, { nil: null }) }), {
        maxLength: 2,
      }),
      updates: fc.array(fc.record({ day: dayArb, status: statusArb, rag: ragArb }), { maxLength: 4 }),
    }),
    { maxLength: 12 },
  ),
  recommendations: fc.array(
    fc.record({
      confidential: fc.boolean(),
      created: dayArb,
      changes: fc.array(
        fc.record({
          day: dayArb,
          // Back-dated by the panel: in effect from an earlier day than it was recorded.
          backBy: fc.option(fc.integer({ min: 1, max: 8 }), { nil: null }),
          from: fc.option(recStatusArb, { nil: null }),
          to: recStatusArb,
        }),
        { maxLength: 3 },
      ),
    }),
    { maxLength: 5 },
  ),
  feedback: fc.array(fc.record({ received: dayArb, responses: fc.array(dayArb, { maxLength: 2 }) }), {
    maxLength: 4,
  }),
  windows: fc.array(fc.tuple(fc.integer({ min: -2, max: 32 }), fc.integer({ min: 0, max: 12 })), {
    minLength: 2,
    maxLength: 4,
  }),
  seeConfidential: fc.boolean(),
});

type PlanSpec = typeof planArb extends fc.Arbitrary<infer T> ? T : never;

function build(spec: PlanSpec): PlanBuilder {
  const b = new PlanBuilder();
  const objectives = spec.objectives.map((outcomes) => {
    const id = b.objective();
    for (const measurements of outcomes) {
      const indicator = b.indicator(b.outcome(id), 0, 20);
      const seen = new Set<string>();
      for (const m of measurements) {
        const key = `${m.day}/${m.area}`;
        if (seen.has(key)) continue;
        seen.add(key);
        b.measurement(indicator, day(m.day), m.value, m.area);
      }
    }
    return id;
  });
  for (const a of spec.actions) {
    const id = b.action(objectives[a.objective % objectives.length], {
      agreedOn: day(a.agreed),
      dueOn: a.due === null ? null : day(a.due),
    });
    for (const u of a.updates) b.update(id, day(u.day), u.status, u.rag);
    const revisions = [...a.revisions].sort((x, y) => x.day - y.day);
    for (const r of revisions) b.dueDateChange(id, day(r.day), r.due === null ? null : day(r.due));
  }
  const reviews = [b.review(false), b.review(true)];
  for (const r of spec.recommendations) {
    const id = b.recommendation(reviews[r.confidential ? 1 : 0], { createdOn: day(r.created) });
    for (const c of r.changes) {
      const effectiveOn = c.backBy === null ? undefined : day(Math.max(0, c.day - c.backBy));
      b.statusChange(id, day(c.day), c.from, c.to, effectiveOn);
    }
  }
  for (const f of spec.feedback) b.feedback(day(f.received), f.responses.map(day));
  return b;
}

/** Lines compared as sets: each list sorted by its record's id. */
function sorted(c: RollupChangesRow): RollupChangesRow {
  const by = <T>(xs: T[], key: (x: T) => string) => [...xs].sort((x, y) => key(x).localeCompare(key(y)));
  return {
    ...c,
    actions: by(c.actions, (x) => x.actionId),
    newActions: by(c.newActions, (x) => x.actionId),
    newlyCompleted: by(c.newlyCompleted, (x) => x.actionId),
    newlyOverdue: by(c.newlyOverdue, (x) => x.actionId),
    dueDateRevisions: by(c.dueDateRevisions, (x) => x.actionId),
    indicators: by(c.indicators, (x) => x.indicatorId),
    recommendations: by(c.recommendations, (x) => x.recommendationId),
    feedbackAnswered: by(c.feedbackAnswered, (x) => x.feedbackId),
  };
}

it(
  'SQL "what changed" equals the TypeScript reference for random plans, histories and windows',
  { timeout: 120_000 },
  async () => {
    await fc.assert(
      fc.asyncProperty(planArb, async (spec) => {
        const b = build(spec);
        const { partnershipId } = await insertPlan(t.dataSource, b.plan);
        for (const [start, length] of spec.windows) {
          const from = day(start);
          const to = day(start + length);
          const sql = await queryRollupChanges(t.dataSource, {
            strategyId: b.plan.strategy.id,
            partnershipId,
            from,
            to,
            seeConfidential: spec.seeConfidential,
          });
          const { actionRecords, ...lines } = sql!;
          expect(actionRecords.size).toBe(0);
          expect(sorted(lines)).toEqual(
            sorted(referenceChanges(b.plan, from, to, { seeConfidential: spec.seeConfidential })),
          );
        }
      }),
      { numRuns: 60 },
    );
  },
);
