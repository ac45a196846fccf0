import { ForbiddenError, UnauthenticatedError } from '../../errors/errors';
import type { Viewer } from '../../graphql/context';
import type { Role } from './user.entity';

/** The viewer, or UNAUTHENTICATED: services are called by the demo loader and tests as well as resolvers. */
export function requireViewer(viewer: Viewer | null | undefined): Viewer {
  if (!viewer) throw new UnauthenticatedError();
  return viewer;
}

export function hasRole(viewer: Viewer, ...roles: Role[]): boolean {
  return roles.some((r) => viewer.roles.includes(r));
}

/** FORBIDDEN unless the viewer holds one of the roles. */
export function requireRole(viewer: Viewer | null | undefined, ...roles: Role[]): Viewer {
  const v = requireViewer(viewer);
  if (!hasRole(v, ...roles)) throw new ForbiddenError();
  return v;
}
