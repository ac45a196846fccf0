import type { DataSource, EntityManager } from 'typeorm';
import { isUuid } from '../../database/ids';
import { BadInputError, ConflictError, NotFoundError } from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { updateAtVersion, type StaleVersion } from '../../shared/versioned-update';
import { snapshot, writeAudit } from '../audit/audit.service';
import { Role, UserEntity } from './user.entity';
import type { ViewerCache } from './viewer-cache';
import { revokeUserSessions } from './session.queries';
import { requireAccess } from '../../access';

// Administering the partnership's users (IdentityService delegates here): roles and who may sign in.

const staleUser: StaleVersion = (currentVersion) =>
  new ConflictError('Someone else changed this user since you loaded it. Reload and try again.', {
    currentVersion,
  });

/** A user of the partnership, or null; a malformed id names nobody (PostgreSQL would refuse it). */
export function partnershipUser(manager: EntityManager, id: string, partnershipId: string) {
  if (!isUuid(id)) return Promise.resolve(null);
  return manager.getRepository(UserEntity).findOneBy({ id, partnershipId });
}

/**
 * Replaces a user's roles (ADMIN only) if nobody changed the user since `version` was read. The change
 * takes effect on the user's next request: the user's cached sessions are forgotten at commit.
 */
export async function updateUserRoles(
  db: DataSource,
  viewers: ViewerCache,
  viewer: Viewer | null,
  id: string,
  version: number,
  roles: Role[],
): Promise<UserEntity> {
  const admin = requireAccess(viewer, 'administer');
  const wanted = [...new Set(roles)];
  if (id === admin.id && !wanted.includes(Role.ADMIN)) {
    // Otherwise the last administrator could lock everyone out of user management.
    throw new BadInputError('roles', 'You cannot remove your own ADMIN role.');
  }
  return changeUser(db, viewers, admin, id, version, 'updateUserRoles', { roles: wanted });
}

/**
 * Lets a user sign in again, or stops them (a leaver), ADMIN only, if nobody changed the user since
 * `version` was read. Deactivating also revokes every session they hold, in the same transaction.
 */
export async function setUserActive(
  db: DataSource,
  viewers: ViewerCache,
  viewer: Viewer | null,
  id: string,
  version: number,
  active: boolean,
): Promise<UserEntity> {
  const admin = requireAccess(viewer, 'administer');
  if (id === admin.id && !active) throw new BadInputError('active', 'You cannot deactivate yourself.');
  return changeUser(db, viewers, admin, id, version, 'setUserActive', { active }, async (tx) => {
    // Deactivating revokes every session the user holds, in the same transaction.
    if (!active) {
      await revokeUserSessions(tx, id);
    }
  });
}

/**
 * One administrative change to a user at `version` (CONFLICT when stale), with `alsoInTx` and the audit
 * entry in the same transaction; the user's cached sessions are forgotten at commit, so the change
 * takes effect on their next request.
 */
async function changeUser(
  db: DataSource,
  viewers: ViewerCache,
  admin: Viewer,
  id: string,
  version: number,
  operation: 'updateUserRoles' | 'setUserActive',
  changes: Partial<UserEntity>,
  alsoInTx?: (tx: EntityManager) => Promise<void>,
): Promise<UserEntity> {
  const updated = await db.transaction(async (tx) => {
    const before = await partnershipUser(tx, id, admin.partnershipId);
    if (!before) throw new NotFoundError('User', id);
    const after = await updateAtVersion(tx, UserEntity, { id, version }, changes, staleUser);
    await alsoInTx?.(tx);
    await writeAudit(tx, {
      partnershipId: admin.partnershipId,
      actorId: admin.id,
      operation,
      entityType: 'User',
      entityId: id,
      before: snapshot(before, ['passwordHash']),
      after: snapshot(after, ['passwordHash']),
    });
    return after;
  });
  viewers.userChanged(id);
  return updated;
}
