import { ForbiddenError } from '../../errors/errors';
import type { Viewer } from '../../graphql/context';
import { MembershipRole } from '../identity/membership.entity';
import { Role } from '../identity/user.entity';

/**
 * Who may do what with reporting rounds (docs/graphql-contract.md, "Reporting rounds"): an ADMIN (the strategic
 * lead) opens rounds; a return is submitted by the group's CHAIR or COORDINATOR or an ADMIN, and
 * approved or sent back by the group's CHAIR or an ADMIN, never by the person who submitted it.
 */
export const RoundPolicy = {
  isAdmin(viewer: Viewer): boolean {
    return viewer.roles.includes(Role.ADMIN);
  },

  canSubmit(viewer: Viewer, groupId: string): boolean {
    const role = viewer.memberships.get(groupId);
    return this.isAdmin(viewer) || role === MembershipRole.CHAIR || role === MembershipRole.COORDINATOR;
  },

  /** May decide on returns of the group at all (the submitter rule is checked on the return itself). */
  canDecide(viewer: Viewer, groupId: string): boolean {
    return this.isAdmin(viewer) || viewer.memberships.get(groupId) === MembershipRole.CHAIR;
  },

  assertAdmin(viewer: Viewer): void {
    if (!this.isAdmin(viewer)) throw new ForbiddenError('Only an admin may open a reporting round.');
  },

  assertCanSubmit(viewer: Viewer, groupId: string): void {
    if (!this.canSubmit(viewer, groupId)) {
      throw new ForbiddenError("Only the group's chair or coordinator, or an admin, may submit its return.");
    }
  },

  assertCanDecide(viewer: Viewer, groupId: string, submittedById: string | null): void {
    if (!this.canDecide(viewer, groupId)) {
      throw new ForbiddenError("Only the group's chair or an admin may approve or send back its return.");
    }
    if (submittedById === viewer.id) {
      throw new ForbiddenError(
        'Someone other than the person who submitted a return must approve or send it back.',
      );
    }
  },
};
