import DataLoader from 'dataloader';
import { loader, type GraphQLContext } from '../../graphql/context';
import type { ActionEntity } from '../actions/action.entity';
import type { RecommendationEntity } from './recommendation.entity';
import type { ReviewEntity } from './review.entity';
import type { StatusChangeRow, TagRow } from './review.sql';
import type { MilestoneEntity } from './milestone.entity';
import type { AgencyResponseRow } from './review-action-plan.service';

/**
 * Per-request DataLoaders for the reviews module's relation fields: one statement per field per
 * request, however many reviews or recommendations a page holds. Each goes through ReviewService, so
 * the visibility rule applies to every one of them.
 */
export const reviewLoaders = {
  review(ctx: GraphQLContext) {
    return loader(ctx, 'reviews.review', () => {
      return new DataLoader<string, ReviewEntity | null>(async (ids) => {
        const rows = await ctx.services.reviews.findReviews(ctx.viewer!, ids);
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      });
    });
  },

  recommendationsOfReview(ctx: GraphQLContext) {
    return loader(ctx, 'reviews.recommendationsOfReview', () => {
      return new DataLoader<string, RecommendationEntity[]>(async (ids) => {
        const map = await ctx.services.reviews.recommendationsByReview(ctx.viewer!, ids);
        return ids.map((id) => map.get(id) ?? []);
      });
    });
  },

  recommendationsOfAction(ctx: GraphQLContext) {
    return loader(ctx, 'reviews.recommendationsOfAction', () => {
      return new DataLoader<string, RecommendationEntity[]>(async (ids) => {
        const map = await ctx.services.reviews.recommendationsByAction(ctx.viewer!, ids);
        return ids.map((id) => map.get(id) ?? []);
      });
    });
  },

  tags(ctx: GraphQLContext) {
    return loader(ctx, 'reviews.recommendationTags', () => {
      return new DataLoader<string, TagRow[]>(async (ids) => {
        const map = await ctx.services.reviews.tagsByRecommendation(ids);
        return ids.map((id) => map.get(id) ?? []);
      });
    });
  },

  actions(ctx: GraphQLContext) {
    return loader(ctx, 'reviews.recommendationActions', () => {
      return new DataLoader<string, ActionEntity[]>(async (ids) => {
        const map = await ctx.services.reviews.actionsByRecommendation(ctx.viewer!, ids);
        return ids.map((id) => map.get(id) ?? []);
      });
    });
  },

  history(ctx: GraphQLContext) {
    return loader(ctx, 'reviews.recommendationHistory', () => {
      return new DataLoader<string, StatusChangeRow[]>(async (ids) => {
        const map = await ctx.services.recommendationStatus.historyByRecommendation(ids);
        return ids.map((id) => map.get(id) ?? []);
      });
    });
  },

  milestones(ctx: GraphQLContext) {
    return loader(ctx, 'reviews.milestones', () => {
      return new DataLoader<string, MilestoneEntity[]>(async (ids) => {
        const map = await ctx.services.reviewPlans.milestonesByRecommendation(ids);
        return ids.map((id) => map.get(id) ?? []);
      });
    });
  },

  responses(ctx: GraphQLContext) {
    return loader(ctx, 'reviews.responses', () => {
      return new DataLoader<string, AgencyResponseRow[]>(async (ids) => {
        const map = await ctx.services.reviewPlans.responsesByRecommendation(ids);
        return ids.map((id) => map.get(id) ?? []);
      });
    });
  },
};
