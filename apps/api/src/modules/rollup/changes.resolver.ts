import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { DateScalar } from '../../graphql/scalars';
import { selectedFields } from '../../graphql/selection';
import { perRequest } from '../../shared/per-request';
import { ReportingRoundType } from '../rounds/round.type';
import { StrategyType } from '../strategy/strategy.type';
import { RollupChanges } from './changes.type';

// Thin resolvers: the rules are in RollupChangesService, the SQL in changes.queries.ts.

/** The kinds of line that carry an action. */
const ACTION_LINES = ['actions', 'newActions', 'newlyCompleted', 'newlyOverdue', 'dueDateRevisions'];

@Resolver(() => RollupChanges)
export class RollupChangesResolver {
  @Authorized()
  @Query(() => RollupChanges, {
    description:
      "What changed in a strategy after `from` up to and including `to` (default today, the UK day). The board's default `from` is Strategy.changesSince.",
  })
  rollupChanges(
    @Arg('strategyId', () => ID) strategyId: string,
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar, { nullable: true }) to: string | null | undefined,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<RollupChanges> {
    // The Action fields selected on any kind of line: the actions' columns read with the lines; no kind
    // of action line selected: no action lines read.
    const selected = selectedFields(info);
    const actionFields = ACTION_LINES.some((k) => selected.has(k))
      ? new Set(ACTION_LINES.flatMap((k) => [...selectedFields(info, [k, 'action'])]))
      : null;
    return ctx.services.rollupChanges.rollupChanges(ctx.viewer!, strategyId, from, to, actionFields);
  }
}

/** Each strategy's last closed round and default "since" date: one statement per request. */
const changesSince = perRequest(
  (ctx: GraphQLContext) =>
    new DataLoader<string, { roundId: string | null; since: string } | null>(async (ids) => {
      const map = await ctx.services.rollupChanges.changesSince(ctx.viewer!, ids);
      return ids.map((id) => map.get(id) ?? null);
    }),
);

@Resolver(() => StrategyType)
export class StrategyChangesResolver {
  @FieldResolver(() => DateScalar, {
    description:
      'Where "what changed since the last closed round" starts: the returnsDueOn of its last CLOSED reporting round, else its start, else the day it was created.',
  })
  async changesSince(@Root() s: StrategyType, @Ctx() ctx: GraphQLContext): Promise<string> {
    return (await changesSince(ctx).load(s.id))!.since;
  }

  @FieldResolver(() => ReportingRoundType, {
    nullable: true,
    description: 'Its last CLOSED reporting round (greatest returnsDueOn); null when none is closed.',
  })
  async lastClosedRound(
    @Root() s: StrategyType,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ReportingRoundType | null> {
    const found = await changesSince(ctx).load(s.id);
    if (!found?.roundId) return null;
    const rounds = await ctx.services.rollupChanges.roundsById([found.roundId]);
    return (rounds.get(found.roundId) as unknown as ReportingRoundType) ?? null;
  }
}
