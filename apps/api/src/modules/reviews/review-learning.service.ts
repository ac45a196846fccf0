import { In, type DataSource } from 'typeorm';
import type { Viewer } from '../../shared/viewer';
import { ActionEntity } from '../actions/action.entity';
import type { TagRow } from './review.queries';
import { learningThemeRows } from './review-reports.queries';
import { assertViewer } from '../../access';

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
    const rows = await learningThemeRows(this.db, viewer);
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
