import DataLoader from 'dataloader';
import type { GraphQLContext } from '../../graphql/context';
import { alignById, groupByKey, perRequest } from '../../shared/per-request';
import type { ActionEntity } from '../actions/action.entity';
import type { ObjectiveEntity } from '../strategy/objective.entity';
import type { FeedbackEntity, FeedbackResponseEntity } from './feedback.entity';
import type { FeedbackTagRow } from './feedback.service';
import type { FeedbackDecisionEntity, ForumMeetingEntity } from './voice-loop.entity';
import { decisionsOf, meetingsByIds } from './voice-loop.queries';

/*
 * Per-request DataLoaders for survivor voice's relation fields: one statement per field per request.
 * Keys come from feedback, responses and objectives already read for the viewer's partnership.
 */

type Ctx = Pick<GraphQLContext, 'loaders' | 'services' | 'viewer' | 'dataSource'>;

/** The objectives a feedback speaks to, by code. */
export const objectivesOfFeedback = perRequest(
  (ctx: Ctx) =>
    new DataLoader<string, ObjectiveEntity[]>((ids) => ctx.services.feedback.objectivesByFeedback(ids)),
);

/** A feedback's tags, by kind then label. */
export const tagsOfFeedback = perRequest(
  (ctx: Ctx) => new DataLoader<string, FeedbackTagRow[]>((ids) => ctx.services.feedback.tagsByFeedback(ids)),
);

/** The responses to a feedback, oldest first. */
export const responsesToFeedback = perRequest(
  (ctx: Ctx) =>
    new DataLoader<string, FeedbackResponseEntity[]>((ids) => ctx.services.feedback.responsesByFeedback(ids)),
);

/** The actions a response names, by ref. */
export const actionsOfResponse = perRequest(
  (ctx: Ctx) => new DataLoader<string, ActionEntity[]>((ids) => ctx.services.feedback.actionsByResponse(ids)),
);

/** The viewer's partnership's feedback speaking to an objective, newest first. */
export const feedbackOfObjective = perRequest(
  (ctx: Ctx) =>
    new DataLoader<string, FeedbackEntity[]>((ids) =>
      ctx.services.feedback.feedbackByObjective(ctx.viewer!, ids),
    ),
);

/** A feedback's decisions, oldest first (the last is the one in force today). */
export const decisionsOfFeedback = perRequest(
  (ctx: Ctx) =>
    new DataLoader<string, FeedbackDecisionEntity[]>(async (ids) =>
      groupByKey(await decisionsOf(ctx.dataSource, ids), ids, (d) => d.feedbackId),
    ),
);

/** A forum meeting by id (keys come from feedback already read for the viewer's partnership). */
export const meetingById = perRequest(
  (ctx: Ctx) =>
    new DataLoader<string, ForumMeetingEntity | null>(async (ids) =>
      alignById(await meetingsByIds(ctx.dataSource, ids), ids),
    ),
);

/** The objectives a response works through, by code. */
export const objectivesOfResponse = perRequest(
  (ctx: Ctx) =>
    new DataLoader<string, ObjectiveEntity[]>((ids) => ctx.services.voiceLoop.objectivesByResponse(ids)),
);
