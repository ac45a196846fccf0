/**
 * Worked examples of every roll-up rule (docs/rollup-rules.md), computed by the SQL in
 * queries.ts against real PostgreSQL; the expected numbers are worked out by hand in the comments,
 * and the TypeScript reference is checked to agree with them too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPlan, PlanBuilder } from './test-support/plan-fixtures';
import { queryBoardRollup, queryObjectiveTrend } from './queries';
import { referenceRollup, referenceTrend } from './reference';
import { ids, plan, rollup, setUp, t, tally, tearDown, zero } from './test-support/rollup-testbed';

beforeAll(setUp);
afterAll(tearDown);

describe('board roll-up as of 30 June 2025', () => {
  it('tallies and scores each objective, output and the whole plan', async () => {
    const r = await rollup('2025-06-30');
    expect(r.asOf).toBe('2025-06-30');
    expect(r.strategy.id).toBe(plan.strategy.id);
    expect(r.objectives.map((o) => o.objective.id)).toEqual([ids.O1, ids.O2, ids.O3]);
    const [o1, o2, o3] = r.objectives;

    // O1 counts A1 (IP RED), A2 (IP AMBER), A3 (COMPLETE GREEN), A4 (CANCELLED), A5 (NS), A7 (NS GREEN).
    expect(o1.actions).toEqual(
      tally({
        total: 6,
        red: 1,
        amber: 1,
        green: 2,
        unrated: 1,
        notStarted: 2,
        inProgress: 2,
        complete: 1,
        cancelled: 1,
        overdue: 2,
        staleUpdates: 2,
      }),
    );
    // Points A1 0 + A2 0.5 + A3 1 + A7 1 over 4 counted (A4 cancelled, A5 unrated left out).
    expect(o1.score).toBe(0.625);
    expect(o1.derivedRag).toBe('AMBER');

    expect(o1.outputs.map((o) => o.output.id)).toEqual([ids.P1, ids.P2]);
    const [p1, p2] = o1.outputs;
    expect(p1.actions).toEqual(
      tally({ total: 2, red: 1, amber: 1, inProgress: 2, overdue: 1, staleUpdates: 1 }),
    );
    expect(p1.score).toBe(0.25);
    expect(p1.derivedRag).toBe('RED');
    expect(p2.actions).toEqual(
      tally({ total: 3, green: 2, notStarted: 1, complete: 1, cancelled: 1, overdue: 1 }),
    );
    expect(p2.score).toBe(1);
    expect(p2.derivedRag).toBe('GREEN');

    // O2: boundaries (90 days not stale, due on asOf not overdue), an update only after asOf, and a
    // COMPLETE action without RAG (unrated, yet the only one scored).
    expect(o2.actions).toEqual(
      tally({ total: 4, unrated: 4, notStarted: 3, complete: 1, overdue: 1, staleUpdates: 2 }),
    );
    expect(o2.score).toBe(1);
    expect(o2.derivedRag).toBe('GREEN');
    expect(o2.outputs).toEqual([]);

    // O3: nothing counted: score and RAG null, an output with an all-zero tally.
    expect(o3.actions).toEqual(zero);
    expect(o3.score).toBeNull();
    expect(o3.derivedRag).toBeNull();
    expect(o3.outputs).toEqual([
      expect.objectContaining({
        output: expect.objectContaining({ id: ids.P3 }),
        score: null,
        derivedRag: null,
        actions: zero,
      }),
    ]);

    expect(r.totals).toEqual(
      tally({
        total: 10,
        red: 1,
        amber: 1,
        green: 2,
        unrated: 5,
        notStarted: 5,
        inProgress: 2,
        complete: 2,
        cancelled: 1,
        overdue: 3,
        staleUpdates: 4,
      }),
    );
  });

  it('gives indicator progress from the latest partnership-wide measurement', async () => {
    const r = await rollup('2025-06-30');
    const indicators = r.objectives[0].outcomes[0].indicators;
    expect(r.objectives[0].outcomes[0].outcome.id).toBe(ids.OC1);
    const byId = Object.fromEntries(indicators.map((i) => [i.indicator.id, i]));
    // Latest '' value on or before asOf is 15 (the area's 19 and July's 25 do not count).
    expect(byId[ids.I1]).toMatchObject({
      baseline: 10,
      target: 20,
      latest: 15,
      latestPeriod: '2025-04-01',
      progress: 0.5,
    });
    // Lower is better: (70 - 100) / (60 - 100) = 0.75.
    expect(byId[ids.I2]).toMatchObject({ latest: 70, latestPeriod: '2025-03-01', progress: 0.75 });
    expect(byId[ids.I3]).toMatchObject({ latest: 6, progress: null }); // target = baseline
    expect(byId[ids.I4]).toMatchObject({ baseline: null, latest: 3, progress: null });
    expect(byId[ids.I5].progress).toBe(1);
    expect(byId[ids.I6].progress).toBe(0);
    expect(byId[ids.I7]).toMatchObject({ latest: null, latestPeriod: null, progress: null });
    expect(byId[ids.I8]).toMatchObject({ latest: null, latestPeriod: null, progress: null });
    expect(r.objectives[1].outcomes).toEqual([]);
  });

  it('counts recommendations as of the date, confidential ones only for those who may see them', async () => {
    const open = await rollup('2025-06-30');
    // REC1 OPEN overdue, REC2 IMPLEMENTED, REC3 ASSURED (same-day later change), REC6 IN_PROGRESS due on
    // asOf (not overdue); REC4 created after asOf and REC5 (confidential review) not counted.
    expect(open.recommendations).toEqual({
      total: 4,
      open: 1,
      inProgress: 1,
      implemented: 1,
      assured: 1,
      overdue: 1,
    });
    const all = await rollup('2025-06-30', true);
    expect(all.recommendations).toEqual({
      total: 5,
      open: 2,
      inProgress: 1,
      implemented: 1,
      assured: 1,
      overdue: 2,
    });
    // On 1 March REC2 was IN_PROGRESS, REC3 ASSURED, REC6 IN_PROGRESS; REC1 was not yet overdue.
    const march = await rollup('2025-03-01');
    expect(march.recommendations).toEqual({
      total: 4,
      open: 1,
      inProgress: 2,
      implemented: 0,
      assured: 1,
      overdue: 0,
    });
    // On 20 January nothing had moved yet.
    const january = await rollup('2025-01-20');
    expect(january.recommendations).toEqual({
      total: 4,
      open: 4,
      inProgress: 0,
      implemented: 0,
      assured: 0,
      overdue: 0,
    });
  });

  it('counts feedback received and responded to by the date', async () => {
    expect((await rollup('2025-06-30')).feedback).toEqual({ total: 2, responded: 1 });
    expect((await rollup('2025-07-05')).feedback).toEqual({ total: 3, responded: 2 });
    expect((await rollup('2025-01-31')).feedback).toEqual({ total: 0, responded: 0 });
  });

  it('agrees with the TypeScript reference on the same data', async () => {
    for (const asOf of ['2025-01-09', '2025-02-10', '2025-05-01', '2025-06-30', '2025-07-15', '2026-01-01']) {
      const sql = await rollup(asOf);
      const ref = referenceRollup(plan, asOf, { seeConfidential: false });
      expect(sql.totals).toEqual(ref.totals);
      expect(
        sql.objectives.map((o) => ({ score: o.score, derivedRag: o.derivedRag, actions: o.actions })),
      ).toEqual(
        ref.objectives.map((o) => ({ score: o.score, derivedRag: o.derivedRag, actions: o.actions })),
      );
      expect(sql.recommendations).toEqual(ref.recommendations);
      expect(sql.feedback).toEqual(ref.feedback);
    }
  });
});

describe('as-of dates', () => {
  it('counts nothing before any action was agreed', async () => {
    const r = await rollup('2024-12-31');
    expect(r.totals).toEqual(zero);
    expect(r.objectives.every((o) => o.score === null)).toBe(true);
  });

  it('reads each action as it stood on the day, then after later updates', async () => {
    // 1 May: A1's two same-day updates -> RED (recorded last), A2 AMBER, A3 and A7 GREEN; A6 not yet agreed.
    const may = await rollup('2025-05-01');
    expect(may.objectives[0].actions).toMatchObject({
      total: 6,
      red: 1,
      amber: 1,
      green: 2,
      unrated: 1,
      cancelled: 1,
    });
    // 30 April: A1 was still GREEN (its 1 May updates not yet reported).
    const april = await rollup('2025-04-30');
    expect(april.objectives[0].actions).toMatchObject({ total: 6, red: 0, amber: 1, green: 3 });
    // 15 July: A1 COMPLETE, A6 agreed (IN_PROGRESS RED), A10 still NOT_STARTED (its update is 1 Aug).
    const july = await rollup('2025-07-15');
    expect(july.objectives[0].actions).toMatchObject({ total: 7, complete: 2, inProgress: 2, red: 1 });
    expect(july.objectives[1].actions).toMatchObject({ total: 4, complete: 1, notStarted: 3 });
    // A far-future date reads the current state of every action (no history lookup needed).
    const later = await rollup('2030-01-01');
    expect(later.objectives[1].actions).toMatchObject({ total: 4, complete: 2, notStarted: 2, overdue: 2 });
  });
});

describe('due-date history', () => {
  it('counts overdue by the due date in force on the day asked about, in the roll-up and the trend', async () => {
    const b = new PlanBuilder({ greenThreshold: 0.8, amberThreshold: 0.5, updateCadenceDays: 365 });
    const O = b.objective();
    // First due 31 Aug 2025; on 15 Oct moved to 31 Dec 2026; on 1 Nov moved back to 30 Sep 2025, then
    // the same day cleared (the later change that day wins).
    const A = b.action(O, { agreedOn: '2025-01-10', dueOn: '2025-08-31' });
    b.dueDateChange(A, '2025-10-15', '2026-12-31');
    b.dueDateChange(A, '2025-11-01', '2025-09-30');
    b.dueDateChange(A, '2025-11-01', null);
    // Never had a due date until 1 Oct 2025 (due 2 Oct).
    const B = b.action(O, { agreedOn: '2025-01-10' });
    b.dueDateChange(B, '2025-10-01', '2025-10-02');
    const other = await insertPlan(t.dataSource, b.plan);
    const overdue = async (asOf: string) =>
      (await queryBoardRollup(t.dataSource, {
        strategyId: b.plan.strategy.id,
        partnershipId: other.partnershipId,
        asOf,
        seeConfidential: false,
      }))!.totals.overdue;
    expect(await overdue('2025-08-31')).toBe(0); // due that day: not yet overdue
    expect(await overdue('2025-09-30')).toBe(1); // A, by its first date
    expect(await overdue('2025-10-14')).toBe(2); // A, and B (due 2 Oct)
    expect(await overdue('2025-10-15')).toBe(1); // A moved to 2026 that day
    expect(await overdue('2025-11-01')).toBe(1); // A cleared; B still overdue
    const trend = await queryObjectiveTrend(t.dataSource, {
      objectiveId: O,
      partnershipId: other.partnershipId,
      from: '2025-08-31',
      stepMonths: 1,
      count: 4,
    });
    expect(trend.map((p) => p.actions.overdue)).toEqual([0, 1, 1, 1]);
    expect(trend).toEqual(referenceTrend(b.plan, O, '2025-08-31', '2025-11-30', 1));
    for (const asOf of ['2025-09-30', '2025-10-14', '2025-10-15', '2025-11-01']) {
      expect(
        (await queryBoardRollup(t.dataSource, {
          strategyId: b.plan.strategy.id,
          partnershipId: other.partnershipId,
          asOf,
          seeConfidential: false,
        }))!.totals,
      ).toEqual(referenceRollup(b.plan, asOf, { seeConfidential: false }).totals);
    }
  });
});
