import type { Viewer } from '../../shared/viewer';
import type { ActionStatus, Rag } from '../actions/action.enums';
import type { RecommendationStatus } from '../reviews/recommendation.entity';
import { actionsAsOf, dueOnAsOf, recommendationStatusAsOf, ukDay } from '../rollup';
import type { Queryable } from '../rollup';
import { visibleReviewSql } from '../../access';

/**
 * The board pack's detail beside the roll-up's numbers: the rows behind them as of the same date. The
 * per-action and per-recommendation state comes from the roll-up's own fragments (rollup/as-of.ts), so
 * a pack's tables always agree with its counts.
 */

/** One counted action as of the pack's date, with its latest progress and impact text by then. */
export interface PackActionRow {
  id: string;
  objectiveId: string;
  outputId: string | null;
  ref: string;
  title: string;
  lead: string;
  group: string;
  dueOn: string | null;
  status: ActionStatus;
  rag: Rag | null;
  reportedOn: string | null;
  progress: string | null;
  impact: string | null;
  overdue: boolean;
  stale: boolean;
}

/** The action's own columns the pack prints, carried through actionsAsOf (no second read of action). */
const PACK_ACTION_COLUMNS = ['ref', 'title', 'lead', 'group_id'] as const;

/**
 * In plan order: objectives as the strategy lists them, then outputs, then refs. The latest update's
 * text is read by its key (actionsAsOf's st_update_id: the action's latest_update_id, decision 0002)
 * rather than by a second top-1 search of each action's history. Plan shape, measured at size M
 * (docs/performance.md, board pack): group and objective are LEFT joins although every action has
 * both (NOT NULL foreign keys, so the rows are the same), because the planner has no statistics for
 * actionsAsOf's UNION ALL and shrinks an inner join's estimate 40-fold, then loops over the small
 * tables per action; the update is a LATERAL ... LIMIT 1 by primary key so that it stays one key
 * probe per action rather than a hash of the whole update history.
 */
export function queryPackActions(db: Queryable, strategyId: string, asOf: string): Promise<PackActionRow[]> {
  return db.query(
    `SELECT a.id, a.objective_id AS "objectiveId", a.output_id AS "outputId", a.ref, a.title, a.lead,
            g.name AS "group", a.due_on AS "dueOn", a.st_status AS status, a.st_rag AS rag,
            a.st_reported_on AS "reportedOn", u.progress, u.impact,
            coalesce(a.st_status IN ('NOT_STARTED', 'IN_PROGRESS') AND a.due_on < $2::date, false) AS overdue,
            (a.st_status IN ('NOT_STARTED', 'IN_PROGRESS')
              AND coalesce(a.st_reported_on, a.agreed_on) < $2::date - s.update_cadence_days) AS stale
       FROM strategy s
       CROSS JOIN ${actionsAsOf('$2::date', 'a.strategy_id = $1', { extra: PACK_ACTION_COLUMNS, updateId: true })}
       LEFT JOIN operational_group g ON g.id = a.group_id
       LEFT JOIN objective o ON o.id = a.objective_id
       LEFT JOIN output op ON op.id = a.output_id
       LEFT JOIN LATERAL (
         SELECT x.progress, x.impact FROM action_update x WHERE x.id = a.st_update_id LIMIT 1
       ) u ON true
      WHERE s.id = $1
      ORDER BY o.position, o.code, op.position NULLS LAST, op.title, a.ref, a.id`,
    [strategyId, asOf],
  ) as Promise<PackActionRow[]>;
}

/**
 * A closed round's rows as its record has them: each action as of `asOf` from what had been recorded
 * by `recordedBy` (the round's closing), so that an update restated after closing (a back-dated
 * correction, recorded later) is left out, as the record's frozen counts leave it out. The
 * restatements are shown beside (board-pack.content.ts). Same columns and order as queryPackActions.
 */
export function queryRecordedPackActions(
  db: Queryable,
  strategyId: string,
  asOf: string,
  recordedBy: Date,
): Promise<PackActionRow[]> {
  return db.query(
    `SELECT a.id, a.objective_id AS "objectiveId", a.output_id AS "outputId", a.ref, a.title, a.lead,
            g.name AS "group", x.due_on AS "dueOn", x.status, u.rag, u.reported_on AS "reportedOn",
            u.progress, u.impact,
            coalesce(x.status IN ('NOT_STARTED', 'IN_PROGRESS') AND x.due_on < $2::date, false) AS overdue,
            (x.status IN ('NOT_STARTED', 'IN_PROGRESS')
              AND coalesce(u.reported_on, a.agreed_on) < $2::date - s.update_cadence_days) AS stale
       FROM strategy s
       JOIN action a ON a.strategy_id = s.id AND a.agreed_on <= $2::date
       JOIN operational_group g ON g.id = a.group_id
       JOIN objective o ON o.id = a.objective_id
       LEFT JOIN output op ON op.id = a.output_id
       LEFT JOIN LATERAL (
         SELECT v.status, v.rag, v.reported_on, v.progress, v.impact FROM action_update v
          WHERE v.action_id = a.id AND v.reported_on <= $2::date AND v.recorded_at <= $3
          ORDER BY v.reported_on DESC, v.seq DESC LIMIT 1
       ) u ON true
       CROSS JOIN LATERAL (
         SELECT coalesce(u.status, 'NOT_STARTED') AS status, ${dueOnAsOf('$2::date')} AS due_on
       ) x
      WHERE s.id = $1
      ORDER BY o.position, o.code, op.position NULLS LAST, op.title, a.ref, a.id`,
    [strategyId, asOf, recordedBy],
  ) as Promise<PackActionRow[]>;
}

/** The latest value of each indicator per area (not the partnership-wide value) on or before asOf. */
export interface AreaValueRow {
  indicatorId: string;
  area: string;
  value: number;
  period: string;
}

export function queryAreaValues(db: Queryable, strategyId: string, asOf: string): Promise<AreaValueRow[]> {
  return db.query(
    `SELECT DISTINCT ON (m.indicator_id, m.area)
            m.indicator_id AS "indicatorId", m.area, m.value, m.period
       FROM objective o
       JOIN outcome oc ON oc.objective_id = o.id
       JOIN indicator i ON i.outcome_id = oc.id
       JOIN measurement m ON m.indicator_id = i.id
      WHERE o.strategy_id = $1 AND m.area <> '' AND m.period <= $2::date
      ORDER BY m.indicator_id, m.area, m.period DESC`,
    [strategyId, asOf],
  ) as Promise<AreaValueRow[]>;
}

export interface PackRecommendationRow {
  reviewRef: string;
  reviewTitle: string;
  confidential: boolean;
  ref: string;
  text: string;
  agency: string;
  dueOn: string | null;
  status: RecommendationStatus;
}

/**
 * The recommendations the viewer may see (the access folder's one rule, visibleReviewSql), created on or before asOf, with
 * their status as of asOf: the same set the roll-up's tally counts.
 */
export function queryPackRecommendations(
  db: Queryable,
  viewer: Viewer,
  asOf: string,
  recordedBy: Date | null = null,
): Promise<PackRecommendationRow[]> {
  const params: unknown[] = [asOf];
  const visible = visibleReviewSql('rv', viewer, params);
  const status = recordedBy
    ? recordedStatusSql('r', '$1::date', `$${params.push(recordedBy)}::timestamptz`)
    : recommendationStatusAsOf('r', '$1::date');
  return db.query(
    `SELECT rv.ref AS "reviewRef", rv.title AS "reviewTitle", rv.confidential, r.ref, r.text, r.agency,
            r.due_on AS "dueOn", ${status} AS status
       FROM review rv JOIN recommendation r ON r.review_id = rv.id
      WHERE ${visible} AND ${ukDay('r.created_at')} <= $1::date
      ORDER BY rv.ref, r.ref, r.id`,
    params,
  ) as Promise<PackRecommendationRow[]>;
}

/**
 * recommendationStatusAsOf (rollup/as-of.ts) from the changes recorded by `recordedBy` only (a closed
 * round's record): a status change restated after closing is left out; before any change, the status
 * the first change started from.
 */
function recordedStatusSql(r: string, asOf: string, recordedBy: string): string {
  const day = `coalesce(c.effective_on, ${ukDay('c.changed_at')})`;
  return `coalesce(
    (SELECT c.to_status FROM recommendation_status_change c
      WHERE c.recommendation_id = ${r}.id AND ${day} <= ${asOf} AND c.changed_at <= ${recordedBy}
      ORDER BY ${day} DESC, c.changed_at DESC, c.id DESC LIMIT 1),
    (SELECT coalesce(c.from_status, 'OPEN') FROM recommendation_status_change c
      WHERE c.recommendation_id = ${r}.id ORDER BY c.changed_at, c.id LIMIT 1),
    ${r}.status)`;
}

/** "You said, we did": feedback received on or before asOf with the responses given by then. */
export interface PackFeedbackRow {
  forum: string;
  receivedOn: string;
  summary: string;
  responses: Array<{ text: string; respondedOn: string }>;
}

export function queryPackFeedback(
  db: Queryable,
  partnershipId: string,
  asOf: string,
): Promise<PackFeedbackRow[]> {
  return db.query(
    `SELECT f.forum, f.received_on AS "receivedOn", f.summary,
            coalesce((SELECT json_agg(json_build_object('text', fr.text, 'respondedOn', fr.responded_on)
                        ORDER BY fr.responded_on, fr.created_at)
                        FROM feedback_response fr
                       WHERE fr.feedback_id = f.id AND fr.responded_on <= $2::date), '[]'::json) AS responses
       FROM feedback f
      WHERE f.partnership_id = $1 AND f.received_on <= $2::date
      ORDER BY f.received_on DESC, f.id`,
    [partnershipId, asOf],
  ) as Promise<PackFeedbackRow[]>;
}

export async function queryPartnershipName(db: Queryable, partnershipId: string): Promise<string> {
  const rows = (await db.query(`SELECT name FROM partnership WHERE id = $1`, [partnershipId])) as Array<{
    name: string;
  }>;
  return rows[0]?.name ?? '';
}
