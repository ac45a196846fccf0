import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { alignById, groupByKey, perRequest } from '../../shared/per-request';
import type { UserMembershipRow } from './identity.service';
import { UserEntity } from './user.entity';
import type { UserType } from './user.type';
import { membershipsOfUsers } from './user.queries';

/*
 * The identity module's per-request loaders (shared/per-request.ts). Other modules use `userById`
 * through identity's index.ts (ActionUpdate.author, AuditEntry.actor, ...). Keys come from records the
 * request could already see, so the loaders need no tenant filter of their own.
 */

/** Users by id, only the public fields (never the password hash): one statement per batch. */
export const userById = perRequest(
  (ctx) =>
    new DataLoader<string, UserType | null>(async (ids) =>
      alignById(
        await ctx.dataSource.getRepository(UserEntity).find({
          select: { id: true, email: true, name: true, roles: true, active: true, version: true },
          where: { id: In([...ids]) },
        }),
        ids,
      ),
    ),
);

/** Each user's group memberships, with the group's name, by group name: one statement per batch. */
export const membershipsByUserId = perRequest(
  (ctx) =>
    new DataLoader<string, UserMembershipRow[]>(async (ids) =>
      groupByKey(
        (await membershipsOfUsers(ctx.dataSource, ids)).map((r) => ({
          userId: r.user_id,
          groupId: r.group_id,
          groupName: r.name,
          role: r.role,
        })),
        ids,
        (m) => m.userId,
      ),
    ),
);
