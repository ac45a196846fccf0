import { In, type DataSource } from 'typeorm';
import type { Viewer } from '../../shared/viewer';
import { ActionEntity } from '../actions/action.entity';
import { type TagRow } from './review.sql';
import { assertViewer, visibleReviewSql } from '../../access';

export interface ThemeLearning {
  tag: TagRow;
  reviewCount: number;
  recommendationCount: number;
  openCount: number;
  /** The partnership's actions addressing the theme: linked to its recommendations or tagged with it. */
  actions: ActionEntity[];
}

/**
 * Learning across reviews (docs/reviews.md): each theme the visible reviews' recommendations carry,
 * in how many reviews, and the actions addressing it, so the themes no action addresses stand out.
 */
export class ReviewLearningService {
  constructor(private readonly db: DataSource) {}

  async learningThemes(viewer: Viewer): Promise<ThemeLearning[]> {
    assertViewer(viewer);
    const params: unknown[] = [];
    const visible = visibleReviewSql('rv', viewer, params);
    const rows: Array<
      TagRow & { reviewCount: number; recommendationCount: number; openCount: number; actionIds: string[] }
    > = await this.db.query(
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
    const ids = [...new Set(rows.flatMap((r) => r.actionIds))];
    const actions = ids.length
      ? await this.db.getRepository(ActionEntity).find({ where: { id: In(ids) } })
      : [];
    const byId = new Map(actions.map((a) => [a.id, a]));
    return rows.map(({ actionIds, reviewCount, recommendationCount, openCount, ...tag }) => ({
      tag,
      reviewCount,
      recommendationCount,
      openCount,
      actions: actionIds
        .map((id) => byId.get(id))
        .filter((a): a is ActionEntity => !!a)
        .sort((a, b) => a.ref.localeCompare(b.ref)),
    }));
  }
}
