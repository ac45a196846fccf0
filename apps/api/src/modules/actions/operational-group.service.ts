import type { DataSource, EntityManager } from 'typeorm';
import { BadInputError, ConflictError, NotFoundError } from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { updateAtVersion } from '../../shared/versioned-update';
import { snapshot, writeAudit } from '../audit/audit.service';
import { MembershipEntity, MembershipRole } from '../identity/membership.entity';
import { UserEntity } from '../identity/user.entity';
import type { ViewerCache } from '../identity';
import { isUuid, text } from './action.validation';
import { OperationalGroupEntity } from './operational-group.entity';
import { requireAccess } from '../../access';
import { demoteOtherHolders, groupNameTaken, lockPartnershipGroup } from './operational-group.queries';

export interface NewOperationalGroup {
  name: string;
  description?: string | null;
  chairId?: string | null;
  coordinatorId?: string | null;
  memberIds?: string[] | null;
}

export class OperationalGroupService {
  constructor(
    private readonly db: DataSource,
    /** Signed-in viewers carry their memberships: a membership change here forgets them at commit. */
    private readonly viewers: Pick<ViewerCache, 'clear'>,
  ) {}

  /** Runs a transaction that changes memberships; once it commits, cached viewers are forgotten. */
  private async changingMemberships<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.db.transaction(work);
    this.viewers.clear();
    return result;
  }

  /** Every group of the viewer's partnership, by name. Any signed-in user may read them. */
  async listGroups(viewer: Viewer): Promise<OperationalGroupEntity[]> {
    return this.db.getRepository(OperationalGroupEntity).find({
      where: { partnershipId: viewer.partnershipId },
      order: { name: 'ASC', id: 'ASC' },
    });
  }

  async findGroup(viewer: Viewer, id: string): Promise<OperationalGroupEntity | null> {
    return this.findGroupIn(this.db.manager, viewer, id);
  }

  private async findGroupIn(
    tx: EntityManager,
    viewer: Viewer,
    id: string,
  ): Promise<OperationalGroupEntity | null> {
    if (!isUuid(id)) return null;
    return tx.getRepository(OperationalGroupEntity).findOneBy({ id, partnershipId: viewer.partnershipId });
  }

  /**
   * ADMIN only. Renames or redescribes a group at `version`; a stale version is CONFLICT with
   * currentVersion, so two admins editing at once never silently overwrite each other.
   */
  async updateOperationalGroup(
    viewer: Viewer,
    id: string,
    version: number,
    patch: { name?: string | null; description?: string | null },
  ): Promise<OperationalGroupEntity> {
    requireAccess(viewer, 'group.manage');
    const next: Partial<OperationalGroupEntity> = {};
    if (patch.name !== undefined)
      next.name = text('name', patch.name, { required: true, max: 200, label: 'a group name' });
    if (patch.description !== undefined) {
      next.description = text('description', patch.description, { max: 2000, label: 'description' });
    }
    return this.db.transaction(async (tx) => {
      const current = await this.findGroupIn(tx, viewer, id);
      if (!current) throw new NotFoundError('OperationalGroup', id);
      if (next.name !== undefined) {
        const clash = await groupNameTaken(tx, viewer.partnershipId, next.name, current.id);
        if (clash) throw new BadInputError('name', 'A group with this name already exists.');
      }
      const updated = await updateAtVersion(
        tx,
        OperationalGroupEntity,
        { id: current.id, version },
        next,
        (currentVersion) =>
          new ConflictError('This group was changed by someone else. Reload it and try again.', {
            currentVersion,
          }),
      );
      await writeAudit(tx, {
        partnershipId: viewer.partnershipId,
        actorId: viewer.id,
        operation: 'updateOperationalGroup',
        entityType: 'OperationalGroup',
        entityId: current.id,
        before: snapshot(current),
        after: snapshot(updated),
      });
      return updated;
    });
  }

  /**
   * ADMIN only. Writes the group and its memberships (CHAIR, COORDINATOR, MEMBER) in one transaction.
   * One person holds one role per group, so the chair and the coordinator must be different people;
   * a member listed who is also the chair or coordinator keeps the stronger role.
   */
  async createOperationalGroup(viewer: Viewer, input: NewOperationalGroup): Promise<OperationalGroupEntity> {
    requireAccess(viewer, 'group.manage');
    const name = text('name', input.name, { required: true, max: 200, label: 'a group name' });
    const description = text('description', input.description, { max: 2000, label: 'description' });
    if (input.chairId && input.coordinatorId && input.chairId === input.coordinatorId) {
      throw new BadInputError('coordinatorId', 'The coordinator must be a different person from the chair.');
    }
    return this.changingMemberships(async (tx) => {
      const roles = new Map<string, MembershipRole>();
      for (const id of input.memberIds ?? []) {
        await this.assertUser(tx, viewer, id, 'memberIds');
        roles.set(id, MembershipRole.MEMBER);
      }
      if (input.coordinatorId) {
        await this.assertUser(tx, viewer, input.coordinatorId, 'coordinatorId');
        roles.set(input.coordinatorId, MembershipRole.COORDINATOR);
      }
      if (input.chairId) {
        await this.assertUser(tx, viewer, input.chairId, 'chairId');
        roles.set(input.chairId, MembershipRole.CHAIR);
      }
      const clash = await groupNameTaken(tx, viewer.partnershipId, name, null);
      if (clash) throw new BadInputError('name', 'A group with this name already exists.');
      const group = await tx
        .getRepository(OperationalGroupEntity)
        .save({ partnershipId: viewer.partnershipId, name, description });
      if (roles.size) {
        await tx
          .getRepository(MembershipEntity)
          .insert([...roles].map(([userId, role]) => ({ groupId: group.id, userId, role })));
      }
      await writeAudit(tx, {
        partnershipId: viewer.partnershipId,
        actorId: viewer.id,
        operation: 'createOperationalGroup',
        entityType: 'OperationalGroup',
        entityId: group.id,
        before: null,
        after: { ...(snapshot(group) as object), members: Object.fromEntries(roles) },
      });
      return group;
    });
  }

  /**
   * ADMIN only. Gives a user a role in a group (adding them if needed). A group has one chair and one
   * coordinator: giving the role to someone else makes the previous holder a MEMBER.
   */
  async setGroupMembership(
    viewer: Viewer,
    input: { groupId: string; userId: string; role: MembershipRole },
  ): Promise<OperationalGroupEntity> {
    requireAccess(viewer, 'group.manage');
    if (!Object.values(MembershipRole).includes(input.role)) {
      throw new BadInputError('role', 'Choose CHAIR, COORDINATOR or MEMBER.');
    }
    return this.changingMemberships(async (tx) => {
      const group = await this.lockGroup(tx, viewer, input.groupId);
      await this.assertUser(tx, viewer, input.userId, 'userId');
      const repo = tx.getRepository(MembershipEntity);
      const before = await repo.find({ where: { groupId: group.id }, order: { userId: 'ASC' } });
      if (input.role !== MembershipRole.MEMBER) {
        await demoteOtherHolders(tx, group.id, input.role, input.userId);
      }
      await repo.upsert({ groupId: group.id, userId: input.userId, role: input.role }, ['groupId', 'userId']);
      const after = await repo.find({ where: { groupId: group.id }, order: { userId: 'ASC' } });
      await this.auditMembers(tx, viewer, 'setGroupMembership', group, before, after);
      return group;
    });
  }

  /** ADMIN only. Removes a user from a group; removing someone who is not a member is BAD_USER_INPUT. */
  async removeGroupMember(
    viewer: Viewer,
    input: { groupId: string; userId: string },
  ): Promise<OperationalGroupEntity> {
    requireAccess(viewer, 'group.manage');
    return this.changingMemberships(async (tx) => {
      const group = await this.lockGroup(tx, viewer, input.groupId);
      const repo = tx.getRepository(MembershipEntity);
      const before = await repo.find({ where: { groupId: group.id }, order: { userId: 'ASC' } });
      const removed = isUuid(input.userId)
        ? await repo.delete({ groupId: group.id, userId: input.userId })
        : null;
      if (!removed?.affected) throw new BadInputError('userId', 'That person is not a member of this group.');
      const after = before.filter((m) => m.userId !== input.userId);
      await this.auditMembers(tx, viewer, 'removeGroupMember', group, before, after);
      return group;
    });
  }

  /** Locks the group row so that concurrent membership changes to it apply one after the other. */
  private async lockGroup(
    tx: EntityManager,
    viewer: Viewer,
    groupId: string,
  ): Promise<OperationalGroupEntity> {
    const group = isUuid(groupId) ? await lockPartnershipGroup(tx, groupId, viewer.partnershipId) : null;
    if (!group) throw new NotFoundError('OperationalGroup', groupId);
    return group;
  }

  private async assertUser(tx: EntityManager, viewer: Viewer, userId: string, field: string): Promise<void> {
    const found =
      isUuid(userId) &&
      (await tx.getRepository(UserEntity).existsBy({ id: userId, partnershipId: viewer.partnershipId }));
    if (!found) throw new BadInputError(field, `No user with id ${String(userId).slice(0, 40)} exists.`);
  }

  private async auditMembers(
    tx: EntityManager,
    viewer: Viewer,
    operation: string,
    group: OperationalGroupEntity,
    before: MembershipEntity[],
    after: Array<Pick<MembershipEntity, 'userId' | 'role'>>,
  ): Promise<void> {
    const members = (rows: Array<Pick<MembershipEntity, 'userId' | 'role'>>) =>
      Object.fromEntries(rows.map((m) => [m.userId, m.role]));
    await writeAudit(tx, {
      partnershipId: viewer.partnershipId,
      actorId: viewer.id,
      operation,
      entityType: 'OperationalGroup',
      entityId: group.id,
      before: { members: members(before) },
      after: { members: members(after) },
    });
  }
}
