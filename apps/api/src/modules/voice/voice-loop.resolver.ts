import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { DateScalar } from '../../graphql/scalars';
import { userById } from '../actions';
import { Role } from '../identity/user.entity';
import { UserType } from '../identity/user.type';
import { BoardRollup } from '../rollup/rollup.type';
import { ObjectiveType } from '../strategy/strategy.type';
import type { FeedbackEntity, FeedbackResponseEntity } from './feedback.entity';
import { FeedbackResponseType, FeedbackType } from './feedback.type';
import type { FeedbackDecisionEntity, FeedbackDigestEntity } from './voice-loop.entity';
import { decisionsOfFeedback, meetingById, objectivesOfResponse } from './feedback.loaders';
import {
  FeedbackDecisionInput,
  FeedbackDecisionRecordType,
  FeedbackDecisionTallyType,
  FeedbackDigestInput,
  FeedbackDigestType,
  ForumMeetingInput,
  ForumMeetingType,
} from './voice-loop.type';

/** Meetings, decisions and the decision tally (docs/decisions/0019-survivor-voice-loop.md). */
@Resolver(() => FeedbackType)
export class FeedbackDecisionResolver {
  @Authorized()
  @Query(() => [ForumMeetingType], { description: "Forum meetings, newest first; one forum's when given." })
  forumMeetings(
    @Arg('forum', () => String, { nullable: true }) forum: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.voiceLoop.meetings(ctx.viewer!, forum);
  }

  @Authorized()
  @Query(() => FeedbackDecisionTallyType, {
    description: 'Feedback received by asOf (default today), counted by the decision in force on asOf.',
  })
  feedbackDecisionTally(
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.voiceLoop.decisionTally(ctx.viewer, asOf);
  }

  @Authorized(Role.ADMIN, Role.FACILITATOR)
  @Mutation(() => ForumMeetingType, {
    description: 'The same forum and date again returns the meeting kept.',
  })
  recordForumMeeting(
    @Arg('input', () => ForumMeetingInput) input: ForumMeetingInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.voiceLoop.recordMeeting(ctx.viewer!, input);
  }

  @Authorized(Role.ADMIN, Role.FACILITATOR)
  @Mutation(() => FeedbackType, {
    description: 'Records a decision on feedback: a new version (stale version: CONFLICT).',
  })
  async decideFeedback(
    @Arg('input', () => FeedbackDecisionInput) input: FeedbackDecisionInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const id = await ctx.services.voiceLoop.decide(ctx.viewer!, input);
    return ctx.services.feedback.getFeedback(ctx.viewer!, id);
  }

  @FieldResolver(() => FeedbackDecisionRecordType, {
    nullable: true,
    description: 'The decision in force today; null when none yet.',
  })
  async decision(@Root() fb: FeedbackEntity, @Ctx() ctx: GraphQLContext) {
    const list = await decisionsOfFeedback(ctx).load(fb.id);
    return list[list.length - 1] ?? null;
  }

  @FieldResolver(() => [FeedbackDecisionRecordType], { description: 'Every decision, oldest first.' })
  decisions(@Root() fb: FeedbackEntity, @Ctx() ctx: GraphQLContext) {
    return decisionsOfFeedback(ctx).load(fb.id);
  }

  @FieldResolver(() => ForumMeetingType, { nullable: true, description: 'The meeting it was said at.' })
  meeting(@Root() fb: FeedbackEntity, @Ctx() ctx: GraphQLContext) {
    return fb.meetingId ? meetingById(ctx).load(fb.meetingId) : null;
  }
}

@Resolver(() => FeedbackDecisionRecordType)
export class FeedbackDecisionRecordResolver {
  @FieldResolver(() => UserType, { nullable: true, description: 'Who decided.' })
  decidedBy(@Root() d: FeedbackDecisionEntity, @Ctx() ctx: GraphQLContext) {
    return d.decidedBy ? userById(ctx).load(d.decidedBy) : null;
  }
}

@Resolver(() => FeedbackResponseType)
export class FeedbackResponseObjectivesResolver {
  @FieldResolver(() => [ObjectiveType], { description: 'The objectives the response works through.' })
  objectives(@Root() r: FeedbackResponseEntity, @Ctx() ctx: GraphQLContext) {
    return objectivesOfResponse(ctx).load(r.id);
  }
}

@Resolver(() => BoardRollup)
export class RollupFeedbackDecisionsResolver {
  @FieldResolver(() => FeedbackDecisionTallyType, {
    description: "The partnership's feedback by the decision in force on asOf.",
  })
  feedbackDecisions(@Root() rollup: BoardRollup, @Ctx() ctx: GraphQLContext) {
    // A closed round's record carries the tally frozen at closing; a live roll-up counts as of its date.
    const frozen = (rollup as BoardRollup & { feedbackDecisions?: unknown }).feedbackDecisions;
    return frozen ?? ctx.services.voiceLoop.decisionTally(ctx.viewer, rollup.asOf);
  }
}

/** "You said, we did" digests: drafts for their facilitators only, released ones for everyone signed in. */
@Resolver(() => FeedbackDigestType)
export class FeedbackDigestResolver {
  @Authorized()
  @Query(() => [FeedbackDigestType], { description: 'Released digests only, newest period first.' })
  feedbackDigests(
    @Arg('forum', () => String, { nullable: true }) forum: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.feedbackDigests.released(ctx.viewer, forum);
  }

  @Authorized()
  @Query(() => [FeedbackDigestType], {
    description: 'Drafts awaiting release: facilitators and admins only (empty for anyone else).',
  })
  feedbackDigestDrafts(@Ctx() ctx: GraphQLContext) {
    return ctx.services.feedbackDigests.drafts(ctx.viewer);
  }

  @Authorized()
  @Query(() => FeedbackDigestType, {
    description:
      'A released digest; a draft only for its preview by a facilitator or admin (else NOT_FOUND).',
  })
  feedbackDigest(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.feedbackDigests.get(ctx.viewer, id);
  }

  @Authorized(Role.ADMIN, Role.FACILITATOR)
  @Mutation(() => FeedbackDigestType, {
    description: 'A DRAFT digest of the forum and period (the same forum and period again: the one kept).',
  })
  prepareFeedbackDigest(
    @Arg('input', () => FeedbackDigestInput) input: FeedbackDigestInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.feedbackDigests.prepare(ctx.viewer!, input);
  }

  @Authorized(Role.ADMIN, Role.FACILITATOR)
  @Mutation(() => FeedbackDigestType, { description: 'Releases a DRAFT (stale version: CONFLICT).' })
  releaseFeedbackDigest(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.feedbackDigests.release(ctx.viewer!, id, version);
  }

  @FieldResolver(() => [FeedbackType], {
    description: "The feedback it covers (the forum's, received in the period), oldest first.",
  })
  async feedback(@Root() d: FeedbackDigestEntity, @Ctx() ctx: GraphQLContext) {
    const items = await ctx.services.feedbackDigests.items(d);
    const found = await ctx.services.feedback.findFeedback(
      ctx.viewer!,
      items.map((i) => i.id),
    );
    const byId = new Map(found.map((f) => [f.id, f]));
    return items.map((i) => byId.get(i.id)).filter((f) => f != null);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Where a released digest downloads (PDF; add &format=docx for Word); null for a draft.',
  })
  downloadPath(@Root() d: FeedbackDigestEntity) {
    return d.status === 'RELEASED' ? `/reports/feedback-digest/${d.id}?format=pdf` : null;
  }
}
