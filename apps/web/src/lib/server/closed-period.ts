import type { ApiError } from '$lib/graphql/server-client';
import type { FormReader } from '$lib/forms';
import { formatDate } from '$lib/features/actions/labels';
import type { RestateOffer } from '$lib/features/rounds/restate';

/**
 * A dated write refused because its date falls in a closed round's period (docs/rollup-rules.md,
 * "What a closed period refuses"): the API names the date field and the round (extensions.round). The
 * page says which round and what to do; a viewer the API says may restate
 * (User.permissions.restateClosedPeriods) is offered the "Reason for restating this closed period"
 * field, whose text the form then sends as `restatementReason`. The rule of who may restate stays the
 * API's: this file only reads its answer.
 */

/** The form's field for the reason (sent as the input's `restatementReason`). */
export const REASON_FIELD = 'restatementReason';

/** The kinds of dated write a closed period refuses, in the words each form uses. */
const KINDS = {
  update: {
    field: 'reportedOn',
    date: 'The date of this update',
    covers: 'updates dated',
    until: 'returnsDueOn',
  },
  status: {
    field: 'effectiveOn',
    date: 'The date the status took effect',
    covers: 'status changes taking effect',
    until: 'returnsDueOn',
  },
  measurement: {
    field: 'period',
    date: 'The period ending date',
    covers: 'measurements for periods ending',
    until: 'periodEnd',
  },
} as const;

export type DatedWriteKind = keyof typeof KINDS;

interface RefusedRound {
  id: string;
  title: string;
  returnsDueOn: string;
  periodEnd: string;
}

function refusedRound(e: ApiError, kind: DatedWriteKind): RefusedRound | null {
  const round = e.extensions.round as Partial<RefusedRound> | undefined;
  const field = e.field?.replace(/^input\./, '');
  if (e.code !== 'BAD_USER_INPUT' || field !== KINDS[kind].field || !round?.title) return null;
  return round as RefusedRound;
}

/** The refusal in words: which round, up to which date, and what this viewer can do about it. */
function explain(round: RefusedRound, kind: DatedWriteKind, mayRestate: boolean): string {
  const k = KINDS[kind];
  const until = formatDate(round[k.until]);
  const refused =
    `${k.date} falls in a closed period: “${round.title}” has been closed, and the board's record of it ` +
    `holds ${k.covers} on or before ${until}.`;
  return mayRestate
    ? `${refused} To correct the record, give your reason for restating this closed period, or choose a date after ${until}.`
    : `${refused} Choose a date after ${until}, or ask the strategic lead to record the correction.`;
}

/**
 * The API's errors for a dated write, with a closed-period refusal put in words, and whether to offer
 * the reason field: when the API refused for a closed period and the viewer may restate, or when the
 * field was already on the form (so what was typed in it is kept whatever else was refused). A reason
 * field sent back blank after such a refusal is named as the thing to fill in.
 */
export function closedPeriodRefusal(
  errors: ApiError[],
  form: FormReader,
  kind: DatedWriteKind,
  viewer: App.Locals['viewer'],
): { errors: ApiError[]; restate: RestateOffer | null } {
  const mayRestate = !!viewer?.permissions.restateClosedPeriods;
  let round: RefusedRound | null = null;
  const out: ApiError[] = [];
  for (const e of errors) {
    const refused = refusedRound(e, kind);
    round ??= refused;
    out.push(refused ? { ...e, message: explain(refused, kind, mayRestate) } : e);
  }
  const offered = form.values[REASON_FIELD] !== undefined;
  if (!mayRestate || (!round && !offered)) return { errors: out, restate: null };
  if (round && offered && !form.text(REASON_FIELD)) {
    out.push({
      message: 'Enter your reason for restating this closed period',
      code: 'BAD_USER_INPUT',
      field: REASON_FIELD,
      extensions: {},
    });
  }
  return { errors: out, restate: { round: round ? { id: round.id, title: round.title } : null } };
}
