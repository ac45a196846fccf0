import { addDays, todayIso } from '../../src/shared/dates';

/** The UK day `n` days from today (before it when negative), as YYYY-MM-DD: the tests' dates relative to now. */
export function daysFromToday(n: number): string {
  return addDays(todayIso(), n);
}
