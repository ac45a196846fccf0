/**
 * SQL fragments for "as of a date", shared by the board roll-up (queries.ts) and the board pack
 * (board-pack/board-pack.queries.ts), so that both read the same state of an action or recommendation.
 */

/**
 * The UK calendar day of a timestamp: the partnership's day, as action dates and "today" are
 * (src/shared/dates.ts), whatever the server's time zone.
 */
export const ukDay = (ts: string) => `(${ts} AT TIME ZONE 'Europe/London')::date`;

/**
 * The due date of action `a` in force on `asOf` (its due-date history: the latest change made on or
 * before asOf, same day: the one recorded last). An action whose current due date came into force on
 * or before asOf (due_on_since; nearly every action, and every one "as of today") reads its due_on
 * column: the history is looked up only for actions whose date was moved after asOf.
 */
export function dueOnAsOf(asOf: string): string {
  return `CASE WHEN a.due_on_since IS NULL OR a.due_on_since <= ${asOf} THEN a.due_on ELSE (
      SELECT h.due_on FROM action_due_date h
      WHERE h.action_id = a.id AND h.changed_on <= ${asOf}
      ORDER BY h.changed_on DESC, h.seq DESC
      LIMIT 1
    ) END`;
}

/**
 * FROM-clause item `a`: the actions matching `where`, agreed on or before `asOf`, each with its
 * status, RAG and last report date as of `asOf` (columns st_status, st_rag, st_reported_on).
 *
 * Two disjoint branches, so that the planner estimates each on its own. An action last reported on or
 * before asOf (every action, "as of today": reports are never dated in the future) is as its
 * current_* columns say, since they are maintained with each update: no history is read. Only actions
 * reported on after asOf look up their history, through ix_action_update_asof (action_id,
 * reported_on, seq). Same day: the greatest seq (recorded last) wins. No update: NOT_STARTED, unrated.
 * Used as `CROSS JOIN LATERAL` when `asOf` or `where` refer to an earlier FROM item.
 *
 * `extra` (plain columns of action, e.g. `['ref', 'title']`) are carried through so that a caller
 * need not join action again; `updateId` adds st_update_id, the id of that latest update (action's
 * latest_update_id in the first branch, written with current_*), so that a caller can read the
 * update's text by its key instead of a second top-1 search (the board pack, docs/performance.md).
 */
export function actionsAsOf(
  asOf: string,
  where: string,
  { extra = [], updateId = false }: { extra?: readonly string[]; updateId?: boolean } = {},
): string {
  const plain = extra.map((c) => `, a.${c}`).join('');
  const columns = `a.id, a.objective_id, a.output_id, a.agreed_on, ${dueOnAsOf(asOf)} AS due_on${plain}`;
  return `(
    SELECT ${columns},
      CASE WHEN a.last_reported_on IS NULL THEN 'NOT_STARTED' ELSE a.current_status END AS st_status,
      CASE WHEN a.last_reported_on IS NULL THEN NULL ELSE a.current_rag END AS st_rag,
      a.last_reported_on AS st_reported_on${updateId ? ', a.latest_update_id AS st_update_id' : ''}
    FROM action a
    WHERE ${where} AND a.agreed_on <= ${asOf}
      AND (a.last_reported_on IS NULL OR a.last_reported_on <= ${asOf})
    UNION ALL
    SELECT ${columns}, coalesce(h.status, 'NOT_STARTED'), h.rag, h.reported_on${updateId ? ', h.id' : ''}
    FROM action a
    LEFT JOIN LATERAL (
      SELECT u.status, u.rag, u.reported_on${updateId ? ', u.id' : ''}
      FROM action_update u
      WHERE u.action_id = a.id AND u.reported_on <= ${asOf}
      ORDER BY u.reported_on DESC, u.seq DESC
      LIMIT 1
    ) h ON true
    WHERE ${where} AND a.agreed_on <= ${asOf} AND a.last_reported_on > ${asOf}
  ) a`;
}

/**
 * The status of recommendation `r` as of `asOf` from its status history (see recommendationStatusAsOf
 * in reference.ts): the last change on or before asOf; before any change, the from status of the
 * first change in effect (by the day it took effect: a back-dated change can come first; OPEN when
 * none); never changed, its status.
 */
export function recommendationStatusAsOf(r: string, asOf: string): string {
  // A change counts from the day it took effect (effective_on, which the panel may back-date), or
  // else the UK day it was recorded.
  const day = `coalesce(c.effective_on, ${ukDay('c.changed_at')})`;
  return `coalesce(
    (SELECT c.to_status FROM recommendation_status_change c
      WHERE c.recommendation_id = ${r}.id AND ${day} <= ${asOf}
      ORDER BY ${day} DESC, c.changed_at DESC, c.id DESC LIMIT 1),
    (SELECT coalesce(c.from_status, 'OPEN') FROM recommendation_status_change c
      WHERE c.recommendation_id = ${r}.id ORDER BY ${day}, c.changed_at, c.id LIMIT 1),
    ${r}.status)`;
}
