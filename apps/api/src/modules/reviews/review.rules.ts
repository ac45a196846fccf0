import { BadInputError } from '../../errors/errors';
import { isIsoDate } from '../../shared/dates';
import { findPersonalIdentifier, type PersonalIdentifierKind } from '../voice';
import { RecommendationStatus } from './recommendation.entity';

// Partial: the screen may learn new kinds; those read as the fallback below.
const IDENTIFIER_WORDS: Partial<Record<PersonalIdentifierKind, string>> = {
  EMAIL: 'an email address',
  PHONE: 'a phone number',
  POSTCODE: 'a postcode',
  NI_NUMBER: 'a National Insurance number',
};

/**
 * Plain rules for reviews and recommendations (no database), shared by the service and the tests.
 */

/** The dated stages of a review's life, in the order they must happen when present. */
export const REVIEW_STAGES = [
  'notifiedOn',
  'decidedOn',
  'panelStartedOn',
  'submittedOn',
  'qaOn',
  'publishedOn',
] as const;
export type ReviewStage = (typeof REVIEW_STAGES)[number];

export type ReviewDates = Partial<Record<ReviewStage | 'commissionedOn', string | null>>;

/** `iso` plus `months` calendar months; a day past the end of the month is clamped (31 Jan + 1 = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The statutory timescales (docs/review-practice.md): the decision to hold a review within one calendar month
 * of notification, and the report within six calendar months of the decision. A stage is late while
 * it is outstanding past its deadline (relative to `today`); the flag clears once the stage is done,
 * and a published review has no outstanding stage at all.
 */
export function reviewTimeliness(
  r: {
    notifiedOn: string | null;
    decidedOn: string | null;
    submittedOn: string | null;
    publishedOn?: string | null;
  },
  today: string,
): { decisionLate: boolean; reportLate: boolean } {
  if (r.publishedOn) return { decisionLate: false, reportLate: false };
  const decisionLate = r.notifiedOn != null && r.decidedOn == null && today > addMonths(r.notifiedOn, 1);
  const reportLate = r.decidedOn != null && r.submittedOn == null && today > addMonths(r.decidedOn, 6);
  return { decisionLate, reportLate };
}

/**
 * Refuses impossible dates: malformed ones, stages in the future (they record what happened), stages
 * out of order (the error names the later field), and a commission date outside notification..submission.
 */
export function checkReviewDates(r: ReviewDates, today: string): void {
  for (const field of ['commissionedOn', ...REVIEW_STAGES] as const) {
    const v = r[field];
    if (v == null) continue;
    if (!isIsoDate(v)) throw new BadInputError(field, 'Give a real date as YYYY-MM-DD.');
    if (v > today)
      throw new BadInputError(field, 'This date is in the future: record stages once they happen.');
  }
  let latest: { field: ReviewStage; value: string } | null = null;
  for (const field of REVIEW_STAGES) {
    const v = r[field];
    if (v == null) continue;
    if (latest && v < latest.value) {
      throw new BadInputError(field, `${field} cannot be before ${latest.field} (${latest.value}).`, {
        before: latest.field,
      });
    }
    latest = { field, value: v };
  }
  const c = r.commissionedOn;
  if (c != null) {
    if (r.notifiedOn != null && c < r.notifiedOn) {
      throw new BadInputError(
        'commissionedOn',
        `commissionedOn cannot be before notifiedOn (${r.notifiedOn}).`,
        {
          before: 'notifiedOn',
        },
      );
    }
    for (const later of ['submittedOn', 'qaOn', 'publishedOn'] as const) {
      const v = r[later];
      if (v != null && v < c) {
        throw new BadInputError(later, `${later} cannot be before commissionedOn (${c}).`, {
          before: 'commissionedOn',
        });
      }
    }
  }
}

const STATUS_ORDER = [
  RecommendationStatus.OPEN,
  RecommendationStatus.IN_PROGRESS,
  RecommendationStatus.IMPLEMENTED,
  RecommendationStatus.ASSURED,
];

/**
 * Which status changes are allowed (docs/decisions/0004-reviews-and-survivor-voice-rules.md):
 * - any move forward, skipping steps if need be (a panel often learns of implementation late);
 * - ASSURED always needs evidence;
 * - any move backward (re-opening an implemented or assured recommendation) needs evidence too,
 *   here meaning the reason, so the history shows why the partnership changed its mind;
 * - "moving" to the current status is refused: it would add history that records no change.
 */
export function checkStatusChange(
  from: RecommendationStatus,
  to: RecommendationStatus,
  evidence: string | null,
): void {
  if (!STATUS_ORDER.includes(to)) throw new BadInputError('status', 'Unknown status.');
  if (from === to) throw new BadInputError('status', `The recommendation is already ${to}.`);
  if (to === RecommendationStatus.ASSURED && !evidence) {
    throw new BadInputError(
      'evidence',
      'Give the evidence that the recommendation is implemented to mark it ASSURED.',
    );
  }
  if (STATUS_ORDER.indexOf(to) < STATUS_ORDER.indexOf(from) && !evidence) {
    throw new BadInputError('evidence', `Say why the recommendation moves back from ${from} to ${to}.`);
  }
}

/** OPEN or IN_PROGRESS past its due date. */
export function isRecommendationOverdue(
  r: { dueOn: string | null; status: RecommendationStatus },
  today: string,
): boolean {
  return (
    r.dueOn != null &&
    r.dueOn < today &&
    (r.status === RecommendationStatus.OPEN || r.status === RecommendationStatus.IN_PROGRESS)
  );
}

export { isUuid } from '../../database/ids';

/**
 * Trims and checks a text field's length and characters; errors name the field. Reviews never hold
 * names or contact details of the people involved, so every text is screened for personal
 * identifiers the way feedback is (refs, codes chosen by the panel, may opt out with `screen: false`).
 */
export function cleanText(
  field: string,
  value: string | null | undefined,
  opts: { required?: boolean; max: number; screen?: boolean },
): string | null {
  const v = typeof value === 'string' ? value.trim() : null;
  if (!v) {
    if (opts.required) throw new BadInputError(field, `Enter the ${field}.`);
    return null;
  }
  if (v.length > opts.max) throw new BadInputError(field, `${field} must be at most ${opts.max} characters.`);
  // Control characters other than newlines and tabs are never meant, break exports, and a NUL cannot
  // be stored at all (PostgreSQL refused it: found by fuzzing).
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(v)) {
    throw new BadInputError(field, `${field} contains characters that are not allowed.`);
  }
  if (opts.screen !== false) {
    const kind = findPersonalIdentifier(v);
    if (kind) {
      throw new BadInputError(
        field,
        `This looks like it contains ${IDENTIFIER_WORDS[kind] ?? 'details that identify a person'}. Reviews never hold details that identify people: remove it and try again.`,
        { identifier: kind },
      );
    }
  }
  return v;
}

/** `value` when it is one of the enum's values, else BAD_USER_INPUT naming the field. */
export function checkEnum<T extends string>(field: string, value: unknown, values: Record<string, T>): T {
  if (!Object.values(values).includes(value as T)) throw new BadInputError(field, `Unknown ${field}.`);
  return value as T;
}
