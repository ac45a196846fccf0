import type { DataSource } from 'typeorm';
import { BadInputError } from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { decodeCursor, pageSize, toPage } from '../../shared/paging';
import { todayIso } from '../../shared/dates';
import { parseTagRef } from '../tags/tag.service';
import { RecommendationEntity, RecommendationScope, RecommendationStatus } from './recommendation.entity';
import { ReviewKind } from './review.entity';
import type { RecommendationFilter } from './review.inputs';
import { isUuid } from './review.rules';
import {
  RECOMMENDATION_COLUMNS,
  checkEnum,
  type RecommendationPage,
  type TagRow,
  type ThemeCount,
} from './review.sql';
import { assertViewer, visibleReviewSql } from '../../access';

/**
 * The recommendation tracker's reads across reviews (filtered pages and theme counts). Every query
 * uses visibleReviewSql (src/access), so confidential reviews' recommendations exist only for ADMIN
 * and DHR_PANEL.
 */
export class RecommendationTrackerService {
  constructor(private readonly db: DataSource) {}

  /**
   * The recommendation tracker: visible recommendations matching the filter, by review ref then
   * recommendation ref, a page at a time, with the total across pages.
   */
  async listRecommendations(
    viewer: Viewer,
    filter: RecommendationFilter | null | undefined,
    first?: number | null,
    after?: string | null,
    today: string = todayIso(),
  ): Promise<RecommendationPage> {
    assertViewer(viewer);
    const size = pageSize(first);
    const params: unknown[] = [];
    const where = [visibleReviewSql('rv', viewer, params)];
    const f = filter ?? {};
    if (f.reviewId != null) {
      if (!isUuid(f.reviewId)) throw new BadInputError('reviewId', 'Not a review id.');
      params.push(f.reviewId);
      where.push(`r.review_id = $${params.length}`);
    }
    if (f.kind != null) {
      params.push(checkEnum('kind', f.kind, ReviewKind));
      where.push(`rv.kind = $${params.length}`);
    }
    if (f.agency != null && f.agency.trim() !== '') {
      params.push(f.agency.trim());
      where.push(`lower(r.agency) = lower($${params.length})`);
    }
    if (f.scope != null) {
      params.push(checkEnum('scope', f.scope, RecommendationScope));
      where.push(`r.scope = $${params.length}`);
    }
    if (f.status != null && f.status.length > 0) {
      params.push(f.status.map((s) => checkEnum('status', s, RecommendationStatus)));
      where.push(`r.status = ANY($${params.length}::text[])`);
    }
    if (f.theme != null && f.theme.trim() !== '') {
      const raw = f.theme.trim();
      const tag = parseTagRef(raw.includes(':') ? raw : `theme:${raw}`, 'theme');
      params.push(tag.kind, tag.slug);
      where.push(`EXISTS (SELECT 1 FROM recommendation_tag rt JOIN tag t ON t.id = rt.tag_id
        WHERE rt.recommendation_id = r.id AND t.kind = $${params.length - 1} AND t.slug = $${params.length})`);
    }
    if (f.overdue != null) {
      params.push(today);
      const overdue = `(r.due_on IS NOT NULL AND r.due_on < $${params.length} AND r.status IN ('OPEN', 'IN_PROGRESS'))`;
      where.push(f.overdue ? overdue : `NOT ${overdue}`);
    }
    const countParams = [...params];
    const countSql = `SELECT count(*)::int AS n FROM recommendation r JOIN review rv ON rv.id = r.review_id
      WHERE ${where.join(' AND ')}`;
    if (after != null) {
      const [reviewRef, ref, id] = decodeCursor(after, 3);
      if (typeof reviewRef !== 'string' || typeof ref !== 'string' || !isUuid(id)) {
        throw new BadInputError('after', 'The cursor is not valid; use a cursor this API returned.');
      }
      params.push(reviewRef, ref, id);
      where.push(
        `(rv.ref, r.ref, r.id) > ($${params.length - 2}, $${params.length - 1}, $${params.length}::uuid)`,
      );
    }
    params.push(size + 1);
    const pageSql = `SELECT ${RECOMMENDATION_COLUMNS}, rv.ref AS "reviewRef"
      FROM recommendation r JOIN review rv ON rv.id = r.review_id
      WHERE ${where.join(' AND ')} ORDER BY rv.ref, r.ref, r.id LIMIT $${params.length}`;
    const [rows, count] = await Promise.all([
      this.db.query(pageSql, params) as Promise<Array<RecommendationEntity & { reviewRef: string }>>,
      this.db.query(countSql, countParams) as Promise<Array<{ n: number }>>,
    ]);
    const page = toPage(rows, size, (row) => [row.reviewRef, row.ref, row.id]);
    return {
      edges: page.edges.map(({ cursor, node: { reviewRef: _ignored, ...node } }) => ({
        cursor,
        node: node as RecommendationEntity,
      })),
      pageInfo: page.pageInfo,
      totalCount: count[0]?.n ?? 0,
    };
  }

  /**
   * The thematic action plan across all visible reviews: for each tag of `kind` (default "theme")
   * carried by a visible recommendation, how many carry it and how many are still open (OPEN or
   * IN_PROGRESS). Most open first.
   */
  async recommendationThemes(viewer: Viewer, kind: string = 'theme'): Promise<ThemeCount[]> {
    assertViewer(viewer);
    const params: unknown[] = [kind];
    const rows: Array<TagRow & { total: number; open: number }> = await this.db.query(
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
    return rows.map(({ total, open, ...tag }) => ({ tag, total, open }));
  }
}
