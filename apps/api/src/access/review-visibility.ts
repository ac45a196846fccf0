import type { Viewer } from '../shared/viewer';
import { can } from './policy';

/**
 * Who sees which reviews, as SQL: the visibility rule lives here once, as a predicate that every read of
 * reviews or recommendations uses (lists, connections, counts, themes, look-ups by id,
 * Action.recommendations): a confidential review and its recommendations simply do not exist for anyone
 * but those who `can(viewer, 'review.readConfidential')` (ADMIN and DHR_PANEL).
 *
 * `alias` is the review table's alias; the partnership id is pushed onto `params` (positional SQL).
 */
export function visibleReviewSql(alias: string, viewer: Viewer, params: unknown[]): string {
  params.push(viewer.partnershipId);
  const tenant = `${alias}.partnership_id = $${params.length}`;
  return can(viewer, 'review.readConfidential') ? tenant : `(${tenant} AND ${alias}.confidential = false)`;
}
