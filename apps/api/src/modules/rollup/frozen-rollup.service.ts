import type { DataSource } from 'typeorm';
import { inLanes } from '../../database/lanes';
import { indicatorIdsOf, restrictedDifferences, tagKindsOf } from './frozen-rollup.queries';
import { queryIndicatorFigures, type IndicatorFiguresRow } from './indicator.queries';
import {
  queryBoardRollup,
  type BoardRollupRow,
  type Queryable,
  type RecommendationTallyRow,
  type TagCoverageRow,
} from './queries';
import type { BoardRollup } from './rollup.type';

export type { IndicatorFiguresRow, TagCoverageRow };

/**
 * A roll-up frozen when a reporting round closes (docs/rollup-rules.md, "Closed periods and
 * restatements"): every figure the board reads, computed once as of the round's returnsDueOn and then
 * only ever read back. It is computed for a reader who may see everything; `restricted` holds what
 * differs for a reader who may not see confidential reviews (their recommendation tally, and the tags
 * that only confidential reviews use, whose coverage cells are left out).
 */
export interface FrozenRollup {
  rollup: Omit<BoardRollupRow, 'coverage'>;
  /** tag kind -> its coverage cells (every kind the partnership had at closing). */
  coverage: Record<string, TagCoverageRow[]>;
  /** indicator id -> its figures (per area, trajectory) as of the same date. */
  indicatorFigures: Record<string, IndicatorFiguresRow>;
  restricted: { recommendations: RecommendationTallyRow; hiddenTagIds: string[] };
}

/**
 * Computes the record of a strategy's roll-up as of `asOf`: the roll-up with the coverage of every
 * tag kind of the partnership, the indicators' figures, and the restricted reader's differences.
 * The statements run on `db` (closeReportingRound: its transaction's connection) and side by side on
 * whatever connections of `spare`'s pool are free (database/lanes.ts: never waiting for one while
 * holding `db`). The caller makes the picture consistent (closeReportingRound holds the round FOR
 * UPDATE, which every dated write of its period waits for). Null when the strategy is not the
 * partnership's.
 */
export async function freezeRollup(
  db: Queryable,
  args: { strategyId: string; partnershipId: string; asOf: string },
  spare: DataSource | null = null,
): Promise<FrozenRollup | null> {
  const [kinds, indicatorIds] = await inLanes<[string[], string[]]>(db, spare, [
    (q) => tagKindsOf(q, args.partnershipId),
    (q) => indicatorIdsOf(q, args.strategyId),
  ]);
  const [rollup, figures, restricted] = await inLanes<
    [Awaited<ReturnType<typeof queryBoardRollup>>, IndicatorFiguresRow[], FrozenRollup['restricted']]
  >(db, spare, [
    (q) => queryBoardRollup(q, { ...args, seeConfidential: true, coverageKinds: kinds }),
    (q) =>
      indicatorIds.length
        ? queryIndicatorFigures(q, { indicatorIds, partnershipId: args.partnershipId, asOf: args.asOf })
        : Promise.resolve([]),
    (q) => restrictedDifferences(q, args.partnershipId, args.asOf),
  ]);
  if (!rollup) return null;
  const { coverage, ...row } = rollup;
  return {
    rollup: row,
    coverage: Object.fromEntries(coverage.map((c) => [c.kind, c.cells])),
    indicatorFigures: Object.fromEntries(figures.map((f) => [f.indicatorId, f])),
    restricted,
  };
}

/**
 * The BoardRollup a reader gets from a frozen record: the stored figures, cut down to what the reader
 * may see. tagCoverage reads `coverage` and the indicators' figure fields `figures` (the record's,
 * each loaded only when a query asks for it), never the live tables.
 */
export function rollupFromRecord(
  record: Pick<FrozenRollup, 'rollup' | 'restricted'>,
  seeConfidential: boolean,
  parts: {
    figures: () => Promise<Record<string, IndicatorFiguresRow>>;
    coverage: (kind: string) => Promise<TagCoverageRow[]>;
  },
): BoardRollup {
  // The record as read for this request (a loader's own copy): the resolvers' fields are added to it.
  const row = record.rollup;
  const hidden = new Set(seeConfidential ? [] : record.restricted.hiddenTagIds);
  const figures = parts.figures;
  for (const o of row.objectives)
    for (const oc of o.outcomes)
      for (const i of oc.indicators) {
        i.asOf = row.asOf;
        const id = i.indicator.id;
        i.frozenFigures = async () => (await figures())[id] ?? null;
      }
  return {
    ...(row as unknown as BoardRollup),
    recommendations: seeConfidential ? row.recommendations : record.restricted.recommendations,
    frozenCoverage: async (kind) => (await parts.coverage(kind)).filter((cell) => !hidden.has(cell.tag.id)),
  };
}
