import type { MeQuery } from '@throughline/sdk';

type Viewer = NonNullable<MeQuery['me']>;

// These only decide which forms to offer; the API checks every write itself.

/** Any member of the owning group (or an admin) may post updates. */
export function mayPostUpdate(viewer: Viewer | null, groupId: string): boolean {
  if (!viewer) return false;
  return viewer.roles.includes('ADMIN') || viewer.memberships.some((m) => m.groupId === groupId);
}

/** The group's chair or coordinator (or an admin) may edit the action. */
export function mayEditAction(viewer: Viewer | null, groupId: string): boolean {
  if (!viewer) return false;
  return (
    viewer.roles.includes('ADMIN') ||
    viewer.memberships.some((m) => m.groupId === groupId && (m.role === 'CHAIR' || m.role === 'COORDINATOR'))
  );
}
