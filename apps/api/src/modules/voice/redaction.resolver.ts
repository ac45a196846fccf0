import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { Role } from '../identity/user.entity';
import { FeedbackType } from './feedback.type';

const HOW =
  'Each word or phrase (any case) becomes "[redacted]" wherever the text is kept, earlier audit snapshots included; ' +
  'the audit trail records who redacted and why, never the words. FACILITATOR or ADMIN. BAD_USER_INPUT on words ' +
  '(none, or one not in the text) and reason (missing, or repeating a word); CONFLICT when version is stale.';

@Resolver()
export class FeedbackRedactionResolver {
  @Authorized(Role.ADMIN, Role.FACILITATOR)
  @Mutation(() => FeedbackType, { description: `Takes words out of feedback and its responses. ${HOW}` })
  redactFeedback(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, { description: 'The feedback version the words were chosen from.' })
    version: number,
    @Arg('words', () => [String]) words: string[],
    @Arg('reason', () => String, { description: 'Why; kept in the audit trail.' }) reason: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.feedbackRedaction.redactFeedback(ctx.viewer, id, version, words, reason);
  }

  @Authorized(Role.ADMIN, Role.FACILITATOR)
  @Mutation(() => FeedbackType, {
    description: `Takes words out of one response; returns the feedback it answers. ${HOW}`,
  })
  redactFeedbackResponse(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, { description: 'The response version the words were chosen from.' })
    version: number,
    @Arg('words', () => [String]) words: string[],
    @Arg('reason', () => String, { description: 'Why; kept in the audit trail.' }) reason: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.feedbackRedaction.redactFeedbackResponse(ctx.viewer, id, version, words, reason);
  }
}
