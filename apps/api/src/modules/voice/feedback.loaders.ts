import DataLoader from 'dataloader';
import { loader, type GraphQLContext } from '../../graphql/context';
import type { ActionEntity } from '../actions/action.entity';
import type { ObjectiveEntity } from '../strategy/objective.entity';
import type { FeedbackEntity, FeedbackResponseEntity } from './feedback.entity';
import type { FeedbackTagRow } from './feedback.service';

/** Per-request DataLoaders for feedback's relation fields: one statement per field per request. */
export const feedbackLoaders = {
  objectives(ctx: GraphQLContext) {
    return loader(ctx, 'voice.objectives', () => {
      return new DataLoader<string, ObjectiveEntity[]>(async (ids) => {
        const map = await ctx.services.feedback.objectivesByFeedback(ids);
        return ids.map((id) => map.get(id) ?? []);
      });
    });
  },

  tags(ctx: GraphQLContext) {
    return loader(ctx, 'voice.tags', () => {
      return new DataLoader<string, FeedbackTagRow[]>(async (ids) => {
        const map = await ctx.services.feedback.tagsByFeedback(ids);
        return ids.map((id) => map.get(id) ?? []);
      });
    });
  },

  responses(ctx: GraphQLContext) {
    return loader(ctx, 'voice.responses', () => {
      return new DataLoader<string, FeedbackResponseEntity[]>(async (ids) => {
        const map = await ctx.services.feedback.responsesByFeedback(ids);
        return ids.map((id) => map.get(id) ?? []);
      });
    });
  },

  responseActions(ctx: GraphQLContext) {
    return loader(ctx, 'voice.responseActions', () => {
      return new DataLoader<string, ActionEntity[]>(async (ids) => {
        const map = await ctx.services.feedback.actionsByResponse(ids);
        return ids.map((id) => map.get(id) ?? []);
      });
    });
  },

  ofObjective(ctx: GraphQLContext) {
    return loader(ctx, 'voice.ofObjective', () => {
      return new DataLoader<string, FeedbackEntity[]>(async (ids) => {
        const map = await ctx.services.feedback.feedbackByObjective(ctx.viewer!, ids);
        return ids.map((id) => map.get(id) ?? []);
      });
    });
  },
};
