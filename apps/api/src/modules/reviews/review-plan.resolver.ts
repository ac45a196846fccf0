import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { todayIso } from '../../shared/dates';
import { Role } from '../identity/user.entity';
import type { MilestoneEntity } from './milestone.entity';
import type { RecommendationEntity } from './recommendation.entity';
import type { ReviewEntity } from './review.entity';
import type { AgencyResponseRow } from './review-action-plan.service';
import {
  AgencyResponseInput,
  CompleteMilestoneInput,
  MilestoneInput,
  RecommendationPlanInput,
  RecommendationRoutingInput,
} from './review-plan.inputs';
import { isMilestoneOverdue, routingWaiting } from './review-plan.rules';
import {
  AgencyResponseType,
  MilestoneType,
  ReviewDeadlineType,
  RoutingWaitType,
  ThemeLearningType,
} from './review-plan.type';
import { recommendationMilestones, recommendationResponses } from './review.loaders';
import { reviewStanding } from './review-stages';
import { RecommendationType, ReviewType } from './review.type';

/** The action plan of a recommendation: milestones, agency responses, routing. */
@Resolver(() => RecommendationType)
export class RecommendationPlanResolver {
  @Authorized()
  @Query(() => [RecommendationType], {
    description: 'Every visible national and regional recommendation, unsent and longest waiting first.',
  })
  nationalRecommendations(@Ctx() ctx: GraphQLContext) {
    return ctx.services.nationalRouting.nationalRecommendations(ctx.viewer!);
  }

  @Authorized()
  @Query(() => [ThemeLearningType], {
    description: 'Themes across visible reviews with the actions addressing each (none: unaddressed).',
  })
  learningThemes(@Ctx() ctx: GraphQLContext) {
    return ctx.services.reviewLearning.learningThemes(ctx.viewer!);
  }

  @Authorized(Role.ADMIN, Role.DHR_PANEL)
  @Mutation(() => RecommendationType, { description: 'A stale version is refused with CONFLICT.' })
  updateRecommendationPlan(
    @Arg('input', () => RecommendationPlanInput) input: RecommendationPlanInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.reviewPlans.updatePlan(ctx.viewer!, input);
  }

  @Authorized(Role.ADMIN, Role.DHR_PANEL)
  @Mutation(() => RecommendationType, { description: 'A stale version is refused with CONFLICT.' })
  updateRecommendationRouting(
    @Arg('input', () => RecommendationRoutingInput) input: RecommendationRoutingInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.nationalRouting.updateRouting(ctx.viewer!, input);
  }

  @Authorized(Role.ADMIN, Role.DHR_PANEL)
  @Mutation(() => MilestoneType)
  addMilestone(@Arg('input', () => MilestoneInput) input: MilestoneInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.reviewPlans.addMilestone(ctx.viewer!, input);
  }

  @Authorized(Role.ADMIN, Role.DHR_PANEL)
  @Mutation(() => MilestoneType, { description: 'A stale version is refused with CONFLICT.' })
  completeMilestone(
    @Arg('input', () => CompleteMilestoneInput) input: CompleteMilestoneInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.reviewPlans.completeMilestone(ctx.viewer!, input);
  }

  @Authorized(Role.ADMIN, Role.DHR_PANEL)
  @Mutation(() => AgencyResponseType)
  async recordAgencyResponse(
    @Arg('input', () => AgencyResponseInput) input: AgencyResponseInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const saved = await ctx.services.reviewPlans.recordResponse(ctx.viewer!, input);
    return { ...saved, recordedBy: ctx.viewer };
  }

  @FieldResolver(() => [MilestoneType], { description: 'Key milestones, by target date.' })
  milestones(@Root() rec: RecommendationEntity, @Ctx() ctx: GraphQLContext) {
    return recommendationMilestones(ctx).load(rec.id);
  }

  @FieldResolver(() => [AgencyResponseType], { description: 'Dated agency responses, oldest first.' })
  async responses(@Root() rec: RecommendationEntity, @Ctx() ctx: GraphQLContext) {
    const rows: AgencyResponseRow[] = await recommendationResponses(ctx).load(rec.id);
    return rows.map((r) => ({ ...r, recordedBy: r.recordedByUser }));
  }

  @FieldResolver(() => RoutingWaitType, { description: 'Whom it waits on and for how long (routed ones).' })
  waiting(@Root() rec: RecommendationEntity) {
    return routingWaiting(rec, todayIso());
  }
}

@Resolver(() => MilestoneType)
export class MilestoneResolver {
  @FieldResolver(() => Boolean)
  overdue(@Root() m: MilestoneEntity): boolean {
    return isMilestoneOverdue(m, todayIso());
  }
}

/** Where a review stands: its stage and statutory deadlines, in words. */
@Resolver(() => ReviewType)
export class ReviewStandingResolver {
  @FieldResolver(() => String, { description: 'The current stage, in words.' })
  stage(@Root() review: ReviewEntity): string {
    return reviewStanding(review, todayIso()).stage;
  }

  @FieldResolver(() => ReviewDeadlineType, {
    nullable: true,
    description: 'The next statutory deadline of an outstanding stage (none once submitted or published).',
  })
  nextDeadline(@Root() review: ReviewEntity) {
    return reviewStanding(review, todayIso()).nextDeadline;
  }

  @FieldResolver(() => [ReviewDeadlineType], {
    description: 'What is late and by how long; empty once the stage is done, and for published reviews.',
  })
  flags(@Root() review: ReviewEntity) {
    return reviewStanding(review, todayIso()).flags;
  }
}
