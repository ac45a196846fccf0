import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { loader, type GraphQLContext } from '../../graphql/context';
import type { ActionEntity } from '../actions/action.entity';
import type { GroupReturnEntity } from './group-return.entity';
import { ReportingRoundEntity } from './reporting-round.entity';

/**
 * Per-request DataLoaders for the rounds module's relation fields (one statement per field for a
 * whole overview). Roots are partnership-scoped by RoundService, so these need no tenant filter.
 */
type Ctx = Pick<GraphQLContext, 'loaders' | 'dataSource' | 'services'>;

export function roundById(ctx: Ctx) {
  return loader(
    ctx,
    'rounds.roundById',
    () =>
      new DataLoader<string, ReportingRoundEntity | null>(async (ids) => {
        const rows = await ctx.dataSource.getRepository(ReportingRoundEntity).findBy({ id: In([...ids]) });
        const map = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => map.get(id) ?? null);
      }),
  );
}

export function returnsByRoundId(ctx: Ctx) {
  return loader(
    ctx,
    'rounds.returnsByRoundId',
    () => new DataLoader<string, GroupReturnEntity[]>((ids) => ctx.services.rounds.returnsOfRounds(ids)),
  );
}

/** Each return's open actions with whether each is still due (not reported in the window). */
export function actionsByReturnId(ctx: Ctx) {
  return loader(
    ctx,
    'rounds.actionsByReturnId',
    () =>
      new DataLoader<string, Array<{ action: ActionEntity; due: boolean }>>(async (ids) => {
        const map = await ctx.services.rounds.actionsOfReturns(ids);
        return ids.map((id) => map.get(id) ?? []);
      }),
  );
}
