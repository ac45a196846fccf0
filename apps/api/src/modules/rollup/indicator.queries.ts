/**
 * Indicator figures for the board, one statement for any number of indicators: per area and
 * partnership-wide, each period's value (a rate from its counts), small counts suppressed, the target
 * in force at the period and the on-track rating; the latest figure per area, and the areas that have
 * not reported for the indicator's latest period. The rules are docs/architecture.md's "Indicator
 * figures"; reference-indicators.ts states them in TypeScript and a property test holds the two equal.
 */
import type { Queryable } from './queries';

export type TrajectoryRatingRow = 'ON_TRACK' | 'WITHIN_TOLERANCE' | 'OFF_TRACK';

/** Counts below this are shown as "fewer than 5", never as numbers. */
export const SUPPRESS_BELOW = 5;

export interface IndicatorFigureRow {
  /** null = partnership-wide. */
  area: string | null;
  period: string;
  /** null when suppressed. */
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  suppressed: boolean;
  targetInForce: number | null;
  /** The trajectory point in force; null when the target is the indicator's own (or none). */
  targetPeriod: string | null;
  progress: number | null;
  rating: TrajectoryRatingRow | null;
}

export interface IndicatorFiguresRow {
  indicatorId: string;
  /** The greatest period (on or before asOf) with any measurement of the indicator. */
  reportingPeriod: string | null;
  partnershipWide: IndicatorFigureRow | null;
  /** The latest figure of each area, by area. */
  areas: IndicatorFigureRow[];
  /** Areas whose latest figure is older than reportingPeriod, by area. */
  notReported: string[];
  /** Every figure on or before asOf: partnership-wide first, then by area, each in period order. */
  series: IndicatorFigureRow[];
}

const FIGURES_SQL = `
WITH ind AS (
  SELECT i.id, i.baseline, i.target, i.is_rate, i.tolerance,
    -- docs/rollup-rules.md: lower is better when the target is below the baseline.
    coalesce(i.target < i.baseline, false) AS lower
  FROM indicator i
  JOIN outcome oc ON oc.id = i.outcome_id
  JOIN objective o ON o.id = oc.objective_id
  JOIN strategy s ON s.id = o.strategy_id
  WHERE i.id = ANY($1::uuid[]) AND s.partnership_id = $2
),
m AS (
  SELECT m.indicator_id, m.area, m.period, m.value, m.numerator::bigint AS num, m.denominator::bigint AS den
  FROM ind JOIN measurement m ON m.indicator_id = ind.id
  WHERE m.period <= $3::date
),
-- Partnership-wide per period: a rate sums the counts of the areas that reported for the period
-- (never an average of their percentages), or takes the value recorded with no area when no area
-- reported; any other indicator takes the value recorded with no area.
wide AS (
  SELECT m.indicator_id, m.period,
    max(m.value) FILTER (WHERE m.area = '') AS raw,
    CASE WHEN bool_or(m.area <> '') THEN sum(m.num) FILTER (WHERE m.area <> '')
      ELSE sum(m.num) END AS num,
    CASE WHEN bool_or(m.area <> '') THEN sum(m.den) FILTER (WHERE m.area <> '')
      ELSE sum(m.den) END AS den
  FROM m JOIN ind ON ind.id = m.indicator_id
  WHERE ind.is_rate OR m.area = ''
  GROUP BY m.indicator_id, m.period
),
fig0 AS (
  SELECT indicator_id, area, period, value AS raw, num, den FROM m WHERE area <> ''
  UNION ALL
  SELECT indicator_id, '', period, raw, num, den FROM wide
),
fig1 AS (
  SELECT f.indicator_id, f.area, f.period, ind.baseline, ind.lower, ind.tolerance,
    coalesce(ind.is_rate AND (f.num < ${SUPPRESS_BELOW} OR f.den < ${SUPPRESS_BELOW}), false) AS suppressed,
    -- Multiplied first, as measuredValue (indicator.service.ts) does.
    CASE WHEN ind.is_rate THEN 100::float8 * f.num / f.den ELSE f.raw END AS v,
    f.num, f.den,
    coalesce(tf.value, ind.target) AS t, tf.period AS t_period
  FROM fig0 f
  JOIN ind ON ind.id = f.indicator_id
  -- The target in force at the period: the area's own trajectory if it has one, else the
  -- partnership-wide one; its first point on or after the period, else its last point; with no
  -- trajectory, the indicator's target.
  LEFT JOIN LATERAL (
    SELECT t.value, t.period FROM indicator_target t
    WHERE t.indicator_id = f.indicator_id
      AND t.area = CASE WHEN f.area <> '' AND EXISTS (
          SELECT 1 FROM indicator_target x WHERE x.indicator_id = f.indicator_id AND x.area = f.area)
        THEN f.area ELSE '' END
    ORDER BY t.period < f.period, CASE WHEN t.period >= f.period THEN t.period END, t.period DESC
    LIMIT 1
  ) tf ON true
),
fig AS (
  SELECT f.indicator_id, f.area, f.period, json_build_object(
    'area', nullif(f.area, ''),
    'period', f.period,
    'value', CASE WHEN NOT f.suppressed THEN f.v END,
    'numerator', CASE WHEN NOT f.suppressed THEN f.num END,
    'denominator', CASE WHEN NOT f.suppressed THEN f.den END,
    'suppressed', f.suppressed,
    'targetInForce', f.t,
    'targetPeriod', f.t_period,
    -- As the roll-up's progress (queries.ts): in numeric, clamped to 0..1.
    'progress', CASE WHEN NOT f.suppressed AND f.t <> f.baseline THEN (
      SELECT CASE WHEN p >= 1 THEN 1::float8 WHEN p < 1e-300 THEN 0::float8 ELSE p::float8 END
      FROM (SELECT (f.v::numeric - f.baseline::numeric) / (f.t::numeric - f.baseline::numeric) AS p) x
    ) END,
    -- On track: at or beyond the target in force (below it when lower is better); within tolerance:
    -- short of it by no more than the tolerance (in numeric: float8 sums can overflow).
    'rating', CASE
      WHEN f.suppressed OR f.t IS NULL THEN NULL
      WHEN (f.lower AND f.v <= f.t) OR (NOT f.lower AND f.v >= f.t) THEN 'ON_TRACK'
      WHEN (f.lower AND f.v::numeric <= f.t::numeric + f.tolerance::numeric)
        OR (NOT f.lower AND f.v::numeric >= f.t::numeric - f.tolerance::numeric) THEN 'WITHIN_TOLERANCE'
      ELSE 'OFF_TRACK' END
  ) AS j
  FROM fig1 f
),
latest AS (
  SELECT DISTINCT ON (indicator_id, area) indicator_id, area, period, j
  FROM fig ORDER BY indicator_id, area, period DESC
),
reporting AS (
  SELECT indicator_id, max(period) AS period FROM fig GROUP BY indicator_id
),
-- Each list aggregated once per indicator and joined (a subquery per indicator scanned the whole
-- CTE for each one: quadratic in the number of indicators).
latest_agg AS (
  SELECT indicator_id,
    (array_agg(j) FILTER (WHERE area = ''))[1] AS wide,
    json_agg(j ORDER BY area COLLATE "C") FILTER (WHERE area <> '') AS areas
  FROM latest GROUP BY indicator_id
),
not_reported AS (
  SELECT l.indicator_id, json_agg(l.area ORDER BY l.area COLLATE "C") AS areas
  FROM latest l JOIN reporting r ON r.indicator_id = l.indicator_id
  WHERE l.area <> '' AND l.period < r.period
  GROUP BY l.indicator_id
),
series AS (
  SELECT indicator_id, json_agg(j ORDER BY area COLLATE "C", period) AS s FROM fig GROUP BY indicator_id
)
SELECT ind.id AS "indicatorId", r.period AS "reportingPeriod",
  la.wide AS "partnershipWide",
  coalesce(la.areas, '[]'::json) AS areas,
  coalesce(nr.areas, '[]'::json) AS "notReported",
  coalesce(se.s, '[]'::json) AS series
FROM ind LEFT JOIN reporting r ON r.indicator_id = ind.id
LEFT JOIN latest_agg la ON la.indicator_id = ind.id
LEFT JOIN not_reported nr ON nr.indicator_id = ind.id
LEFT JOIN series se ON se.indicator_id = ind.id`;

/**
 * The figures of `indicatorIds` (those of partnership `partnershipId`) as of `asOf`, in one statement;
 * indicators of other partnerships are left out.
 */
export async function queryIndicatorFigures(
  db: Queryable,
  args: { indicatorIds: readonly string[]; partnershipId: string; asOf: string },
): Promise<IndicatorFiguresRow[]> {
  return (await db.query(FIGURES_SQL, [
    [...args.indicatorIds],
    args.partnershipId,
    args.asOf,
  ])) as IndicatorFiguresRow[];
}
