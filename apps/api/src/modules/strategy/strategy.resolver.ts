import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { StrategyType } from './strategy.type';

@Resolver(() => StrategyType)
export class StrategyResolver {
  @Authorized()
  @Query(() => [StrategyType], { description: "The partnership's strategies." })
  strategies(@Ctx() ctx: GraphQLContext): Promise<StrategyType[]> {
    return ctx.services.strategy.listStrategies(ctx.viewer!);
  }

  @Authorized()
  @Query(() => StrategyType, { nullable: true })
  strategy(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<StrategyType | null> {
    return ctx.services.strategy.findStrategy(ctx.viewer!, id);
  }
}
