import type { DataSource, EntityManager } from 'typeorm';

/*
 * The SQL of redacting an action update's text (action-update-redaction.service.ts). The replacement
 * itself is the database's (redact_text, redact_jsonb in the redaction migration).
 */

/** An update of the partnership (a valid uuid) with its action's ref and group, for the form. */
export async function redactableUpdate(
  db: DataSource,
  id: string,
  partnershipId: string,
): Promise<
  | {
      id: string;
      action_id: string;
      ref: string;
      group_id: string;
      progress: string;
      impact: string;
      reported_on: string;
      version: number;
    }
  | undefined
> {
  const [u] = await db.query(
    `SELECT u.id, u.action_id, a.ref, a.group_id, u.progress, u.impact, u.reported_on::text,
            u.text_version AS version
       FROM action_update u JOIN action a ON a.id = u.action_id JOIN strategy s ON s.id = a.strategy_id
      WHERE u.id = $1 AND s.partnership_id = $2`,
    [id, partnershipId],
  );
  return u;
}

/** The partnership's update (a valid uuid), locked FOR UPDATE, with its text version and action's group. */
export async function lockUpdateText(
  tx: EntityManager,
  id: string,
  partnershipId: string,
): Promise<
  | { id: string; progress: string; impact: string; version: number; group_id: string; strategy_id: string }
  | undefined
> {
  const [row] = await tx.query(
    `SELECT u.id, u.progress, u.impact, u.text_version AS version, a.group_id, a.strategy_id
       FROM action_update u JOIN action a ON a.id = u.action_id JOIN strategy s ON s.id = a.strategy_id
      WHERE u.id = $1 AND s.partnership_id = $2 FOR UPDATE OF u`,
    [id, partnershipId],
  );
  return row;
}

/** Replaces the words in the update's progress and impact and moves its text version on. */
export async function redactUpdateText(
  tx: EntityManager,
  id: string,
  words: readonly string[],
): Promise<void> {
  await tx.query(
    `UPDATE action_update u SET progress = redact_text(u.progress, $2), impact = redact_text(u.impact, $2),
            text_version = u.text_version + 1
      WHERE u.id = $1`,
    [id, words],
  );
}

/** Replaces the words in the staged updates of the strategy's imported plans (action_import.rows). */
export async function redactStagedImportUpdates(
  tx: EntityManager,
  partnershipId: string,
  strategyId: string,
  words: readonly string[],
): Promise<void> {
  await tx.query(
    `UPDATE action_import ai
        SET rows = (SELECT coalesce(jsonb_agg(
                      CASE WHEN jsonb_typeof(x.e -> 'update') = 'object'
                           THEN jsonb_set(x.e, '{update}', redact_jsonb(x.e -> 'update', $3))
                           ELSE x.e END ORDER BY x.n), '[]'::jsonb)
                      FROM jsonb_array_elements(ai.rows) WITH ORDINALITY AS x(e, n))
      WHERE ai.partnership_id = $1 AND ai.strategy_id = $2 AND ai.rows IS DISTINCT FROM redact_jsonb(ai.rows, $3)`,
    [partnershipId, strategyId, words],
  );
}
