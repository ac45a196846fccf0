import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { ActionType } from '../actions/action.type';
import { Role } from '../identity/user.entity';
import { ObjectiveType } from '../strategy/strategy.type';
import { TagType } from '../tags/tag.type';
import type { FeedbackEntity, FeedbackResponseEntity } from './feedback.entity';
import { FeedbackFilter, FeedbackInput, FeedbackResponseInput } from './feedback.inputs';
import {
  actionsOfResponse,
  feedbackOfObjective,
  objectivesOfFeedback,
  responsesToFeedback,
  tagsOfFeedback,
} from './feedback.loaders';
import { FeedbackConnection, FeedbackResponseType, FeedbackType } from './feedback.type';

@Resolver(() => FeedbackType)
export class FeedbackResolver {
  @Authorized()
  @Query(() => FeedbackConnection, { description: 'Survivor feedback, newest first.' })
  feedback(
    @Arg('filter', () => FeedbackFilter, { nullable: true }) filter: FeedbackFilter | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.feedback.listFeedback(ctx.viewer!, filter, first, after);
  }

  @Authorized(Role.ADMIN, Role.FACILITATOR)
  @Mutation(() => FeedbackType, {
    description: 'Text holding a personal identifier is refused (BAD_USER_INPUT).',
  })
  recordFeedback(@Arg('input', () => FeedbackInput) input: FeedbackInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.feedback.recordFeedback(ctx.viewer!, input);
  }

  @Authorized(Role.ADMIN, Role.FACILITATOR)
  @Mutation(() => FeedbackType, {
    description: '"You said, we did". Returns the feedback with its responses.',
  })
  respondToFeedback(
    @Arg('input', () => FeedbackResponseInput) input: FeedbackResponseInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.feedback.respondToFeedback(ctx.viewer!, input);
  }

  @FieldResolver(() => [ObjectiveType])
  objectives(@Root() fb: FeedbackEntity, @Ctx() ctx: GraphQLContext) {
    return objectivesOfFeedback(ctx).load(fb.id);
  }

  @FieldResolver(() => [TagType])
  tags(@Root() fb: FeedbackEntity, @Ctx() ctx: GraphQLContext) {
    return tagsOfFeedback(ctx).load(fb.id);
  }

  @FieldResolver(() => [FeedbackResponseType], { description: 'Oldest first.' })
  responses(@Root() fb: FeedbackEntity, @Ctx() ctx: GraphQLContext) {
    return responsesToFeedback(ctx).load(fb.id);
  }

  @FieldResolver(() => Boolean, { description: 'Has at least one response.' })
  async responded(@Root() fb: FeedbackEntity, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return (await responsesToFeedback(ctx).load(fb.id)).length > 0;
  }
}

@Resolver(() => FeedbackResponseType)
export class FeedbackResponseResolver {
  @FieldResolver(() => [ActionType], { description: 'The actions taken.' })
  actions(@Root() response: FeedbackResponseEntity, @Ctx() ctx: GraphQLContext) {
    return actionsOfResponse(ctx).load(response.id);
  }
}

/** Objective.feedback: what survivors said about this objective, newest first. */
@Resolver(() => ObjectiveType)
export class ObjectiveFeedbackResolver {
  @FieldResolver(() => [FeedbackType])
  feedback(@Root() objective: { id: string }, @Ctx() ctx: GraphQLContext) {
    return feedbackOfObjective(ctx).load(objective.id);
  }
}
