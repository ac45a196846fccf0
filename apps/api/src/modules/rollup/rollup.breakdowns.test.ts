/**
 * Worked examples of every roll-up rule (docs/rollup-rules.md), computed by the SQL in
 * queries.ts against real PostgreSQL; the expected numbers are worked out by hand in the comments,
 * and the TypeScript reference is checked to agree with them too.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPlan, PlanBuilder } from './test-support/plan-fixtures';
import { queryBoardRollup, queryObjectiveTrend, queryTagCoverage } from './queries';
import { referenceTagCoverage, referenceTrend } from './reference';
import { ids, partnershipId, plan, setUp, t, tearDown } from './test-support/rollup-testbed';

beforeAll(setUp);
afterAll(tearDown);

describe('tag coverage', () => {
  it('counts counted, non-cancelled actions per objective and tag, with zero cells', async () => {
    const cells = await queryTagCoverage(t.dataSource, {
      strategyId: plan.strategy.id,
      partnershipId,
      asOf: '2025-06-30',
      kind: 'ecological-level',
    });
    const simple = cells.map((c) => [c.objectiveId, c.tag.id, c.actionCount]);
    expect(simple).toEqual([
      [ids.O1, ids.eco1, 2], // A1, A2 (A6 agreed later)
      [ids.O1, ids.eco2, 1], // A2 (A4 cancelled)
      [ids.O2, ids.eco1, 1], // A10, NOT_STARTED as of asOf
      [ids.O2, ids.eco2, 0],
      [ids.O3, ids.eco1, 0],
      [ids.O3, ids.eco2, 0],
    ]);
    expect(cells[0].tag).toMatchObject({ kind: 'ecological-level' });
    expect(simple).toEqual(
      referenceTagCoverage(plan, '2025-06-30', 'ecological-level').map((c) => [
        c.objectiveId,
        c.tagId,
        c.actionCount,
      ]),
    );
  });

  it('counts an action cancelled later as live before its cancellation', async () => {
    const cells = await queryTagCoverage(t.dataSource, {
      strategyId: plan.strategy.id,
      partnershipId,
      asOf: '2025-02-10',
      kind: 'ecological-level',
    });
    expect(cells.find((c) => c.objectiveId === ids.O1 && c.tag.id === ids.eco2)?.actionCount).toBe(2);
  });

  it('gives the same cells when computed with the roll-up, for each kind asked for', async () => {
    for (const asOf of ['2025-02-10', '2025-06-30']) {
      t.statements.reset();
      const r = await queryBoardRollup(t.dataSource, {
        strategyId: plan.strategy.id,
        partnershipId,
        asOf,
        seeConfidential: false,
        coverageKinds: ['nothing-here', 'ecological-level', 'nothing-here'],
      });
      expect(t.statements.count).toBe(1);
      const alone = await queryTagCoverage(t.dataSource, {
        strategyId: plan.strategy.id,
        partnershipId,
        asOf,
        kind: 'ecological-level',
      });
      expect(r!.coverage).toEqual([
        { kind: 'nothing-here', cells: [] },
        { kind: 'ecological-level', cells: alone },
      ]);
    }
    const none = await queryBoardRollup(t.dataSource, {
      strategyId: plan.strategy.id,
      partnershipId,
      asOf: '2025-06-30',
      seeConfidential: false,
    });
    expect(none!.coverage).toEqual([]);
  });

  it('has no cells for a kind with no tags', async () => {
    const cells = await queryTagCoverage(t.dataSource, {
      strategyId: plan.strategy.id,
      partnershipId,
      asOf: '2025-06-30',
      kind: 'nothing-here',
    });
    expect(cells).toEqual([]);
  });
});

describe('objective trend', () => {
  it('gives the score and tally at each step, as the reference does', async () => {
    const points = await queryObjectiveTrend(t.dataSource, {
      objectiveId: ids.O1,
      partnershipId,
      from: '2025-01-31',
      stepMonths: 1,
      count: 7,
    });
    // Month ends do not drift: Jan 31, Feb 28, Mar 31, ...
    expect(points.map((p) => p.asOf)).toEqual([
      '2025-01-31',
      '2025-02-28',
      '2025-03-31',
      '2025-04-30',
      '2025-05-31',
      '2025-06-30',
      '2025-07-31',
    ]);
    expect(points[5]).toMatchObject({ score: 0.625, derivedRag: 'AMBER' });
    expect(points).toEqual(referenceTrend(plan, ids.O1, '2025-01-31', '2025-07-31', 1));
  });
});

describe('scope', () => {
  it('finds no strategy of another partnership', async () => {
    const r = await queryBoardRollup(t.dataSource, {
      strategyId: plan.strategy.id,
      partnershipId: randomUUID(),
      asOf: '2025-06-30',
      seeConfidential: true,
    });
    expect(r).toBeNull();
    const trend = await queryObjectiveTrend(t.dataSource, {
      objectiveId: ids.O1,
      partnershipId: randomUUID(),
      from: '2025-01-01',
      stepMonths: 3,
      count: 2,
    });
    expect(trend).toEqual([]);
  });
});

describe('statement count', () => {
  it('is one statement per roll-up, tag coverage and trend, however large the plan', async () => {
    const sizes: number[] = [];
    for (const n of [3, 300]) {
      const b = new PlanBuilder();
      const o = b.objective();
      const op = b.output(o);
      const tag = b.tag('ecological-level');
      for (let i = 0; i < n; i++) {
        const a = b.action(o, { outputId: i % 2 ? op : null, agreedOn: '2025-01-01', tagIds: [tag] });
        b.update(a, '2025-02-01', 'IN_PROGRESS', 'GREEN');
        b.update(a, '2025-05-01', 'IN_PROGRESS', 'AMBER');
      }
      const { partnershipId: pid } = await insertPlan(t.dataSource, b.plan);
      t.statements.reset();
      const past = await queryBoardRollup(t.dataSource, {
        strategyId: b.plan.strategy.id,
        partnershipId: pid,
        asOf: '2025-03-01',
        seeConfidential: false,
      });
      const today = await queryBoardRollup(t.dataSource, {
        strategyId: b.plan.strategy.id,
        partnershipId: pid,
        asOf: '2025-12-01',
        seeConfidential: false,
      });
      await queryTagCoverage(t.dataSource, {
        strategyId: b.plan.strategy.id,
        partnershipId: pid,
        asOf: '2025-03-01',
        kind: 'ecological-level',
      });
      await queryObjectiveTrend(t.dataSource, {
        objectiveId: o,
        partnershipId: pid,
        from: '2025-01-01',
        stepMonths: 1,
        count: 12,
      });
      sizes.push(t.statements.count);
      expect(past!.totals).toMatchObject({ total: n, green: n });
      expect(today!.totals).toMatchObject({ total: n, amber: n });
    }
    expect(sizes).toEqual([4, 4]);
  });
});
