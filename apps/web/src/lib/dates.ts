/**
 * Dates as people type them into the GOV.UK date input (day, month, year: DateInput.svelte), read on
 * the server so that it works without JavaScript. The month may be a number or a name ("3", "March",
 * "Mar"), as the plan import accepts them; a single field (a link's `?asOf=2025-09-30`) may be written
 * 2025-09-30, 30/09/2025 or 30 September 2025, the import's formats
 * (apps/api/src/modules/action-plan/plan-dates.ts).
 */

const MONTHS = 'january february march april may june july august september october november december'.split(
  ' ',
);

/** What was typed in one date input: its parts, and one line of them for a page to show again. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** The result of reading one date: `value` (YYYY-MM-DD) when it is a real date, else `error`. */
export interface ReadDate {
  value: string | null;
  /** What was typed, as `year-month-day` (DateInput shows it again in its three fields). */
  typed: string;
  error?: string;
}

/** A month number from "3", "03", "March" or "Mar"; null when it is none of these. */
function monthNumber(text: string): number | null {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const word = text.toLowerCase().replace(/\.$/, '');
  const i = MONTHS.findIndex((m) => m === word || (word.length >= 3 && m.startsWith(word)));
  return i >= 0 ? i + 1 : null;
}

/** YYYY-MM-DD when day, month and year make a real date. */
function isoOf(day: number, month: number, year: number): string | null {
  const s = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s ? s : null;
}

/** One typed date (2025-09-30, 30/09/2025, 30 September 2025) as its parts; null when not one of these. */
export function splitDate(text: string): DateParts | null {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return { year: m[1], month: m[2], day: m[3] };
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) return { day: m[1], month: m[2], year: m[3] };
  m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+\.?),?\s+(\d{4})$/.exec(t);
  if (m) return { day: m[1], month: m[2], year: m[3] };
  return null;
}

const PART_NAMES = ['day', 'month', 'year'] as const;

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Reads the date input `name` (fields `name-day`, `name-month`, `name-year`; or `name` alone, as a
 * link writes it) with the GOV.UK messages: "Enter ...", "... must include a month", "... must be a
 * real date". `label` names the date in words ("the due date").
 */
export function readDate(
  get: (field: string) => string | null,
  name: string,
  label: string,
  required = false,
): ReadDate {
  const single = (get(name) ?? '').trim();
  const typedParts: DateParts = {
    day: (get(`${name}-day`) ?? '').trim(),
    month: (get(`${name}-month`) ?? '').trim(),
    year: (get(`${name}-year`) ?? '').trim(),
  };
  const fromSingle = single && !typedParts.day && !typedParts.month && !typedParts.year;
  const parts = fromSingle ? splitDate(single) : typedParts;
  if (!parts) return { value: null, typed: single, error: `${capitalise(label)} must be a real date` };
  const typed = `${parts.year.replace(/-/g, '')}-${parts.month.replace(/-/g, '')}-${parts.day.replace(/-/g, '')}`;
  const missing = PART_NAMES.filter((p) => parts[p] === '');
  if (missing.length === 3) {
    return required ? { value: null, typed: '', error: `Enter ${label}` } : { value: null, typed: '' };
  }
  if (missing.length) {
    const list = missing.length === 2 ? `${missing[0]} and ${missing[1]}` : missing[0];
    return { value: null, typed, error: `${capitalise(label)} must include a ${list}` };
  }
  const month = monthNumber(parts.month);
  const value =
    month !== null && /^\d{1,2}$/.test(parts.day) && /^\d{4}$/.test(parts.year)
      ? isoOf(Number(parts.day), month, Number(parts.year))
      : null;
  if (!value) {
    const hint = /^\d{4}$/.test(parts.year) ? '' : ': the year must have 4 numbers, like 2026';
    return { value: null, typed, error: `${capitalise(label)} must be a real date${hint}` };
  }
  return { value, typed: value };
}

/** The three fields DateInput shows for a value: YYYY-MM-DD (or what was typed, year-month-day). */
export function partsOf(value: string | null | undefined): DateParts {
  const v = (value ?? '').trim();
  if (!v) return { day: '', month: '', year: '' };
  const [year = '', month = '', day = ''] = v.split('-');
  // Saved dates show as people write them: 3, not 03.
  const trim = (s: string) => (/^0\d$/.test(s) ? s.slice(1) : s);
  return { day: trim(day), month: trim(month), year };
}
