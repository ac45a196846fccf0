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
export function outcomesOfOutputs(m: EntityManager, ids: readonly string[]) {
  return linkedThrough(m, OutcomeEntity, 'oc', 'outcome_id', 'output_id', ids);
}

/** The outputs contributing to the outcomes `ids`, by position then title. */
export function outputsOfOutcomes(m: EntityManager, ids: readonly string[]) {
  return linkedThrough(m, OutputEntity, 'op', 'output_id', 'outcome_id', ids);
}

/**
 * The records of `entity` (alias `alias`) linked through output_outcome (its column `ownColumn`) to the
 * ids `ids` of the other end (column `keyColumn`), by position then title.
 */
async function linkedThrough<E extends { id: string }>(
  m: EntityManager,
  entity: EntityTarget<E>,
  alias: string,
  ownColumn: string,
  keyColumn: string,
  ids: readonly string[],
): Promise<Array<Linked<E>>> {
  const rows = await m
    .getRepository(entity)
    .createQueryBuilder(alias)
    .innerJoin(OutputOutcomeEntity, 'link', `link.${ownColumn} = ${alias}.id`)
    .addSelect(`link.${keyColumn}`, `link_${keyColumn}`)
    .where(`link.${keyColumn} IN (:...ids)`, { ids })
    .orderBy(`${alias}.position`, 'ASC')
    .addOrderBy(`${alias}.title`, 'ASC')
    .getRawAndEntities();
  return linkedPairs(
    rows.raw as Array<Record<string, unknown>>,
    rows.entities,
    `link_${keyColumn}`,
    `${alias}_id`,
  );
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
