import type { DataSource, EntityManager } from 'typeorm';
import { MembershipEntity, MembershipRole } from '../identity/membership.entity';
import type { UserType } from '../identity/user.type';
import { OperationalGroupEntity } from './operational-group.entity';

/*
 * The operational groups' SQL. Services and loaders keep the rules and call these; a function that
 * takes an EntityManager runs in the caller's transaction.
 */

/** True when another group of the partnership (not `exceptId`, when given) has this name, in any case. */
export function groupNameTaken(
  tx: EntityManager,
  partnershipId: string,
  name: string,
  exceptId: string | null,
): Promise<boolean> {
  if (exceptId == null) {
    return tx
      .getRepository(OperationalGroupEntity)
      .createQueryBuilder('g')
      .where('g.partnership_id = :p AND lower(g.name) = lower(:name)', { p: partnershipId, name })
      .getExists();
  }
  return tx
    .getRepository(OperationalGroupEntity)
    .createQueryBuilder('g')
    .where('g.partnership_id = :p AND lower(g.name) = lower(:name) AND g.id <> :id', {
      p: partnershipId,
      name,
      id: exceptId,
    })
    .getExists();
}

/** Makes whoever else holds `role` in the group a MEMBER (a group has one chair and one coordinator). */
export async function demoteOtherHolders(
  tx: EntityManager,
  groupId: string,
  role: MembershipRole,
  keepUserId: string,
): Promise<void> {
  await tx
    .getRepository(MembershipEntity)
    .createQueryBuilder()
    .update()
    .set({ role: MembershipRole.MEMBER })
    .where('group_id = :g AND role = :r AND user_id <> :u', {
      g: groupId,
      r: role,
      u: keepUserId,
    })
    .execute();
}

/** The partnership's group, locked FOR UPDATE; null when there is none. */
export function lockPartnershipGroup(
  tx: EntityManager,
  groupId: string,
  partnershipId: string,
): Promise<OperationalGroupEntity | null> {
  return tx
    .getRepository(OperationalGroupEntity)
    .createQueryBuilder('g')
    .setLock('pessimistic_write')
    .where('g.id = :id AND g.partnership_id = :p', { id: groupId, p: partnershipId })
    .getOne();
}

/** The members of these groups with their user's public fields, by user name then id. */
export function membersOfGroups(
  db: DataSource,
  groupIds: readonly string[],
): Promise<Array<{ group_id: string; role: MembershipRole } & UserType>> {
  return db.query(
    `SELECT m.group_id, m.role, u.id, u.email, u.name, u.roles, u.active, u.version
       FROM membership m JOIN app_user u ON u.id = m.user_id
      WHERE m.group_id = ANY($1::uuid[])
      ORDER BY u.name, u.id`,
    [[...groupIds]],
  );
}

/** How many actions each of these groups owns (groups with none are absent). */
export function actionCountsOfGroups(
  db: DataSource,
  groupIds: readonly string[],
): Promise<Array<{ group_id: string; n: number }>> {
  return db.query(
    `SELECT group_id, count(*)::int AS n FROM action WHERE group_id = ANY($1::uuid[]) GROUP BY group_id`,
    [[...groupIds]],
  );
}
