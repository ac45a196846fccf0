import type { DataSource, EntityManager } from 'typeorm';
import { MembershipRole } from './membership.entity';
import { UserEntity } from './user.entity';

/*
 * The identity module's SQL about users and their memberships. Services keep the rules and call these;
 * a function that takes an EntityManager runs in the caller's transaction.
 */

/** True when any account, in any partnership, already uses `email` (case-insensitively). */
export function emailInUse(tx: EntityManager, email: string): Promise<boolean> {
  return tx
    .getRepository(UserEntity)
    .createQueryBuilder('u')
    .where('lower(u.email) = lower(:email)', { email })
    .getExists();
}

/** The account with `email` (case-insensitively, after trimming), or null. */
export function userByEmail(db: DataSource, email: string): Promise<UserEntity | null> {
  return db
    .getRepository(UserEntity)
    .createQueryBuilder('u')
    .where('lower(u.email) = lower(:email)', { email: email.trim() })
    .getOne();
}

/** The user's password hash, or undefined when there is no such user. */
export async function passwordHashOf(db: DataSource, userId: string): Promise<string | undefined> {
  const [row]: Array<{ password_hash: string }> = await db.query(
    'SELECT password_hash FROM app_user WHERE id = $1',
    [userId],
  );
  return row?.password_hash;
}

/** Replaces the hash only if it is still `oldHash`; returns whether a row changed. */
export async function replacePasswordHash(
  tx: EntityManager,
  userId: string,
  oldHash: string,
  passwordHash: string,
): Promise<boolean> {
  const result = await tx
    .getRepository(UserEntity)
    .createQueryBuilder()
    .update()
    .set({ passwordHash })
    .where('id = :id AND password_hash = :old', { id: userId, old: oldHash })
    .execute();
  return !!result.affected;
}

/** The partnership a user belongs to. */
export async function partnershipOfUser(tx: EntityManager, userId: string): Promise<string> {
  const [owner] = await tx.query('SELECT partnership_id FROM app_user WHERE id = $1', [userId]);
  return owner.partnership_id;
}

export interface MembershipWithGroupRow {
  user_id: string;
  group_id: string;
  name: string;
  role: MembershipRole;
}

/** Group memberships of the given users, with the group's name, by group name, in one statement. */
export function membershipsOfUsers(
  db: DataSource,
  userIds: readonly string[],
): Promise<MembershipWithGroupRow[]> {
  return db.query(
    `SELECT m.user_id, m.group_id, g.name, m.role
       FROM membership m JOIN operational_group g ON g.id = m.group_id
      WHERE m.user_id = ANY($1::uuid[])
      ORDER BY g.name`,
    [userIds],
  );
}
