import { ConflictError } from '../../errors/errors';
import type { IdentityService } from './identity.service';
import { Role } from './user.entity';

/**
 * THROUGHLINE_ADMIN_EMAIL / _PASSWORD: make sure this admin exists. An existing user with the email
 * is left exactly as it is (its password is not reset), as docs/security.md says.
 */
export async function ensureAdmin(
  identity: IdentityService,
  partnershipId: string,
  admin: { email: string; password: string },
): Promise<'created' | 'exists'> {
  if (await identity.findUserByEmail(admin.email)) return 'exists';
  try {
    await identity.createUser(
      partnershipId,
      { email: admin.email, name: 'Administrator', password: admin.password, roles: [Role.ADMIN] },
      null,
      'bootstrapAdmin',
    );
    return 'created';
  } catch (e) {
    // Another replica starting at the same moment may have made it first.
    if (e instanceof ConflictError) return 'exists';
    throw e;
  }
}
