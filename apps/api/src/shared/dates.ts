/**
 * Calendar-date helpers for the plan's dates, which are 'YYYY-MM-DD' strings end to end.
 * "Today" is the partnership's day (UK), not the server's or UTC's: an update posted at 00:30 BST
 * belongs to the new day.
 */
const UK_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The UK day of `now` (default: now), as YYYY-MM-DD. Formatting was a measurable part of a small
 * request (addActionUpdate: about 40 us, docs/performance.md), so the last answer is kept for its UTC
 * hour: the UK's offset from UTC has been a whole number of hours since 1847 and changes on the hour,
 * so the UK day cannot change within a UTC hour. Instants before 1970 are formatted every time.
 */
export function todayIso(now: Date = new Date()): string {
  const ms = now.getTime();
  if (!(ms >= 0)) return UK_DAY.format(now);
  const hour = Math.floor(ms / 3_600_000);
  if (hour !== lastHour) {
    lastDay = UK_DAY.format(now);
    lastHour = hour;
  }
  return lastDay;
}
let lastHour = -1;
let lastDay = '';

/**
 * True for a real calendar date written as YYYY-MM-DD (rejects 2025-02-30, and year 0000, which
 * JavaScript accepts but PostgreSQL cannot store: it was a database error, found by fuzzing), within
 * `years` when given (the strategy's dates keep to 1900-2200).
 */
export function isIsoDate(value: unknown, years?: { from: number; to: number }): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || value.startsWith('0000'))
    return false;
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) return false;
  const year = d.getUTCFullYear();
  return !years || (year >= years.from && year <= years.to);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The day `days` after the YYYY-MM-DD date (before it when negative). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The months' names, January first. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** A YYYY-MM-DD date as people read it: 2026-03-03 -> "3 March 2026". */
export function dateInWords(iso: string): string {
  // Sliced rather than split: a board pack writes thousands of dates.
  return `${Number(iso.slice(8, 10))} ${MONTH_NAMES[Number(iso.slice(5, 7)) - 1]} ${Number(iso.slice(0, 4))}`;
}
