import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { ActionType } from '../actions/action.type';
import { todayIso } from '../../shared/dates';
import { Role } from '../identity/user.entity';
import { TagType } from '../tags/tag.type';
import type { RecommendationEntity } from './recommendation.entity';
import type { ReviewEntity } from './review.entity';
import {
  RecommendationFilter,
  RecommendationInput,
  RecommendationStatusInput,
  ReviewInput,
  ReviewPatch,
} from './review.inputs';
import {
  recommendationActions,
  recommendationHistory,
  recommendationsOfAction,
  recommendationsOfReview,
  recommendationTags,
  reviewById,
} from './review.loaders';
import { isRecommendationOverdue, reviewTimeliness } from './review.rules';
import {
  RecommendationConnection,
  RecommendationStatusChangeType,
  RecommendationThemeCount,
  RecommendationType,
  ReviewType,
} from './review.type';
import { ReviewKind } from './review.entity';

@Resolver(() => ReviewType)
export class ReviewResolver {
  @Authorized()
  @Query(() => [ReviewType], {
    description: 'Reviews the viewer may see (confidential ones: ADMIN, DHR_PANEL).',
  })
  reviews(
    @Arg('kind', () => ReviewKind, { nullable: true }) kind: ReviewKind | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ReviewEntity[]> {
    return ctx.services.reviews.listReviews(ctx.viewer!, kind);
  }

  @Authorized()
  @Query(() => ReviewType, { nullable: true, description: 'Null when absent or not visible to the viewer.' })
  review(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<ReviewEntity | null> {
    return ctx.services.reviews.findReview(ctx.viewer!, id);
  }

  @Authorized(Role.ADMIN, Role.DHR_PANEL)
  @Mutation(() => ReviewType)
  createReview(
    @Arg('input', () => ReviewInput) input: ReviewInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ReviewEntity> {
    return ctx.services.reviews.createReview(ctx.viewer!, input);
  }

  @Authorized(Role.ADMIN, Role.DHR_PANEL)
  @Mutation(() => ReviewType, { description: 'A stale version is refused with CONFLICT.' })
  updateReview(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => ReviewPatch) input: ReviewPatch,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ReviewEntity> {
    return ctx.services.reviews.updateReview(ctx.viewer!, id, version, input);
  }

  @FieldResolver(() => Boolean, {
    description:
      'Not decided and more than one calendar month has passed since notification (clears once decided).',
  })
  decisionLate(@Root() review: ReviewEntity): boolean {
    return reviewTimeliness(review, todayIso()).decisionLate;
  }

  @FieldResolver(() => Boolean, {
    description:
      'Not submitted and more than six calendar months have passed since the decision (clears once submitted or published).',
  })
  reportLate(@Root() review: ReviewEntity): boolean {
    return reviewTimeliness(review, todayIso()).reportLate;
  }

  @FieldResolver(() => [RecommendationType])
  recommendations(@Root() review: ReviewEntity, @Ctx() ctx: GraphQLContext): Promise<RecommendationEntity[]> {
    return recommendationsOfReview(ctx).load(review.id);
  }
}

@Resolver(() => RecommendationType)
export class RecommendationResolver {
  @Authorized()
  @Query(() => RecommendationConnection, {
    description: 'The recommendation tracker across visible reviews.',
  })
  recommendations(
    @Arg('filter', () => RecommendationFilter, { nullable: true }) filter: RecommendationFilter | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.recommendationTracker.listRecommendations(ctx.viewer!, filter, first, after);
  }

  @Authorized()
  @Query(() => RecommendationType, { nullable: true, description: 'Null when absent or not visible.' })
  async recommendation(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return (await ctx.services.reviews.findRecommendations(ctx.viewer!, [id]))[0] ?? null;
  }

  @Authorized()
  @Query(() => [RecommendationThemeCount], {
    description:
      'For each theme (tags of `kind`, default "theme"): visible recommendations carrying it, and still open.',
  })
  recommendationThemes(
    @Arg('kind', () => String, { nullable: true }) kind: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.recommendationTracker.recommendationThemes(ctx.viewer!, kind ?? 'theme');
  }

  @Authorized(Role.ADMIN, Role.DHR_PANEL)
  @Mutation(() => RecommendationType)
  addRecommendation(
    @Arg('input', () => RecommendationInput) input: RecommendationInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.reviews.addRecommendation(ctx.viewer!, input);
  }

  @Authorized(Role.ADMIN, Role.DHR_PANEL)
  @Mutation(() => RecommendationType)
  setRecommendationStatus(
    @Arg('input', () => RecommendationStatusInput) input: RecommendationStatusInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.recommendationStatus.setRecommendationStatus(ctx.viewer!, input);
  }

  @Authorized(Role.ADMIN, Role.DHR_PANEL)
  @Mutation(() => RecommendationType, { description: 'Idempotent: linking twice changes nothing.' })
  linkRecommendationToAction(
    @Arg('recommendationId', () => ID) recommendationId: string,
    @Arg('actionId', () => ID) actionId: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.recommendationStatus.linkRecommendationToAction(
      ctx.viewer!,
      recommendationId,
      actionId,
    );
  }

  @Authorized(Role.ADMIN, Role.DHR_PANEL)
  @Mutation(() => RecommendationType, {
    description: 'Idempotent: unlinking what is not linked changes nothing.',
  })
  unlinkRecommendationFromAction(
    @Arg('recommendationId', () => ID) recommendationId: string,
    @Arg('actionId', () => ID) actionId: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.recommendationStatus.unlinkRecommendationFromAction(
      ctx.viewer!,
      recommendationId,
      actionId,
    );
  }

  @FieldResolver(() => ReviewType)
  async review(@Root() rec: RecommendationEntity, @Ctx() ctx: GraphQLContext) {
    // A recommendation is only ever read through its visible review, so the review is there.
    return reviewById(ctx).load(rec.reviewId);
  }

  @FieldResolver(() => [TagType])
  tags(@Root() rec: RecommendationEntity, @Ctx() ctx: GraphQLContext) {
    return recommendationTags(ctx).load(rec.id);
  }

  @FieldResolver(() => [ActionType], { description: 'The actions that deliver this recommendation.' })
  actions(@Root() rec: RecommendationEntity, @Ctx() ctx: GraphQLContext) {
    return recommendationActions(ctx).load(rec.id);
  }

  @FieldResolver(() => [RecommendationStatusChangeType], {
    description: 'Every status change, oldest first (by the day it took effect).',
  })
  history(@Root() rec: RecommendationEntity, @Ctx() ctx: GraphQLContext) {
    return recommendationHistory(ctx).load(rec.id);
  }

  @FieldResolver(() => Boolean, { description: 'dueOn before today and still OPEN or IN_PROGRESS.' })
  overdue(@Root() rec: RecommendationEntity): boolean {
    return isRecommendationOverdue(rec, todayIso());
  }
}

/** Action.recommendations lives here (ownership.md): the visible recommendations an action delivers. */
@Resolver(() => ActionType)
export class ActionRecommendationsResolver {
  @FieldResolver(() => [RecommendationType], {
    description: 'Recommendations this action delivers (visible ones).',
  })
  recommendations(@Root() action: { id: string }, @Ctx() ctx: GraphQLContext) {
    return recommendationsOfAction(ctx).load(action.id);
  }
}
