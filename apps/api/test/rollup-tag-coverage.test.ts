/**
 * The board roll-up through the public API: a plan built with the contract's mutations (back-dated
 * agreedOn and reportedOn to load history), read back with the SDK's BoardRollup and ObjectiveTrend
 * operations. The rules themselves are pinned in src/modules/rollup/*.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryTagCoverage } from '../src/modules/rollup/queries';
import { board, ids, setUp, t, tearDown } from './support/rollup-testbed';

beforeAll(setUp);
afterAll(tearDown);

describe('boardRollup', () => {
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
