import { tagShownWithoutConfidentialSql } from '../tags/tag.visibility';
import { recommendationStatusAsOf, ukDay } from './as-of';
import { queryIndicatorFigures, type IndicatorFiguresRow } from './indicator-queries';
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

const RESTRICTED_SQL = `
SELECT json_build_object(
  'recommendations', (
    SELECT json_build_object('total', count(*),
      'open', count(*) FILTER (WHERE status = 'OPEN'),
      'inProgress', count(*) FILTER (WHERE status = 'IN_PROGRESS'),
      'implemented', count(*) FILTER (WHERE status = 'IMPLEMENTED'),
      'assured', count(*) FILTER (WHERE status = 'ASSURED'),
      'overdue', count(*) FILTER (WHERE status IN ('OPEN', 'IN_PROGRESS') AND due_on < $2::date))
    FROM (
      SELECT r.due_on, ${recommendationStatusAsOf('r', '$2::date')} AS status
      FROM review rv JOIN recommendation r ON r.review_id = rv.id
      WHERE rv.partnership_id = $1 AND NOT rv.confidential
        AND coalesce(r.made_on, ${ukDay('r.created_at')}) <= $2::date
    ) x),
  'hiddenTagIds', coalesce((
    SELECT json_agg(t.id ORDER BY t.id) FROM tag t
    WHERE t.partnership_id = $1 AND NOT ${tagShownWithoutConfidentialSql('t')}), '[]'::json)
) AS restricted`;

/**
 * Computes the record of a strategy's roll-up as of `asOf`: the roll-up with the coverage of every
 * tag kind of the partnership, the indicators' figures, and the restricted reader's differences.
 * `db` may be a pool (a DataSource): the independent statements then run side by side on separate
 * connections. The caller makes the picture consistent (closeReportingRound holds the round FOR
 * UPDATE, which every dated write of its period waits for). Null when the strategy is not the
 * partnership's.
 */
export async function freezeRollup(
  db: Queryable,
  args: { strategyId: string; partnershipId: string; asOf: string },
): Promise<FrozenRollup | null> {
  const [kinds, indicators] = (await Promise.all([
    db.query(`SELECT DISTINCT kind FROM tag WHERE partnership_id = $1 ORDER BY kind`, [args.partnershipId]),
    db.query(
      `SELECT i.id FROM objective o JOIN outcome oc ON oc.objective_id = o.id
         JOIN indicator i ON i.outcome_id = oc.id WHERE o.strategy_id = $1`,
      [args.strategyId],
    ),
  ])) as [Array<{ kind: string }>, Array<{ id: string }>];
  const [rollup, figures, restricted] = await Promise.all([
    queryBoardRollup(db, { ...args, seeConfidential: true, coverageKinds: kinds.map((k) => k.kind) }),
    indicators.length
      ? queryIndicatorFigures(db, {
          indicatorIds: indicators.map((i) => i.id),
          partnershipId: args.partnershipId,
          asOf: args.asOf,
        })
      : Promise.resolve([]),
    db.query(RESTRICTED_SQL, [args.partnershipId, args.asOf]) as Promise<
      Array<{ restricted: FrozenRollup['restricted'] }>
    >,
  ]);
  if (!rollup) return null;
  const { coverage, ...row } = rollup;
  return {
    rollup: row,
    coverage: Object.fromEntries(coverage.map((c) => [c.kind, c.cells])),
    indicatorFigures: Object.fromEntries(figures.map((f) => [f.indicatorId, f])),
    restricted: restricted[0].restricted,
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
