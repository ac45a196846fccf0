import { isIsoDate, MONTH_NAMES } from '../../shared/dates';

const MONTHS = MONTH_NAMES.map((m) => m.toLowerCase());

/**
 * A date as people write them in UK action plans: 2025-03-31, 31/03/2025 (day first), or
 * 31 March 2025 / 31 Mar 2025. Returns YYYY-MM-DD, or null when the text is not one of these or not
 * a real date. Two-digit years and month-first dates are not guessed at.
 */
export function parsePlanDate(text: string): string | null {
  const t = text.trim();
  if (isIsoDate(t)) return t;
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})$/.exec(t);
  if (m) {
    const word = m[2].toLowerCase();
    const month = MONTHS.findIndex((name) => name === word || (word.length >= 3 && name.startsWith(word)));
    if (month >= 0) return iso(Number(m[3]), month + 1, Number(m[1]));
  }
  return null;
}

function iso(year: number, month: number, day: number): string | null {
  const s = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isIsoDate(s) ? s : null;
}
