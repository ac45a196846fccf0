import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { groupByKey, perRequest } from '../../shared/per-request';
import { IndicatorTargetEntity } from './indicator-target.entity';
import { MeasurementRevisionEntity } from './measurement-revision.entity';

// Per-request loaders for trajectories and measurement histories; keys come from parents already
// scoped to the viewer's partnership (as in strategy.loaders.ts).

/** An indicator's trajectory: partnership-wide points first, then by area, each in period order. */
export const targetsByIndicator = perRequest(
  (ctx) =>
    new DataLoader<string, IndicatorTargetEntity[]>(async (ids) => {
      const rows = await ctx.dataSource.getRepository(IndicatorTargetEntity).find({
        where: { indicatorId: In([...ids]) },
        order: { area: 'ASC', period: 'ASC' },
      });
      return groupByKey(rows, ids, (r) => r.indicatorId);
    }),
);

/** A measurement's earlier values, the most recently replaced first. */
export const revisionsByMeasurement = perRequest(
  (ctx) =>
    new DataLoader<string, MeasurementRevisionEntity[]>(async (ids) => {
      const rows = await ctx.dataSource.getRepository(MeasurementRevisionEntity).find({
        where: { measurementId: In([...ids]) },
        order: { replacedAt: 'DESC', id: 'ASC' },
      });
      return groupByKey(rows, ids, (r) => r.measurementId);
    }),
);
