import DataLoader from 'dataloader';
import { loader, type GraphQLContext } from '../../graphql/context';
import type { IndicatorFiguresRow, TagCoverageRow } from '../rollup/frozen-rollup.service';
import type { RestatementRow, RoundRecord } from './round-record.service';

type Ctx = Pick<GraphQLContext, 'loaders' | 'services' | 'viewer'>;

/** Closed rounds' stored records, one statement per request. */
export function recordByRoundId(ctx: Ctx) {
  return loader(
    ctx,
    'rounds.recordByRoundId',
    () => new DataLoader<string, RoundRecord | null>((ids) => ctx.services.roundRecords.records(ids)),
  );
}

/** Rounds' restatements the viewer may see, one statement per request. */
export function restatementsByRoundId(ctx: Ctx) {
  return loader(
    ctx,
    'rounds.restatementsByRoundId',
    () =>
      new DataLoader<string, RestatementRow[]>((ids) =>
        ctx.services.roundRecords.restatements(ctx.viewer!, ids),
      ),
  );
}

/** The indicators' figures of closed rounds' records, only when a query selects a figure field. */
export function figuresByRoundId(ctx: Ctx) {
  return loader(
    ctx,
    'rounds.figuresByRoundId',
    () =>
      new DataLoader<string, Record<string, IndicatorFiguresRow>>((ids) =>
        ctx.services.roundRecords.figures(ids),
      ),
  );
}

/** The tag coverage of closed rounds' records, by round and kind, only when a query selects it. */
export function coverageByRoundKind(ctx: Ctx) {
  return loader(
    ctx,
    'rounds.coverageByRoundKind',
    () =>
      new DataLoader<{ roundId: string; kind: string }, TagCoverageRow[], string>(
        (keys) => ctx.services.roundRecords.coverage(keys),
        { cacheKeyFn: (k) => `${k.roundId}|${k.kind}` },
      ),
  );
}
