/**
 * The board roll-up through the public API: a plan built with the contract's mutations (back-dated
 * agreedOn and reportedOn to load history), read back with the SDK's BoardRollup and ObjectiveTrend
 * operations. The rules themselves are pinned in src/modules/rollup/*.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { BoardRollupDocument, ObjectiveTrendDocument } from '@throughline/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryTagCoverage } from '../src/modules/rollup/queries';
import { todayIso } from '../src/shared/dates';
import { admin, board, createAction, ids, panel, setUp, t, tearDown, update } from './support/rollup-testbed';

beforeAll(setUp);
afterAll(tearDown);

describe('boardRollup', () => {
  it('gives the worked example as of 30 June 2025 to a board member', async () => {
    const { boardRollup: r } = await t.ok(
      BoardRollupDocument,
      { strategyId: ids.S, asOf: '2025-06-30' },
      { token: board.token },
    );
    expect(r.asOf).toBe('2025-06-30');
    expect(r.strategy).toMatchObject({ id: ids.S, updateCadenceDays: 90 });
    const expected = {
      total: 5,
      red: 1,
      amber: 1,
      green: 1,
      unrated: 1,
      notStarted: 1,
      inProgress: 2,
      complete: 1,
      cancelled: 1,
      overdue: 1,
      staleUpdates: 2,
    };
    expect(r.totals).toEqual(expected);
    const [o1] = r.objectives;
    expect(o1.objective).toMatchObject({ id: ids.O1, code: 'O1' });
    expect(o1.actions).toEqual(expected);
    // (A1 RED 0 + A2 AMBER 0.5 + A3 COMPLETE 1) / 3 = 0.5: exactly the amber threshold.
    expect(o1.score).toBe(0.5);
    expect(o1.derivedRag).toBe('AMBER');
    expect(o1.outputs).toHaveLength(1);
    expect(o1.outputs[0]).toMatchObject({ output: { id: ids.P1 }, score: 0.25, derivedRag: 'RED' });
    expect(o1.outputs[0].actions).toMatchObject({ total: 2, red: 1, amber: 1, overdue: 1, staleUpdates: 1 });
    // Lower is better: (70 - 100) / (60 - 100); Camden's 50 is an area's value, not the partnership's.
    expect(o1.outcomes[0].indicators[0]).toEqual({
      indicator: { id: ids.I1, name: 'Repeat referrals', unit: '%' },
      baseline: 100,
      target: 60,
      latest: 70,
      latestPeriod: '2025-03-01',
      progress: 0.75,
    });
    expect(r.tagCoverage.map((c) => [c.objective.id, c.tag.slug, c.actionCount])).toEqual([
      [ids.O1, 'individual', 0],
      [ids.O1, 'community', 2],
      [ids.O1, 'institutional', 0],
      [ids.O1, 'societal', 0],
    ]);
    expect(r.feedback).toEqual({ total: 2, responded: 1 });
    // The recommendations were all created today, after 30 June 2025.
    expect(r.recommendations.total).toBe(0);
  });

  it('defaults to today and counts confidential recommendations only for those who may see them', async () => {
    const seen = async (token: string) =>
      (await t.ok(BoardRollupDocument, { strategyId: ids.S }, { token })).boardRollup;
    const forBoard = await seen(board.token);
    expect(forBoard.asOf).toBe(todayIso());
    expect(forBoard.totals.total).toBe(6);
    expect(forBoard.recommendations).toEqual({
      total: 2,
      open: 1,
      inProgress: 1,
      implemented: 0,
      assured: 0,
      overdue: 1,
    });
    for (const token of [panel.token, admin.token]) {
      expect((await seen(token)).recommendations).toEqual({
        total: 3,
        open: 2,
        inProgress: 1,
        implemented: 0,
        assured: 0,
        overdue: 2,
      });
    }
  });

  it('gives indicator progress for values near the limits of a Float, where float8 arithmetic overflowed', async () => {
    // (1e308 - -1e308) overflowed and 5e-324 / 1e308 underflowed: the roll-up was a 500 (found by fuzzing).
    const as = { token: admin.token };
    const created = async (mutation: string, type: string, input: Record<string, unknown>) =>
      (
        await t.ok<Record<string, { id: string }>>(
          `mutation($input: ${type}!) { ${mutation}(input: $input) { id } }`,
          { input },
          as,
        )
      )[mutation].id;
    const strategyId = await created('createStrategy', 'StrategyInput', { title: 'Extreme values' });
    const objectiveId = await created('createObjective', 'ObjectiveInput', {
      strategyId,
      code: 'X1',
      title: 'X',
    });
    const outcomeId = await created('createOutcome', 'OutcomeInput', { objectiveId, title: 'X' });
    const cases: Array<[number, number, number, number]> = [
      [-1e308, 1e308, 1e308, 1],
      [0, 1e308, 5e-324, 0],
      [1e308, -1e308, 0, 0.5],
      [0, 4, 1, 0.25],
    ];
    for (const [baseline, target, value] of cases) {
      const indicatorId = await created('createIndicator', 'IndicatorInput', {
        outcomeId,
        name: `${baseline} to ${target}`,
        baseline,
        target,
      });
      await created('recordMeasurement', 'MeasurementInput', { indicatorId, period: '2025-01-01', value });
    }
    const r = await t.ok<{
      boardRollup: {
        objectives: Array<{ outcomes: Array<{ indicators: Array<{ baseline: number; progress: number }> }> }>;
      };
    }>(
      `query($id: ID!) { boardRollup(strategyId: $id, asOf: "2025-06-30") { objectives { outcomes { indicators { baseline target progress } } } } }`,
      { id: strategyId },
      as,
    );
    const progress = r.boardRollup.objectives[0].outcomes[0].indicators.map((i) => [i.baseline, i.progress]);
    expect(progress.sort()).toEqual(cases.map(([b, , , p]) => [b, p]).sort());
  });

  it("refuses strangers, and does not find another partnership's strategy", async () => {
    const anonymous = await t.request(BoardRollupDocument, { strategyId: ids.S });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const other = randomUUID();
    const otherStrategy = randomUUID();
    await t.dataSource.query(`INSERT INTO partnership (id, name) VALUES ($1, 'Elsewhere')`, [other]);
    await t.dataSource.query(`INSERT INTO strategy (id, partnership_id, title) VALUES ($1, $2, 'Theirs')`, [
      otherStrategy,
      other,
    ]);
    for (const strategyId of [otherStrategy, randomUUID(), 'not-an-id']) {
      const res = await t.request(BoardRollupDocument, { strategyId }, { token: admin.token });
      expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
  });

  it('sends the same number of SQL statements whatever the number of actions', async () => {
    const count = async () => {
      t.statements.reset();
      await t.ok(BoardRollupDocument, { strategyId: ids.S, asOf: '2025-06-30' }, { token: board.token });
      return t.statements.count;
    };
    const before = await count();
    for (let i = 0; i < 15; i++) {
      const a = await createAction({
        outputId: ids.P1,
        agreedOn: '2025-01-01',
        tags: ['ecological-level:societal'],
      });
      await update(a, '2025-06-01', 'IN_PROGRESS', 'GREEN');
    }
    const after = await count();
    expect(after).toBe(before);
    // One statement: the roll-up with the tag-coverage kind asked for; the rest is the session check.
    const rollupStatements = t.statements.statements.filter((s) => /\bfrom\s+s\b|WITH s AS/i.test(s));
    expect(rollupStatements).toHaveLength(1);
  });

  it('computes every tagCoverage kind selected (variables, aliases, fragments) with the roll-up itself', async () => {
    const doc = `query($s: ID!, $k: String!, $skip: Boolean!) {
      boardRollup(strategyId: $s, asOf: "2025-06-30") {
        eco: tagCoverage(kind: $k) { tag { slug } actionCount }
        ... on BoardRollup { again: tagCoverage(kind: "ecological-level") { actionCount } }
        ...Skipped
      }
    }
    fragment Skipped on BoardRollup { none: tagCoverage(kind: "no-such-kind") @skip(if: $skip) { actionCount } }`;
    type Cells = Array<{ tag: { slug: string }; actionCount: number }>;
    const run = async (skip: boolean) => {
      t.statements.reset();
      const r = await t.ok<{ boardRollup: { eco: Cells; again: Cells; none?: Cells } }>(
        doc,
        { s: ids.S, k: 'ecological-level', skip },
        { token: board.token },
      );
      const rollupStatements = t.statements.statements.filter((s) => /\bfrom\s+s\b|WITH s AS/i.test(s));
      return { r: r.boardRollup, statements: rollupStatements };
    };
    const alone = await queryTagCoverage(t.dataSource, {
      strategyId: ids.S,
      partnershipId: t.partnershipId,
      asOf: '2025-06-30',
      kind: 'ecological-level',
    });
    const shown = await run(false);
    expect(shown.r.eco.map((c) => [c.tag.slug, c.actionCount])).toEqual(
      alone.map((c) => [c.tag.slug, c.actionCount]),
    );
    expect(shown.r.eco.map((c) => c.tag.slug)).toEqual([
      'individual',
      'community',
      'institutional',
      'societal',
    ]);
    expect(shown.r.eco[1].actionCount).toBe(2);
    expect(shown.r.again.map((c) => c.actionCount)).toEqual(shown.r.eco.map((c) => c.actionCount));
    expect(shown.r.none).toEqual([]);
    expect(shown.statements).toHaveLength(1);
    expect(shown.statements[0]).toMatch(/coverage_count/);
    const skipped = await run(true);
    expect(skipped.r.none).toBeUndefined();
    expect(skipped.r.again).toEqual(shown.r.again);
    expect(skipped.statements).toHaveLength(1);
  });

  it('still answers tagCoverage for a kind the roll-up did not compute, with its own statement', async () => {
    const viewer = await t.services.identity.authenticate(board.token);
    const rollup = await t.services.rollup.boardRollup(viewer!, ids.S, '2025-06-30');
    expect(rollup.precomputedCoverage?.size).toBe(0);
    t.statements.reset();
    const cells = await t.services.rollup.tagCoverage(viewer!, rollup, 'ecological-level');
    expect(t.statements.count).toBe(1);
    const withRollup = await t.services.rollup.boardRollup(viewer!, ids.S, '2025-06-30', [
      'ecological-level',
    ]);
    expect(cells).toEqual(await t.services.rollup.tagCoverage(viewer!, withRollup, 'ecological-level'));
    expect(cells.map((c) => [c.objective.id, c.tag.slug])).toEqual(
      ['individual', 'community', 'institutional', 'societal'].map((slug) => [ids.O1, slug]),
    );
    expect(cells[1].actionCount).toBe(2);
  });
});

describe('objectiveTrend', () => {
  it('gives the quarterly trend', async () => {
    const { objectiveTrend } = await t.ok(
      ObjectiveTrendDocument,
      { objectiveId: ids.O1, from: '2024-12-31', to: '2025-06-30', every: 'QUARTER' },
      { token: board.token },
    );
    expect(objectiveTrend.map((p) => p.asOf)).toEqual(['2024-12-31', '2025-03-31', '2025-06-30']);
    expect(objectiveTrend[0]).toMatchObject({ score: null, derivedRag: null, actions: { total: 0 } });
    expect(objectiveTrend[2].actions.total).toBeGreaterThanOrEqual(5);
  });

  it('names the argument at fault', async () => {
    const reversed = await t.request(
      ObjectiveTrendDocument,
      { objectiveId: ids.O1, from: '2025-06-30', to: '2025-01-01', every: 'MONTH' },
      { token: board.token },
    );
    expect(reversed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    const tooLong = await t.request(
      ObjectiveTrendDocument,
      { objectiveId: ids.O1, from: '2000-01-01', to: '2025-01-01', every: 'MONTH' },
      { token: board.token },
    );
    expect(tooLong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    // 120 points is the most: ten years of months from 1 Jan 2015 to 1 Dec 2024.
    const tenYears = await t.ok(
      ObjectiveTrendDocument,
      { objectiveId: ids.O1, from: '2015-01-01', to: '2024-12-31', every: 'MONTH' },
      { token: board.token },
    );
    expect(tenYears.objectiveTrend).toHaveLength(120);
    const missing = await t.request(
      ObjectiveTrendDocument,
      { objectiveId: randomUUID(), from: '2025-01-01', to: '2025-06-30', every: 'MONTH' },
      { token: board.token },
    );
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
