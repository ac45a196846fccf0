import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { ActionUpdateType } from './action.type';

@Resolver()
export class ActionUpdateRedactionResolver {
  @Authorized()
  @Mutation(() => ActionUpdateType, {
    description:
      'Takes words out of an action update\'s progress and impact: each word or phrase (any case) becomes "[redacted]" ' +
      'wherever the text is kept, earlier audit snapshots included; the audit trail records who redacted and why, ' +
      "never the words. ADMIN, or the chair or coordinator of the action's group. BAD_USER_INPUT on words and reason; " +
      'CONFLICT when version is stale.',
  })
  redactActionUpdate(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, { description: 'The update version the words were chosen from.' })
    version: number,
    @Arg('words', () => [String]) words: string[],
    @Arg('reason', () => String, { description: 'Why; kept in the audit trail.' }) reason: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.actionUpdateRedaction.redactActionUpdate(ctx.viewer, id, version, words, reason);
  }
}
