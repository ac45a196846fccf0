import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { UserType } from '../identity/user.type';
import { DueDateChangeType } from './action-due-date.type';
import type { ActionEntity } from './action.entity';
import { dueOnHistoryByActionId, userById } from './action.loaders';
import { ActionType } from './action.type';

@Resolver(() => ActionType)
export class ActionDueDateResolver {
  @FieldResolver(() => [DueDateChangeType], {
    description: 'The first due date and each revision, oldest first.',
  })
  dueOnHistory(@Root() a: ActionEntity, @Ctx() ctx: GraphQLContext) {
    return dueOnHistoryByActionId(ctx).load(a.id);
  }
}

@Resolver(() => DueDateChangeType)
export class DueDateChangeResolver {
  @FieldResolver(() => UserType, { nullable: true, description: 'Who changed it; null when not known.' })
  by(@Root() c: DueDateChangeType & { byId: string | null }, @Ctx() ctx: GraphQLContext) {
    return c.byId ? userById(ctx).load(c.byId) : null;
  }
}
