import DataLoader from 'dataloader';
import type { GraphQLContext } from '../../graphql/context';
import { alignByKey, perRequestBy } from '../../shared/per-request';
import { queryIndicatorFigures, type IndicatorFiguresRow } from './indicator.queries';

/**
 * The figures of the indicators a request reads, as of a date: one statement for all the indicators
 * of a roll-up, and only when the query selects a figure field.
 */
export const indicatorFiguresAsOf = perRequestBy(
  (ctx: Pick<GraphQLContext, 'loaders' | 'dataSource' | 'viewer'>, asOf: string) =>
    new DataLoader<string, IndicatorFiguresRow | null>(async (ids) => {
      const rows = await queryIndicatorFigures(ctx.dataSource, {
        indicatorIds: ids,
        partnershipId: ctx.viewer!.partnershipId,
        asOf,
      });
      return alignByKey(rows, ids, (r) => r.indicatorId);
    }),
);
