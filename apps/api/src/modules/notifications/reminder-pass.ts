import type { DataSource } from 'typeorm';
import { todayIso } from '../../shared/dates';
import { recordDueReminders } from './reminder-pass.queries';

/**
 * Records every reminder, overdue notice and escalation due today (the UK day) across all
 * partnerships, each at most once (reminder-pass.queries.ts); one SQL statement in all.
 */
export function runReminderPass(db: DataSource, now: Date = new Date()): Promise<string[]> {
  return recordDueReminders(db.manager, todayIso(now));
}
