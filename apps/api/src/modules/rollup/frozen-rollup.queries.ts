import { tagShownWithoutConfidentialSql } from '../tags';
import { recommendationStatusAsOf, ukDay } from './as-of';
import type { Queryable } from './queries';
import type { FrozenRollup } from './frozen-rollup.service';

/** The statements of freezeRollup (frozen-rollup.service.ts) other than the roll-up's own. */

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

/** What differs for a reader who may not see confidential reviews, as of `asOf`. */
export async function restrictedDifferences(
  db: Queryable,
  partnershipId: string,
  asOf: string,
): Promise<FrozenRollup['restricted']> {
  const rows = (await db.query(RESTRICTED_SQL, [partnershipId, asOf])) as Array<{
    restricted: FrozenRollup['restricted'];
  }>;
  return rows[0].restricted;
}

/** Every tag kind of the partnership. */
export async function tagKindsOf(db: Queryable, partnershipId: string): Promise<string[]> {
  const rows = (await db.query(`SELECT DISTINCT kind FROM tag WHERE partnership_id = $1 ORDER BY kind`, [
    partnershipId,
  ])) as Array<{ kind: string }>;
  return rows.map((r) => r.kind);
}

/** The ids of the strategy's indicators. */
export async function indicatorIdsOf(db: Queryable, strategyId: string): Promise<string[]> {
  const rows = (await db.query(
    `SELECT i.id FROM objective o JOIN outcome oc ON oc.objective_id = o.id
       JOIN indicator i ON i.outcome_id = oc.id WHERE o.strategy_id = $1`,
    [strategyId],
  )) as Array<{ id: string }>;
  return rows.map((r) => r.id);
}
