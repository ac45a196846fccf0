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

/** Lists under each key, in the order of `keys` (an empty list where a key has none). */
function inOrder<R>(map: Map<string, R[]>, keys: readonly string[]): R[][] {
  return keys.map((k) => map.get(k) ?? []);
}

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
    new DataLoader<string, RecommendationEntity[]>(async (ids) =>
      inOrder(await ctx.services.reviews.recommendationsByReview(ctx.viewer!, ids), ids),
    ),
);

/** The visible recommendations an action delivers. */
export const recommendationsOfAction = perRequest(
  (ctx: Ctx) =>
    new DataLoader<string, RecommendationEntity[]>(async (ids) =>
      inOrder(await ctx.services.reviews.recommendationsByAction(ctx.viewer!, ids), ids),
    ),
);

/** A recommendation's tags (keys are ids of recommendations already read visibly). */
export const recommendationTags = perRequest(
  (ctx: Ctx) =>
    new DataLoader<string, TagRow[]>(async (ids) =>
      inOrder(await ctx.services.reviews.tagsByRecommendation(ids), ids),
    ),
);

/** The partnership's actions delivering a recommendation. */
export const recommendationActions = perRequest(
  (ctx: Ctx) =>
    new DataLoader<string, ActionEntity[]>(async (ids) =>
      inOrder(await ctx.services.reviews.actionsByRecommendation(ctx.viewer!, ids), ids),
    ),
);

/** A recommendation's status history, oldest first. */
export const recommendationHistory = perRequest(
  (ctx: Ctx) =>
    new DataLoader<string, StatusChangeRow[]>(async (ids) =>
      inOrder(await ctx.services.recommendationStatus.historyByRecommendation(ids), ids),
    ),
);

/** A recommendation's key milestones, by target date. */
export const recommendationMilestones = perRequest(
  (ctx: Ctx) =>
    new DataLoader<string, MilestoneEntity[]>(async (ids) =>
      inOrder(await ctx.services.reviewPlans.milestonesByRecommendation(ids), ids),
    ),
);

/** The agencies' dated responses to a recommendation, oldest first. */
export const recommendationResponses = perRequest(
  (ctx: Ctx) =>
    new DataLoader<string, AgencyResponseRow[]>(async (ids) =>
      inOrder(await ctx.services.reviewPlans.responsesByRecommendation(ids), ids),
    ),
);
