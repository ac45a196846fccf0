import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import type { ActionEntity } from './action.entity';
import { ActionType } from './action.type';
import { can } from '../../access';

/** What the viewer may do with an action, by the rules updateAction and addActionUpdate enforce. */
@Resolver(() => ActionType)
export class ActionPermissionsResolver {
  @FieldResolver(() => Boolean, {
    description: "The viewer may edit it (ADMIN, the group's CHAIR or COORDINATOR).",
  })
  viewerCanEdit(@Root() a: ActionEntity, @Ctx() ctx: GraphQLContext): boolean {
    return !!ctx.viewer && can(ctx.viewer, 'action.edit', { groupId: a.groupId });
  }

  @FieldResolver(() => Boolean, {
    description: 'The viewer may post progress updates on it (ADMIN, any group member).',
  })
  viewerCanPostUpdate(@Root() a: ActionEntity, @Ctx() ctx: GraphQLContext): boolean {
    return !!ctx.viewer && can(ctx.viewer, 'action.postUpdate', { groupId: a.groupId });
  }
}
