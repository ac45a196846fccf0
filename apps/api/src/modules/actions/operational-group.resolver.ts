import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { MembershipRole } from '../identity/membership.entity';
import { Role } from '../identity/user.entity';
import { UserType } from '../identity/user.type';
import { actionCountByGroupId, membersByGroupId } from './action.loaders';
import { OperationalGroupInput, OperationalGroupPatch } from './action.inputs';
import { GroupMemberType, OperationalGroupType } from './operational-group.type';

@Resolver(() => OperationalGroupType)
export class OperationalGroupResolver {
  @Authorized()
  @Query(() => [OperationalGroupType], { description: "The partnership's operational groups, by name." })
  operationalGroups(@Ctx() ctx: GraphQLContext): Promise<OperationalGroupType[]> {
    return ctx.services.operationalGroups.listGroups(ctx.viewer!);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => OperationalGroupType)
  createOperationalGroup(
    @Arg('input', () => OperationalGroupInput) input: OperationalGroupInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<OperationalGroupType> {
    return ctx.services.operationalGroups.createOperationalGroup(ctx.viewer!, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => OperationalGroupType, { description: 'A stale version is refused with CONFLICT.' })
  updateOperationalGroup(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => OperationalGroupPatch) input: OperationalGroupPatch,
    @Ctx() ctx: GraphQLContext,
  ): Promise<OperationalGroupType> {
    return ctx.services.operationalGroups.updateOperationalGroup(ctx.viewer!, id, version, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => OperationalGroupType, {
    description:
      'Adds a person to a group or changes their role; a new CHAIR or COORDINATOR replaces the old one.',
  })
  setGroupMembership(
    @Arg('groupId', () => ID) groupId: string,
    @Arg('userId', () => ID) userId: string,
    @Arg('role', () => MembershipRole) role: MembershipRole,
    @Ctx() ctx: GraphQLContext,
  ): Promise<OperationalGroupType> {
    return ctx.services.operationalGroups.setGroupMembership(ctx.viewer!, { groupId, userId, role });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => OperationalGroupType)
  removeGroupMember(
    @Arg('groupId', () => ID) groupId: string,
    @Arg('userId', () => ID) userId: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<OperationalGroupType> {
    return ctx.services.operationalGroups.removeGroupMember(ctx.viewer!, { groupId, userId });
  }

  @FieldResolver(() => [GroupMemberType], {
    description: 'Chair first, then coordinator, then members by name.',
  })
  members(@Root() group: OperationalGroupType, @Ctx() ctx: GraphQLContext): Promise<GroupMemberType[]> {
    return membersByGroupId(ctx).load(group.id);
  }

  @FieldResolver(() => UserType, { nullable: true })
  async chair(@Root() group: OperationalGroupType, @Ctx() ctx: GraphQLContext): Promise<UserType | null> {
    const members = await membersByGroupId(ctx).load(group.id);
    return members.find((m) => m.role === MembershipRole.CHAIR)?.user ?? null;
  }

  @FieldResolver(() => UserType, { nullable: true })
  async coordinator(
    @Root() group: OperationalGroupType,
    @Ctx() ctx: GraphQLContext,
  ): Promise<UserType | null> {
    const members = await membersByGroupId(ctx).load(group.id);
    return members.find((m) => m.role === MembershipRole.COORDINATOR)?.user ?? null;
  }

  @FieldResolver(() => Int, {
    description: 'How many actions the group owns; list them with actions(filter: {groupId}).',
  })
  actionCount(@Root() group: OperationalGroupType, @Ctx() ctx: GraphQLContext): Promise<number> {
    return actionCountByGroupId(ctx).load(group.id);
  }
}
