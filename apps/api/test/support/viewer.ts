import type { Viewer } from '../../src/shared/viewer';
import { Role, type TestUser } from './test-app';

/** A test user as the services see them (by default an ADMIN with no memberships), to call services directly. */
export function viewerOf(
  t: { partnershipId: string },
  user: TestUser,
  name = 'Admin',
  roles = [Role.ADMIN],
): Viewer {
  return {
    id: user.id,
    partnershipId: t.partnershipId,
    email: user.email,
    name,
    roles,
    memberships: new Map(),
    sessionId: '',
  };
}
