/**
 * The board roll-up as the JSON text of the GraphQL answer (rollup-answer.ts): PostgreSQL writes the
 * selected fields, in the selected order and under the selected keys, from the same CTEs as the
 * roll-up's own statement (BOARD_CTES, queries.ts), so that the numbers are the same by construction
 * and the API neither parses nor completes nor serialises a quarter of a megabyte per request.
 *
 * Each value is written as JSON.stringify writes the value the executed answer holds: strings escaped
 * by to_json (as JSON.stringify escapes them), uuids and ISO dates between quotes, integers and
 * booleans as PostgreSQL prints them, floats as JavaScript prints numbers (fmtFloat). Anything the text
 * cannot write byte for byte as the executed answer (a float that is not finite, a date that is not
 * YYYY-MM-DD, a NULL where the contract says non-null, a rate indicator's figures, which come from
 * another statement) makes the whole text NULL: the operation is then executed as usual.
 */

import { tagShownWithoutConfidentialSql } from '../tags';
import { BOARD_CTES, coverageOrder, progressSql, ragSql, scoreSql, type Queryable } from './queries';

/** One selected field: its response key, the field, and what is selected of it (objects, lists). */
export interface TextSelection {
  key: string;
  field: string;
  sub?: TextSelection[];
  /** tagCoverage: the 1-based index of its kind in the kinds sent ($5). */
  kind?: number;
}

/**
 * The fields the text writes, per GraphQL type: a leaf (null) or the type of an object or list. Only
 * these, with __typename, qualify an operation (rollup-answer.ts also requires that the schema resolves
 * them by reading the property, but for RESOLVED_FIELDS).
 */
export const TEXT_TYPES: Record<string, Record<string, string | null>> = {
  BoardRollup: {
    asOf: null,
    strategy: 'Strategy',
    totals: 'ActionTally',
    objectives: 'ObjectiveRollup',
    tagCoverage: 'TagCoverageCell',
    recommendations: 'RecommendationTally',
    feedback: 'FeedbackTally',
  },
  Strategy: Object.fromEntries(
    [
      'id',
      'title',
      'vision',
      'startsOn',
      'endsOn',
      'greenThreshold',
      'amberThreshold',
      'updateCadenceDays',
      'reminderDaysBefore',
      'escalateAfterDays',
      'version',
    ].map((f) => [f, null]),
  ),
  ActionTally: Object.fromEntries(
    [
      'total',
      'red',
      'amber',
      'green',
      'unrated',
      'notStarted',
      'inProgress',
      'complete',
      'cancelled',
      'overdue',
      'staleUpdates',
    ].map((f) => [f, null]),
  ),
  ObjectiveRollup: {
    objective: 'Objective',
    score: null,
    derivedRag: null,
    actions: 'ActionTally',
    outputs: 'OutputRollup',
    outcomes: 'OutcomeRollup',
  },
  Objective: Object.fromEntries(
    ['id', 'strategyId', 'code', 'title', 'description', 'position', 'version'].map((f) => [f, null]),
  ),
  OutputRollup: { output: 'Output', score: null, derivedRag: null, actions: 'ActionTally' },
  Output: Object.fromEntries(
    ['id', 'objectiveId', 'title', 'description', 'position', 'version'].map((f) => [f, null]),
  ),
  OutcomeRollup: { outcome: 'Outcome', indicators: 'IndicatorProgress' },
  Outcome: Object.fromEntries(
    ['id', 'objectiveId', 'title', 'description', 'position', 'version'].map((f) => [f, null]),
  ),
  IndicatorProgress: {
    indicator: 'Indicator',
    baseline: null,
    target: null,
    latest: null,
    latestPeriod: null,
    progress: null,
  },
  Indicator: Object.fromEntries(
    ['id', 'outcomeId', 'name', 'unit', 'baseline', 'target', 'isRate', 'tolerance', 'version'].map((f) => [
      f,
      null,
    ]),
  ),
  TagCoverageCell: { objective: 'Objective', tag: 'Tag', actionCount: null },
  Tag: Object.fromEntries(['id', 'kind', 'slug', 'label'].map((f) => [f, null])),
  RecommendationTally: Object.fromEntries(
    ['total', 'open', 'inProgress', 'implemented', 'assured', 'overdue'].map((f) => [f, null]),
  ),
  FeedbackTally: { total: null, responded: null },
};

/**
 * Fields with a resolver that the text writes all the same: tagCoverage (the kinds computed with the
 * roll-up) and a non-rate indicator's latest figures (read from the row; a rate's make the text NULL).
 */
export const RESOLVED_FIELDS = new Set([
  'BoardRollup.tagCoverage',
  'IndicatorProgress.latest',
  'IndicatorProgress.latestPeriod',
  'IndicatorProgress.progress',
]);

/** Fields of IndicatorProgress a rate indicator answers from its own statement. */
const RATE_FIELDS = new Set(['latest', 'latestPeriod', 'progress']);

// ---- Values: SQL expressions of type text, NULL only to give up (see the header).

const quoted = (x: string) => `('"' || ${x}::text || '"')`;
const str = (x: string) => `to_json(${x})::text`;
const int = (x: string) => `(${x})::text`;
const nullable = (x: string, text: string) => `CASE WHEN (${x}) IS NULL THEN 'null' ELSE ${text} END`;

/**
 * A float8 as JavaScript prints it: PostgreSQL's shortest text has the same digits, but JavaScript
 * writes -0 as 0, uses no exponent from 1e-6 up to 1e21 and no leading zeros in one (1e-7, not
 * 1e-07). Not finite: NULL (the executed answer reports an error).
 */
export function fmtFloat(x: string): string {
  return `CASE WHEN (${x}) = 0 THEN '0'
    WHEN (${x})::text !~ '[eIN]' THEN (${x})::text
    WHEN (${x})::text !~ 'e' THEN NULL
    WHEN abs(${x}) >= 1e-6 AND abs(${x}) < 1e21 THEN (${x})::text::numeric::text
    ELSE regexp_replace((${x})::text, 'e([+-])0*', 'e\\1') END`;
}

/** A date as the Date scalar writes it: YYYY-MM-DD between quotes, else NULL. */
const date = (x: string) => `CASE WHEN (${x})::text ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN ${quoted(x)} END`;

/** `{"key":value,...}` from the selection, values by field (`__typename` is the type's name). */
function object(type: string, sel: TextSelection[], value: (s: TextSelection) => string): string {
  const pieces: string[] = [];
  let text = '{';
  sel.forEach((s, i) => {
    text += `${i ? ',' : ''}${JSON.stringify(s.key)}:`;
    if (s.field === '__typename') {
      text += JSON.stringify(type);
      return;
    }
    pieces.push(`'${text.replace(/'/g, "''")}'`, `(${value(s)})`);
    text = '';
  });
  pieces.push(`'${(text + '}').replace(/'/g, "''")}'`);
  return pieces.join(' || ');
}

/** The text of a JSON array from rows `x` with column `txt` (NULL if any is), in `order`. */
const arrayAgg = (order: string) =>
  `CASE WHEN count(*) = count(x.txt) THEN '[' || coalesce(string_agg(x.txt, ',' ORDER BY ${order}), '') || ']' END`;

const TALLY_COLUMNS: Record<string, string> = {
  total: 'total',
  red: 'red',
  amber: 'amber',
  green: 'green',
  unrated: 'unrated',
  notStarted: 'not_started',
  inProgress: 'in_progress',
  complete: 'complete',
  cancelled: 'cancelled',
  overdue: 'overdue',
  staleUpdates: 'stale',
};

const tally = (t: string, sel: TextSelection[]) =>
  object('ActionTally', sel, (s) => int(`coalesce(${t}.${TALLY_COLUMNS[s.field]}, 0)`));

/**
 * score, derivedRag and actions of a row `x` of summed columns with the score and RAG computed below it
 * (scoredColumns), or else `other`.
 */
function scored(x: string, s: TextSelection, other: () => string): string {
  if (s.field === 'score') return nullable(`${x}.sc`, fmtFloat(`${x}.sc`));
  if (s.field === 'derivedRag') return `coalesce('"' || ${x}.rag || '"', 'null')`;
  if (s.field === 'actions') return tally(x, s.sub!);
  return other();
}

/** The score and RAG of summed columns `t`, as columns sc and rag. */
const scoredColumns = (t: string) =>
  `${scoreSql(t)} AS sc, ${ragSql(t, 's.green_threshold', 's.amber_threshold')} AS rag`;

/**
 * A subquery of computed columns kept from being merged into the query above it (OFFSET 0): each
 * value is then computed and planned once, however often the text refers to it (fmtFloat repeats its
 * argument; planning the repeated expressions cost more than executing the statement's JSON).
 */
const computed = (sql: string) => `(${sql} OFFSET 0)`;

/** How a field's value is written from its column's SQL. */
type Writer = (x: string) => string;

/** `write`, or null for NULL. */
function orNull(write: Writer): Writer {
  return (x) => nullable(x, write(x));
}

/**
 * For fields that are each a column of a row, named as the field in snake case (startsOn: starts_on):
 * `(row, field) => value` from how each field is written.
 */
function columnValue(writers: Record<string, Writer>): (row: string, field: string) => string {
  return (row, field) => writers[field]!(`${row}.${field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`);
}

const strategyValue = columnValue({
  id: quoted,
  title: str,
  vision: str,
  startsOn: orNull(date),
  endsOn: orNull(date),
  greenThreshold: fmtFloat,
  amberThreshold: fmtFloat,
  updateCadenceDays: int,
  reminderDaysBefore: int,
  escalateAfterDays: int,
  version: int,
});

/** Objective, Output and Outcome. */
const nodeValue = columnValue({
  id: quoted,
  strategyId: quoted,
  objectiveId: quoted,
  code: str,
  title: str,
  description: str,
  position: int,
  version: int,
});
const node = (type: string, n: string, sel: TextSelection[]) =>
  object(type, sel, (s) => nodeValue(n, s.field));

const indicatorValue = columnValue({
  id: quoted,
  outcomeId: quoted,
  name: str,
  unit: str,
  baseline: orNull(fmtFloat),
  target: orNull(fmtFloat),
  isRate: int,
  tolerance: fmtFloat,
  version: int,
});

const indicatorProgress = (sel: TextSelection[]) =>
  object('IndicatorProgress', sel, (s) => {
    switch (s.field) {
      case 'indicator':
        return object('Indicator', s.sub!, (f) => indicatorValue('i', f.field));
      case 'baseline':
      case 'target':
        return indicatorValue('i', s.field);
      case 'latest':
        return nullable('i.lm_value', fmtFloat('i.lm_value'));
      case 'latestPeriod':
        return nullable('i.lm_period', date('i.lm_period'));
      default: // progress
        return nullable('i.progress', fmtFloat('i.progress'));
    }
  });

const RECOMMENDATIONS: Record<string, string> = {
  total: 'count(*)',
  open: `count(*) FILTER (WHERE status = 'OPEN')`,
  inProgress: `count(*) FILTER (WHERE status = 'IN_PROGRESS')`,
  implemented: `count(*) FILTER (WHERE status = 'IMPLEMENTED')`,
  assured: `count(*) FILTER (WHERE status = 'ASSURED')`,
  overdue: `count(*) FILTER (WHERE status IN ('OPEN', 'IN_PROGRESS') AND due_on < $3::date)`,
};

const find = (sel: TextSelection[], field: string) => sel.filter((s) => s.field === field);

/**
 * The statement writing the answer of boardRollup for `sel` (the selection of boardRollup itself):
 * one row, its text `t` (NULL: execute the operation as usual), or no row when there is no such
 * strategy in the partnership. Parameters as BOARD_CTES.
 */
export function rollupTextSql(sel: TextSelection[]): string {
  const ctes: string[] = [];
  const objectives = find(sel, 'objectives');
  const outputs = objectives.flatMap((o) => find(o.sub!, 'outputs'));
  const outcomes = objectives.flatMap((o) => find(o.sub!, 'outcomes'));
  const indicators = outcomes.flatMap((o) => find(o.sub!, 'indicators'));
  // Each list's text per parent, one CTE per selection of it (aliases may select differently).
  outputs.forEach((s, k) =>
    ctes.push(`outputs_t${k} AS (
  SELECT x.pid, ${arrayAgg('x.position, x.title, x.id')} AS j
  FROM (SELECT x.objective_id AS pid, x.position, x.title, x.id,
      ${object('OutputRollup', s.sub!, (f) => scored('x', f, () => node('Output', 'x', f.sub!)))} AS txt
    FROM ${computed(`SELECT op.*, t.*, ${scoredColumns('t')}
      FROM s CROSS JOIN objectives o JOIN output op ON op.objective_id = o.id
      LEFT JOIN output_sum t ON t.output_id = op.id`)} x) x
  GROUP BY x.pid
)`),
  );
  indicators.forEach((s, k) =>
    ctes.push(`indicators_t${k} AS (
  SELECT x.pid, ${arrayAgg('x.name, x.id')} AS j
  FROM (SELECT i.outcome_id AS pid, i.name, i.id, ${indicatorProgress(s.sub!)} AS txt
    FROM ${computed(`SELECT i.*, lm.value AS lm_value, lm.period AS lm_period, ${progressSql('i', 'lm')} AS progress
      FROM objectives o JOIN outcome oc ON oc.objective_id = o.id JOIN indicator i ON i.outcome_id = oc.id
      LEFT JOIN latest_measurement lm ON lm.indicator_id = i.id`)} i) x
  GROUP BY x.pid
)`),
  );
  const list = (alias: string) => `CASE WHEN ${alias}.pid IS NULL THEN '[]' ELSE ${alias}.j END`;
  outcomes.forEach((s, k) => {
    const joins: string[] = [];
    const text = object('OutcomeRollup', s.sub!, (f) => {
      if (f.field === 'outcome') return node('Outcome', 'oc', f.sub!);
      const n = indicators.indexOf(f);
      joins.push(`LEFT JOIN indicators_t${n} ij${n} ON ij${n}.pid = oc.id`);
      return list(`ij${n}`);
    });
    ctes.push(`outcomes_t${k} AS (
  SELECT x.pid, ${arrayAgg('x.position, x.title, x.id')} AS j
  FROM (SELECT oc.objective_id AS pid, oc.position, oc.title, oc.id, ${text} AS txt
    FROM objectives o JOIN outcome oc ON oc.objective_id = o.id ${joins.join(' ')}) x
  GROUP BY x.pid
)`);
  });

  const rateSelected = indicators.some((s) => s.sub!.some((f) => RATE_FIELDS.has(f.field)));
  const root = object('BoardRollup', sel, (s) => {
    switch (s.field) {
      case 'asOf':
        return date('$3::date');
      case 'strategy':
        return object('Strategy', s.sub!, (f) => strategyValue('s', f.field));
      case 'totals':
        return `(SELECT ${tally('t', s.sub!)} FROM total_sum t)`;
      case 'objectives': {
        const joins: string[] = [];
        const text = object('ObjectiveRollup', s.sub!, (f) =>
          scored('x', f, () => {
            if (f.field === 'objective') return node('Objective', 'x', f.sub!);
            const [cte, k] =
              f.field === 'outputs' ? ['outputs_t', outputs.indexOf(f)] : ['outcomes_t', outcomes.indexOf(f)];
            joins.push(`LEFT JOIN ${cte}${k} ${cte}j${k} ON ${cte}j${k}.pid = x.id`);
            return list(`${cte}j${k}`);
          }),
        );
        return `(SELECT ${arrayAgg('x.position, x.code, x.id')}
          FROM (SELECT x.position, x.code, x.id, ${text} AS txt
            FROM ${computed(`SELECT o.*, t.*, ${scoredColumns('t')}
              FROM objectives o LEFT JOIN objective_sum t ON t.objective_id = o.id`)} x
            ${joins.join(' ')}) x)`;
      }
      case 'tagCoverage': {
        const cell = object('TagCoverageCell', s.sub!, (f) => {
          if (f.field === 'objective') return node('Objective', 'o', f.sub!);
          if (f.field === 'tag') return object('Tag', f.sub!, (g) => str(`t.${g.field}`));
          return int('coalesce(c.n, 0)');
        });
        return `(SELECT ${arrayAgg('x.rn')}
          FROM (SELECT row_number() OVER (ORDER BY ${coverageOrder('o', 't')}) AS rn, ${cell} AS txt
            FROM objectives o
            JOIN tag t ON t.partnership_id = $2 AND t.kind = ($5::text[])[${s.kind}]
              AND ($4::boolean OR ${tagShownWithoutConfidentialSql('t')})
            LEFT JOIN coverage_count c ON c.objective_id = o.id AND c.tag_id = t.id) x)`;
      }
      case 'recommendations':
        return `(SELECT ${object('RecommendationTally', s.sub!, (f) => int(RECOMMENDATIONS[f.field]!))}
          FROM recommendation_as_of)`;
      default: // feedback
        return `(SELECT ${object('FeedbackTally', s.sub!, (f) => int(`f.${f.field}`))}
          FROM (SELECT count(*) AS total, count(*) FILTER (WHERE EXISTS (
              SELECT 1 FROM feedback_response fr WHERE fr.feedback_id = f.id AND fr.responded_on <= $3::date)
            ) AS responded
            FROM feedback f WHERE f.partnership_id = $2 AND f.received_on <= $3::date) f)`;
    }
  });
  // A rate indicator's latest figures come from another statement (indicator-progress.resolver.ts).
  const rates = rateSelected
    ? `EXISTS (SELECT 1 FROM objectives o JOIN outcome oc ON oc.objective_id = o.id
        JOIN indicator i ON i.outcome_id = oc.id WHERE i.is_rate)`
    : 'false';
  return `
WITH ${[BOARD_CTES, ...ctes].join(',\n')}
SELECT CASE WHEN ${rates} THEN NULL ELSE ${root} END AS t
FROM s`;
}

/**
 * The answer's text of boardRollup from the statement rollupTextSql gave: undefined when there is no
 * such strategy in the partnership, null when the operation is to be executed as usual.
 */
export async function queryRollupText(
  db: Queryable,
  sql: string,
  args: {
    strategyId: string;
    partnershipId: string;
    asOf: string;
    seeConfidential: boolean;
    kinds: string[];
  },
): Promise<string | null | undefined> {
  const rows = (await db.query(sql, [
    args.strategyId,
    args.partnershipId,
    args.asOf,
    args.seeConfidential,
    args.kinds,
  ])) as Array<{ t: string | null }>;
  return rows.length ? rows[0]!.t : undefined;
}
