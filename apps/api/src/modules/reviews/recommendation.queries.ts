import type { EntityManager } from 'typeorm';
import type { Viewer } from '../../shared/viewer';
import { visibleReviewSql } from '../../access';
import {
  RecommendationEntity,
  type RecommendationScope,
  type RecommendationStatus,
} from './recommendation.entity';
import type { ReviewKind } from './review.entity';
import { RECOMMENDATION_COLUMNS, type Db, type StatusChangeRow, type TagRow } from './review.queries';

/**
 * The reviews module's SQL for recommendations' status history, their links to actions, the tracker's
 * filtered pages and theme counts, and the routed (national and regional) recommendations. Reads that
 * cross reviews use visibleReviewSql (src/access), except the chase pass, which tells only the panel.
 */

/** A status change as read, with who made it flattened into `user*` columns. */
export type StatusChangeSqlRow = Omit<StatusChangeRow, 'changedBy'> & { userId: string | null } & Record<
    string,
    unknown
  >;

/** Status changes of each recommendation, oldest first by the day each took effect. */
export function statusChangesOf(db: Db, recommendationIds: readonly string[]): Promise<StatusChangeSqlRow[]> {
  return db.query(
    `SELECT c.id, c.recommendation_id AS "recommendationId", c.from_status AS "fromStatus",
                c.to_status AS "toStatus", c.evidence, c.changed_at AS "changedAt",
                coalesce(c.effective_on, (c.changed_at AT TIME ZONE 'Europe/London')::date)::text AS "effectiveOn",
                u.id AS "userId", u.email AS "userEmail", u.name AS "userName", u.roles AS "userRoles"
         FROM recommendation_status_change c LEFT JOIN app_user u ON u.id = c.changed_by
         WHERE c.recommendation_id = ANY($1::uuid[])
         ORDER BY 7, c.changed_at, c.id`,
    [recommendationIds],
  );
}

/** The recommendation, locked for the rest of the transaction (FOR UPDATE). */
export function lockRecommendation(tx: EntityManager, id: string): Promise<RecommendationEntity> {
  return tx
    .getRepository(RecommendationEntity)
    .createQueryBuilder('r')
    .setLock('pessimistic_write')
    .where('r.id = :id', { id })
    .getOneOrFail();
}

/** Sets the status and evidence, moving the version on. */
export async function writeRecommendationStatus(
  tx: EntityManager,
  id: string,
  status: RecommendationStatus,
  evidence: string | null,
): Promise<void> {
  await tx
    .createQueryBuilder()
    .update(RecommendationEntity)
    .set({ status, evidence, version: () => 'version + 1' })
    .where('id = :id', { id })
    .execute();
}

/** The day the recommendation's latest status change took effect, or null. */
export async function lastEffectiveOn(tx: EntityManager, recommendationId: string): Promise<string | null> {
  const [last]: Array<{ d: string | null }> = await tx.query(
    `SELECT max(coalesce(effective_on, (changed_at AT TIME ZONE 'Europe/London')::date))::text AS d
       FROM recommendation_status_change WHERE recommendation_id = $1`,
    [recommendationId],
  );
  return last?.d ?? null;
}

/** True when the action (a UUID) is one of the partnership's. */
export async function actionOfPartnership(db: Db, actionId: string, partnershipId: string): Promise<boolean> {
  const rows: unknown[] = await db.query(
    `SELECT a.id FROM action a JOIN strategy s ON s.id = a.strategy_id WHERE a.id = $1 AND s.partnership_id = $2`,
    [actionId, partnershipId],
  );
  return rows.length > 0;
}

/** Links (or unlinks) an action and a recommendation; true when that changed anything. */
export async function setRecommendationActionLink(
  tx: EntityManager,
  recommendationId: string,
  actionId: string,
  link: boolean,
): Promise<boolean> {
  const changed: unknown[] = link
    ? await tx.query(
        `INSERT INTO recommendation_action (recommendation_id, action_id) VALUES ($1, $2)
             ON CONFLICT DO NOTHING RETURNING action_id`,
        [recommendationId, actionId],
      )
    : await tx.query(
        `DELETE FROM recommendation_action WHERE recommendation_id = $1 AND action_id = $2 RETURNING action_id`,
        [recommendationId, actionId],
      );
  return changed.length > 0;
}

/** The tracker's filter, already checked (review.rules and the tracker service). */
export interface TrackerQuery {
  reviewId?: string;
  kind?: ReviewKind;
  agency?: string;
  scope?: RecommendationScope;
  statuses?: RecommendationStatus[];
  theme?: { kind: string; slug: string };
  overdue?: boolean;
  today: string;
  /** The page: its size, and the (review ref, ref, id) it starts after. */
  size: number;
  after: [string, string, string] | null;
}

/** One page of the tracker (size + 1 rows, to tell whether there is another) and the total. */
export async function trackerPage(
  db: Db,
  viewer: Viewer,
  q: TrackerQuery,
): Promise<{ rows: Array<RecommendationEntity & { reviewRef: string }>; total: number }> {
  const params: unknown[] = [];
  const where = [visibleReviewSql('rv', viewer, params)];
  if (q.reviewId != null) {
    params.push(q.reviewId);
    where.push(`r.review_id = $${params.length}`);
  }
  if (q.kind != null) {
    params.push(q.kind);
    where.push(`rv.kind = $${params.length}`);
  }
  if (q.agency != null) {
    params.push(q.agency);
    where.push(`lower(r.agency) = lower($${params.length})`);
  }
  if (q.scope != null) {
    params.push(q.scope);
    where.push(`r.scope = $${params.length}`);
  }
  if (q.statuses != null) {
    params.push(q.statuses);
    where.push(`r.status = ANY($${params.length}::text[])`);
  }
  if (q.theme != null) {
    params.push(q.theme.kind, q.theme.slug);
    where.push(`EXISTS (SELECT 1 FROM recommendation_tag rt JOIN tag t ON t.id = rt.tag_id
        WHERE rt.recommendation_id = r.id AND t.kind = $${params.length - 1} AND t.slug = $${params.length})`);
  }
  if (q.overdue != null) {
    params.push(q.today);
    const overdue = `(r.due_on IS NOT NULL AND r.due_on < $${params.length} AND r.status IN ('OPEN', 'IN_PROGRESS'))`;
    where.push(q.overdue ? overdue : `NOT ${overdue}`);
  }
  const countParams = [...params];
  const countSql = `SELECT count(*)::int AS n FROM recommendation r JOIN review rv ON rv.id = r.review_id
      WHERE ${where.join(' AND ')}`;
  if (q.after != null) {
    params.push(...q.after);
    where.push(
      `(rv.ref, r.ref, r.id) > ($${params.length - 2}, $${params.length - 1}, $${params.length}::uuid)`,
    );
  }
  params.push(q.size + 1);
  const pageSql = `SELECT ${RECOMMENDATION_COLUMNS}, rv.ref AS "reviewRef"
      FROM recommendation r JOIN review rv ON rv.id = r.review_id
      WHERE ${where.join(' AND ')} ORDER BY rv.ref, r.ref, r.id LIMIT $${params.length}`;
  const [rows, count] = await Promise.all([
    db.query(pageSql, params) as Promise<Array<RecommendationEntity & { reviewRef: string }>>,
    db.query(countSql, countParams) as Promise<Array<{ n: number }>>,
  ]);
  return { rows, total: count[0]?.n ?? 0 };
}

/** For each tag of `kind` on a visible recommendation: how many carry it, how many are open. */
export function themeCounts(
  db: Db,
  viewer: Viewer,
  kind: string,
): Promise<Array<TagRow & { total: number; open: number }>> {
  const params: unknown[] = [kind];
  return db.query(
    `SELECT t.id, t.kind, t.slug, t.label, count(*)::int AS total,
              (count(*) FILTER (WHERE r.status IN ('OPEN', 'IN_PROGRESS')))::int AS open
       FROM recommendation_tag rt
       JOIN tag t ON t.id = rt.tag_id
       JOIN recommendation r ON r.id = rt.recommendation_id
       JOIN review rv ON rv.id = r.review_id
       WHERE t.kind = $1 AND ${visibleReviewSql('rv', viewer, params)}
       GROUP BY t.id, t.kind, t.slug, t.label
       ORDER BY open DESC, total DESC, t.label`,
    params,
  );
}

/** Visible recommendations of the given scopes, with their review's ref. */
export function visibleRoutedRecommendations(
  db: Db,
  viewer: Viewer,
  scopes: readonly RecommendationScope[],
): Promise<Array<RecommendationEntity & { reviewRef: string }>> {
  const params: unknown[] = [scopes];
  return db.query(
    `SELECT ${RECOMMENDATION_COLUMNS}, rv.ref AS "reviewRef"
       FROM recommendation r JOIN review rv ON rv.id = r.review_id
       WHERE r.scope = ANY($1::text[]) AND ${visibleReviewSql('rv', viewer, params)}`,
    params,
  );
}

/** Sent and unanswered recommendations of the given scopes, of every partnership (for the chase pass). */
export function sentUnanswered(
  manager: EntityManager,
  scopes: readonly RecommendationScope[],
): Promise<Array<RecommendationEntity & { partnershipId: string; reviewRef: string }>> {
  return manager.query(
    `SELECT ${RECOMMENDATION_COLUMNS}, rv.partnership_id AS "partnershipId", rv.ref AS "reviewRef"
     FROM recommendation r JOIN review rv ON rv.id = r.review_id
     WHERE r.scope = ANY($1::text[]) AND r.sent_on IS NOT NULL AND r.answered_on IS NULL
     ORDER BY rv.partnership_id, rv.ref, r.ref`,
    [scopes],
  );
}

/** The partnership's active DHR panel members, by id. */
export function activePanel(tx: EntityManager, partnershipId: string): Promise<Array<{ id: string }>> {
  return tx.query(
    `SELECT id FROM app_user WHERE partnership_id = $1 AND active AND 'DHR_PANEL' = ANY(roles) ORDER BY id`,
    [partnershipId],
  );
}
