import { Ctx, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import type { DirectResolver } from '../../graphql/direct-resolvers';
import { DateScalar } from '../../graphql/scalars';
import { indicatorFiguresAsOf } from './indicator-figures.loader';
import { IndicatorFigure, TrajectoryRating } from './indicator-figures.type';
import type { IndicatorFiguresRow } from './indicator.queries';
import type { IndicatorProgressRow } from './queries';
import { IndicatorProgress } from './rollup.type';

// IndicatorProgress's figures per area and against the trajectory (indicator.queries.ts). Thin: each
// field reads the request's loader, which computes every indicator of the roll-up in one statement,
// only when a query selects one of these fields (or a rate's latest value).

const figures = async (p: IndicatorProgressRow, ctx: GraphQLContext): Promise<IndicatorFiguresRow | null> =>
  p.frozenFigures ? p.frozenFigures() : indicatorFiguresAsOf(ctx, p.asOf!).load(p.indicator.id);

/** (value - baseline) / (target - baseline) clamped to 0..1, as the roll-up computes progress. */
function progressTowards(
  value: number | null,
  baseline: number | null,
  target: number | null,
): number | null {
  if (value === null || baseline === null || target === null || target === baseline) return null;
  return Math.min(1, Math.max(0, (value - baseline) / (target - baseline)));
}

/**
 * The fields every indicator of a roll-up resolves, installed on the schema as plain functions
 * (graphql/direct-resolvers.ts says why: a roll-up has hundreds of indicators); the @FieldResolver
 * methods below declare them and call these. A non-rate indicator answers from the row, synchronously.
 */
export const indicatorProgressFields = {
  latest: (
    p: IndicatorProgressRow,
    _args: unknown,
    ctx: GraphQLContext,
  ): number | null | Promise<number | null> =>
    p.indicator.isRate ? figures(p, ctx).then((f) => f?.partnershipWide?.value ?? null) : p.latest,
  latestPeriod: (
    p: IndicatorProgressRow,
    _args: unknown,
    ctx: GraphQLContext,
  ): string | null | Promise<string | null> =>
    p.indicator.isRate ? figures(p, ctx).then((f) => f?.partnershipWide?.period ?? null) : p.latestPeriod,
  progress: (
    p: IndicatorProgressRow,
    _args: unknown,
    ctx: GraphQLContext,
  ): number | null | Promise<number | null> =>
    p.indicator.isRate
      ? figures(p, ctx).then((f) => progressTowards(f?.partnershipWide?.value ?? null, p.baseline, p.target))
      : p.progress,
} satisfies Record<string, DirectResolver>;

@Resolver(() => IndicatorProgress)
export class IndicatorProgressResolver {
  @FieldResolver(() => Float, {
    nullable: true,
    description:
      "The partnership-wide value (no area) with the latest period on or before asOf; for a rate, the partnership-wide rate from the areas' counts (null when suppressed).",
  })
  latest(@Root() p: IndicatorProgressRow, @Ctx() ctx: GraphQLContext) {
    return indicatorProgressFields.latest(p, {}, ctx);
  }

  @FieldResolver(() => DateScalar, { nullable: true })
  latestPeriod(@Root() p: IndicatorProgressRow, @Ctx() ctx: GraphQLContext) {
    return indicatorProgressFields.latestPeriod(p, {}, ctx);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: '(latest - baseline) / (target - baseline) clamped to 0..1; null when undefined.',
  })
  progress(@Root() p: IndicatorProgressRow, @Ctx() ctx: GraphQLContext) {
    return indicatorProgressFields.progress(p, {}, ctx);
  }

  @FieldResolver(() => DateScalar, {
    nullable: true,
    description: 'The latest period (on or before asOf) with any value of the indicator, for any area.',
  })
  async reportingPeriod(@Root() p: IndicatorProgressRow, @Ctx() ctx: GraphQLContext) {
    return (await figures(p, ctx))?.reportingPeriod ?? null;
  }

  @FieldResolver(() => IndicatorFigure, {
    nullable: true,
    description: 'The latest partnership-wide figure, against the target in force at its period.',
  })
  async partnershipWide(@Root() p: IndicatorProgressRow, @Ctx() ctx: GraphQLContext) {
    return (await figures(p, ctx))?.partnershipWide ?? null;
  }

  @FieldResolver(() => Boolean, {
    description: 'True when the latest partnership-wide figure is suppressed (a count fewer than 5).',
  })
  async suppressed(@Root() p: IndicatorProgressRow, @Ctx() ctx: GraphQLContext) {
    return (await figures(p, ctx))?.partnershipWide?.suppressed ?? false;
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'The partnership-wide target in force at the latest period (trajectory, else target).',
  })
  async targetInForce(@Root() p: IndicatorProgressRow, @Ctx() ctx: GraphQLContext) {
    return (await figures(p, ctx))?.partnershipWide?.targetInForce ?? null;
  }

  @FieldResolver(() => TrajectoryRating, {
    nullable: true,
    description: 'The latest partnership-wide figure against the target in force at its period.',
  })
  async rating(@Root() p: IndicatorProgressRow, @Ctx() ctx: GraphQLContext) {
    return (await figures(p, ctx))?.partnershipWide?.rating ?? null;
  }

  @FieldResolver(() => [IndicatorFigure], {
    description: "Each area's latest figure on or before asOf (areas: those with any value so far), by area.",
  })
  async areas(@Root() p: IndicatorProgressRow, @Ctx() ctx: GraphQLContext) {
    return (await figures(p, ctx))?.areas ?? [];
  }

  @FieldResolver(() => [String], {
    description: 'The areas with no value for reportingPeriod (their latest is older), by name.',
  })
  async notReported(@Root() p: IndicatorProgressRow, @Ctx() ctx: GraphQLContext) {
    return (await figures(p, ctx))?.notReported ?? [];
  }

  @FieldResolver(() => [IndicatorFigure], {
    description:
      'Every figure on or before asOf, for a chart: partnership-wide first, then by area, each in period order.',
  })
  async series(@Root() p: IndicatorProgressRow, @Ctx() ctx: GraphQLContext) {
    return (await figures(p, ctx))?.series ?? [];
  }
}
