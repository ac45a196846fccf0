import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { groupByKey, idLoader, perRequest, perRequestBy } from '../../shared/per-request';
import { IndicatorEntity } from './indicator.entity';
import { MeasurementEntity } from './measurement.entity';
import { ObjectiveEntity } from './objective.entity';
import { OutcomeEntity } from './outcome.entity';
import { OutputEntity } from './output.entity';
import { StrategyEntity } from './strategy.entity';
import { outcomesOfOutputs, outputsOfOutcomes, type Linked } from './strategy.queries';

/*
 * Per-request DataLoaders for the theory of change: each relation field costs one statement per
 * request level, however many parents are on the page. Keys come from parents that were already
 * scoped to the viewer's partnership, so these loaders need no tenant filter of their own.
 * Other modules may use them (e.g. Action.objective -> objectiveById).
 */

export const strategyById = perRequest((ctx) => idLoader(ctx, StrategyEntity));

export const objectiveById = perRequest((ctx) => idLoader(ctx, ObjectiveEntity));

export const outcomeById = perRequest((ctx) => idLoader(ctx, OutcomeEntity));

export const outputById = perRequest((ctx) => idLoader(ctx, OutputEntity));

export const indicatorById = perRequest((ctx) => idLoader(ctx, IndicatorEntity));

/** A strategy's objectives in display order (position, then code). */
export const objectivesByStrategy = perRequest(
  (ctx) =>
    new DataLoader<string, ObjectiveEntity[]>(async (ids) => {
      const rows = await ctx.dataSource
        .getRepository(ObjectiveEntity)
        .find({ where: { strategyId: In([...ids]) }, order: { position: 'ASC', code: 'ASC' } });
      return groupByKey(rows, ids, (r) => r.strategyId);
    }),
);

export const outcomesByObjective = perRequest(
  (ctx) =>
    new DataLoader<string, OutcomeEntity[]>(async (ids) => {
      const rows = await ctx.dataSource
        .getRepository(OutcomeEntity)
        .find({ where: { objectiveId: In([...ids]) }, order: { position: 'ASC', title: 'ASC' } });
      return groupByKey(rows, ids, (r) => r.objectiveId);
    }),
);

export const outputsByObjective = perRequest(
  (ctx) =>
    new DataLoader<string, OutputEntity[]>(async (ids) => {
      const rows = await ctx.dataSource
        .getRepository(OutputEntity)
        .find({ where: { objectiveId: In([...ids]) }, order: { position: 'ASC', title: 'ASC' } });
      return groupByKey(rows, ids, (r) => r.objectiveId);
    }),
);

export const indicatorsByOutcome = perRequest(
  (ctx) =>
    new DataLoader<string, IndicatorEntity[]>(async (ids) => {
      const rows = await ctx.dataSource
        .getRepository(IndicatorEntity)
        .find({ where: { outcomeId: In([...ids]) }, order: { name: 'ASC', id: 'ASC' } });
      return groupByKey(rows, ids, (r) => r.outcomeId);
    }),
);

/** The entities linked to each key, in the order the query gave them. */
function groupLinked<E>(pairs: Array<Linked<E>>, keys: readonly string[]): E[][] {
  return groupByKey(pairs, keys, (p) => p.key).map((group) => group.map((p) => p.entity));
}

/** The outcomes an output contributes to, through output_outcome, in display order. */
export const outcomesByOutput = perRequest(
  (ctx) =>
    new DataLoader<string, OutcomeEntity[]>(async (ids) =>
      groupLinked(await outcomesOfOutputs(ctx.dataSource.manager, ids), ids),
    ),
);

/** The outputs contributing to an outcome. */
export const outputsByOutcome = perRequest(
  (ctx) =>
    new DataLoader<string, OutputEntity[]>(async (ids) =>
      groupLinked(await outputsOfOutcomes(ctx.dataSource.manager, ids), ids),
    ),
);

/** measurementsByIndicator's loader for one area ('' partnership-wide only; null every area). */
const measurementsOfArea = perRequestBy(
  (ctx, area: string | null) =>
    new DataLoader<string, MeasurementEntity[]>(async (ids) => {
      const rows = await ctx.dataSource.getRepository(MeasurementEntity).find({
        where: { indicatorId: In([...ids]), ...(area === null ? {} : { area }) },
        order: { period: 'ASC', area: 'ASC' },
      });
      return groupByKey(rows, ids, (r) => r.indicatorId);
    }),
);

/**
 * An indicator's measurements in period order. `area` given: that area's only; `partnershipWide`:
 * only those with no area; neither: all of them.
 */
export const measurementsByIndicator = (
  ctx: Parameters<typeof measurementsOfArea>[0],
  filter: { area?: string | null; partnershipWide?: boolean },
) => measurementsOfArea(ctx, filter.partnershipWide ? '' : (filter.area?.trim() ?? null));
