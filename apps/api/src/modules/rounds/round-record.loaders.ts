import DataLoader from 'dataloader';
import type { GraphQLContext } from '../../graphql/context';
import { perRequest } from '../../shared/per-request';
import type { IndicatorFiguresRow, TagCoverageRow } from '../rollup/frozen-rollup.service';
import type { RestatementRow, RoundRecord } from './round-record.service';

type Ctx = Pick<GraphQLContext, 'loaders' | 'services' | 'viewer'>;

/** Closed rounds' stored records, one statement per request. */
export const recordByRoundId = perRequest(
  (ctx: Ctx) => new DataLoader<string, RoundRecord | null>((ids) => ctx.services.roundRecords.records(ids)),
);

/** Rounds' restatements the viewer may see, one statement per request. */
export const restatementsByRoundId = perRequest(
  (ctx: Ctx) =>
    new DataLoader<string, RestatementRow[]>((ids) =>
      ctx.services.roundRecords.restatements(ctx.viewer!, ids),
    ),
);

/** The indicators' figures of closed rounds' records, only when a query selects a figure field. */
export const figuresByRoundId = perRequest(
  (ctx: Ctx) =>
    new DataLoader<string, Record<string, IndicatorFiguresRow>>((ids) =>
      ctx.services.roundRecords.figures(ids),
    ),
);

/** The tag coverage of closed rounds' records, by round and kind, only when a query selects it. */
export const coverageByRoundKind = perRequest(
  (ctx: Ctx) =>
    new DataLoader<{ roundId: string; kind: string }, TagCoverageRow[], string>(
      (keys) => ctx.services.roundRecords.coverage(keys),
      { cacheKeyFn: (k) => `${k.roundId}|${k.kind}` },
    ),
);
