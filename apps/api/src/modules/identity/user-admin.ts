import type { DataSource, EntityManager } from 'typeorm';
import { isUuid } from '../../database/ids';
import { BadInputError, ConflictError, NotFoundError } from '../../errors/errors';
import type { Viewer } from '../../graphql/context';
import { snapshot, writeAudit } from '../audit/audit.service';
import { requireRole } from './identity.policy';
import { Role, UserEntity } from './user.entity';
import type { ViewerCache } from './viewer-cache';

// Administering the partnership's users (IdentityService delegates here): roles and who may sign in.

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
  const admin = requireRole(viewer, Role.ADMIN);
  const wanted = [...new Set(roles)];
  if (id === admin.id && !wanted.includes(Role.ADMIN)) {
    // Otherwise the last administrator could lock everyone out of user management.
    throw new BadInputError('roles', 'You cannot remove your own ADMIN role.');
  }
  const updated = await db.transaction(async (tx) => {
    const repo = tx.getRepository(UserEntity);
    const before = await partnershipUser(tx, id, admin.partnershipId);
    if (!before) throw new NotFoundError('User', id);
    const result = await repo
      .createQueryBuilder()
      .update()
      .set({ roles: wanted, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    if (!result.affected) {
      throw new ConflictError('Someone else changed this user since you loaded it. Reload and try again.', {
        currentVersion: before.version,
      });
    }
    const after = (await repo.findOneBy({ id }))!;
    await writeAudit(tx, {
      partnershipId: admin.partnershipId,
      actorId: admin.id,
      operation: 'updateUserRoles',
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
  const admin = requireRole(viewer, Role.ADMIN);
  if (id === admin.id && !active) throw new BadInputError('active', 'You cannot deactivate yourself.');
  const updated = await db.transaction(async (tx) => {
    const repo = tx.getRepository(UserEntity);
    const before = await partnershipUser(tx, id, admin.partnershipId);
    if (!before) throw new NotFoundError('User', id);
    const result = await repo
      .createQueryBuilder()
      .update()
      .set({ active, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    if (!result.affected) {
      throw new ConflictError('Someone else changed this user since you loaded it. Reload and try again.', {
        currentVersion: before.version,
      });
    }
    if (!active) {
      await tx.query('UPDATE session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [id]);
    }
    const after = (await repo.findOneBy({ id }))!;
    await writeAudit(tx, {
      partnershipId: admin.partnershipId,
      actorId: admin.id,
      operation: 'setUserActive',
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
