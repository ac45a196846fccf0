import { In, type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { BadInputError, NotFoundError } from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { jsonArrayColumns } from '../../database/hydrate';
import { isUuid } from '../../database/ids';
import { todayIso } from '../../shared/dates';
import { ActionEntity } from '../actions/action.entity';
import { RecommendationEntity, type RecommendationStatus } from '../reviews/recommendation.entity';
import { can } from '../../access';
import { ReportingRoundEntity } from '../rounds/reporting-round.entity';
import { IndicatorEntity } from '../strategy/indicator.entity';
import { FeedbackEntity } from '../voice/feedback.entity';
import { refSortsBytewise } from '../../database/collation';
import { queryChangesSince, queryRollupChanges, type RollupChangesRow } from './changes.queries';
import type { RollupChanges } from './changes.type';

/**
 * Action fields that are each one column of the action row as it is stored, so that a selection of
 * only these reads only their columns (thousands of actions over a year). Any other field (status,
 * rag, group, ...) and the whole row is read.
 */
const PLAIN_ACTION_FIELDS: Record<string, string> = {
  id: 'id',
  ref: 'ref',
  title: 'title',
  description: 'description',
  lead: 'lead',
  successMeasure: 'success_measure',
  agreedOn: 'agreed_on',
  startsOn: 'starts_on',
  dueOn: 'due_on',
  version: 'version',
};

/** The columns for the selected Action fields (id always); null (= every column) if any is not plain. */
function actionColumnsFor(fields: ReadonlySet<string> | undefined): Set<string> | null {
  if (!fields) return null;
  const columns = new Set(['id']);
  for (const f of fields) {
    if (f === '__typename') continue;
    const column = PLAIN_ACTION_FIELDS[f];
    if (!column) return null;
    columns.add(column);
  }
  return columns;
}

/**
 * "What changed" between two dates (docs/rollup-rules.md, "What changed"): two statements for the
 * changes and the actions' records (changes.queries.ts), then one per other kind of record the lines
 * carry (none when no line needs it), whatever the size of the plan. Every signed-in member of the partnership may read it, as the
 * roll-up; confidential reviews' recommendations only for ADMIN and DHR_PANEL (src/access).
 */
export class RollupChangesService {
  constructor(private readonly db: DataSource) {}

  async rollupChanges(
    viewer: Viewer,
    strategyId: string,
    from: string,
    to?: string | null,
    actionFields?: ReadonlySet<string> | null,
  ): Promise<RollupChanges> {
    const until = to ?? todayIso();
    if (from > until) {
      throw new BadInputError(
        'from',
        `"from" (${from}) must be on or before "to" (${until}): changes are listed after "from", up to "to".`,
      );
    }
    if (!isUuid(strategyId)) throw new NotFoundError('Strategy', strategyId);
    const bytewise = await refSortsBytewise(this.db);
    const row = await queryRollupChanges(this.db, {
      bytewise,
      strategyId,
      partnershipId: viewer.partnershipId,
      from,
      to: until,
      seeConfidential: can(viewer, 'review.readConfidential'),
      // The changed actions' records come with their lines (fast reader: no per-column conversion).
      actionColumns: jsonArrayColumns(
        this.db,
        ActionEntity,
        'a',
        actionColumnsFor(actionFields ?? undefined),
      ),
      // null: no kind of action line is asked for, so none is read.
      actions: actionFields !== null,
    });
    if (!row) throw new NotFoundError('Strategy', strategyId);
    const [indicators, recommendations, feedback] = await Promise.all([
      this.byId(
        IndicatorEntity,
        row.indicators.map((l) => l.indicatorId),
      ),
      this.byId(
        RecommendationEntity,
        row.recommendations.map((l) => l.recommendationId),
      ),
      this.byId(
        FeedbackEntity,
        row.feedbackAnswered.map((l) => l.feedbackId),
      ),
    ]);
    // The action lines come with their records as `action` (thousands over a year): as they are.
    return {
      from: row.from,
      to: row.to,
      actions: row.actions,
      newActions: row.newActions,
      newlyCompleted: row.newlyCompleted,
      newlyOverdue: row.newlyOverdue,
      dueDateRevisions: row.dueDateRevisions,
      indicators: row.indicators.map((l) => ({ ...l, indicator: indicators.get(l.indicatorId)! })),
      recommendations: row.recommendations.map((l) => ({
        recommendation: recommendations.get(l.recommendationId)!,
        fromStatus: l.fromStatus as RecommendationStatus,
        toStatus: l.toStatus as RecommendationStatus,
      })),
      feedbackAnswered: row.feedbackAnswered.map((l) => ({ ...l, feedback: feedback.get(l.feedbackId)! })),
    } as unknown as RollupChanges;
  }

  /**
   * For each strategy of the viewer's partnership: the date "what changed" starts from by default (its
   * last CLOSED round's returnsDueOn, else its start, else the day it was created) and that round.
   */
  async changesSince(
    viewer: Viewer,
    strategyIds: readonly string[],
  ): Promise<Map<string, { roundId: string | null; since: string }>> {
    return queryChangesSince(this.db, viewer.partnershipId, strategyIds.filter(isUuid));
  }

  /**
   * For the board pack: what changed in the strategy since its default "from" (changesSince) up to
   * `to`, as counts and raw lines (no records loaded); null when that date is not before `to`.
   */
  async sinceLastClosedRound(
    viewer: Viewer,
    strategyId: string,
    to: string,
  ): Promise<{ since: string; round: ReportingRoundEntity | null; changes: RollupChangesRow } | null> {
    const found = (await this.changesSince(viewer, [strategyId])).get(strategyId);
    if (!found || found.since >= to) return null;
    const bytewise = await refSortsBytewise(this.db);
    const [changes, rounds] = await Promise.all([
      queryRollupChanges(this.db, {
        bytewise,
        strategyId,
        partnershipId: viewer.partnershipId,
        from: found.since,
        to,
        seeConfidential: can(viewer, 'review.readConfidential'),
      }),
      this.roundsById(found.roundId ? [found.roundId] : []),
    ]);
    if (!changes) return null;
    return { since: found.since, round: found.roundId ? (rounds.get(found.roundId) ?? null) : null, changes };
  }

  /** Reporting rounds by id (the last closed rounds changesSince names). */
  async roundsById(ids: readonly string[]): Promise<Map<string, ReportingRoundEntity>> {
    return this.byId(ReportingRoundEntity, ids);
  }

  private async byId<T extends ObjectLiteral & { id: string }>(
    target: EntityTarget<T>,
    ids: readonly string[],
  ): Promise<Map<string, T>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = await this.db.getRepository(target).findBy({ id: In(unique) } as never);
    return new Map(rows.map((r) => [r.id, r]));
  }
}
