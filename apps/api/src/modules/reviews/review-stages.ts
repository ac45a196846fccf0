import { dateInWords, daysBetween } from '../../shared/dates';
import { addMonths } from './review.rules';
import type { ReviewEntity } from './review.entity';
import { QaOutcome } from './review.entity';

/**
 * Where a review stands, in words: its current stage, its next statutory deadline and how late it is
 * (docs/reviews.md). Only outstanding stages have deadlines, so a stage done (late or not) clears its
 * flag, and a published review has none.
 */

export interface ReviewFlag {
  /** What is late, e.g. "Decision to review". */
  what: string;
  dueOn: string;
  daysLate: number;
  /** "Decision to review due 3 March 2026, 12 days late". */
  text: string;
}

export interface ReviewStanding {
  stage: string;
  nextDeadline: { what: string; dueOn: string; daysLate: number; text: string } | null;
  flags: ReviewFlag[];
}

type StageDates = Pick<
  ReviewEntity,
  'notifiedOn' | 'decidedOn' | 'panelStartedOn' | 'submittedOn' | 'qaOutcome' | 'qaOn' | 'publishedOn'
>;

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** "due 3 March 2026, 12 days late" / "due 3 March 2026, in 5 days" / "due today". */
export function deadlineInWords(what: string, dueOn: string, today: string): string {
  const late = daysBetween(dueOn, today);
  const when =
    late > 0 ? `${plural(late, 'day')} late` : late === 0 ? 'due today' : `in ${plural(-late, 'day')}`;
  return late === 0
    ? `${what} due today (${dateInWords(dueOn)})`
    : `${what} due ${dateInWords(dueOn)}, ${when}`;
}

function stageName(r: StageDates): string {
  if (r.publishedOn) return 'Published';
  if (r.qaOutcome === QaOutcome.APPROVED) return 'Approved by the Home Office, awaiting publication';
  if (r.qaOutcome === QaOutcome.RESUBMIT) return 'Revising the report for the Home Office';
  if (r.submittedOn) return "With the Home Office's quality assurance panel";
  if (r.panelStartedOn) return 'Panel meeting: writing the report';
  if (r.decidedOn) return 'Review agreed: setting up the panel';
  if (r.notifiedOn) return 'Notified: deciding whether to hold a review';
  return 'Not yet notified';
}

export function reviewStanding(r: StageDates, today: string): ReviewStanding {
  const stage = stageName(r);
  if (r.publishedOn) return { stage, nextDeadline: null, flags: [] };
  let next: { what: string; dueOn: string } | null = null;
  if (r.notifiedOn && !r.decidedOn) next = { what: 'Decision to review', dueOn: addMonths(r.notifiedOn, 1) };
  else if (r.decidedOn && !r.submittedOn) next = { what: 'Report', dueOn: addMonths(r.decidedOn, 6) };
  if (!next) return { stage, nextDeadline: null, flags: [] };
  const daysLate = Math.max(0, daysBetween(next.dueOn, today));
  const nextDeadline = { ...next, daysLate, text: deadlineInWords(next.what, next.dueOn, today) };
  return { stage, nextDeadline, flags: daysLate > 0 ? [nextDeadline] : [] };
}
