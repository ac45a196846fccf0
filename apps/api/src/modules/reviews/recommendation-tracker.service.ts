import type { DataSource } from 'typeorm';
import { BadInputError } from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { decodeCursor, pageSize, toPage } from '../../shared/paging';
import { todayIso } from '../../shared/dates';
import { parseTagRef } from '../tags/tag.service';
import { RecommendationEntity, RecommendationScope, RecommendationStatus } from './recommendation.entity';
import { ReviewKind } from './review.entity';
import type { RecommendationFilter } from './review.inputs';
import { checkEnum, isUuid } from './review.rules';
import type { RecommendationPage, ThemeCount } from './review.queries';
import { themeCounts, trackerPage, type TrackerQuery } from './recommendation.queries';
import { assertViewer } from '../../access';

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
    const f = filter ?? {};
    const q: TrackerQuery = { today, size, after: null };
    if (f.reviewId != null) {
      if (!isUuid(f.reviewId)) throw new BadInputError('reviewId', 'Not a review id.');
      q.reviewId = f.reviewId;
    }
    if (f.kind != null) q.kind = checkEnum('kind', f.kind, ReviewKind);
    if (f.agency != null && f.agency.trim() !== '') q.agency = f.agency.trim();
    if (f.scope != null) q.scope = checkEnum('scope', f.scope, RecommendationScope);
    if (f.status != null && f.status.length > 0) {
      q.statuses = f.status.map((s) => checkEnum('status', s, RecommendationStatus));
    }
    if (f.theme != null && f.theme.trim() !== '') {
      const raw = f.theme.trim();
      const tag = parseTagRef(raw.includes(':') ? raw : `theme:${raw}`, 'theme');
      q.theme = { kind: tag.kind, slug: tag.slug };
    }
    if (f.overdue != null) q.overdue = f.overdue;
    if (after != null) {
      const [reviewRef, ref, id] = decodeCursor(after, 3);
      if (typeof reviewRef !== 'string' || typeof ref !== 'string' || !isUuid(id)) {
        throw new BadInputError('after', 'The cursor is not valid; use a cursor this API returned.');
      }
      q.after = [reviewRef, ref, id];
    }
    const { rows, total } = await trackerPage(this.db, viewer, q);
    const page = toPage(rows, size, (row) => [row.reviewRef, row.ref, row.id]);
    return {
      edges: page.edges.map(({ cursor, node: { reviewRef: _ignored, ...node } }) => ({
        cursor,
        node: node as RecommendationEntity,
      })),
      pageInfo: page.pageInfo,
      totalCount: total,
    };
  }

  /**
   * The thematic action plan across all visible reviews: for each tag of `kind` (default "theme")
   * carried by a visible recommendation, how many carry it and how many are still open (OPEN or
   * IN_PROGRESS). Most open first.
   */
  async recommendationThemes(viewer: Viewer, kind: string = 'theme'): Promise<ThemeCount[]> {
    assertViewer(viewer);
    const rows = await themeCounts(this.db, viewer, kind);
    return rows.map(({ total, open, ...tag }) => ({ tag, total, open }));
  }
}
