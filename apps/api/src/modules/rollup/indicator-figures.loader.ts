import DataLoader from 'dataloader';
import { loader, type GraphQLContext } from '../../graphql/context';
import { queryIndicatorFigures, type IndicatorFiguresRow } from './indicator-queries';

/**
 * The figures of the indicators a request reads, as of a date: one statement for all the indicators
 * of a roll-up, and only when the query selects a figure field.
 */
export const indicatorFiguresAsOf = (
  ctx: Pick<GraphQLContext, 'loaders' | 'dataSource' | 'viewer'>,
  asOf: string,
) =>
  loader(
    ctx,
    `rollup.indicatorFigures:${asOf}`,
    () =>
      new DataLoader<string, IndicatorFiguresRow | null>(async (ids) => {
        const rows = await queryIndicatorFigures(ctx.dataSource, {
          indicatorIds: ids,
          partnershipId: ctx.viewer!.partnershipId,
          asOf,
        });
        const byId = new Map(rows.map((r) => [r.indicatorId, r]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
  );
