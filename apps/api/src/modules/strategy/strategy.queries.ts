import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { IndicatorEntity } from './indicator.entity';
import { ObjectiveEntity } from './objective.entity';
import { OutcomeEntity } from './outcome.entity';
import { OutputEntity, OutputOutcomeEntity } from './output.entity';
import { StrategyEntity } from './strategy.entity';
import { isUuid } from './strategy.validation';

// The theory of change's SQL (strategy, objectives, outcomes, outputs, indicators): lookups scoped to
// a partnership, display positions, output-outcome links. Measurements and trajectories: measurement.queries.ts.

// ---- lookups scoped to a partnership: a record of another partnership is simply not there ----

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

// ---- writes ----

/** The next display position after the siblings' last. */
export async function nextPosition(m: EntityManager, table: string, parentColumn: string, parentId: string) {
  const [row] = (await m.query(
    `SELECT COALESCE(MAX(position) + 1, 0)::int AS next FROM ${table} WHERE ${parentColumn} = $1`,
    [parentId],
  )) as Array<{ next: number }>;
  return row.next;
}

/** The outcomes among `ids` (all well-formed uuids) that belong to the objective. */
export function outcomesInObjective(tx: EntityManager, objectiveId: string, ids: readonly string[]) {
  return tx
    .getRepository(OutcomeEntity)
    .createQueryBuilder('oc')
    .where('oc.id IN (:...ids) AND oc.objective_id = :objectiveId', { ids, objectiveId })
    .getMany();
}

// ---- the per-request loaders' joins through output_outcome (strategy.loaders.ts) ----

/** One row per link: the entity at one end, under the id at the other (`key`), in display order. */
export interface Linked<E> {
  key: string;
  entity: E;
}

/** The outcomes the outputs `ids` contribute to, by position then title. */
export async function outcomesOfOutputs(m: EntityManager, ids: readonly string[]) {
  const rows = await m
    .getRepository(OutcomeEntity)
    .createQueryBuilder('oc')
    .innerJoin(OutputOutcomeEntity, 'link', 'link.outcome_id = oc.id')
    .addSelect('link.output_id', 'link_output_id')
    .where('link.output_id IN (:...ids)', { ids })
    .orderBy('oc.position', 'ASC')
    .addOrderBy('oc.title', 'ASC')
    .getRawAndEntities();
  return linkedPairs(rows.raw as Array<Record<string, unknown>>, rows.entities, 'link_output_id', 'oc_id');
}

/** The outputs contributing to the outcomes `ids`, by position then title. */
export async function outputsOfOutcomes(m: EntityManager, ids: readonly string[]) {
  const rows = await m
    .getRepository(OutputEntity)
    .createQueryBuilder('op')
    .innerJoin(OutputOutcomeEntity, 'link', 'link.output_id = op.id')
    .addSelect('link.outcome_id', 'link_outcome_id')
    .where('link.outcome_id IN (:...ids)', { ids })
    .orderBy('op.position', 'ASC')
    .addOrderBy('op.title', 'ASC')
    .getRawAndEntities();
  return linkedPairs(rows.raw as Array<Record<string, unknown>>, rows.entities, 'link_outcome_id', 'op_id');
}

/**
 * getRawAndEntities de-duplicates entities (an outcome linked to two outputs comes back once), so the
 * pairs go by the raw rows, which keep one row per link, and look the entity up by id.
 */
function linkedPairs<E extends { id: string }>(
  raw: Array<Record<string, unknown>>,
  entities: E[],
  keyColumn: string,
  idColumn: string,
): Array<Linked<E>> {
  const byEntityId = new Map(entities.map((e) => [e.id, e]));
  const pairs: Array<Linked<E>> = [];
  for (const row of raw) {
    const entity = byEntityId.get(row[idColumn] as string);
    if (entity) pairs.push({ key: row[keyColumn] as string, entity });
  }
  return pairs;
}
