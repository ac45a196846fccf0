import DataLoader from 'dataloader';
import type { GraphQLContext } from '../../graphql/context';
import { idLoader, perRequest } from '../../shared/per-request';
import type { ActionEntity } from '../actions/action.entity';
import type { GroupReturnEntity } from './group-return.entity';
import { ReportingRoundEntity } from './reporting-round.entity';

/**
 * Per-request DataLoaders for the rounds module's relation fields (one statement per field for a
 * whole overview). Roots are partnership-scoped by RoundService, so these need no tenant filter.
 */
type Ctx = Pick<GraphQLContext, 'loaders' | 'dataSource' | 'services'>;

export const roundById = perRequest((ctx) => idLoader(ctx, ReportingRoundEntity));

export const returnsByRoundId = perRequest(
  (ctx: Ctx) =>
    new DataLoader<string, GroupReturnEntity[]>((ids) => ctx.services.rounds.returnsOfRounds(ids)),
);

/** Each return's open actions with whether each is still due (not reported in the window). */
export const actionsByReturnId = perRequest(
  (ctx: Ctx) =>
    new DataLoader<string, Array<{ action: ActionEntity; due: boolean }>>(async (ids) => {
      const map = await ctx.services.rounds.actionsOfReturns(ids);
      return ids.map((id) => map.get(id) ?? []);
    }),
);
