import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { loader, type GraphQLContext } from '../../graphql/context';
import { IndicatorTargetEntity } from './indicator-target.entity';
import { MeasurementRevisionEntity } from './measurement-revision.entity';

// Per-request loaders for trajectories and measurement histories; keys come from parents already
// scoped to the viewer's partnership (as in strategy.loaders.ts).

type Ctx = Pick<GraphQLContext, 'loaders' | 'dataSource'>;

function groupBy<E>(rows: E[], keys: readonly string[], keyOf: (r: E) => string): E[][] {
  const map = new Map<string, E[]>(keys.map((k) => [k, []]));
  for (const r of rows) map.get(keyOf(r))?.push(r);
  return keys.map((k) => map.get(k) ?? []);
}

/** An indicator's trajectory: partnership-wide points first, then by area, each in period order. */
export const targetsByIndicator = (ctx: Ctx) =>
  loader(
    ctx,
    'strategy.targetsByIndicator',
    () =>
      new DataLoader<string, IndicatorTargetEntity[]>(async (ids) => {
        const rows = await ctx.dataSource.getRepository(IndicatorTargetEntity).find({
          where: { indicatorId: In([...ids]) },
          order: { area: 'ASC', period: 'ASC' },
        });
        return groupBy(rows, ids, (r) => r.indicatorId);
      }),
  );

/** A measurement's earlier values, the most recently replaced first. */
export const revisionsByMeasurement = (ctx: Ctx) =>
  loader(
    ctx,
    'strategy.revisionsByMeasurement',
    () =>
      new DataLoader<string, MeasurementRevisionEntity[]>(async (ids) => {
        const rows = await ctx.dataSource.getRepository(MeasurementRevisionEntity).find({
          where: { measurementId: In([...ids]) },
          order: { replacedAt: 'DESC', id: 'ASC' },
        });
        return groupBy(rows, ids, (r) => r.measurementId);
      }),
  );
