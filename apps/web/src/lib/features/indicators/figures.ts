import { num } from '$lib/features/rollup/format';

/** A figure as the board shows it (IndicatorFigure's fields it reads). */
export interface Figure {
  area?: string | null;
  period: string;
  value?: number | null;
  numerator?: number | null;
  denominator?: number | null;
  suppressed: boolean;
  targetInForce?: number | null;
  rating?: string | null;
}

/** Counts below 5 are never shown: the API withholds them and says so. */
export const FEWER_THAN_5 = 'fewer than 5';

/** A figure's value in words: "fewer than 5" when suppressed, a rate with its counts. */
export function figureText(f: Figure | null | undefined, unit: string): string {
  if (!f) return 'No value yet';
  if (f.suppressed) return FEWER_THAN_5;
  const value = num(f.value, unit);
  return f.numerator != null && f.denominator != null
    ? `${value} (${f.numerator} of ${f.denominator})`
    : value;
}

const RATINGS: Record<string, string> = {
  ON_TRACK: 'On track',
  WITHIN_TOLERANCE: 'Within tolerance',
  OFF_TRACK: 'Off track',
};

export function ratingText(r: string | null | undefined): string {
  return r ? (RATINGS[r] ?? r) : 'No target';
}

/** GOV.UK tag colour of a rating. */
export function ratingClass(r: string | null | undefined): string {
  return r === 'ON_TRACK'
    ? 'govuk-tag--green'
    : r === 'WITHIN_TOLERANCE'
      ? 'govuk-tag--yellow'
      : r === 'OFF_TRACK'
        ? 'govuk-tag--red'
        : 'govuk-tag--grey';
}

export const areaName = (area: string | null | undefined) => area || 'Partnership-wide';

/** An indicator's own figures, as its add and change forms ask for them (in the indicator's unit). */
export const INDICATOR_FIGURES = [
  { name: 'baseline', label: 'Baseline (optional)' },
  { name: 'target', label: 'Target (optional)', hint: 'Below the baseline when lower is better' },
  {
    name: 'tolerance',
    label: 'Tolerance (optional)',
    hint: 'How far short of the target in force still counts as within tolerance, in the unit',
  },
] as const;
