import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { TagType } from './tag.type';
import { tagRef } from './tag.service';

@Resolver(() => TagType)
export class TagResolver {
  @Authorized()
  @Query(() => [TagType], { description: "The partnership's tags, optionally of one kind." })
  tags(
    @Arg('kind', () => String, { nullable: true }) kind: string | null | undefined,
    @Ctx() ctx: GraphQLContext,
  ): Promise<TagType[]> {
    return ctx.services.tags.listTags(ctx.viewer!, kind);
  }

  @FieldResolver(() => String, { description: 'The "kind:slug" form that inputs take.' })
  ref(@Root() tag: TagType): string {
    return tagRef(tag);
  }
}
