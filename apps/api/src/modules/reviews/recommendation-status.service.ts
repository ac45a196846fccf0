import type { DataSource, EntityManager } from 'typeorm';
import { BadInputError, NotFoundError } from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { checkVersion, staleVersion } from '../../shared/versioned-update';
import { snapshot, writeAudit } from '../audit/audit.service';
import { isIsoDate, todayIso } from '../../shared/dates';
import type { Role } from '../identity/user.entity';
import {
  RecommendationEntity,
  RecommendationStatus,
  RecommendationStatusChangeEntity,
} from './recommendation.entity';
import type { RecommendationStatusInput } from './review.inputs';
import { checkEnum, checkStatusChange, cleanText, isUuid } from './review.rules';
import type { ReviewService } from './review.service';
import type { StatusChangeRow } from './review.queries';
import {
  actionOfPartnership,
  lastEffectiveOn,
  lockRecommendation,
  setRecommendationActionLink,
  statusChangesOf,
  writeRecommendationStatus,
} from './recommendation.queries';
import { assertViewer, requireAccess } from '../../access';
import { ClosedPeriods } from '../rounds/closed-periods.service';
import { groupByKey } from '../../shared/per-request';

/**
 * A recommendation's status (with its dated history) and its links to the partnership's actions.
 * A status change may be back-dated to the day it took effect: never in the future, never before the
 * recommendation was made; the roll-up as of a date reads that day (docs/reviews.md).
 */
export class RecommendationStatusService {
  constructor(
    private readonly db: DataSource,
    private readonly reviews: ReviewService,
  ) {}

  /** Each recommendation's status history, oldest first by the day each took effect, with who made it. */
  async historyByRecommendation(recommendationIds: readonly string[]): Promise<StatusChangeRow[][]> {
    const rows = recommendationIds.length ? await statusChangesOf(this.db, recommendationIds) : [];
    const changes = rows.map((row): StatusChangeRow => ({
      id: row.id,
      recommendationId: row.recommendationId,
      fromStatus: row.fromStatus,
      toStatus: row.toStatus,
      evidence: row.evidence,
      changedAt: row.changedAt,
      effectiveOn: row.effectiveOn as string,
      changedBy: row.userId
        ? {
            id: row.userId,
            email: row.userEmail as string,
            name: row.userName as string,
            roles: row.userRoles as Role[],
          }
        : null,
    }));
    return groupByKey(changes, recommendationIds, (c) => c.recommendationId);
  }

  /**
   * Moves a recommendation to a new status (ADMIN, DHR_PANEL), keeping the change in its history.
   * Forward moves are free (ASSURED needs evidence); moving back needs evidence (the reason); the
   * same status again is refused. With `version`, a stale version is CONFLICT.
   */
  async setRecommendationStatus(
    viewer: Viewer,
    input: RecommendationStatusInput,
    today: string = todayIso(),
  ): Promise<RecommendationEntity> {
    assertViewer(viewer);
    requireAccess(viewer, 'review.edit');
    const status = checkEnum('status', input.status, RecommendationStatus);
    const evidence = cleanText('evidence', input.evidence, { max: 5000 });
    const current = await this.reviews.getRecommendation(viewer, input.id);
    return this.db.transaction(async (tx) => {
      // Lock the row so that two concurrent changes are judged against each other's result.
      const locked = await lockRecommendation(tx, current.id);
      if (input.version != null) checkVersion(locked.version, input.version, staleVersion('recommendation'));
      checkStatusChange(locked.status, status, evidence);
      const effectiveOn = await this.checkEffectiveOn(tx, locked, input.effectiveOn ?? null, today);
      const change = {
        recommendationId: locked.id,
        effectiveOn,
        fromStatus: locked.status,
        toStatus: status,
      };
      await ClosedPeriods.check(
        tx,
        viewer,
        { kind: 'recommendationStatus', ...change },
        input.restatementReason,
      );
      await writeRecommendationStatus(tx, locked.id, status, evidence);
      await tx.getRepository(RecommendationStatusChangeEntity).insert({
        recommendationId: locked.id,
        fromStatus: locked.status,
        toStatus: status,
        evidence,
        effectiveOn,
        changedBy: viewer.id,
      });
      const saved = await tx.getRepository(RecommendationEntity).findOneByOrFail({ id: locked.id });
      await writeAudit(tx, {
        partnershipId: viewer.partnershipId,
        actorId: viewer.id,
        operation: 'setRecommendationStatus',
        entityType: 'Recommendation',
        entityId: locked.id,
        before: snapshot(locked),
        after: snapshot(saved),
      });
      return saved;
    });
  }

  /** Records that an action delivers a recommendation (ADMIN, DHR_PANEL). Linking twice changes nothing. */
  async linkRecommendationToAction(
    viewer: Viewer,
    recommendationId: string,
    actionId: string,
  ): Promise<RecommendationEntity> {
    return this.changeLink(viewer, recommendationId, actionId, true);
  }

  /** Removes that link (ADMIN, DHR_PANEL). Unlinking what is not linked changes nothing. */
  async unlinkRecommendationFromAction(
    viewer: Viewer,
    recommendationId: string,
    actionId: string,
  ): Promise<RecommendationEntity> {
    return this.changeLink(viewer, recommendationId, actionId, false);
  }

  private async changeLink(
    viewer: Viewer,
    recommendationId: string,
    actionId: string,
    link: boolean,
  ): Promise<RecommendationEntity> {
    assertViewer(viewer);
    requireAccess(viewer, 'review.edit');
    const rec = await this.reviews.getRecommendation(viewer, recommendationId);
    const found = isUuid(actionId) && (await actionOfPartnership(this.db, actionId, viewer.partnershipId));
    if (!found) throw new NotFoundError('Action', actionId);
    return this.db.transaction(async (tx) => {
      const changed = await setRecommendationActionLink(tx, rec.id, actionId, link);
      // Idempotent: only a real change is audited.
      if (changed) {
        await writeAudit(tx, {
          partnershipId: viewer.partnershipId,
          actorId: viewer.id,
          operation: link ? 'linkRecommendationToAction' : 'unlinkRecommendationFromAction',
          entityType: 'Recommendation',
          entityId: rec.id,
          before: link ? null : { recommendationId: rec.id, actionId },
          after: link ? { recommendationId: rec.id, actionId } : null,
        });
      }
      return rec;
    });
  }

  /**
   * The day a change took effect: today when not given; otherwise a real date, not in the future,
   * not before the recommendation was made, and not before the change it follows took effect (the
   * history must read in order).
   */
  private async checkEffectiveOn(
    tx: EntityManager,
    rec: RecommendationEntity,
    given: string | null,
    today: string,
  ): Promise<string> {
    if (given == null) return today;
    if (!isIsoDate(given)) throw new BadInputError('effectiveOn', 'Give a real date.');
    if (given > today) {
      throw new BadInputError('effectiveOn', 'The date it took effect cannot be in the future.');
    }
    const madeOn = rec.madeOn ?? todayIso(rec.createdAt);
    if (given < madeOn) {
      throw new BadInputError(
        'effectiveOn',
        `The date it took effect cannot be before the recommendation was made (${madeOn}).`,
      );
    }
    const last = await lastEffectiveOn(tx, rec.id);
    if (last && given < last) {
      throw new BadInputError(
        'effectiveOn',
        `The date it took effect cannot be before the previous change took effect (${last}).`,
      );
    }
    return given;
  }
}
