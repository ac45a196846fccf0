import { ForbiddenError } from '../../errors/errors';
import type { Viewer } from '../../graphql/context';
import { Role } from '../identity/user.entity';

/** Survivor feedback: FACILITATOR and ADMIN record it and its responses; everyone signed in reads it. */
export const FeedbackPolicy = {
  canRecord(viewer: Viewer): boolean {
    return viewer.roles.includes(Role.ADMIN) || viewer.roles.includes(Role.FACILITATOR);
  },

  assertCanRecord(viewer: Viewer): void {
    if (!this.canRecord(viewer)) {
      throw new ForbiddenError(
        'Only an admin or a survivor-forum facilitator may record feedback and responses.',
      );
    }
  },
};
