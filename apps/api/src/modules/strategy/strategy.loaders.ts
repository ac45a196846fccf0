import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { loader, type GraphQLContext } from '../../graphql/context';
import { idLoader, perRequest } from '../../shared/per-request';
import { IndicatorEntity } from './indicator.entity';
import { MeasurementEntity } from './measurement.entity';
import { ObjectiveEntity } from './objective.entity';
import { OutcomeEntity } from './outcome.entity';
import { OutputEntity, OutputOutcomeEntity } from './output.entity';
import { StrategyEntity } from './strategy.entity';

/*
 * Per-request DataLoaders for the theory of change: each relation field costs one statement per
 * request level, however many parents are on the page. Keys come from parents that were already
 * scoped to the viewer's partnership, so these loaders need no tenant filter of their own.
 * Other modules may use them (e.g. Action.objective -> objectiveById).
 */

type Ctx = Pick<GraphQLContext, 'loaders' | 'dataSource'>;

function groupBy<E>(rows: E[], keys: readonly string[], keyOf: (r: E) => string): E[][] {
  const map = new Map<string, E[]>(keys.map((k) => [k, []]));
  for (const r of rows) map.get(keyOf(r))?.push(r);
  return keys.map((k) => map.get(k) ?? []);
}

export const strategyById = perRequest((ctx) => idLoader(ctx, StrategyEntity));

export const objectiveById = perRequest((ctx) => idLoader(ctx, ObjectiveEntity));

export const outcomeById = perRequest((ctx) => idLoader(ctx, OutcomeEntity));

export const outputById = perRequest((ctx) => idLoader(ctx, OutputEntity));

export const indicatorById = perRequest((ctx) => idLoader(ctx, IndicatorEntity));

/** A strategy's objectives in display order (position, then code). */
export const objectivesByStrategy = (ctx: Ctx) =>
  loader(
    ctx,
    'strategy.objectivesByStrategy',
    () =>
      new DataLoader<string, ObjectiveEntity[]>(async (ids) => {
        const rows = await ctx.dataSource
          .getRepository(ObjectiveEntity)
          .find({ where: { strategyId: In([...ids]) }, order: { position: 'ASC', code: 'ASC' } });
        return groupBy(rows, ids, (r) => r.strategyId);
      }),
  );

export const outcomesByObjective = (ctx: Ctx) =>
  loader(
    ctx,
    'strategy.outcomesByObjective',
    () =>
      new DataLoader<string, OutcomeEntity[]>(async (ids) => {
        const rows = await ctx.dataSource
          .getRepository(OutcomeEntity)
          .find({ where: { objectiveId: In([...ids]) }, order: { position: 'ASC', title: 'ASC' } });
        return groupBy(rows, ids, (r) => r.objectiveId);
      }),
  );

export const outputsByObjective = (ctx: Ctx) =>
  loader(
    ctx,
    'strategy.outputsByObjective',
    () =>
      new DataLoader<string, OutputEntity[]>(async (ids) => {
        const rows = await ctx.dataSource
          .getRepository(OutputEntity)
          .find({ where: { objectiveId: In([...ids]) }, order: { position: 'ASC', title: 'ASC' } });
        return groupBy(rows, ids, (r) => r.objectiveId);
      }),
  );

export const indicatorsByOutcome = (ctx: Ctx) =>
  loader(
    ctx,
    'strategy.indicatorsByOutcome',
    () =>
      new DataLoader<string, IndicatorEntity[]>(async (ids) => {
        const rows = await ctx.dataSource
          .getRepository(IndicatorEntity)
          .find({ where: { outcomeId: In([...ids]) }, order: { name: 'ASC', id: 'ASC' } });
        return groupBy(rows, ids, (r) => r.outcomeId);
      }),
  );

/** The outcomes an output contributes to, through output_outcome, in display order. */
export const outcomesByOutput = (ctx: Ctx) =>
  loader(
    ctx,
    'strategy.outcomesByOutput',
    () =>
      new DataLoader<string, OutcomeEntity[]>(async (ids) => {
        const rows = await ctx.dataSource
          .getRepository(OutcomeEntity)
          .createQueryBuilder('oc')
          .innerJoin(OutputOutcomeEntity, 'link', 'link.outcome_id = oc.id')
          .addSelect('link.output_id', 'link_output_id')
          .where('link.output_id IN (:...ids)', { ids })
          .orderBy('oc.position', 'ASC')
          .addOrderBy('oc.title', 'ASC')
          .getRawAndEntities();
        return groupPairs(
          rows.raw as Array<Record<string, unknown>>,
          rows.entities,
          ids,
          'link_output_id',
          'oc_id',
        );
      }),
  );

/** The outputs contributing to an outcome. */
export const outputsByOutcome = (ctx: Ctx) =>
  loader(
    ctx,
    'strategy.outputsByOutcome',
    () =>
      new DataLoader<string, OutputEntity[]>(async (ids) => {
        const rows = await ctx.dataSource
          .getRepository(OutputEntity)
          .createQueryBuilder('op')
          .innerJoin(OutputOutcomeEntity, 'link', 'link.output_id = op.id')
          .addSelect('link.outcome_id', 'link_outcome_id')
          .where('link.outcome_id IN (:...ids)', { ids })
          .orderBy('op.position', 'ASC')
          .addOrderBy('op.title', 'ASC')
          .getRawAndEntities();
        return groupPairs(
          rows.raw as Array<Record<string, unknown>>,
          rows.entities,
          ids,
          'link_outcome_id',
          'op_id',
        );
      }),
  );

/**
 * getRawAndEntities de-duplicates entities (an outcome linked to two outputs comes back once), so the
 * grouping goes by the raw rows, which keep one row per link, and looks the entity up by id.
 */
function groupPairs<E extends { id: string }>(
  raw: Array<Record<string, unknown>>,
  entities: E[],
  keys: readonly string[],
  keyColumn: string,
  idColumn: string,
): E[][] {
  const byEntityId = new Map(entities.map((e) => [e.id, e]));
  const map = new Map<string, E[]>(keys.map((k) => [k, []]));
  for (const row of raw) {
    const e = byEntityId.get(row[idColumn] as string);
    if (e) map.get(row[keyColumn] as string)?.push(e);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/**
 * An indicator's measurements in period order. `area` given: that area's only; `partnershipWide`:
 * only those with no area; neither: all of them.
 */
export const measurementsByIndicator = (
  ctx: Ctx,
  filter: { area?: string | null; partnershipWide?: boolean },
) => {
  const area = filter.partnershipWide ? '' : (filter.area?.trim() ?? null);
  return loader(
    ctx,
    `strategy.measurementsByIndicator:${area === null ? '*' : `=${area}`}`,
    () =>
      new DataLoader<string, MeasurementEntity[]>(async (ids) => {
        const rows = await ctx.dataSource.getRepository(MeasurementEntity).find({
          where: { indicatorId: In([...ids]), ...(area === null ? {} : { area }) },
          order: { period: 'ASC', area: 'ASC' },
        });
        return groupBy(rows, ids, (r) => r.indicatorId);
      }),
  );
};
