import type { Viewer } from '../../shared/viewer';
import { visibleReviewSql } from '../../access';
import type { Rag } from '../actions/action.enums';
import type { RecommendationScope, RecommendationStatus } from './recommendation.entity';
import { RECOMMENDATION_COLUMNS, type Db, type TagRow } from './review.queries';

/**
 * The reviews module's SQL for its reports: the published action plan's rows (review-export.ts), the
 * oversight summary's (oversight-export.ts) and learning across reviews (review-learning.service.ts).
 */

/** A recommendation as a plan line is made from. */
export interface PlanSource {
  id: string;
  reviewRef: string;
  reviewTitle: string;
  ref: string;
  text: string;
  scope: RecommendationScope;
  planAction: string | null;
  agency: string;
  dueOn: string | null;
  completedOn: string | null;
  outcome: string | null;
  progressRating: Rag | null;
  status: RecommendationStatus;
  actions: string | null;
}

/** Visible recommendations of one review (or of all when null), with the actions delivering each. */
export function planSources(db: Db, viewer: Viewer, reviewId: string | null): Promise<PlanSource[]> {
  const params: unknown[] = [];
  const where = [visibleReviewSql('rv', viewer, params)];
  if (reviewId != null) {
    params.push(reviewId);
    where.push(`rv.id = $${params.length}`);
  }
  return db.query(
    `SELECT ${RECOMMENDATION_COLUMNS}, rv.ref AS "reviewRef", rv.title AS "reviewTitle",
         (SELECT string_agg(a.ref || ' ' || a.title, '; ' ORDER BY a.ref)
            FROM recommendation_action ra JOIN action a ON a.id = ra.action_id
            WHERE ra.recommendation_id = r.id) AS actions
       FROM recommendation r JOIN review rv ON rv.id = r.review_id
       WHERE ${where.join(' AND ')} ORDER BY rv.ref, r.ref, r.id`,
    params,
  );
}

/** A recommendation as the oversight summary counts it. */
export interface OversightRow {
  scope: RecommendationScope;
  status: RecommendationStatus;
  madeOn: string;
  themes: string[];
  published: boolean;
  reviewRef: string;
  publishedOn: string | null;
  ref: string;
  text: string;
}

/** Every recommendation of the partnership (confidential or not), with its themes. */
export function oversightRows(db: Db, partnershipId: string): Promise<OversightRow[]> {
  return db.query(
    `SELECT r.scope, r.status, coalesce(r.made_on, (r.created_at AT TIME ZONE 'Europe/London')::date)::text AS "madeOn",
         coalesce((SELECT array_agg(t.label ORDER BY t.label) FROM recommendation_tag rt JOIN tag t ON t.id = rt.tag_id
           WHERE rt.recommendation_id = r.id AND t.kind = 'theme'), '{}') AS themes,
         (rv.published_on IS NOT NULL AND NOT rv.confidential) AS published,
         rv.ref AS "reviewRef", rv.published_on::text AS "publishedOn", r.ref, r.text
       FROM recommendation r JOIN review rv ON rv.id = r.review_id
       WHERE rv.partnership_id = $1 ORDER BY rv.ref, r.ref`,
    [partnershipId],
  );
}

/** A theme across the visible reviews: counts, and the partnership's live actions addressing it. */
export type LearningThemeRow = TagRow & {
  reviewCount: number;
  recommendationCount: number;
  openCount: number;
  actionIds: string[];
};

export function learningThemeRows(db: Db, viewer: Viewer): Promise<LearningThemeRow[]> {
  const params: unknown[] = [];
  const visible = visibleReviewSql('rv', viewer, params);
  return db.query(
    `WITH recs AS (
           SELECT r.id, r.review_id, r.status, t.id AS tag_id
           FROM recommendation r JOIN review rv ON rv.id = r.review_id
           JOIN recommendation_tag rt ON rt.recommendation_id = r.id
           JOIN tag t ON t.id = rt.tag_id AND t.kind = 'theme'
           WHERE ${visible}
         ),
         addressing AS (
           SELECT recs.tag_id, ra.action_id FROM recs JOIN recommendation_action ra ON ra.recommendation_id = recs.id
           UNION
           SELECT at.tag_id, at.action_id FROM action_tag at WHERE at.tag_id IN (SELECT tag_id FROM recs)
         )
         SELECT t.id, t.kind, t.slug, t.label,
           count(DISTINCT recs.review_id)::int AS "reviewCount",
           count(DISTINCT recs.id)::int AS "recommendationCount",
           (count(DISTINCT recs.id) FILTER (WHERE recs.status IN ('OPEN', 'IN_PROGRESS')))::int AS "openCount",
           coalesce((SELECT array_agg(DISTINCT a.action_id) FROM addressing a
             JOIN action ac ON ac.id = a.action_id JOIN strategy s ON s.id = ac.strategy_id
             WHERE a.tag_id = t.id AND s.partnership_id = $1 AND ac.current_status <> 'CANCELLED'), '{}') AS "actionIds"
         FROM recs JOIN tag t ON t.id = recs.tag_id
         GROUP BY t.id, t.kind, t.slug, t.label
         ORDER BY t.label, t.slug`,
    params,
  );
}
