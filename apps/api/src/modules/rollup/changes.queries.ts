/**
 * "What changed" between two dates (docs/rollup-rules.md, "What changed"), computed in PostgreSQL in
 * TWO statements whatever the size of the plan (the actions' lines with their records; the rest): the
 * per-action state as of each date follows the roll-up's own as-of rules (as-of.ts), so that what
 * changed is exactly the difference between the board's roll-ups as of the two dates. reference-changes.ts states the same rules in TypeScript and
 * the property test (rollup.changes.property.test.ts) holds the two equal.
 */

import { byRef } from '../../database/collation';
import { dueOnAsOf, recommendationStatusAsOf, ukDay } from './as-of';
import type { Queryable, RollupRag } from './queries';

export type ChangeStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETE' | 'CANCELLED';
export type ChangeRecommendationStatus = 'OPEN' | 'IN_PROGRESS' | 'IMPLEMENTED' | 'ASSURED';

/** An action's status and RAG on `from` and on `to`. */
export interface ActionChangeRow {
  /** The action's record, when the caller asked for its columns (actionColumns). */
  action?: unknown;
  actionId: string;
  fromStatus: ChangeStatus;
  toStatus: ChangeStatus;
  fromRag: RollupRag | null;
  toRag: RollupRag | null;
}

export interface NewActionRow {
  /** The action's record, when the caller asked for its columns (actionColumns). */
  action?: unknown;
  actionId: string;
  agreedOn: string;
  status: ChangeStatus;
  rag: RollupRag | null;
  dueOn: string | null;
}

export interface OverdueActionRow {
  /** The action's record, when the caller asked for its columns (actionColumns). */
  action?: unknown;
  actionId: string;
  dueOn: string;
  status: ChangeStatus;
}

export interface DueDateRevisionRow {
  /** The action's record, when the caller asked for its columns (actionColumns). */
  action?: unknown;
  actionId: string;
  fromDueOn: string | null;
  toDueOn: string | null;
  /** The day of the last revision in the window. */
  revisedOn: string;
}

export interface IndicatorChangeRow {
  indicatorId: string;
  /** Partnership-wide values for periods in the window. */
  newValues: number;
  fromValue: number | null;
  fromPeriod: string | null;
  toValue: number;
  toPeriod: string;
}

export interface RecommendationChangeRow {
  recommendationId: string;
  fromStatus: ChangeRecommendationStatus;
  toStatus: ChangeRecommendationStatus;
}

export interface FeedbackAnsweredRow {
  feedbackId: string;
  receivedOn: string;
  /** The day of its first response (in the window). */
  respondedOn: string;
}

export interface RollupChangesRow {
  from: string;
  to: string;
  actions: ActionChangeRow[];
  newActions: NewActionRow[];
  newlyCompleted: ActionChangeRow[];
  newlyOverdue: OverdueActionRow[];
  dueDateRevisions: DueDateRevisionRow[];
  indicators: IndicatorChangeRow[];
  recommendations: RecommendationChangeRow[];
  feedbackAnswered: FeedbackAnsweredRow[];
}

const open = (status: string) => `${status} IN ('NOT_STARTED', 'IN_PROGRESS')`;

/** JSON array of `object` over `from`, ordered; '[]' when none. */
const jsonList = (object: string, from: string, order: string) =>
  `coalesce((SELECT json_agg(${object} ORDER BY ${order}) FROM ${from}), '[]'::json)`;

/**
 * An action's status and RAG as of `asOf` (columns of action `a` and of `h`, its last update on or
 * before asOf from historyAsOf): the rules of actionsAsOf (as-of.ts) per action. Reported on or before
 * asOf (or never): its current_* columns; reported after: its last update then, NOT_STARTED and
 * unrated when none.
 */
const statusAsOf = (asOf: string, h: string) =>
  `CASE WHEN a.last_reported_on > ${asOf} THEN coalesce(${h}.status, 'NOT_STARTED')
    WHEN a.last_reported_on IS NULL THEN 'NOT_STARTED' ELSE a.current_status END`;
const ragAsOf = (asOf: string, h: string) =>
  `CASE WHEN a.last_reported_on > ${asOf} THEN ${h}.rag
    WHEN a.last_reported_on IS NULL THEN NULL ELSE a.current_rag END`;

/**
 * LEFT JOIN LATERAL `h`: action a's last update on or before asOf (same day: the greatest seq), read
 * through ix_action_update_asof only when `when` holds (a one-time filter per action: the actions
 * reported after asOf that count on it), as actionsAsOf's second branch reads it.
 */
const historyAsOf = (asOf: string, h: string, when: string) => `LEFT JOIN LATERAL (
    SELECT u.status, u.rag FROM action_update u
    WHERE ${when} AND u.action_id = a.id AND u.reported_on <= ${asOf}
    ORDER BY u.reported_on DESC, u.seq DESC
    LIMIT 1
  ) ${h} ON true`;

/**
 * WITH-list items ending in `changed`: each action with some change (few of the plan's actions,
 * thousands over a year at size L), with its state on both dates (from_/to_status, _rag, _due; existed:
 * agreed on or before "from"), newly_overdue, revised_on (the last revision in the window, when the due
 * date differs) and `columns` (more select-list items of the action row `a`, e.g. its record). Statement 1
 * and the answer text of the action lines (changes-text.queries.ts) both read it.
 *
 * The state on each date follows actionsAsOf (as-of.ts: the roll-up's own rules; the property test
 * holds them equal), but in ONE pass over the strategy's actions rather than the roll-up's two
 * as-of sets joined by id: the set as of `to` and the set as of `from` (every action agreed by then is
 * also in the set as of `to`) were each built, sorted and merge-joined, then joined to the action rows
 * again for the records; here each action row is read once, its history looked up only for a date it
 * was reported after (at L over a year: 11,905 lookups for "from", none for "to" = today).
 */
export const changedActionsCte = (columns: string) => `
state AS (
  SELECT a.id, a.ref, a.agreed_on, a.agreed_on <= $3::date AS existed,
    CASE WHEN a.agreed_on <= $3::date THEN ${statusAsOf('$3::date', 'hf')} ELSE 'NOT_STARTED' END AS from_status,
    CASE WHEN a.agreed_on <= $3::date THEN ${ragAsOf('$3::date', 'hf')} END AS from_rag,
    CASE WHEN a.agreed_on <= $3::date THEN ${dueOnAsOf('$3::date')} END AS from_due,
    ${statusAsOf('$4::date', 'ht')} AS to_status,
    ${ragAsOf('$4::date', 'ht')} AS to_rag,
    ${dueOnAsOf('$4::date')} AS to_due${columns ? `, ${columns}` : ''}
  FROM strategy s JOIN action a ON a.strategy_id = s.id
  ${historyAsOf('$3::date', 'hf', 'a.agreed_on <= $3::date AND a.last_reported_on > $3::date')}
  ${historyAsOf('$4::date', 'ht', 'a.last_reported_on > $4::date')}
  WHERE s.id = $1 AND s.partnership_id = $2 AND a.agreed_on <= $4::date
),
pair AS (
  SELECT p.*,
    coalesce(p.existed AND ${open('p.from_status')} AND p.from_due < $3::date, false) AS was_overdue
  FROM state p
),
changed AS (
  SELECT p.*,
    ${open('p.to_status')} AND p.to_due < $4::date AND NOT p.was_overdue AS newly_overdue,
    CASE WHEN p.existed AND p.from_due IS DISTINCT FROM p.to_due THEN (
      SELECT max(h.changed_on) FROM action_due_date h
      WHERE h.action_id = p.id AND h.changed_on > $3::date AND h.changed_on <= $4::date
    ) END AS revised_on
  FROM pair p
  WHERE NOT p.existed OR p.from_status <> p.to_status OR p.from_rag IS DISTINCT FROM p.to_rag
    OR p.from_due IS DISTINCT FROM p.to_due
    OR (${open('p.to_status')} AND p.to_due < $4::date AND NOT p.was_overdue)
)`;

/**
 * Statement 1: the changed actions and, when the caller asks, the action's own columns (`actionColumns`,
 * a json_build_array of them): the lines and their records in one round trip, as one JSON array of
 * arrays (cheaper to build than objects, and one JSON.parse rather than a row parse per value).
 */
const actionsSql = (actionColumns: string, bytewise: boolean) => `
WITH ${changedActionsCte(`${actionColumns || 'NULL::json'} AS record`)}
SELECT coalesce(json_agg(json_build_array(p.id, CASE WHEN NOT p.existed THEN p.agreed_on END,
    p.from_status, p.to_status, p.from_rag, p.to_rag, p.to_due, p.newly_overdue,
    CASE WHEN p.existed AND p.from_due IS DISTINCT FROM p.to_due THEN json_build_array(p.from_due, p.revised_on) END,
    p.record) ORDER BY ${byRef('p', bytewise)}), '[]'::json) AS lines
FROM changed p`;

/**
 * One changed action, as statement 1's JSON array gives it: only what some line shows (the day it was
 * agreed only for a new action; the due date on "from" only with a revision), then the action's
 * columns if asked (a smaller array is quicker to build, send and parse: 18,100 of them at L).
 */
type ChangedActionTuple = [
  id: string,
  /** Agreed after "from" (a new action): the day; else null. */
  agreedOn: string | null,
  fromStatus: ChangeStatus,
  toStatus: ChangeStatus,
  fromRag: RollupRag | null,
  toRag: RollupRag | null,
  toDue: string | null,
  newlyOverdue: boolean | null,
  revision: [fromDue: string | null, revisedOn: string | null] | null,
  record: unknown[] | null,
];

/** Statement 2: indicators, recommendations and feedback (few lines), as JSON. */
const OTHERS_SQL = `
WITH s AS (
  SELECT id FROM strategy WHERE id = $1 AND partnership_id = $2
),
-- The strategy's indicators with partnership-wide values for periods in the window.
new_values AS (
  SELECT m.indicator_id, count(*)::int AS n, max(m.period) AS to_period,
    (array_agg(m.value ORDER BY m.period DESC))[1] AS to_value
  FROM s JOIN objective o ON o.strategy_id = s.id
  JOIN outcome oc ON oc.objective_id = o.id
  JOIN indicator i ON i.outcome_id = oc.id
  JOIN measurement m ON m.indicator_id = i.id
  WHERE m.area = '' AND m.period > $3::date AND m.period <= $4::date
  GROUP BY m.indicator_id
),
indicator_lines AS (
  SELECT nv.*, i.name, prev.value AS from_value, prev.period AS from_period
  FROM new_values nv JOIN indicator i ON i.id = nv.indicator_id
  LEFT JOIN LATERAL (
    SELECT m.value, m.period FROM measurement m
    WHERE m.indicator_id = nv.indicator_id AND m.area = '' AND m.period <= $3::date
    ORDER BY m.period DESC LIMIT 1
  ) prev ON true
),
-- The partnership's recommendations the viewer may see (as the roll-up counts them) with a status
-- change taking effect in the window: only these can differ between the two dates.
recommendation_pair AS (
  SELECT r.id, rv.ref AS review_ref, r.ref,
    ${recommendationStatusAsOf('r', '$3::date')} AS from_status,
    ${recommendationStatusAsOf('r', '$4::date')} AS to_status
  FROM review rv JOIN recommendation r ON r.review_id = rv.id
  WHERE rv.partnership_id = $2 AND (NOT rv.confidential OR $5::boolean)
    AND coalesce(r.made_on, ${ukDay('r.created_at')}) <= $4::date
    AND EXISTS (
      SELECT 1 FROM recommendation_status_change c WHERE c.recommendation_id = r.id
        AND coalesce(c.effective_on, ${ukDay('c.changed_at')}) > $3::date
        AND coalesce(c.effective_on, ${ukDay('c.changed_at')}) <= $4::date)
),
-- Feedback (partnership-wide, as the roll-up counts it) first answered in the window.
answered AS (
  SELECT f.id, f.received_on, min(fr.responded_on) AS responded_on
  FROM feedback f JOIN feedback_response fr ON fr.feedback_id = f.id
  WHERE f.partnership_id = $2 AND f.received_on <= $4::date AND fr.responded_on <= $4::date
  GROUP BY f.id, f.received_on
  HAVING min(fr.responded_on) > $3::date
)
SELECT json_build_object(
  'indicators', ${jsonList(
    `json_build_object('indicatorId', l.indicator_id, 'newValues', l.n, 'fromValue', l.from_value,
      'fromPeriod', l.from_period, 'toValue', l.to_value, 'toPeriod', l.to_period)`,
    'indicator_lines l',
    'l.name, l.indicator_id',
  )},
  'recommendations', ${jsonList(
    `json_build_object('recommendationId', r.id, 'fromStatus', r.from_status, 'toStatus', r.to_status)`,
    'recommendation_pair r WHERE r.from_status <> r.to_status',
    'r.review_ref, r.ref, r.id',
  )},
  'feedbackAnswered', ${jsonList(
    `json_build_object('feedbackId', f.id, 'receivedOn', f.received_on, 'respondedOn', f.responded_on)`,
    'answered f',
    'f.responded_on, f.received_on, f.id',
  )}
) AS changes
FROM s`;

/**
 * Sorts `rows` by the ISO date `day` gives, in place and stably: rows that come by ref then id stay
 * so within a day.
 */
function byDay<T>(rows: T[], day: (row: T) => string): T[] {
  return rows.sort((x, y) => {
    const a = day(x);
    const b = day(y);
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

/**
 * What changed in a strategy of `partnershipId` after `from` up to and including `to` (YYYY-MM-DD),
 * in two statements (run side by side); null when the strategy does not exist in that partnership.
 * `seeConfidential`: whether the reader may see confidential reviews' recommendations (ADMIN,
 * DHR_PANEL). `actionColumns`: the action's own columns to read with the lines (jsonArrayColumns of
 * database/hydrate.ts, alias `a`); each changed action's record is then in `actionRecords`.
 */
export async function queryRollupChanges<A = never>(
  db: Queryable,
  args: {
    strategyId: string;
    partnershipId: string;
    from: string;
    to: string;
    seeConfidential: boolean;
    actionColumns?: { sql: string; read: (values: unknown[]) => A };
    /** false: no action lines (none selected): statement 1 is not run. */
    actions?: boolean;
    /** The database sorts refs in byte order (database/collation.ts): sorted as "C", the same order. */
    bytewise?: boolean;
  },
): Promise<(RollupChangesRow & { actionRecords: Map<string, A> }) | null> {
  const params = [args.strategyId, args.partnershipId, args.from, args.to, args.seeConfidential];
  const [actionRows, others] = await Promise.all([
    args.actions === false
      ? []
      : (db.query(actionsSql(args.actionColumns?.sql ?? '', !!args.bytewise), params.slice(0, 4)) as Promise<
          Array<{ lines: ChangedActionTuple[] }>
        >),
    db.query(OTHERS_SQL, params) as Promise<
      Array<{ changes: Pick<RollupChangesRow, 'indicators' | 'recommendations' | 'feedbackAnswered'> }>
    >,
  ]);
  if (!others[0]) return null;
  const out: RollupChangesRow & { actionRecords: Map<string, A> } = {
    from: args.from,
    to: args.to,
    actions: [],
    newActions: [],
    newlyCompleted: [],
    newlyOverdue: [],
    dueDateRevisions: [],
    ...others[0].changes,
    actionRecords: new Map(),
  };
  const read = args.actionColumns?.read;
  // Rows come by ref, then id: the order of every list; new and newly overdue actions are then
  // sorted by day (stably: by ref, then id, within a day). With the action's columns asked for, each
  // line carries its record as `action` (as the service's line types do; else undefined), and
  // actionRecords holds them too.
  const lines = actionRows[0]?.lines ?? [];
  for (let i = 0; i < lines.length; i++) {
    const r = lines[i]!;
    const actionId = r[0];
    const agreedOn = r[1];
    const fromStatus = r[2];
    const toStatus = r[3];
    const fromRag = r[4];
    const toRag = r[5];
    const toDue = r[6];
    const revision = r[8];
    const action = read && r[9] ? read(r[9]) : undefined;
    if (action !== undefined) out.actionRecords.set(actionId, action);
    const change: ActionChangeRow = { action, actionId, fromStatus, toStatus, fromRag, toRag };
    if (agreedOn !== null) {
      out.newActions.push({ action, actionId, agreedOn, status: toStatus, rag: toRag, dueOn: toDue });
    } else if (fromStatus !== toStatus || fromRag !== toRag) {
      out.actions.push(change);
    }
    if (toStatus === 'COMPLETE' && fromStatus !== 'COMPLETE') out.newlyCompleted.push(change);
    if (r[7]) out.newlyOverdue.push({ action, actionId, dueOn: toDue!, status: toStatus });
    if (revision?.[1]) {
      out.dueDateRevisions.push({
        action,
        actionId,
        fromDueOn: revision[0],
        toDueOn: toDue,
        revisedOn: revision[1],
      });
    }
  }
  byDay(out.newActions, (l) => l.agreedOn);
  byDay(out.newlyOverdue, (l) => l.dueOn);
  return out;
}

/**
 * For each strategy of `partnershipId`: its last CLOSED reporting round (the greatest returnsDueOn,
 * then periodEnd) and the date "what changed" starts from by default: that round's returnsDueOn, else
 * the strategy's start, else the UK day the strategy was created. One statement for any number.
 */
export async function queryChangesSince(
  db: Queryable,
  partnershipId: string,
  strategyIds: readonly string[],
): Promise<Map<string, { roundId: string | null; since: string }>> {
  const rows = (await db.query(
    `SELECT s.id, lr.id AS round_id,
       coalesce(lr.returns_due_on, s.starts_on, ${ukDay('s.created_at')})::text AS since
     FROM strategy s
     LEFT JOIN LATERAL (
       SELECT r.id, r.returns_due_on FROM reporting_round r
       WHERE r.strategy_id = s.id AND r.status = 'CLOSED'
       ORDER BY r.returns_due_on DESC, r.period_end DESC, r.id DESC LIMIT 1
     ) lr ON true
     WHERE s.id = ANY($1::uuid[]) AND s.partnership_id = $2`,
    [strategyIds, partnershipId],
  )) as Array<{ id: string; round_id: string | null; since: string }>;
  return new Map(rows.map((r) => [r.id, { roundId: r.round_id, since: r.since }]));
}
