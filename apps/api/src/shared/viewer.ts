import type { MembershipRole } from '../modules/identity/membership.entity';
import type { Role } from '../modules/identity/user.entity';

/** The signed-in person, as the request sees them. */
export interface Viewer {
  id: string;
  partnershipId: string;
  email: string;
  name: string;
  roles: Role[];
  /** groupId -> the viewer's role in that group. */
  memberships: Map<string, MembershipRole>;
  sessionId: string;
}
