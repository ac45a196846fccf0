import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { IndicatorEntity } from './indicator.entity';
import { ObjectiveEntity } from './objective.entity';
import { OutcomeEntity } from './outcome.entity';
import { OutputEntity } from './output.entity';
import { StrategyEntity } from './strategy.entity';
import { isUuid } from './strategy.validation';

// Lookups scoped to a partnership: a record of another partnership is simply not there.

export async function findStrategyIn(m: EntityManager, partnershipId: string, id: string) {
  if (!isUuid(id)) return null;
  return m.getRepository(StrategyEntity).findOne({ where: { id, partnershipId } });
}

/** A parent entity joined on the way up to the strategy: [entity, alias, join condition]. */
type ParentJoin = [new () => ObjectLiteral, string, string];

/**
 * A record found by id only when the chain of parents above it (`joins`, each joined to the one before)
 * ends at a strategy of this partnership.
 */
function findOwnedIn<T extends ObjectLiteral>(
  m: EntityManager,
  entity: EntityTarget<T>,
  joins: ParentJoin[],
  partnershipId: string,
  id: string,
): Promise<T | null> {
  if (!isUuid(id)) return Promise.resolve(null);
  let query = m.getRepository(entity).createQueryBuilder('r');
  for (const [target, alias, on] of joins) query = query.innerJoin(target, alias, on);
  return query.where('r.id = :id AND s.partnership_id = :partnershipId', { id, partnershipId }).getOne();
}

const toStrategy: ParentJoin = [StrategyEntity, 's', 's.id = o.strategy_id'];
const toObjective = (from: string): ParentJoin => [ObjectiveEntity, 'o', `o.id = ${from}.objective_id`];

export function findObjectiveIn(m: EntityManager, partnershipId: string, id: string) {
  return findOwnedIn(m, ObjectiveEntity, [[StrategyEntity, 's', 's.id = r.strategy_id']], partnershipId, id);
}

export function findOutcomeIn(m: EntityManager, partnershipId: string, id: string) {
  return findOwnedIn(m, OutcomeEntity, [toObjective('r'), toStrategy], partnershipId, id);
}

export function findOutputIn(m: EntityManager, partnershipId: string, id: string) {
  return findOwnedIn(m, OutputEntity, [toObjective('r'), toStrategy], partnershipId, id);
}

export function findIndicatorIn(m: EntityManager, partnershipId: string, id: string) {
  return findOwnedIn(
    m,
    IndicatorEntity,
    [[OutcomeEntity, 'oc', 'oc.id = r.outcome_id'], toObjective('oc'), toStrategy],
    partnershipId,
    id,
  );
}
