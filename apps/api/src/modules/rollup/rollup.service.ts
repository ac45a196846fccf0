import type { DataSource } from 'typeorm';
import { BadInputError, NotFoundError } from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { isUuid } from '../../database/ids';
import { todayIso } from '../../shared/dates';
import { queryBoardRollup, queryObjectiveTrend, queryTagCoverage } from './queries';
import { queryRollupText } from './rollup-text.queries';
import type { BoardRollup, TagCoverageCell, TrendPoint } from './rollup.type';
import { TrendInterval } from './rollup.type';
import { can } from '../../access';

/** The most points objectiveTrend returns: ten years of months. */
export const MAX_TREND_POINTS = 120;

const STEP_MONTHS: Record<TrendInterval, number> = { [TrendInterval.MONTH]: 1, [TrendInterval.QUARTER]: 3 };

/** Whole months from `from` to `to` counted as PostgreSQL's date + interval 'n months' steps them. */
function wholeMonths(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  let months = (ty - fy) * 12 + (tm - fm);
  // from + months is clamped to the month's last day: it passes `to` only when from's day is later.
  const lastOfMonth = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  if (Math.min(fd, lastOfMonth) > td) months--;
  return months;
}

/** At most this many tag kinds are computed with the roll-up; more are left to tagCoverage's own statement. */
export const MAX_PRECOMPUTED_KINDS = 8;

/**
 * The board's numbers (docs/rollup-rules.md). Reads the tables with the SQL in queries.ts
 * only: one statement for the roll-up with the tag coverage of the kinds the query selects, one per
 * trend, whatever the plan's size (one more per tag-coverage kind not announced to boardRollup). Every signed-in member of the partnership may read roll-ups; confidential reviews'
 * recommendations are counted only for ADMIN and DHR_PANEL.
 */
export class RollupService {
  constructor(private readonly db: DataSource) {}

  /**
   * `coverageKinds`: the tag kinds whose coverage the caller will ask tagCoverage for (e.g. the
   * query's tagCoverage(kind) selections), computed in the roll-up's own statement.
   */
  async boardRollup(
    viewer: Viewer,
    strategyId: string,
    asOf?: string | null,
    coverageKinds: readonly string[] = [],
  ): Promise<BoardRollup> {
    if (!isUuid(strategyId)) throw new NotFoundError('Strategy', strategyId);
    // Blank kinds are refused by tagCoverage itself, with the field named.
    const kinds = [...new Set(coverageKinds.map((k) => k.trim()).filter(Boolean))].slice(
      0,
      MAX_PRECOMPUTED_KINDS,
    );
    const row = await queryBoardRollup(this.db, {
      strategyId,
      partnershipId: viewer.partnershipId,
      asOf: asOf ?? todayIso(),
      seeConfidential: can(viewer, 'review.readConfidential'),
      coverageKinds: kinds,
    });
    if (!row) throw new NotFoundError('Strategy', strategyId);
    // IndicatorProgress's per-area and trajectory fields read their figures as of the same date.
    for (const o of row.objectives)
      for (const oc of o.outcomes) for (const i of oc.indicators) i.asOf = row.asOf;
    const { coverage, ...rollup } = row;
    // The row's shape is the GraphQL type's (RAG values are the Rag enum's strings).
    return {
      ...(rollup as unknown as BoardRollup),
      precomputedCoverage: new Map(coverage.map((c) => [c.kind, c.cells])),
    };
  }

  /**
   * boardRollup's answer as JSON text, written by PostgreSQL in the selected shape (rollup-answer.ts):
   * `sql` from rollupTextSql, `kinds` the tagCoverage kinds it selects (trimmed, in its order). Null
   * when the operation is to be executed as usual (no such strategy, a value the text cannot write).
   */
  async boardRollupText(
    viewer: Viewer,
    q: { sql: string; strategyId: string; asOf?: string | null; kinds: string[] },
  ): Promise<string | null> {
    if (!isUuid(q.strategyId)) return null;
    const text = await queryRollupText(this.db, q.sql, {
      strategyId: q.strategyId,
      partnershipId: viewer.partnershipId,
      asOf: q.asOf ?? todayIso(),
      seeConfidential: can(viewer, 'review.readConfidential'),
      kinds: q.kinds,
    });
    return text ?? null;
  }

  /** Objective x tag of `kind` cells for a roll-up returned by boardRollup (zero cells included). */
  async tagCoverage(viewer: Viewer, rollup: BoardRollup, kind: string): Promise<TagCoverageCell[]> {
    const wanted = kind.trim();
    if (!wanted) throw new BadInputError('kind', 'Give a tag kind, e.g. "ecological-level".');
    const rows =
      rollup.precomputedCoverage?.get(wanted) ??
      (rollup.frozenCoverage ? await rollup.frozenCoverage(wanted) : null) ??
      (await queryTagCoverage(this.db, {
        strategyId: rollup.strategy.id,
        partnershipId: viewer.partnershipId,
        asOf: rollup.asOf,
        kind: wanted,
        seeConfidential: can(viewer, 'review.readConfidential'),
      }));
    const objectives = new Map(rollup.objectives.map((o) => [o.objective.id, o.objective]));
    return rows.map((r) => ({
      objective: objectives.get(r.objectiveId)!,
      tag: r.tag,
      actionCount: r.actionCount,
    }));
  }

  /** An objective's score, derived RAG and tally at from, from + step, ... up to `to`. */
  async objectiveTrend(
    viewer: Viewer,
    objectiveId: string,
    from: string,
    to: string,
    every: TrendInterval,
  ): Promise<TrendPoint[]> {
    if (to < from) throw new BadInputError('to', '"to" must be on or after "from".');
    const step = STEP_MONTHS[every];
    const count = Math.floor(wholeMonths(from, to) / step) + 1;
    if (count > MAX_TREND_POINTS) {
      throw new BadInputError(
        'from',
        `A trend has at most ${MAX_TREND_POINTS} points: bring "from" and "to" closer.`,
        {
          maxPoints: MAX_TREND_POINTS,
        },
      );
    }
    if (!isUuid(objectiveId)) throw new NotFoundError('Objective', objectiveId);
    const points = await queryObjectiveTrend(this.db, {
      objectiveId,
      partnershipId: viewer.partnershipId,
      from,
      stepMonths: step,
      count,
    });
    if (points.length === 0) throw new NotFoundError('Objective', objectiveId);
    return points as unknown as TrendPoint[];
  }
}
