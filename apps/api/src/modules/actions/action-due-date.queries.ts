import type { EntityManager } from 'typeorm';

/* The due-date history's SQL. */

/**
 * Appends a due date to the action's history, in the caller's transaction. The caller writes the
 * action's dueOn and dueOnSince (= changedOn) in its own statement.
 */
export async function recordDueDate(
  tx: EntityManager,
  change: {
    actionId: string;
    dueOn: string | null;
    previousDueOn: string | null;
    changedOn: string;
    reason: string | null;
    byId: string | null;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO action_due_date (action_id, due_on, previous_due_on, changed_on, reason, by_id)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [change.actionId, change.dueOn, change.previousDueOn, change.changedOn, change.reason, change.byId],
  );
}
