import { tagShownWithoutConfidentialSql } from '../tags/tag.visibility';
import { recommendationStatusAsOf, ukDay } from './as-of';
import { queryIndicatorFigures, type IndicatorFiguresRow } from './indicator-queries';
import {
  queryBoardRollup,
  type BoardRollupRow,
  type Queryable,
  type RecommendationTallyRow,
} from './queries';
import type { BoardRollup } from './rollup.type';

/**
 * A roll-up frozen when a reporting round closes (docs/rollup-rules.md, "Closed periods and
 * restatements"): every figure the board reads, computed once as of the round's returnsDueOn and then
 * only ever read back. It is computed for a reader who may see everything; `restricted` holds what
 * differs for a reader who may not see confidential reviews (their recommendation tally, and the tags
 * that only confidential reviews use, whose coverage cells are left out).
 */
export interface FrozenRollup {
  rollup: Omit<BoardRollupRow, 'coverage'> & { coverage: BoardRollupRow['coverage'] };
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
 * Computes the record of a strategy's roll-up as of `asOf` (three statements, run in the caller's
 * transaction so that the record is one consistent picture): the roll-up with the coverage of every
 * tag kind of the partnership, the indicators' figures, and the restricted reader's differences.
 * Null when the strategy is not the partnership's.
 */
export async function freezeRollup(
  db: Queryable,
  args: { strategyId: string; partnershipId: string; asOf: string },
): Promise<FrozenRollup | null> {
  const kinds = (await db.query(`SELECT DISTINCT kind FROM tag WHERE partnership_id = $1 ORDER BY kind`, [
    args.partnershipId,
  ])) as Array<{ kind: string }>;
  const rollup = await queryBoardRollup(db, {
    ...args,
    seeConfidential: true,
    coverageKinds: kinds.map((k) => k.kind),
  });
  if (!rollup) return null;
  const indicatorIds = rollup.objectives.flatMap((o) =>
    o.outcomes.flatMap((oc) => oc.indicators.map((i) => i.indicator.id)),
  );
  const figures = indicatorIds.length
    ? await queryIndicatorFigures(db, { indicatorIds, partnershipId: args.partnershipId, asOf: args.asOf })
    : [];
  const [{ restricted }] = (await db.query(RESTRICTED_SQL, [args.partnershipId, args.asOf])) as Array<{
    restricted: FrozenRollup['restricted'];
  }>;
  return {
    rollup,
    indicatorFigures: Object.fromEntries(figures.map((f) => [f.indicatorId, f])),
    restricted,
  };
}

/**
 * The BoardRollup a reader gets from a frozen record: the stored figures, cut down to what the reader
 * may see. `frozen` makes tagCoverage and the indicators' figure fields answer from the record only.
 */
export function rollupFromRecord(record: FrozenRollup, seeConfidential: boolean): BoardRollup {
  // A deep copy: the caller may keep the record (e.g. a loader) and the resolvers add fields.
  const { coverage, ...row } = structuredClone(record.rollup);
  const hidden = new Set(seeConfidential ? [] : record.restricted.hiddenTagIds);
  for (const o of row.objectives)
    for (const oc of o.outcomes)
      for (const i of oc.indicators) {
        i.asOf = row.asOf;
        i.figures = record.indicatorFigures[i.indicator.id] ?? null;
      }
  return {
    ...(row as unknown as BoardRollup),
    recommendations: seeConfidential ? row.recommendations : record.restricted.recommendations,
    precomputedCoverage: new Map(
      coverage.map((c) => [c.kind, c.cells.filter((cell) => !hidden.has(cell.tag.id))]),
    ),
    frozen: true,
  };
}
