/**
 * The board roll-up, computed in PostgreSQL. Each function sends exactly ONE statement whatever the
 * size of the plan: per-action state is derived in SQL, aggregated per node (objective x output)
 * first, then up the tree (docs/performance.md, "The design probe"). The rules are docs/rollup-rules.md;
 * reference.ts states the same rules in TypeScript and the property test holds the two equal.
 */

import { tagShownWithoutConfidentialSql } from '../tags';
import { actionsAsOf, recommendationStatusAsOf, ukDay } from './as-of';

/** Anything that runs SQL with positional parameters: a DataSource, an EntityManager, a QueryRunner. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export type RollupRag = 'RED' | 'AMBER' | 'GREEN';

export interface ActionTallyRow {
  total: number;
  red: number;
  amber: number;
  green: number;
  unrated: number;
  notStarted: number;
  inProgress: number;
  complete: number;
  cancelled: number;
  overdue: number;
  staleUpdates: number;
}

export interface StrategyRow {
  id: string;
  title: string;
  vision: string;
  startsOn: string | null;
  endsOn: string | null;
  greenThreshold: number;
  amberThreshold: number;
  updateCadenceDays: number;
  reminderDaysBefore: number;
  escalateAfterDays: number;
  version: number;
}

export interface ObjectiveRow {
  id: string;
  strategyId: string;
  code: string;
  title: string;
  description: string;
  position: number;
  version: number;
}

export interface OutputRow {
  id: string;
  objectiveId: string;
  title: string;
  description: string;
  position: number;
  version: number;
}

export type OutcomeRow = OutputRow;

export interface IndicatorRow {
  id: string;
  outcomeId: string;
  name: string;
  unit: string;
  baseline: number | null;
  target: number | null;
  isRate: boolean;
  tolerance: number;
  version: number;
}

export interface ScoredRow {
  score: number | null;
  derivedRag: RollupRag | null;
  actions: ActionTallyRow;
}

export interface IndicatorProgressRow {
  indicator: IndicatorRow;
  baseline: number | null;
  target: number | null;
  latest: number | null;
  latestPeriod: string | null;
  progress: number | null;
  /** Set by RollupService: the date the figures are as of (IndicatorProgress's field resolvers). */
  asOf?: string;
  /** A closed round's record: its figures frozen with it (frozen-rollup.service.ts), never read live. */
  frozenFigures?: () => Promise<import('./indicator.queries').IndicatorFiguresRow | null>;
}

export interface ObjectiveRollupRow extends ScoredRow {
  objective: ObjectiveRow;
  outputs: Array<ScoredRow & { output: OutputRow }>;
  outcomes: Array<{ outcome: OutcomeRow; indicators: IndicatorProgressRow[] }>;
}

export interface RecommendationTallyRow {
  total: number;
  open: number;
  inProgress: number;
  implemented: number;
  assured: number;
  overdue: number;
}

export interface FeedbackTallyRow {
  total: number;
  responded: number;
}

export interface BoardRollupRow {
  asOf: string;
  strategy: StrategyRow;
  totals: ActionTallyRow;
  objectives: ObjectiveRollupRow[];
  recommendations: RecommendationTallyRow;
  feedback: FeedbackTallyRow;
  /** Tag coverage for each kind asked for (`coverageKinds`), in the order asked. */
  coverage: Array<{ kind: string; cells: TagCoverageRow[] }>;
}

export interface TagCoverageRow {
  objectiveId: string;
  tag: { id: string; kind: string; slug: string; label: string };
  actionCount: number;
}

export interface TrendPointRow extends ScoredRow {
  asOf: string;
}

/**
 * SELECT-list fragment of aggregates: the tally and score sums of the per-action state rows `r` (as
 * actionsAsOf gives them). `cadence` is the strategy's update cadence in days. Aggregated straight from
 * the state with FILTER: computing 0/1 flag columns first and summing them cost a third more.
 */
function tallyAggregates(r: string, asOf: string, cadence: string): string {
  const open = `${r}.st_status IN ('NOT_STARTED', 'IN_PROGRESS')`;
  const live = `${r}.st_status <> 'CANCELLED'`;
  const points = `CASE
      WHEN ${r}.st_status = 'COMPLETE' THEN 1.0::float8
      WHEN ${open} THEN CASE ${r}.st_rag WHEN 'GREEN' THEN 1.0::float8 WHEN 'AMBER' THEN 0.5::float8
        WHEN 'RED' THEN 0.0::float8 END
    END`;
  return `
    count(*)::int AS total,
    count(*) FILTER (WHERE ${live} AND ${r}.st_rag = 'RED')::int AS red,
    count(*) FILTER (WHERE ${live} AND ${r}.st_rag = 'AMBER')::int AS amber,
    count(*) FILTER (WHERE ${live} AND ${r}.st_rag = 'GREEN')::int AS green,
    count(*) FILTER (WHERE ${live} AND ${r}.st_rag IS NULL)::int AS unrated,
    count(*) FILTER (WHERE ${r}.st_status = 'NOT_STARTED')::int AS not_started,
    count(*) FILTER (WHERE ${r}.st_status = 'IN_PROGRESS')::int AS in_progress,
    count(*) FILTER (WHERE ${r}.st_status = 'COMPLETE')::int AS complete,
    count(*) FILTER (WHERE ${r}.st_status = 'CANCELLED')::int AS cancelled,
    count(*) FILTER (WHERE ${open} AND ${r}.due_on < ${asOf})::int AS overdue,
    count(*) FILTER (WHERE ${open} AND coalesce(${r}.st_reported_on, ${r}.agreed_on) < ${asOf} - ${cadence})::int
      AS stale,
    -- Counted in the score: COMPLETE, or open with a RAG (points not null).
    count(${points})::int AS scored,
    coalesce(sum(${points}), 0)::float8 AS points`;
}

const SUMMED = [
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
] as const;

/** SELECT-list fragment summing the flag columns of `from` (points summed as float8). */
function sums(from: string): string {
  return [
    ...SUMMED.map((c) => `coalesce(sum(${from}.${c}), 0)::int AS ${c}`),
    `coalesce(sum(${from}.points), 0)::float8 AS points`,
  ].join(', ');
}

/** JSON ActionTally from a row of summed columns (absent row = all zero). */
function tallyJson(t: string): string {
  return `json_build_object(
    'total', coalesce(${t}.total, 0), 'red', coalesce(${t}.red, 0), 'amber', coalesce(${t}.amber, 0),
    'green', coalesce(${t}.green, 0), 'unrated', coalesce(${t}.unrated, 0),
    'notStarted', coalesce(${t}.not_started, 0), 'inProgress', coalesce(${t}.in_progress, 0),
    'complete', coalesce(${t}.complete, 0), 'cancelled', coalesce(${t}.cancelled, 0),
    'overdue', coalesce(${t}.overdue, 0), 'staleUpdates', coalesce(${t}.stale, 0))`;
}

/** score = points / actions counted; null when none counted. */
export function scoreSql(t: string): string {
  return `CASE WHEN ${t}.scored > 0 THEN ${t}.points / ${t}.scored END`;
}

export function ragSql(t: string, green: string, amber: string): string {
  const score = scoreSql(t);
  return `CASE
    WHEN ${score} >= ${green} THEN 'GREEN'
    WHEN ${score} >= ${amber} THEN 'AMBER'
    WHEN ${score} IS NOT NULL THEN 'RED'
  END`;
}

/** JSON fields score, derivedRag, actions from a row of summed columns. */
function scoredJson(t: string): string {
  return `'score', ${scoreSql(t)},
    'derivedRag', ${ragSql(t, 's.green_threshold', 's.amber_threshold')},
    'actions', ${tallyJson(t)}`;
}

const objectiveJson = (o: string) => `json_build_object('id', ${o}.id, 'strategyId', ${o}.strategy_id,
  'code', ${o}.code, 'title', ${o}.title, 'description', ${o}.description, 'position', ${o}.position,
  'version', ${o}.version)`;

const nodeJson = (n: string) => `json_build_object('id', ${n}.id, 'objectiveId', ${n}.objective_id,
  'title', ${n}.title, 'description', ${n}.description, 'position', ${n}.position, 'version', ${n}.version)`;

/** Display order of the reserved ecological levels, from the person outwards. */
const ECOLOGICAL_ORDER = `ARRAY['individual', 'community', 'institutional', 'societal']`;

/** The order of tag-coverage cells: objectives as on the board, then tags (ecological levels outwards). */
export const coverageOrder = (o: string, t: string) =>
  `${o}.position, ${o}.code, ${o}.id, array_position(${ECOLOGICAL_ORDER}, ${t}.slug), ${t}.label, ${t}.slug, ${t}.id`;

/** JSON array of TagCoverageRow from rows of objective `o`, tag `t` and count `c` (c.n null = 0). */
const coverageCellsJson = (o: string, t: string, c: string) => `json_agg(json_build_object(
    'objectiveId', ${o}.id,
    'tag', json_build_object('id', ${t}.id, 'kind', ${t}.kind, 'slug', ${t}.slug, 'label', ${t}.label),
    'actionCount', coalesce(${c}.n, 0)
  ) ORDER BY ${coverageOrder(o, t)})`;

/**
 * The roll-up's numbers as CTEs (no JSON): the strategy `s`, the per-action state, the sums per node,
 * objective, output and in total, the objectives, each indicator's latest partnership-wide measurement,
 * the tag coverage counts of the kinds asked for ($5) and the recommendations' statuses as of $3.
 * $1 strategy, $2 partnership, $3 asOf, $4 seeConfidential, $5 tag kinds. Shared by the roll-up's
 * statement below and by its answer written as text (rollup-text.queries.ts), so that both read the
 * same numbers.
 */
export const BOARD_CTES = `
s AS (
  SELECT * FROM strategy WHERE id = $1 AND partnership_id = $2
),
state AS (
  SELECT a.* FROM s CROSS JOIN ${actionsAsOf('$3::date', 'a.strategy_id = $1')}
),
-- Per node first (thousands of actions -> one row per objective x output) ...
node AS (
  SELECT st.objective_id, st.output_id, ${tallyAggregates('st', '$3::date', 's.update_cadence_days')}
  FROM s CROSS JOIN state st
  GROUP BY st.objective_id, st.output_id
),
-- ... then up the tree.
objective_sum AS (SELECT objective_id, ${sums('node')} FROM node GROUP BY objective_id),
output_sum AS (SELECT output_id, ${sums('node')} FROM node WHERE output_id IS NOT NULL GROUP BY output_id),
total_sum AS (SELECT ${sums('node')} FROM node),
objectives AS (
  SELECT o.* FROM s JOIN objective o ON o.strategy_id = s.id
),
latest_measurement AS (
  -- The partnership-wide value (area '') with the greatest period on or before asOf.
  SELECT DISTINCT ON (m.indicator_id) m.indicator_id, m.value, m.period
  FROM objectives o
  JOIN outcome oc ON oc.objective_id = o.id
  JOIN indicator i ON i.outcome_id = oc.id
  JOIN measurement m ON m.indicator_id = i.id
  WHERE m.area = '' AND m.period <= $3::date
  ORDER BY m.indicator_id, m.period DESC
),
-- Tag coverage for the kinds asked for ($5), from the same per-action state (none asked: no rows).
-- Cancelled actions are left out by FILTER rather than WHERE: the planner guesses that a filter on a
-- CTE column keeps 0.5% of the rows and then probes action_tag once per action.
coverage_count AS (
  SELECT f.objective_id, at.tag_id, count(*) FILTER (WHERE f.st_status <> 'CANCELLED')::int AS n
  FROM state f
  JOIN action_tag at ON at.action_id = f.id
  JOIN tag t ON t.id = at.tag_id AND t.kind = ANY($5::text[])
  GROUP BY f.objective_id, at.tag_id
),
recommendation_as_of AS MATERIALIZED (
  -- The partnership's recommendations the reader may see, created on or before asOf, with their
  -- status as of asOf from the status history (see recommendationStatusAsOf in reference.ts).
  -- MATERIALIZED: inlined, the status subqueries ran once per count below (5 times).
  -- A change counts from the day it took effect (effective_on, which the panel may back-date), or
  -- else the UK day it was recorded (recommendationStatusAsOf, as-of.ts).
  SELECT r.due_on, ${recommendationStatusAsOf('r', '$3::date')} AS status
  FROM review rv JOIN recommendation r ON r.review_id = rv.id
  WHERE rv.partnership_id = $2 AND (NOT rv.confidential OR $4::boolean)
    AND coalesce(r.made_on, ${ukDay('r.created_at')}) <= $3::date
)`;

/**
 * (latest - baseline) / (target - baseline) of indicator `i` with its latest measurement `lm`, clamped
 * to 0..1; null when undefined. Works for lower-is-better indicators as they are: target - baseline is
 * then negative. In numeric, which cannot overflow or underflow as float8 does for values near its
 * limits (a database error, found by fuzzing); a share too small for float8 is 0.
 */
export const progressSql = (
  i: string,
  lm: string,
) => `CASE WHEN ${i}.target <> ${i}.baseline AND ${lm}.value IS NOT NULL THEN (
    SELECT CASE WHEN p >= 1 THEN 1::float8 WHEN p < 1e-300 THEN 0::float8 ELSE p::float8 END
    FROM (SELECT (${lm}.value::numeric - ${i}.baseline::numeric) / (${i}.target::numeric - ${i}.baseline::numeric) AS p) x
  ) END`;

const BOARD_SQL = `
WITH ${BOARD_CTES},
outputs_json AS (
  SELECT op.objective_id,
    json_agg(json_build_object('output', ${nodeJson('op')}, ${scoredJson('t')})
      ORDER BY op.position, op.title, op.id) AS j
  FROM s CROSS JOIN objectives o JOIN output op ON op.objective_id = o.id
  LEFT JOIN output_sum t ON t.output_id = op.id
  GROUP BY op.objective_id
),
indicators_json AS (
  SELECT i.outcome_id,
    json_agg(json_build_object(
      'indicator', json_build_object('id', i.id, 'outcomeId', i.outcome_id, 'name', i.name, 'unit', i.unit,
        'baseline', i.baseline, 'target', i.target, 'isRate', i.is_rate, 'tolerance', i.tolerance,
        'version', i.version),
      'baseline', i.baseline, 'target', i.target, 'latest', lm.value, 'latestPeriod', lm.period,
      'progress', ${progressSql('i', 'lm')}
    ) ORDER BY i.name, i.id) AS j
  FROM objectives o
  JOIN outcome oc ON oc.objective_id = o.id
  JOIN indicator i ON i.outcome_id = oc.id
  LEFT JOIN latest_measurement lm ON lm.indicator_id = i.id
  GROUP BY i.outcome_id
),
outcomes_json AS (
  SELECT oc.objective_id,
    json_agg(json_build_object('outcome', ${nodeJson('oc')}, 'indicators', coalesce(ij.j, '[]'::json))
      ORDER BY oc.position, oc.title, oc.id) AS j
  FROM objectives o
  JOIN outcome oc ON oc.objective_id = o.id
  LEFT JOIN indicators_json ij ON ij.outcome_id = oc.id
  GROUP BY oc.objective_id
),
coverage AS (
  SELECT t.kind, ${coverageCellsJson('o', 't', 'c')} AS cells
  FROM objectives o
  JOIN tag t ON t.partnership_id = $2 AND t.kind = ANY($5::text[])
    AND ($4::boolean OR ${tagShownWithoutConfidentialSql('t')})
  LEFT JOIN coverage_count c ON c.objective_id = o.id AND c.tag_id = t.id
  GROUP BY t.kind
)
SELECT json_build_object(
  'asOf', $3::date,
  'strategy', json_build_object('id', s.id, 'title', s.title, 'vision', s.vision, 'startsOn', s.starts_on,
    'endsOn', s.ends_on, 'greenThreshold', s.green_threshold, 'amberThreshold', s.amber_threshold,
    'updateCadenceDays', s.update_cadence_days, 'reminderDaysBefore', s.reminder_days_before,
    'escalateAfterDays', s.escalate_after_days, 'version', s.version),
  'totals', (SELECT ${tallyJson('total_sum')} FROM total_sum),
  'objectives', coalesce((
    SELECT json_agg(json_build_object(
        'objective', ${objectiveJson('o')},
        ${scoredJson('t')},
        'outputs', coalesce(opj.j, '[]'::json),
        'outcomes', coalesce(ocj.j, '[]'::json))
      ORDER BY o.position, o.code, o.id)
    FROM objectives o
    LEFT JOIN objective_sum t ON t.objective_id = o.id
    LEFT JOIN outputs_json opj ON opj.objective_id = o.id
    LEFT JOIN outcomes_json ocj ON ocj.objective_id = o.id
  ), '[]'::json),
  'recommendations', (
    SELECT json_build_object('total', count(*),
      'open', count(*) FILTER (WHERE status = 'OPEN'),
      'inProgress', count(*) FILTER (WHERE status = 'IN_PROGRESS'),
      'implemented', count(*) FILTER (WHERE status = 'IMPLEMENTED'),
      'assured', count(*) FILTER (WHERE status = 'ASSURED'),
      'overdue', count(*) FILTER (WHERE status IN ('OPEN', 'IN_PROGRESS') AND due_on < $3::date))
    FROM recommendation_as_of),
  'feedback', (
    SELECT json_build_object('total', count(*),
      'responded', count(*) FILTER (WHERE EXISTS (
        SELECT 1 FROM feedback_response fr WHERE fr.feedback_id = f.id AND fr.responded_on <= $3::date)))
    FROM feedback f WHERE f.partnership_id = $2 AND f.received_on <= $3::date),
  'coverage', (
    SELECT coalesce(json_agg(json_build_object('kind', k.kind, 'cells', coalesce(c.cells, '[]'::json))
      ORDER BY k.i), '[]'::json)
    FROM unnest($5::text[]) WITH ORDINALITY AS k(kind, i) LEFT JOIN coverage c ON c.kind = k.kind)
) AS rollup
FROM s`;

/**
 * The board roll-up of a strategy of `partnershipId` as of `asOf` (YYYY-MM-DD), in one statement;
 * null when the strategy does not exist in that partnership. `seeConfidential`: whether the reader
 * may see confidential reviews' recommendations (ADMIN, DHR_PANEL). `coverageKinds`: tag kinds whose
 * coverage (as queryTagCoverage gives it) to compute in the same statement, from the same per-action
 * state: as of a past date that derivation is most of the cost, so it is not done twice.
 */
export async function queryBoardRollup(
  db: Queryable,
  args: {
    strategyId: string;
    partnershipId: string;
    asOf: string;
    seeConfidential: boolean;
    coverageKinds?: readonly string[];
  },
): Promise<BoardRollupRow | null> {
  const rows = (await db.query(BOARD_SQL, [
    args.strategyId,
    args.partnershipId,
    args.asOf,
    args.seeConfidential,
    [...new Set(args.coverageKinds ?? [])],
  ])) as Array<{ rollup: BoardRollupRow }>;
  return rows[0]?.rollup ?? null;
}

const TAG_COVERAGE_SQL = `
WITH s AS (
  SELECT * FROM strategy WHERE id = $1 AND partnership_id = $2
),
live AS (
  SELECT a.id, a.objective_id
  FROM s CROSS JOIN ${actionsAsOf('$3::date', 'a.strategy_id = $1')}
  WHERE a.st_status <> 'CANCELLED'
),
counts AS (
  SELECT l.objective_id, at.tag_id, count(*)::int AS n
  FROM live l
  JOIN action_tag at ON at.action_id = l.id
  JOIN tag t ON t.id = at.tag_id AND t.kind = $4
  GROUP BY l.objective_id, at.tag_id
)
SELECT o.id AS "objectiveId",
  json_build_object('id', t.id, 'kind', t.kind, 'slug', t.slug, 'label', t.label) AS tag,
  coalesce(c.n, 0) AS "actionCount"
FROM s
JOIN objective o ON o.strategy_id = s.id
JOIN tag t ON t.partnership_id = s.partnership_id AND t.kind = $4
  AND ($5::boolean OR ${tagShownWithoutConfidentialSql('t')})
LEFT JOIN counts c ON c.objective_id = o.id AND c.tag_id = t.id
ORDER BY ${coverageOrder('o', 't')}`;

/**
 * Tag coverage, one statement: for each objective and each tag of `kind`, the number of the
 * objective's counted, non-cancelled actions (as of asOf) carrying the tag. Zero cells are included
 * so that the board sees the gaps. Tags only confidential reviews use are left out unless
 * `seeConfidential`.
 */
export async function queryTagCoverage(
  db: Queryable,
  args: { strategyId: string; partnershipId: string; asOf: string; kind: string; seeConfidential?: boolean },
): Promise<TagCoverageRow[]> {
  return (await db.query(TAG_COVERAGE_SQL, [
    args.strategyId,
    args.partnershipId,
    args.asOf,
    args.kind,
    args.seeConfidential ?? false,
  ])) as TagCoverageRow[];
}

const TREND_SQL = `
WITH s AS (
  SELECT o.id AS objective_id, st.green_threshold, st.amber_threshold, st.update_cadence_days
  FROM objective o JOIN strategy st ON st.id = o.strategy_id
  WHERE o.id = $1 AND st.partnership_id = $2
),
points AS (
  -- from + i steps, each counted from 'from' so that month ends do not drift (Jan 31 -> Feb 29 -> Mar 31).
  SELECT i, ($3::date + make_interval(months => i * $4::int))::date AS as_of
  FROM generate_series(0, $5::int) AS i
),
point_sum AS (
  SELECT p.i, ${tallyAggregates('a', 'p.as_of', 's.update_cadence_days')}
  FROM s CROSS JOIN points p CROSS JOIN LATERAL ${actionsAsOf('p.as_of', 'a.objective_id = $1')}
  GROUP BY p.i
)
SELECT p.as_of AS "asOf", ${scoreSql('t')} AS score,
  ${ragSql('t', 's.green_threshold', 's.amber_threshold')} AS "derivedRag",
  ${tallyJson('t')} AS actions
FROM s CROSS JOIN points p
LEFT JOIN point_sum t ON t.i = p.i
ORDER BY p.i`;

/**
 * An objective's score, derived RAG and tally at `from`, `from` + stepMonths, ... (`count` points),
 * in one statement; empty when the objective does not exist in the partnership.
 */
export async function queryObjectiveTrend(
  db: Queryable,
  args: { objectiveId: string; partnershipId: string; from: string; stepMonths: number; count: number },
): Promise<TrendPointRow[]> {
  return (await db.query(TREND_SQL, [
    args.objectiveId,
    args.partnershipId,
    args.from,
    args.stepMonths,
    args.count - 1,
  ])) as TrendPointRow[];
}
