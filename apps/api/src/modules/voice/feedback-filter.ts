import { BadInputError } from '../../errors/errors';
import { isIsoDate } from '../../shared/dates';
import { isUuid } from '../../database/ids';
import type { FeedbackFilter } from './feedback.inputs';
import { FeedbackDecisionFilter } from './voice-loop.enums';

/**
 * Checks the feedback list's filters by decision (the one in force today), period received and
 * meeting: BAD_USER_INPUT naming the first field that is wrong. Their SQL is feedbackFilterSql
 * (feedback.queries.ts).
 */
export function checkFeedbackFilter(f: FeedbackFilter): void {
  if (f.decision != null && !Object.values(FeedbackDecisionFilter).includes(f.decision)) {
    throw new BadInputError('decision', 'Not a decision.');
  }
  for (const field of ['receivedFrom', 'receivedTo'] as const) {
    const v = f[field];
    if (v == null || v === '') continue;
    if (!isIsoDate(v)) throw new BadInputError(field, 'Give a real date as YYYY-MM-DD.');
  }
  if (f.receivedFrom && f.receivedTo && f.receivedFrom > f.receivedTo) {
    throw new BadInputError('receivedTo', 'receivedTo cannot be before receivedFrom.');
  }
  if (f.meetingId != null && f.meetingId !== '') {
    if (!isUuid(f.meetingId)) throw new BadInputError('meetingId', 'Not a meeting id.');
  }
}
