import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { RedactableKind, RedactableText } from './redaction.type';

@Resolver(() => RedactableText)
export class RedactionResolver {
  @Authorized()
  @Query(() => RedactableText, {
    description:
      'A text to redact, as the redaction form shows it: only for someone who may redact it (FORBIDDEN otherwise).',
  })
  redactableText(
    @Arg('kind', () => RedactableKind) kind: RedactableKind,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RedactableText> {
    if (kind === RedactableKind.ACTION_UPDATE)
      return ctx.services.actionUpdateRedaction.readable(ctx.viewer, id);
    return ctx.services.feedbackRedaction.readable(ctx.viewer, kind, id);
  }
}
