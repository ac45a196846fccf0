import type { DataSource, EntityManager } from 'typeorm';
import { OutputEntity } from '../strategy/output.entity';

/*
 * The action-plan import's SQL. A function that takes an EntityManager runs in the caller's
 * transaction.
 */

/** The outputs of these objectives (a non-empty list of ids). */
export function outputsOfObjectives(db: DataSource, objectiveIds: string[]): Promise<OutputEntity[]> {
  return db
    .getRepository(OutputEntity)
    .createQueryBuilder('o')
    .where('o.objective_id IN (:...ids)', { ids: objectiveIds })
    .getMany();
}

/** The refs of the strategy's actions. */
export async function actionRefsOfStrategy(db: DataSource, strategyId: string): Promise<string[]> {
  return (await db.query('SELECT ref FROM action WHERE strategy_id = $1', [strategyId])).map(
    (r: { ref: string }) => r.ref,
  );
}

/** Removes the partnership's unconfirmed previews older than `hours`. */
export async function deleteStalePreviews(
  tx: EntityManager,
  partnershipId: string,
  hours: number,
): Promise<void> {
  await tx.query(
    `DELETE FROM action_import WHERE partnership_id = $1 AND confirmed_at IS NULL
        AND created_at < now() - make_interval(hours => $2)`,
    [partnershipId, hours],
  );
}

/**
 * Locks the partnership's preview (FOR UPDATE) and says whether it is confirmed already and whether it
 * is older than `hours`; undefined when there is no such preview.
 */
export async function lockImport(
  tx: EntityManager,
  importId: string,
  partnershipId: string,
  hours: number,
): Promise<{ confirmed_at: Date | null; expired: boolean } | undefined> {
  const [locked]: Array<{ confirmed_at: Date | null; expired: boolean }> = await tx.query(
    `SELECT confirmed_at, created_at < now() - make_interval(hours => $3) AS expired
       FROM action_import WHERE id = $1 AND partnership_id = $2 FOR UPDATE`,
    [importId, partnershipId, hours],
  );
  return locked;
}

/** Stamps the preview confirmed now, by `userId`. */
export async function markImportConfirmed(
  tx: EntityManager,
  importId: string,
  userId: string,
): Promise<void> {
  await tx.query(`UPDATE action_import SET confirmed_at = now(), confirmed_by = $2 WHERE id = $1`, [
    importId,
    userId,
  ]);
}
