/**
 * The indicator figures' rules (docs/architecture.md, "Indicator figures") in plain TypeScript over
 * in-memory data: the oracle that indicator.queries.ts must agree with. Written for clarity.
 */
import type { IndicatorFigureRow, IndicatorFiguresRow, TrajectoryRatingRow } from './indicator.queries';
import { SUPPRESS_BELOW } from './indicator.queries';

export interface RefIndicatorPlan {
  indicators: Array<{
    id: string;
    baseline: number | null;
    target: number | null;
    isRate: boolean;
    tolerance: number;
  }>;
  /** area '' = partnership-wide; a rate's value is 100 * numerator / denominator. */
  measurements: Array<{
    indicatorId: string;
    period: string;
    area: string;
    value: number;
    numerator: number | null;
    denominator: number | null;
  }>;
  targets: Array<{ indicatorId: string; period: string; area: string; value: number }>;
}

type Indicator = RefIndicatorPlan['indicators'][number];

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The target in force for `area` ('' = partnership-wide) at `period`, and its trajectory date. */
export function targetInForce(
  plan: RefIndicatorPlan,
  indicator: Indicator,
  area: string,
  period: string,
): { value: number | null; period: string | null } {
  const mine = plan.targets.filter((t) => t.indicatorId === indicator.id);
  // An area with a trajectory of its own follows it; any other area follows the partnership's.
  const own = area !== '' && mine.some((t) => t.area === area) ? area : '';
  const points = mine.filter((t) => t.area === own).sort((a, b) => byText(a.period, b.period));
  const next = points.find((t) => t.period >= period) ?? points[points.length - 1];
  return next ? { value: next.value, period: next.period } : { value: indicator.target, period: null };
}

export function rating(
  indicator: Indicator,
  value: number,
  target: number | null,
): TrajectoryRatingRow | null {
  if (target === null) return null;
  const lower =
    indicator.target !== null && indicator.baseline !== null && indicator.target < indicator.baseline;
  if (lower ? value <= target : value >= target) return 'ON_TRACK';
  if (lower ? value <= target + indicator.tolerance : value >= target - indicator.tolerance) {
    return 'WITHIN_TOLERANCE';
  }
  return 'OFF_TRACK';
}

function figure(
  plan: RefIndicatorPlan,
  indicator: Indicator,
  area: string,
  period: string,
  raw: { value: number | null; numerator: number | null; denominator: number | null },
): IndicatorFigureRow {
  const suppressed =
    indicator.isRate && (raw.numerator! < SUPPRESS_BELOW || raw.denominator! < SUPPRESS_BELOW);
  const value = indicator.isRate ? (100 * raw.numerator!) / raw.denominator! : raw.value!;
  const target = targetInForce(plan, indicator, area, period);
  let progress: number | null = null;
  if (
    !suppressed &&
    indicator.baseline !== null &&
    target.value !== null &&
    target.value !== indicator.baseline
  ) {
    progress = Math.min(1, Math.max(0, (value - indicator.baseline) / (target.value - indicator.baseline)));
  }
  return {
    area: area === '' ? null : area,
    period,
    value: suppressed ? null : value,
    numerator: suppressed ? null : raw.numerator,
    denominator: suppressed ? null : raw.denominator,
    suppressed,
    targetInForce: target.value,
    targetPeriod: target.period,
    progress,
    rating: suppressed ? null : rating(indicator, value, target.value),
  };
}

export function referenceIndicatorFigures(
  plan: RefIndicatorPlan,
  indicatorIds: string[],
  asOf: string,
): IndicatorFiguresRow[] {
  return plan.indicators
    .filter((i) => indicatorIds.includes(i.id))
    .map((indicator) => {
      const ms = plan.measurements.filter((m) => m.indicatorId === indicator.id && m.period <= asOf);
      const series: IndicatorFigureRow[] = [];
      // Partnership-wide, per period.
      for (const period of [...new Set(ms.map((m) => m.period))].sort(byText)) {
        const atPeriod = ms.filter((m) => m.period === period);
        const areas = atPeriod.filter((m) => m.area !== '');
        const wide = atPeriod.find((m) => m.area === '');
        if (indicator.isRate) {
          // The counts of the areas that reported, summed; else the value recorded with no area.
          const from = areas.length ? areas : [wide!];
          const sum = (k: 'numerator' | 'denominator') => from.reduce((n, m) => n + m[k]!, 0);
          series.push(
            figure(plan, indicator, '', period, {
              value: null,
              numerator: sum('numerator'),
              denominator: sum('denominator'),
            }),
          );
        } else if (wide) {
          series.push(figure(plan, indicator, '', period, wide));
        }
      }
      // Each area, per period.
      const areaMs = ms
        .filter((m) => m.area !== '')
        .sort((a, b) => byText(a.area, b.area) || byText(a.period, b.period));
      for (const m of areaMs) series.push(figure(plan, indicator, m.area, m.period, m));

      const reportingPeriod = ms.length ? ms.map((m) => m.period).sort(byText)[ms.length - 1] : null;
      const latestOf = (area: string | null) => {
        const mine = series.filter((f) => f.area === area);
        return mine.length ? mine[mine.length - 1] : null;
      };
      const areaNames = [...new Set(areaMs.map((m) => m.area))];
      const areas = areaNames.map((a) => latestOf(a)!);
      return {
        indicatorId: indicator.id,
        reportingPeriod,
        partnershipWide: latestOf(null),
        areas,
        notReported: areas.filter((f) => f.period < reportingPeriod!).map((f) => f.area!),
        series,
      };
    });
}
