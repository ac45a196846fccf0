import { ForbiddenError } from '../../errors/errors';
import type { Viewer } from '../../graphql/context';
import { MembershipRole } from '../identity/membership.entity';
import { Role } from '../identity/user.entity';

/**
 * Record-level rules for actions and groups (docs/domain.md, "Roles"): ADMIN may do everything; a group's
 * CHAIR or COORDINATOR edits its actions and creates actions for it; any member of the group (MEMBER
 * included) posts progress updates on its actions. Nobody else writes.
 */
export const ActionPolicy = {
  isAdmin(viewer: Viewer): boolean {
    return viewer.roles.includes(Role.ADMIN);
  },

  /** May the viewer create actions for, and edit the actions of, this group? */
  canEditGroupActions(viewer: Viewer, groupId: string): boolean {
    if (this.isAdmin(viewer)) return true;
    const role = viewer.memberships.get(groupId);
    return role === MembershipRole.CHAIR || role === MembershipRole.COORDINATOR;
  },

  /** May the viewer post progress updates on this group's actions? */
  canUpdateGroupActions(viewer: Viewer, groupId: string): boolean {
    return this.isAdmin(viewer) || viewer.memberships.has(groupId);
  },

  /** Could the viewer edit actions of any group at all? (Checked before revealing whether a group exists.) */
  mayEditSomeGroup(viewer: Viewer): boolean {
    if (this.isAdmin(viewer)) return true;
    for (const role of viewer.memberships.values()) {
      if (role === MembershipRole.CHAIR || role === MembershipRole.COORDINATOR) return true;
    }
    return false;
  },

  assertCanEdit(viewer: Viewer, groupId: string): void {
    if (!this.canEditGroupActions(viewer, groupId)) {
      throw new ForbiddenError("Only an admin or the group's chair or coordinator may change its actions.");
    }
  },

  assertCanPostUpdate(viewer: Viewer, groupId: string): void {
    if (!this.canUpdateGroupActions(viewer, groupId)) {
      throw new ForbiddenError("Only an admin or a member of the action's group may post updates on it.");
    }
  },

  assertAdmin(viewer: Viewer): void {
    if (!this.isAdmin(viewer)) throw new ForbiddenError('Only an admin may manage operational groups.');
  },
};
