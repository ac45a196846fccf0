import type { DataSource, EntityManager } from 'typeorm';
import { ObjectiveEntity } from '../strategy/objective.entity';
import { OutputEntity } from '../strategy/output.entity';
import { StrategyEntity } from '../strategy/strategy.entity';
import { ActionEntity } from './action.entity';

/*
 * The actions' SQL for reading and checking one action (the list is action-list.queries.ts, updates
 * action-update.queries.ts). A function that takes an EntityManager runs in the caller's transaction.
 */

/** The partnership's action with this id (a valid uuid), or null. */
export function partnershipAction(
  manager: EntityManager,
  id: string,
  partnershipId: string,
): Promise<ActionEntity | null> {
  return manager
    .getRepository(ActionEntity)
    .createQueryBuilder('a')
    .innerJoin(StrategyEntity, 's', 's.id = a.strategy_id')
    .where('a.id = :id AND s.partnership_id = :p', { id, p: partnershipId })
    .getOne();
}

/** The partnership's objective with this id (a valid uuid), or null. */
export function partnershipObjective(
  tx: EntityManager,
  objectiveId: string,
  partnershipId: string,
): Promise<ObjectiveEntity | null> {
  return tx
    .getRepository(ObjectiveEntity)
    .createQueryBuilder('o')
    .innerJoin(StrategyEntity, 's', 's.id = o.strategy_id')
    .where('o.id = :id AND s.partnership_id = :p', { id: objectiveId, p: partnershipId })
    .getOne();
}

/** The partnership's output with this id (a valid uuid), or null. */
export function partnershipOutput(
  tx: EntityManager,
  outputId: string,
  partnershipId: string,
): Promise<OutputEntity | null> {
  return tx
    .getRepository(OutputEntity)
    .createQueryBuilder('o')
    .innerJoin('objective', 'ob', 'ob.id = o.objective_id')
    .innerJoin('strategy', 's', 's.id = ob.strategy_id')
    .where('o.id = :outputId AND s.partnership_id = :p', { outputId, p: partnershipId })
    .getOne();
}

/** True when an action of the strategy (other than `selfId`, when given) has this ref. */
export function refTaken(
  tx: EntityManager,
  strategyId: string,
  ref: string,
  selfId: string | null,
): Promise<boolean> {
  const qb = tx
    .getRepository(ActionEntity)
    .createQueryBuilder('a')
    .where('a.strategy_id = :strategyId AND a.ref = :ref', { strategyId, ref });
  if (selfId) qb.andWhere('a.id <> :selfId', { selfId });
  return qb.getExists();
}

/** The action's tags as kind and slug, by kind then slug. */
export function tagKindsAndSlugsOf(
  tx: EntityManager,
  actionId: string,
): Promise<Array<{ kind: string; slug: string }>> {
  return tx.query(
    'SELECT t.kind, t.slug FROM action_tag at JOIN tag t ON t.id = at.tag_id WHERE at.action_id = $1 ORDER BY 1, 2',
    [actionId],
  );
}

/** The tags of these actions, one row per action and tag, by kind then slug. */
export function tagRowsOfActions(
  db: DataSource,
  actionIds: readonly string[],
): Promise<
  Array<{ action_id: string; id: string; partnership_id: string; kind: string; slug: string; label: string }>
> {
  return db.query(
    `SELECT at.action_id, t.id, t.partnership_id, t.kind, t.slug, t.label
       FROM action_tag at JOIN tag t ON t.id = at.tag_id
      WHERE at.action_id = ANY($1::uuid[])
      ORDER BY t.kind, t.slug`,
    [[...actionIds]],
  );
}
