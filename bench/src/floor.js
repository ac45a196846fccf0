// The floor: each operation's answer computed by ONE hand-written SQL statement (two for the write),
// sent directly with `pg`. The JSON it returns has exactly the shape of the GraphQL responses the
// benchmark requests (queries.js), so the answers can be compared before timing.

const TALLY = (t) => `json_build_object('total', ${t}.total, 'red', ${t}.red, 'amber', ${t}.amber,
  'green', ${t}.green, 'unrated', ${t}.unrated, 'notStarted', ${t}.not_started, 'inProgress', ${t}.in_progress,
  'complete', ${t}.complete, 'cancelled', ${t}.cancelled, 'overdue', ${t}.overdue, 'staleUpdates', ${t}.stale)`;
const SUMS = `count(*)::int AS total,
  count(*) FILTER (WHERE status <> 'CANCELLED' AND rag = 'RED')::int AS red,
  count(*) FILTER (WHERE status <> 'CANCELLED' AND rag = 'AMBER')::int AS amber,
  count(*) FILTER (WHERE status <> 'CANCELLED' AND rag = 'GREEN')::int AS green,
  count(*) FILTER (WHERE status <> 'CANCELLED' AND rag IS NULL)::int AS unrated,
  count(*) FILTER (WHERE status = 'NOT_STARTED')::int AS not_started,
  count(*) FILTER (WHERE status = 'IN_PROGRESS')::int AS in_progress,
  count(*) FILTER (WHERE status = 'COMPLETE')::int AS complete,
  count(*) FILTER (WHERE status = 'CANCELLED')::int AS cancelled,
  count(*) FILTER (WHERE open AND due_on < $2::date)::int AS overdue,
  count(*) FILTER (WHERE open AND last_on < $2::date - cadence)::int AS stale,
  coalesce(sum(points), 0)::float8 AS points,
  count(points)::int AS scored`;
// Up the tree: sums of the per-node sums.
const RESUM = [
  'total',
  'red',
  'amber',
  'green',
  'unrated',
  'not_started',
  'in_progress',
  'complete',
  'cancelled',
  'overdue',
  'stale',
  'scored',
]
  .map((c) => `coalesce(sum(${c}), 0)::int AS ${c}`)
  .concat('coalesce(sum(points), 0)::float8 AS points')
  .join(', ');
const ZERO = `(SELECT 0 AS total, 0 AS red, 0 AS amber, 0 AS green, 0 AS unrated, 0 AS not_started, 0 AS in_progress,
  0 AS complete, 0 AS cancelled, 0 AS overdue, 0 AS stale, 0 AS scored, 0::float8 AS points)`;
const SCORE = (t) => `CASE WHEN ${t}.scored > 0 THEN ${t}.points / ${t}.scored END`;
const SCORED = (t) => `'score', ${SCORE(t)},
  'derivedRag', CASE WHEN ${SCORE(t)} >= s.green_threshold THEN 'GREEN'
    WHEN ${SCORE(t)} >= s.amber_threshold THEN 'AMBER' WHEN ${SCORE(t)} IS NOT NULL THEN 'RED' END,
  'actions', ${TALLY(t)}`;

/**
 * Today, each action's stored current state IS its state (updates are never dated in the future);
 * for a past date, its latest update on or before that date, one index probe per action.
 */
const STATE_TODAY = `
  SELECT a.id, a.objective_id, a.output_id, a.due_on, a.current_status AS status, a.current_rag AS rag,
         coalesce(a.last_reported_on, a.agreed_on) AS last_on
    FROM action a WHERE a.strategy_id = $1 AND a.agreed_on <= $2::date`;
const STATE_AS_OF = `
  SELECT a.id, a.objective_id, a.output_id, a.due_on, coalesce(u.status, 'NOT_STARTED') AS status, u.rag,
         coalesce(u.reported_on, a.agreed_on) AS last_on
    FROM action a
    LEFT JOIN LATERAL (
      SELECT status, rag, reported_on FROM action_update u
       WHERE u.action_id = a.id AND u.reported_on <= $2::date
       ORDER BY u.reported_on DESC, u.seq DESC LIMIT 1) u ON true
   WHERE a.strategy_id = $1 AND a.agreed_on <= $2::date`;

/** $1 strategy id, $2 asOf (YYYY-MM-DD), $3 tag kind for the coverage grid. */
export function rollupSql(today) {
  return `
WITH s AS (SELECT * FROM strategy WHERE id = $1),
st AS (
  SELECT x.*, x.status IN ('NOT_STARTED', 'IN_PROGRESS') AS open, s.update_cadence_days AS cadence,
    CASE WHEN x.status = 'COMPLETE' THEN 1.0::float8
      WHEN x.status IN ('NOT_STARTED', 'IN_PROGRESS') THEN
        CASE x.rag WHEN 'GREEN' THEN 1.0::float8 WHEN 'AMBER' THEN 0.5::float8 WHEN 'RED' THEN 0.0::float8 END
    END AS points
  FROM (${today ? STATE_TODAY : STATE_AS_OF}) x CROSS JOIN s
),
node AS (SELECT objective_id, output_id, ${SUMS} FROM st GROUP BY objective_id, output_id),
obj AS (SELECT o.id, o.code, o.position FROM objective o WHERE o.strategy_id = $1),
obj_sum AS (SELECT objective_id, ${RESUM} FROM node GROUP BY objective_id),
ind AS (
  SELECT i.id, i.outcome_id, i.name, i.baseline, i.target, m.value AS latest, m.period
    FROM obj JOIN outcome oc ON oc.objective_id = obj.id JOIN indicator i ON i.outcome_id = oc.id
    LEFT JOIN LATERAL (SELECT value, period FROM measurement m
      WHERE m.indicator_id = i.id AND m.area = '' AND m.period <= $2::date ORDER BY m.period DESC LIMIT 1) m ON true
),
cov AS (
  SELECT st.objective_id, at.tag_id, count(*)::int AS n
    FROM st JOIN action_tag at ON at.action_id = st.id JOIN tag t ON t.id = at.tag_id AND t.kind = $3
   WHERE st.status <> 'CANCELLED' GROUP BY 1, 2
),
rec AS MATERIALIZED (
  SELECT r.due_on, coalesce(
    (SELECT c.to_status FROM recommendation_status_change c
      WHERE c.recommendation_id = r.id AND (c.changed_at AT TIME ZONE 'Europe/London')::date <= $2::date
      ORDER BY c.changed_at DESC, c.id DESC LIMIT 1),
    (SELECT coalesce(c.from_status, 'OPEN') FROM recommendation_status_change c
      WHERE c.recommendation_id = r.id ORDER BY c.changed_at, c.id LIMIT 1),
    r.status) AS status
  FROM s JOIN review rv ON rv.partnership_id = s.partnership_id JOIN recommendation r ON r.review_id = rv.id
  WHERE (r.created_at AT TIME ZONE 'Europe/London')::date <= $2::date
)
SELECT json_build_object(
  'asOf', $2::date,
  'totals', (SELECT ${TALLY('t')} FROM (SELECT ${RESUM} FROM node) t),
  'objectives', (SELECT json_agg(json_build_object(
      'objective', json_build_object('id', o.id, 'code', o.code), ${SCORED('t')},
      'outputs', (SELECT coalesce(json_agg(json_build_object('output', json_build_object('id', op.id), ${SCORED('u')})
          ORDER BY op.position, op.title, op.id), '[]')
        FROM output op LEFT JOIN node n ON n.output_id = op.id
        CROSS JOIN LATERAL (SELECT n.* UNION ALL SELECT NULL, NULL, z.* FROM ${ZERO} z WHERE n.output_id IS NULL) u
        WHERE op.objective_id = o.id),
      'outcomes', (SELECT coalesce(json_agg(json_build_object('outcome', json_build_object('id', oc.id),
          'indicators', (SELECT coalesce(json_agg(json_build_object('indicator', json_build_object('id', i.id),
              'baseline', i.baseline, 'target', i.target, 'latest', i.latest, 'latestPeriod', i.period,
              'progress', CASE WHEN i.target <> i.baseline AND i.latest IS NOT NULL THEN
                greatest(0::float8, least(1::float8, (i.latest - i.baseline) / (i.target - i.baseline))) END)
            ORDER BY i.name, i.id), '[]') FROM ind i WHERE i.outcome_id = oc.id))
          ORDER BY oc.position, oc.title, oc.id), '[]')
        FROM outcome oc WHERE oc.objective_id = o.id))
    ORDER BY o.position, o.code, o.id)
    FROM obj o CROSS JOIN LATERAL (SELECT os.* FROM obj_sum os WHERE os.objective_id = o.id
      UNION ALL SELECT NULL, z.* FROM ${ZERO} z WHERE NOT EXISTS (SELECT 1 FROM obj_sum os WHERE os.objective_id = o.id)) t),
  'tagCoverage', (SELECT json_agg(json_build_object('objective', json_build_object('id', o.id),
      'tag', json_build_object('slug', tg.slug), 'actionCount', coalesce(c.n, 0))
      ORDER BY o.position, o.code, o.id,
        array_position(ARRAY['individual', 'community', 'institutional', 'societal'], tg.slug), tg.label, tg.slug, tg.id)
    FROM obj o CROSS JOIN tag tg LEFT JOIN cov c ON c.objective_id = o.id AND c.tag_id = tg.id
    WHERE tg.partnership_id = s.partnership_id AND tg.kind = $3),
  'recommendations', (SELECT json_build_object('total', count(*),
      'open', count(*) FILTER (WHERE status = 'OPEN'), 'inProgress', count(*) FILTER (WHERE status = 'IN_PROGRESS'),
      'implemented', count(*) FILTER (WHERE status = 'IMPLEMENTED'), 'assured', count(*) FILTER (WHERE status = 'ASSURED'),
      'overdue', count(*) FILTER (WHERE status IN ('OPEN', 'IN_PROGRESS') AND due_on < $2::date)) FROM rec),
  'feedback', (SELECT json_build_object('total', count(*),
      'responded', count(*) FILTER (WHERE EXISTS (SELECT 1 FROM feedback_response fr
        WHERE fr.feedback_id = f.id AND fr.responded_on <= $2::date)))
    FROM feedback f WHERE f.partnership_id = s.partnership_id AND f.received_on <= $2::date)
) AS rollup
FROM s`;
}

/** "My group's actions": $1 group id; the first 50 in ref order (+1 row to know whether more follow). */
export const LIST_SQL = `
SELECT json_build_object(
  'pageInfo', json_build_object('hasNextPage', count(*) > 50),
  'edges', coalesce(json_agg(json_build_object('node', json_build_object(
    'id', a.id, 'ref', a.ref, 'title', a.title, 'dueOn', a.due_on, 'status', a.current_status, 'rag', a.current_rag,
    'group', json_build_object('id', g.id, 'name', g.name),
    'objective', json_build_object('id', o.id, 'code', o.code, 'title', o.title),
    'latestUpdate', CASE WHEN u.id IS NOT NULL THEN json_build_object('id', u.id, 'reportedOn', u.reported_on,
      'rag', u.rag, 'status', u.status, 'progress', u.progress) END,
    'tags', (SELECT coalesce(json_agg(json_build_object('kind', t.kind, 'slug', t.slug, 'label', t.label)
        ORDER BY t.kind, t.slug), '[]')
      FROM action_tag at JOIN tag t ON t.id = at.tag_id WHERE at.action_id = a.id)
  )) ORDER BY a.ref, a.id) FILTER (WHERE a.n <= 50), '[]')) AS page
FROM (SELECT *, row_number() OVER (ORDER BY ref, id) AS n FROM (
        SELECT * FROM action WHERE group_id = $1 ORDER BY ref, id LIMIT 51) x) a
JOIN operational_group g ON g.id = a.group_id
JOIN objective o ON o.id = a.objective_id
LEFT JOIN action_update u ON u.id = a.latest_update_id`;

/**
 * addActionUpdate's floor: the new update and the action's current state, in one transaction.
 * The current state moves only when the new report is not older than the stored one.
 */
export const INSERT_UPDATE_SQL = `
INSERT INTO action_update (action_id, reported_on, rag, status, progress, impact)
VALUES ($1, $2, $3, $4, $5, '') RETURNING id, seq`;
export const UPDATE_ACTION_SQL = `
UPDATE action SET current_status = $2, current_rag = $3, last_reported_on = $4, latest_update_id = $5,
       updated_at = now()
 WHERE id = $1 AND (last_reported_on IS NULL OR last_reported_on <= $4)`;

/** @param {import('pg').Pool} pool */
export async function floorAddUpdate(pool, { actionId, reportedOn, rag, status, progress }) {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const { rows } = await c.query(INSERT_UPDATE_SQL, [actionId, reportedOn, rag, status, progress]);
    await c.query(UPDATE_ACTION_SQL, [actionId, status, rag, reportedOn, rows[0].id]);
    await c.query('COMMIT');
    return rows[0];
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  } finally {
    c.release();
  }
}
