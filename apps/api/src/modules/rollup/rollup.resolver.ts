import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { DateScalar } from '../../graphql/scalars';
import { subFieldStringArguments } from '../../graphql/field-arguments';
import { BoardRollup, TagCoverageCell, TrendInterval, TrendPoint } from './rollup.type';

// Thin resolvers: the rules are in RollupService, the SQL in queries.ts.

@Resolver(() => BoardRollup)
export class RollupResolver {
  @Authorized()
  @Query(() => BoardRollup, {
    description: "The board's roll-up of a strategy as of a date (default today).",
  })
  boardRollup(
    @Arg('strategyId', () => ID) strategyId: string,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | null | undefined,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<BoardRollup> {
    // The tagCoverage kinds selected are computed with the roll-up, in the same statement.
    const kinds = subFieldStringArguments(info, 'tagCoverage', 'kind');
    return ctx.services.rollup.boardRollup(ctx.viewer!, strategyId, asOf, kinds);
  }

  @FieldResolver(() => [TagCoverageCell], {
    description:
      "For each objective and each tag of the kind, the number of the objective's counted, non-cancelled actions carrying it (zero cells included).",
  })
  tagCoverage(
    @Root() rollup: BoardRollup,
    @Arg('kind', () => String) kind: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<TagCoverageCell[]> {
    return ctx.services.rollup.tagCoverage(ctx.viewer!, rollup, kind);
  }

  @Authorized()
  @Query(() => [TrendPoint], {
    description:
      "An objective's score, derived RAG and tally at from, from + every, ... up to to (at most 120 points).",
  })
  objectiveTrend(
    @Arg('objectiveId', () => ID) objectiveId: string,
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
    @Arg('every', () => TrendInterval) every: TrendInterval,
    @Ctx() ctx: GraphQLContext,
  ): Promise<TrendPoint[]> {
    return ctx.services.rollup.objectiveTrend(ctx.viewer!, objectiveId, from, to, every);
  }
}
