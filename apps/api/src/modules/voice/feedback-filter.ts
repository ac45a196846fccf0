import { BadInputError } from '../../errors/errors';
import { isIsoDate } from '../../shared/dates';
import { isUuid } from '../../database/ids';
import type { FeedbackFilter } from './feedback.inputs';
import { FeedbackDecisionFilter } from './voice-loop.enums';

/**
 * The feedback list's filters by decision (the one in force today), period received and meeting, as
 * SQL conditions on `feedback f`; their values are pushed onto `params`.
 */
export function feedbackFilterSql(f: FeedbackFilter, params: unknown[]): string[] {
  const where: string[] = [];
  if (f.decision != null) {
    if (!Object.values(FeedbackDecisionFilter).includes(f.decision)) {
      throw new BadInputError('decision', 'Not a decision.');
    }
    const latest = `(SELECT d.decision FROM feedback_decision d WHERE d.feedback_id = f.id
      ORDER BY d.decided_on DESC, d.feedback_version DESC LIMIT 1)`;
    if (f.decision === FeedbackDecisionFilter.UNDECIDED) {
      where.push(`NOT EXISTS (SELECT 1 FROM feedback_decision d WHERE d.feedback_id = f.id)`);
    } else {
      params.push(f.decision);
      where.push(`${latest} = $${params.length}`);
    }
  }
  for (const [field, op] of [
    ['receivedFrom', '>='],
    ['receivedTo', '<='],
  ] as const) {
    const v = f[field];
    if (v == null || v === '') continue;
    if (!isIsoDate(v)) throw new BadInputError(field, 'Give a real date as YYYY-MM-DD.');
    params.push(v);
    where.push(`f.received_on ${op} $${params.length}::date`);
  }
  if (f.receivedFrom && f.receivedTo && f.receivedFrom > f.receivedTo) {
    throw new BadInputError('receivedTo', 'receivedTo cannot be before receivedFrom.');
  }
  if (f.meetingId != null && f.meetingId !== '') {
    if (!isUuid(f.meetingId)) throw new BadInputError('meetingId', 'Not a meeting id.');
    params.push(f.meetingId);
    where.push(`f.meeting_id = $${params.length}`);
  }
  return where;
}
