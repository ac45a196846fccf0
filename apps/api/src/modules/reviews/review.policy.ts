import { ForbiddenError } from '../../errors/errors';
import type { Viewer } from '../../graphql/context';
import { Role } from '../identity/user.entity';

/**
 * Who may see and change reviews (docs/domain.md, "Roles"). The visibility rule lives here once, as a SQL
 * predicate that every read of reviews or recommendations uses (lists, connections, counts, themes,
 * look-ups by id, Action.recommendations): a confidential review and its recommendations simply do not
 * exist for anyone but ADMIN and DHR_PANEL.
 */
export const ReviewPolicy = {
  /** ADMIN and DHR_PANEL read confidential reviews. */
  canReadConfidential(viewer: Viewer): boolean {
    return viewer.roles.includes(Role.ADMIN) || viewer.roles.includes(Role.DHR_PANEL);
  },

  /** ADMIN and DHR_PANEL create and edit reviews and their recommendations. */
  canEdit(viewer: Viewer): boolean {
    return viewer.roles.includes(Role.ADMIN) || viewer.roles.includes(Role.DHR_PANEL);
  },

  assertCanEdit(viewer: Viewer): void {
    if (!this.canEdit(viewer)) {
      throw new ForbiddenError('Only an admin or a DHR panel member may change reviews and recommendations.');
    }
  },

  /**
   * The SQL predicate for "this review row is visible to the viewer", for positional-parameter SQL.
   * `alias` is the review table's alias; the partnership id is pushed onto `params`.
   */
  visibleReviewSql(alias: string, viewer: Viewer, params: unknown[]): string {
    params.push(viewer.partnershipId);
    const tenant = `${alias}.partnership_id = $${params.length}`;
    return this.canReadConfidential(viewer) ? tenant : `(${tenant} AND ${alias}.confidential = false)`;
  },
};
