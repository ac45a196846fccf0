import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { ConflictError } from '../errors/errors';

/** A versioned record: every edit moves `version` on by one. */
type Versioned = ObjectLiteral & { id: string; version: number };

/** The refusal of a stale edit, given the row's version now (null when the row is gone). */
export type StaleVersion = (currentVersion: number | null) => Error;

/** CONFLICT with extensions.currentVersion, worded "This <label> was changed by someone else: ...". */
export function staleVersion(label: string): StaleVersion {
  return (currentVersion) =>
    new ConflictError(`This ${label.toLowerCase()} was changed by someone else: reload it and try again.`, {
      currentVersion,
    });
}

/** Refuses an edit made from an older (or newer) version than the row's. */
export function checkVersion(currentVersion: number, version: number, stale: StaleVersion): void {
  if (currentVersion !== version) throw stale(currentVersion);
}

/**
 * Optimistic concurrency, the one way every module writes it: applies `changes` (with version + 1) only
 * if row `id` is still at `version` (and matches `where`, e.g. the viewer's partnership); otherwise throws
 * `stale(the row's version now)`. Two concurrent edits from the same version: the second UPDATE waits
 * for the first to commit, then matches no row and is refused. Returns the row as updated.
 */
export async function updateAtVersion<E extends Versioned>(
  tx: EntityManager,
  entity: EntityTarget<E>,
  at: { id: string; version: number; where?: string; params?: ObjectLiteral },
  changes: ObjectLiteral,
  stale: StaleVersion,
): Promise<E> {
  const result = await tx
    .createQueryBuilder()
    .update(entity)
    .set({ ...changes, version: () => 'version + 1' } as never)
    .where(`id = :id AND version = :version${at.where ? ` AND ${at.where}` : ''}`, {
      ...at.params,
      id: at.id,
      version: at.version,
    })
    .execute();
  const updated = await tx.getRepository(entity).findOneBy({ id: at.id } as never);
  if (!result.affected || !updated) throw stale(updated?.version ?? null);
  return updated;
}

/**
 * updateAtVersion for a record already read (`current`): a stale `version` is refused before any write,
 * with the wording of staleVersion(label).
 */
export async function updateVersioned<E extends Versioned>(
  tx: EntityManager,
  entity: EntityTarget<E>,
  label: string,
  current: E,
  version: number,
  changes: Partial<E>,
): Promise<E> {
  const stale = staleVersion(label);
  checkVersion(current.version, version, stale);
  return updateAtVersion(tx, entity, { id: current.id, version }, changes, stale);
}
