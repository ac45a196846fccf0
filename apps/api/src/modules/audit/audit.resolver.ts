import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { userById } from '../identity';
import { Role } from '../identity/user.entity';
import { UserType } from '../identity/user.type';
import { AuditEntryType } from './audit-entry.type';

@Resolver(() => AuditEntryType)
export class AuditResolver {
  @Authorized(Role.ADMIN)
  @Query(() => [AuditEntryType], { description: 'The history of one record, oldest first (ADMIN).' })
  auditTrail(
    @Arg('entityType', () => String) entityType: string,
    @Arg('entityId', () => ID) entityId: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AuditEntryType[]> {
    return ctx.services.audit.trail(ctx.viewer, entityType, entityId);
  }

  @FieldResolver(() => UserType, { nullable: true, description: 'Who made the change; null for the system.' })
  async actor(@Root() entry: AuditEntryType, @Ctx() ctx: GraphQLContext): Promise<UserType | null> {
    if (!entry.actorId) return null;
    return userById(ctx).load(entry.actorId);
  }
}
