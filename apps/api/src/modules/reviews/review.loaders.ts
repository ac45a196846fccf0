import DataLoader from 'dataloader';
import type { GraphQLContext } from '../../graphql/context';
import { alignById, perRequest } from '../../shared/per-request';
import type { ActionEntity } from '../actions/action.entity';
import type { RecommendationEntity } from './recommendation.entity';
import type { ReviewEntity } from './review.entity';
import type { StatusChangeRow, TagRow } from './review.queries';
import type { MilestoneEntity } from './milestone.entity';
import type { AgencyResponseRow } from './review-action-plan.service';

/*
 * Per-request DataLoaders for the reviews module's relation fields: one statement per field per
 * request, however many reviews or recommendations a page holds. Each goes through the reviews'
 * services (whose SQL is in the *.queries.ts files), so the visibility rule applies to every one.
 */

type Ctx = Pick<GraphQLContext, 'loaders' | 'services' | 'viewer'>;

/** A visible review by id (null when absent or not visible). */
export const reviewById = perRequest(
  (ctx: Ctx) =>
    new DataLoader<string, ReviewEntity | null>(async (ids) =>
      alignById(await ctx.services.reviews.findReviews(ctx.viewer!, ids), ids),
    ),
);

/** A visible review's recommendations, by ref. */
export const recommendationsOfReview = perRequest(
  (ctx: Ctx) =>
    new DataLoader<string, RecommendationEntity[]>((ids) =>
      ctx.services.reviews.recommendationsByReview(ctx.viewer!, ids),
    ),
);

/** The visible recommendations an action delivers. */
export const recommendationsOfAction = perRequest(
  (ctx: Ctx) =>
    new DataLoader<string, RecommendationEntity[]>((ids) =>
      ctx.services.reviews.recommendationsByAction(ctx.viewer!, ids),
    ),
);

/** A recommendation's tags (keys are ids of recommendations already read visibly). */
export const recommendationTags = perRequest(
  (ctx: Ctx) => new DataLoader<string, TagRow[]>((ids) => ctx.services.reviews.tagsByRecommendation(ids)),
);

/** The partnership's actions delivering a recommendation. */
export const recommendationActions = perRequest(
  (ctx: Ctx) =>
    new DataLoader<string, ActionEntity[]>((ids) =>
      ctx.services.reviews.actionsByRecommendation(ctx.viewer!, ids),
    ),
);

/** A recommendation's status history, oldest first. */
export const recommendationHistory = perRequest(
  (ctx: Ctx) =>
    new DataLoader<string, StatusChangeRow[]>((ids) =>
      ctx.services.recommendationStatus.historyByRecommendation(ids),
    ),
);

/** A recommendation's key milestones, by target date. */
export const recommendationMilestones = perRequest(
  (ctx: Ctx) =>
    new DataLoader<string, MilestoneEntity[]>((ids) =>
      ctx.services.reviewPlans.milestonesByRecommendation(ids),
    ),
);

/** The agencies' dated responses to a recommendation, oldest first. */
export const recommendationResponses = perRequest(
  (ctx: Ctx) =>
    new DataLoader<string, AgencyResponseRow[]>((ids) =>
      ctx.services.reviewPlans.responsesByRecommendation(ids),
    ),
);
