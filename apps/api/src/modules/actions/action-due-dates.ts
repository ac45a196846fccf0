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
