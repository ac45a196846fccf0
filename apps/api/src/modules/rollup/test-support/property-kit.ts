import fc from 'fast-check';
import type { BoardRollupRow } from '../queries';
import type { RefRag, RefRecommendationStatus, RefRollup, RefStatus } from '../reference';

// What the roll-up's property tests share: the test calendar, the value arbitraries and the SQL result
// in the reference's shape.

const DAY0 = Date.parse('2025-01-01T00:00:00Z');
/** Day n of the test calendar (n * 5 days after 1 Jan 2025): few distinct dates, many ties. */
export const day = (n: number) => new Date(DAY0 + n * 5 * 86_400_000).toISOString().slice(0, 10);

export const statusArb = fc.constantFrom<RefStatus>('NOT_STARTED', 'IN_PROGRESS', 'COMPLETE', 'CANCELLED');
export const ragArb = fc.constantFrom<RefRag | null>('RED', 'AMBER', 'GREEN', null);
export const recStatusArb = fc.constantFrom<RefRecommendationStatus>(
  'OPEN',
  'IN_PROGRESS',
  'IMPLEMENTED',
  'ASSURED',
);

/** The SQL result in the reference's shape (ids instead of records). */
export function shape(r: BoardRollupRow): RefRollup {
  return {
    asOf: r.asOf,
    totals: r.totals,
    objectives: r.objectives.map((o) => ({
      id: o.objective.id,
      score: o.score,
      derivedRag: o.derivedRag,
      actions: o.actions,
      outputs: o.outputs.map((op) => ({
        id: op.output.id,
        score: op.score,
        derivedRag: op.derivedRag,
        actions: op.actions,
      })),
      outcomes: o.outcomes.map((oc) => ({
        id: oc.outcome.id,
        indicators: oc.indicators.map((i) => ({
          id: i.indicator.id,
          baseline: i.baseline,
          target: i.target,
          latest: i.latest,
          latestPeriod: i.latestPeriod,
          progress: i.progress,
        })),
      })),
    })),
    recommendations: r.recommendations,
    feedback: r.feedback,
  };
}
