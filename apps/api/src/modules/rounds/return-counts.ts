import DataLoader from 'dataloader';
import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { perRequest } from '../../shared/per-request';
import { actionCountsOfReturns } from './return-counts.queries';
import { GroupReturnType } from './round.type';

/** How many open actions each return covers and how many are still due (actionCountsOfReturns). */
const countsByReturnId = perRequest(
  (ctx) =>
    new DataLoader<string, { total: number; due: number }>(async (ids) => {
      const map = await actionCountsOfReturns(ctx.dataSource, ids);
      return ids.map((id) => map.get(id) ?? { total: 0, due: 0 });
    }),
);

@Resolver(() => GroupReturnType)
export class GroupReturnCountsResolver {
  @FieldResolver(() => Int, {
    description: 'How many open actions the return covers (the length of actions).',
  })
  async actionCount(@Root() gr: GroupReturnType, @Ctx() ctx: GraphQLContext): Promise<number> {
    return (await countsByReturnId(ctx).load(gr.id)).total;
  }

  @FieldResolver(() => Int, {
    description:
      "How many of them have no update dated in the round's window yet (the length of actionsDue).",
  })
  async actionsDueCount(@Root() gr: GroupReturnType, @Ctx() ctx: GraphQLContext): Promise<number> {
    return (await countsByReturnId(ctx).load(gr.id)).due;
  }
}
