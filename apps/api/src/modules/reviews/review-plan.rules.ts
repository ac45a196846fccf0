import { dateInWords, daysBetween } from '../../shared/dates';

/**
 * Plain rules of the action plan and of national routing (no database), shared by services and tests.
 */

/** A milestone is overdue while it is not completed and its target date has passed. */
export function isMilestoneOverdue(
  m: { targetOn: string; completedOn: string | null },
  today: string,
): boolean {
  return m.completedOn == null && m.targetOn < today;
}

/**
 * How long the panel waits for a national or regional body before reminding itself to chase: an
 * acknowledgement within 28 days of sending, an answer within 90 days of sending. Chosen to match a
 * government department's usual correspondence targets with room to spare (docs/reviews.md).
 */
export const ROUTING_REMINDER_DAYS = { acknowledge: 28, answer: 90 } as const;

export interface RoutingDates {
  addressedTo: string | null;
  sentOn: string | null;
  acknowledgedOn: string | null;
  answeredOn: string | null;
}

export interface Waiting {
  /** What the recommendation waits for: "Not sent yet", "Acknowledgement", "Answer"; null when answered. */
  waitingFor: 'SEND' | 'ACKNOWLEDGEMENT' | 'ANSWER' | null;
  /** Days waited since it was sent (0 before sending or once answered). */
  days: number;
  /** Days past the reminder threshold (0 when within it). */
  daysOverdue: number;
  text: string;
}

/** Whom a routed recommendation waits on, and for how long, in words. */
export function routingWaiting(r: RoutingDates, today: string): Waiting {
  const body = r.addressedTo || 'the body it is addressed to';
  if (!r.sentOn) {
    return { waitingFor: 'SEND', days: 0, daysOverdue: 0, text: `Not yet sent to ${body}` };
  }
  if (r.answeredOn) {
    return {
      waitingFor: null,
      days: 0,
      daysOverdue: 0,
      text: `Answered by ${body} on ${dateInWords(r.answeredOn)}`,
    };
  }
  const days = daysBetween(r.sentOn, today);
  const ack = !r.acknowledgedOn;
  const limit = ack ? ROUTING_REMINDER_DAYS.acknowledge : ROUTING_REMINDER_DAYS.answer;
  const what = ack ? 'acknowledgement' : 'answer';
  return {
    waitingFor: ack ? 'ACKNOWLEDGEMENT' : 'ANSWER',
    days,
    daysOverdue: Math.max(0, days - limit),
    text: `Waiting ${days} day${days === 1 ? '' : 's'} for ${body}'s ${what} (sent ${dateInWords(r.sentOn)})`,
  };
}

/**
 * The chase a routed recommendation is due, if any: one key per stage waited for, so a reminder is
 * sent once for a missing acknowledgement and once for a missing answer, never daily.
 */
export function dueChase(
  r: RoutingDates & { id: string },
  today: string,
): { dedupeKey: string; text: string } | null {
  const w = routingWaiting(r, today);
  if ((w.waitingFor !== 'ACKNOWLEDGEMENT' && w.waitingFor !== 'ANSWER') || w.daysOverdue === 0) return null;
  return { dedupeKey: `recommendation-chase:${r.id}:${w.waitingFor}:${r.sentOn}`, text: w.text };
}
