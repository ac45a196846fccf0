import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import type { DirectResolver } from '../../graphql/direct-resolvers';
import { selectedFields } from '../../graphql/selection';
import { UserType } from '../identity/user.type';
import { ObjectiveType, OutputType } from '../strategy/strategy.type';
import { TagType } from '../tags/tag.type';
import { daysBetween, todayIso } from '../../shared/dates';
import type { ActionEntity } from './action.entity';
import { ActionStatus, OPEN_STATUSES, Rag } from './action.enums';
import { ActionFilter, ActionInput, ActionPatch, ActionUpdateInput } from './action.inputs';
import {
  actionById,
  actionsByObjectiveId,
  actionsByOutputId,
  groupOf,
  objectiveOf,
  outputById,
  primeActionPage,
  strategyById,
  tagsOf,
  updateOf,
  updatesByActionId,
  userById,
} from './action.loaders';
import { ActionConnection, ActionType, ActionUpdateType } from './action.type';
import { OperationalGroupType } from './operational-group.type';

/**
 * The fields every row of an action list resolves, installed on the schema as plain functions
 * (graphql/direct-resolvers.ts says why); the @FieldResolver methods below declare them and call these.
 */
export const actionRowFields = {
  status: (a: ActionEntity): ActionStatus => a.currentStatus,
  rag: (a: ActionEntity): Rag | null => a.currentRag,
  group: (a: ActionEntity, _args: unknown, ctx: GraphQLContext) => groupOf(ctx, a),
  objective: (a: ActionEntity, _args: unknown, ctx: GraphQLContext) => objectiveOf(ctx, a),
  tags: (a: ActionEntity, _args: unknown, ctx: GraphQLContext) => tagsOf(ctx, a),
  latestUpdate: (a: ActionEntity, _args: unknown, ctx: GraphQLContext) =>
    a.latestUpdateId ? updateOf(ctx, a) : null,
} satisfies Record<string, DirectResolver>;

@Resolver(() => ActionType)
export class ActionResolver {
  @Authorized()
  @Query(() => ActionType, { nullable: true })
  action(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<ActionEntity | null> {
    return ctx.services.actions.findAction(ctx.viewer!, id);
  }

  @Authorized()
  @Query(() => ActionConnection, {
    description: 'Actions in ref order; `first` defaults to 20, at most 100.',
  })
  async actions(
    @Arg('filter', () => ActionFilter, { nullable: true }) filter: ActionFilter | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ActionConnection> {
    // Count and join only what the client selected; the joined rows go to the DataLoaders.
    const node = selectedFields(info, ['edges', 'node']);
    const page = await ctx.services.actions.listActions(ctx.viewer!, filter, first, after, {
      withTotalCount: selectedFields(info).has('totalCount'),
      nodeFields: node,
      include: {
        group: node.has('group'),
        objective: node.has('objective'),
        latestUpdate: node.has('latestUpdate'),
        tags: node.has('tags'),
      },
      relationFields: {
        group: node.has('group') ? selectedFields(info, ['edges', 'node', 'group']) : undefined,
        objective: node.has('objective') ? selectedFields(info, ['edges', 'node', 'objective']) : undefined,
        latestUpdate: node.has('latestUpdate')
          ? selectedFields(info, ['edges', 'node', 'latestUpdate'])
          : undefined,
        tags: node.has('tags') ? selectedFields(info, ['edges', 'node', 'tags']) : undefined,
      },
    });
    primeActionPage(ctx, page.related);
    return page as ActionConnection;
  }

  @Authorized()
  @Mutation(() => ActionType, { description: "ADMIN, or the group's CHAIR or COORDINATOR." })
  createAction(@Arg('input', () => ActionInput) input: ActionInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.actions.createAction(ctx.viewer!, input);
  }

  @Authorized()
  @Mutation(() => ActionType, {
    description: 'A stale version is refused with CONFLICT (extensions.currentVersion).',
  })
  updateAction(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => ActionPatch) input: ActionPatch,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.actions.updateAction(ctx.viewer!, id, version, input);
  }

  @Authorized()
  @Mutation(() => ActionUpdateType, { description: "ADMIN, or any member of the action's group." })
  addActionUpdate(
    @Arg('input', () => ActionUpdateInput) input: ActionUpdateInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.actions.addActionUpdate(ctx.viewer!, input);
  }

  @FieldResolver(() => ActionStatus, { description: "The latest update's status; NOT_STARTED before any." })
  status(@Root() a: ActionEntity): ActionStatus {
    return actionRowFields.status(a);
  }

  @FieldResolver(() => Rag, { nullable: true, description: "The latest update's RAG; null when unrated." })
  rag(@Root() a: ActionEntity): Rag | null {
    return actionRowFields.rag(a);
  }

  @FieldResolver(() => OperationalGroupType)
  group(@Root() a: ActionEntity, @Ctx() ctx: GraphQLContext) {
    return actionRowFields.group(a, {}, ctx);
  }

  @FieldResolver(() => ObjectiveType)
  objective(@Root() a: ActionEntity, @Ctx() ctx: GraphQLContext) {
    return actionRowFields.objective(a, {}, ctx);
  }

  @FieldResolver(() => OutputType, { nullable: true })
  output(@Root() a: ActionEntity, @Ctx() ctx: GraphQLContext) {
    return a.outputId ? outputById(ctx).load(a.outputId) : null;
  }

  @FieldResolver(() => [TagType])
  tags(@Root() a: ActionEntity, @Ctx() ctx: GraphQLContext) {
    return actionRowFields.tags(a, {}, ctx);
  }

  @FieldResolver(() => ActionUpdateType, { nullable: true })
  latestUpdate(@Root() a: ActionEntity, @Ctx() ctx: GraphQLContext) {
    return actionRowFields.latestUpdate(a, {}, ctx);
  }

  @FieldResolver(() => [ActionUpdateType], { description: 'The whole history, newest first.' })
  updates(@Root() a: ActionEntity, @Ctx() ctx: GraphQLContext) {
    return updatesByActionId(ctx).load(a.id);
  }

  @FieldResolver(() => Boolean, {
    description: 'dueOn is past and the action is NOT_STARTED or IN_PROGRESS.',
  })
  overdue(@Root() a: ActionEntity): boolean {
    return !!a.dueOn && a.dueOn < todayIso() && OPEN_STATUSES.includes(a.currentStatus);
  }

  @FieldResolver(() => Boolean, {
    description: "Open, and its latest update (or agreedOn) is older than the strategy's update cadence.",
  })
  async stale(@Root() a: ActionEntity, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    if (!OPEN_STATUSES.includes(a.currentStatus)) return false;
    const strategy = await strategyById(ctx).load(a.strategyId);
    const cadence = strategy?.updateCadenceDays ?? 90;
    return daysBetween(a.lastReportedOn ?? a.agreedOn, todayIso()) > cadence;
  }
}

@Resolver(() => ActionUpdateType)
export class ActionUpdateResolver {
  @FieldResolver(() => UserType, {
    nullable: true,
    description: 'Who posted it; null if loaded from an import.',
  })
  author(@Root() u: ActionUpdateType & { authorId: string | null }, @Ctx() ctx: GraphQLContext) {
    return u.authorId ? userById(ctx).load(u.authorId) : null;
  }

  @FieldResolver(() => ActionType)
  async action(@Root() u: ActionUpdateType, @Ctx() ctx: GraphQLContext) {
    return (await actionById(ctx).load(u.actionId))!;
  }
}

/** Objective.actions: every action of the objective, in ref order (objectives hold tens, not thousands). */
@Resolver(() => ObjectiveType)
export class ObjectiveActionsResolver {
  @FieldResolver(() => [ActionType])
  actions(@Root() o: ObjectiveType, @Ctx() ctx: GraphQLContext) {
    return actionsByObjectiveId(ctx).load(o.id);
  }
}

/** Output.actions: the actions assigned to the output, in ref order. */
@Resolver(() => OutputType)
export class OutputActionsResolver {
  @FieldResolver(() => [ActionType])
  actions(@Root() o: OutputType, @Ctx() ctx: GraphQLContext) {
    return actionsByOutputId(ctx).load(o.id);
  }
}
