import type { EntityManager } from 'typeorm';
import { text } from './action.validation';

/** The longest reason kept for a due-date change. */
export const DUE_ON_REASON_MAX = 1000;

/**
 * Checks the reason for moving a due date: required once the action was agreed before today (the
 * plan others report on has changed), optional on the day it was agreed (still being drafted).
 */
export function dueOnChangeReason(
  agreedOn: string,
  today: string,
  reason: string | null | undefined,
): string | null {
  const v = text('dueOnChangeReason', reason, {
    required: agreedOn < today,
    max: DUE_ON_REASON_MAX,
    label: 'the reason the due date changed',
  });
  return v || null;
}

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
