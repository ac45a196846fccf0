import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { ConflictError } from '../errors/errors';

/**
 * Optimistic concurrency: applies `changes` only if the row is still at `version`, bumping it.
 * Two concurrent edits from the same version: the second UPDATE waits for the first to commit, then
 * matches no row and is refused with CONFLICT and the version it would have to start from.
 */
export async function updateVersioned<E extends ObjectLiteral & { id: string; version: number }>(
  tx: EntityManager,
  entity: EntityTarget<E>,
  label: string,
  current: E,
  version: number,
  changes: Partial<E>,
): Promise<E> {
  if (current.version !== version) {
    throw new ConflictError(
      `This ${label.toLowerCase()} was changed by someone else: reload and try again.`,
      {
        currentVersion: current.version,
      },
    );
  }
  const result = await tx
    .createQueryBuilder()
    .update(entity)
    .set({ ...changes, version: () => 'version + 1' } as never)
    .where('id = :id AND version = :version', { id: current.id, version })
    .execute();
  const updated = await tx.getRepository(entity).findOneByOrFail({ id: current.id } as never);
  if (!result.affected) {
    throw new ConflictError(
      `This ${label.toLowerCase()} was changed by someone else: reload and try again.`,
      {
        currentVersion: updated.version,
      },
    );
  }
  return updated;
}
