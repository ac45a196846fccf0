import type { DataSource, EntityManager } from 'typeorm';
import type { Viewer } from '../../shared/viewer';
import { visibleReviewSql } from '../../access';
import type { Role } from '../identity/user.entity';
import type { RecommendationEntity, RecommendationStatus } from './recommendation.entity';
import type { ReviewEntity, ReviewKind } from './review.entity';

/**
 * The reviews module's SQL for reviews and recommendations read by id or by parent, and the row shapes
 * its services share. Every read of a review or recommendation goes through visibleReviewSql (src/access),
 * so a confidential review and its recommendations exist only for ADMIN and DHR_PANEL. The status
 * history, links and tracker are in recommendation.queries.ts; the action plan's in review-plan.queries.ts.
 */

/** The database or a transaction's manager: both run raw SQL the same way. */
export type Db = DataSource | EntityManager;

/** A review's columns under their entity property names, for raw SQL over alias `rv`. */
export const REVIEW_COLUMNS = `rv.id, rv.partnership_id AS "partnershipId", rv.kind, rv.ref, rv.area, rv.title, rv.pseudonym,
  rv.commissioned_on AS "commissionedOn", rv.notified_on AS "notifiedOn", rv.decided_on AS "decidedOn",
  rv.panel_started_on AS "panelStartedOn", rv.submitted_on AS "submittedOn", rv.qa_outcome AS "qaOutcome",
  rv.qa_on AS "qaOn", rv.published_on AS "publishedOn", rv.confidential, rv.version,
  rv.created_at AS "createdAt", rv.updated_at AS "updatedAt"`;

/** A recommendation's columns under their entity property names, for raw SQL over alias `r`. */
export const RECOMMENDATION_COLUMNS = `r.id, r.review_id AS "reviewId", r.ref, r.text, r.agency, r.scope,
  r.due_on AS "dueOn", r.status, r.evidence, r.version, r.created_at AS "createdAt", r.updated_at AS "updatedAt",
  r.made_on AS "madeOn", r.plan_action AS "planAction", r.progress_rating AS "progressRating",
  r.completed_on AS "completedOn", r.outcome, r.addressed_to AS "addressedTo", r.sent_on AS "sentOn",
  r.acknowledged_on AS "acknowledgedOn", r.answered_on AS "answeredOn", r.answer`;

export interface TagRow {
  id: string;
  kind: string;
  slug: string;
  label: string;
}

export interface StatusChangeRow {
  id: string;
  recommendationId: string;
  fromStatus: RecommendationStatus | null;
  toStatus: RecommendationStatus;
  evidence: string | null;
  changedAt: Date;
  effectiveOn: string;
  changedBy: { id: string; email: string; name: string; roles: Role[] } | null;
}

export interface RecommendationPage {
  edges: Array<{ cursor: string; node: RecommendationEntity }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export interface ThemeCount {
  tag: TagRow;
  total: number;
  open: number;
}

/** Visible reviews, of one kind when given, by ref. */
export function visibleReviews(db: Db, viewer: Viewer, kind: ReviewKind | null): Promise<ReviewEntity[]> {
  const params: unknown[] = [];
  let sql = `SELECT ${REVIEW_COLUMNS} FROM review rv WHERE ${visibleReviewSql('rv', viewer, params)}`;
  if (kind != null) {
    params.push(kind);
    sql += ` AND rv.kind = $${params.length}`;
  }
  return db.query(`${sql} ORDER BY rv.ref`, params);
}

/** Visible reviews among `ids` (UUIDs): ids not found or not visible are absent. */
export function visibleReviewsById(db: Db, viewer: Viewer, ids: readonly string[]): Promise<ReviewEntity[]> {
  const params: unknown[] = [ids];
  return db.query(
    `SELECT ${REVIEW_COLUMNS} FROM review rv
       WHERE rv.id = ANY($1::uuid[]) AND ${visibleReviewSql('rv', viewer, params)}`,
    params,
  );
}

/** Visible recommendations among `ids` (UUIDs); ids not found or not visible are absent. */
export function visibleRecommendationsById(
  db: Db,
  viewer: Viewer,
  ids: readonly string[],
): Promise<RecommendationEntity[]> {
  const params: unknown[] = [ids];
  return db.query(
    `SELECT ${RECOMMENDATION_COLUMNS} FROM recommendation r JOIN review rv ON rv.id = r.review_id
       WHERE r.id = ANY($1::uuid[]) AND ${visibleReviewSql('rv', viewer, params)}`,
    params,
  );
}

/** Recommendations of the visible reviews among `reviewIds` (UUIDs), by ref. */
export function recommendationsOfReviews(
  db: Db,
  viewer: Viewer,
  reviewIds: readonly string[],
): Promise<RecommendationEntity[]> {
  const params: unknown[] = [reviewIds];
  return db.query(
    `SELECT ${RECOMMENDATION_COLUMNS} FROM recommendation r JOIN review rv ON rv.id = r.review_id
       WHERE r.review_id = ANY($1::uuid[]) AND ${visibleReviewSql('rv', viewer, params)}
       ORDER BY r.ref, r.id`,
    params,
  );
}

/** The visible recommendations each of `actionIds` (UUIDs) delivers, with the action's id. */
export function recommendationsOfActions(
  db: Db,
  viewer: Viewer,
  actionIds: readonly string[],
): Promise<Array<RecommendationEntity & { actionId: string }>> {
  const params: unknown[] = [actionIds];
  return db.query(
    `SELECT ra.action_id AS "actionId", ${RECOMMENDATION_COLUMNS}
       FROM recommendation_action ra
       JOIN recommendation r ON r.id = ra.recommendation_id
       JOIN review rv ON rv.id = r.review_id
       WHERE ra.action_id = ANY($1::uuid[]) AND ${visibleReviewSql('rv', viewer, params)}
       ORDER BY rv.ref, r.ref, r.id`,
    params,
  );
}

/** Tags of each recommendation, by kind then label (callers pass ids they read visibly). */
export function tagsOfRecommendations(
  db: Db,
  recommendationIds: readonly string[],
): Promise<Array<TagRow & { recommendationId: string }>> {
  return db.query(
    `SELECT rt.recommendation_id AS "recommendationId", t.id, t.kind, t.slug, t.label
       FROM recommendation_tag rt JOIN tag t ON t.id = rt.tag_id
       WHERE rt.recommendation_id = ANY($1::uuid[]) ORDER BY t.kind, t.label, t.slug`,
    [recommendationIds],
  );
}

/** Which of the partnership's actions deliver each recommendation. */
export function actionLinksOfRecommendations(
  db: Db,
  partnershipId: string,
  recommendationIds: readonly string[],
): Promise<Array<{ recommendationId: string; actionId: string }>> {
  return db.query(
    `SELECT ra.recommendation_id AS "recommendationId", ra.action_id AS "actionId"
       FROM recommendation_action ra JOIN action a ON a.id = ra.action_id JOIN strategy s ON s.id = a.strategy_id
       WHERE ra.recommendation_id = ANY($1::uuid[]) AND s.partnership_id = $2`,
    [recommendationIds, partnershipId],
  );
}

/** True when another review of the partnership (not `exceptId`) already has this ref. */
export async function reviewRefTaken(
  tx: EntityManager,
  partnershipId: string,
  ref: string,
  exceptId: string | null,
): Promise<boolean> {
  const rows: unknown[] = await tx.query(
    `SELECT 1 FROM review WHERE partnership_id = $1 AND ref = $2 AND ($3::uuid IS NULL OR id <> $3::uuid)`,
    [partnershipId, ref, exceptId],
  );
  return rows.length > 0;
}

/** The partnership's name ('' when missing), for exports. */
export async function partnershipName(db: Db, partnershipId: string): Promise<string> {
  const [p]: Array<{ name: string }> = await db.query(`SELECT name FROM partnership WHERE id = $1`, [
    partnershipId,
  ]);
  return p?.name ?? '';
}
