import type { DataSource } from 'typeorm';
import { BadInputError, NotFoundError } from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { checkVersion, staleVersion, updateAtVersion } from '../../shared/versioned-update';
import { snapshot, writeAudit } from '../audit/audit.service';
import { isIsoDate, todayIso } from '../../shared/dates';
import { Rag } from '../actions/action.enums';
import type { Role } from '../identity/user.entity';
import { AgencyResponseEntity } from './agency-response.entity';
import { MilestoneEntity } from './milestone.entity';
import { RecommendationEntity, RecommendationScope } from './recommendation.entity';
import type {
  AgencyResponseInput,
  CompleteMilestoneInput,
  MilestoneInput,
  RecommendationPlanInput,
} from './review-plan.inputs';
import { checkEnum, cleanText, isUuid } from './review.rules';
import type { ReviewService } from './review.service';
import { agencyResponsesOf, milestonesOf } from './review-plan.queries';
import { assertViewer, requireAccess } from '../../access';
import { groupByKey } from '../../shared/per-request';

export interface AgencyResponseRow extends AgencyResponseEntity {
  recordedByUser: { id: string; email: string; name: string; roles: Role[] } | null;
}

/** A past-or-today date, or BAD_USER_INPUT naming the field. */
export function pastDate(field: string, value: string, today: string, what: string): string {
  if (!isIsoDate(value)) throw new BadInputError(field, `Give ${what} as a real date.`);
  if (value > today)
    throw new BadInputError(field, `${what[0].toUpperCase()}${what.slice(1)} cannot be in the future.`);
  return value;
}

/**
 * The statutory action plan of each review (docs/reviews.md): per recommendation its action, lead
 * agency, progress rating, completion and outcome; its key milestones; the dated agency responses.
 * ADMIN and DHR_PANEL record them; reads see only recommendations the viewer may see (through
 * ReviewService, which applies the confidentiality rule).
 */
export class ReviewActionPlanService {
  constructor(
    private readonly db: DataSource,
    private readonly reviews: ReviewService,
  ) {}

  /** Milestones of each recommendation, by target date. Callers pass only ids they read visibly. */
  async milestonesByRecommendation(ids: readonly string[]): Promise<MilestoneEntity[][]> {
    const rows = ids.length ? await milestonesOf(this.db, ids) : [];
    return groupByKey(rows, ids, (m) => m.recommendationId);
  }

  /** Agency responses of each recommendation, oldest first, with who recorded each. */
  async responsesByRecommendation(ids: readonly string[]): Promise<AgencyResponseRow[][]> {
    const rows = ids.length ? await agencyResponsesOf(this.db, ids) : [];
    const responses = rows.map(({ userEmail, userName, userRoles, ...r }): AgencyResponseRow => ({
      ...(r as AgencyResponseEntity),
      recordedByUser: r.recordedBy
        ? {
            id: r.recordedBy,
            email: userEmail as string,
            name: userName as string,
            roles: userRoles as Role[],
          }
        : null,
    }));
    return groupByKey(responses, ids, (r) => r.recommendationId);
  }

  /** Changes a recommendation's plan row (ADMIN, DHR_PANEL) if `version` is still current. */
  async updatePlan(
    viewer: Viewer,
    input: RecommendationPlanInput,
    today: string = todayIso(),
  ): Promise<RecommendationEntity> {
    assertViewer(viewer);
    requireAccess(viewer, 'review.edit');
    const next: Partial<RecommendationEntity> = {};
    if (input.planAction !== undefined)
      next.planAction = cleanText('planAction', input.planAction, { max: 5000 });
    if (input.agency !== undefined) next.agency = cleanText('agency', input.agency, { max: 200 }) ?? '';
    if (input.scope !== undefined) {
      if (input.scope === null) throw new BadInputError('scope', 'The scope cannot be cleared.');
      next.scope = checkEnum('scope', input.scope, RecommendationScope);
    }
    if (input.progressRating !== undefined) {
      next.progressRating =
        input.progressRating === null ? null : checkEnum('progressRating', input.progressRating, Rag);
    }
    if (input.completedOn !== undefined) {
      next.completedOn =
        input.completedOn === null
          ? null
          : pastDate('completedOn', input.completedOn, today, 'the completion date');
    }
    if (input.outcome !== undefined) next.outcome = cleanText('outcome', input.outcome, { max: 5000 });
    return this.updateRecommendation(
      viewer,
      input.id,
      input.version,
      next,
      'updateRecommendationPlan',
      (merged) => {
        const madeOn = merged.madeOn ?? null;
        if (merged.completedOn && madeOn && merged.completedOn < madeOn) {
          throw new BadInputError('completedOn', `It cannot be completed before it was made (${madeOn}).`);
        }
      },
    );
  }

  /**
   * Applies `next` to a visible recommendation in one audited transaction, if `version` is still
   * current (CONFLICT otherwise); `check` sees the merged row before anything is written.
   */
  async updateRecommendation(
    viewer: Viewer,
    id: string,
    version: number,
    next: Partial<RecommendationEntity>,
    operation: string,
    check: (merged: RecommendationEntity) => void,
  ): Promise<RecommendationEntity> {
    const current = await this.reviews.getRecommendation(viewer, id);
    const conflict = staleVersion('recommendation');
    checkVersion(current.version, version, conflict);
    check({ ...current, ...next });
    return this.db.transaction(async (tx) => {
      const saved = await updateAtVersion(tx, RecommendationEntity, { id, version }, next, conflict);
      await writeAudit(tx, {
        partnershipId: viewer.partnershipId,
        actorId: viewer.id,
        operation,
        entityType: 'Recommendation',
        entityId: id,
        before: snapshot(current),
        after: snapshot(saved),
      });
      return saved;
    });
  }

  /** Adds a key milestone to a visible recommendation (ADMIN, DHR_PANEL). */
  async addMilestone(viewer: Viewer, input: MilestoneInput): Promise<MilestoneEntity> {
    assertViewer(viewer);
    requireAccess(viewer, 'review.edit');
    const rec = await this.visibleRecommendation(viewer, input.recommendationId);
    const title = cleanText('title', input.title, { required: true, max: 500 })!;
    if (!isIsoDate(input.targetOn))
      throw new BadInputError('targetOn', 'Give the target date as a real date.');
    return this.db.transaction(async (tx) => {
      const saved = await tx.getRepository(MilestoneEntity).save({
        recommendationId: rec.id,
        title,
        targetOn: input.targetOn,
        completedOn: null,
        createdBy: viewer.id,
      });
      await writeAudit(tx, {
        partnershipId: viewer.partnershipId,
        actorId: viewer.id,
        operation: 'addMilestone',
        entityType: 'Milestone',
        entityId: saved.id,
        before: null,
        after: snapshot(saved),
      });
      return saved;
    });
  }

  /** Marks a milestone completed on a date (default today), if `version` is still current. */
  async completeMilestone(
    viewer: Viewer,
    input: CompleteMilestoneInput,
    today: string = todayIso(),
  ): Promise<MilestoneEntity> {
    assertViewer(viewer);
    requireAccess(viewer, 'review.edit');
    const completedOn = pastDate('completedOn', input.completedOn ?? today, today, 'the completion date');
    const current = isUuid(input.id)
      ? await this.db.getRepository(MilestoneEntity).findOneBy({ id: input.id })
      : null;
    // The milestone exists for the viewer only through a recommendation the viewer may see.
    if (!current || !(await this.reviews.findRecommendations(viewer, [current.recommendationId])).length) {
      throw new NotFoundError('Milestone', input.id);
    }
    const conflict = staleVersion('milestone');
    checkVersion(current.version, input.version, conflict);
    if (current.completedOn) throw new BadInputError('completedOn', 'This milestone is already completed.');
    return this.db.transaction(async (tx) => {
      const saved = await updateAtVersion(
        tx,
        MilestoneEntity,
        { id: current.id, version: input.version },
        { completedOn },
        conflict,
      );
      await writeAudit(tx, {
        partnershipId: viewer.partnershipId,
        actorId: viewer.id,
        operation: 'completeMilestone',
        entityType: 'Milestone',
        entityId: saved.id,
        before: snapshot(current),
        after: snapshot(saved),
      });
      return saved;
    });
  }

  /** Records an agency's dated response to a visible recommendation (ADMIN, DHR_PANEL). */
  async recordResponse(
    viewer: Viewer,
    input: AgencyResponseInput,
    today: string = todayIso(),
  ): Promise<AgencyResponseEntity> {
    assertViewer(viewer);
    requireAccess(viewer, 'review.edit');
    const rec = await this.visibleRecommendation(viewer, input.recommendationId);
    const agency = cleanText('agency', input.agency, { required: true, max: 200 })!;
    const text = cleanText('text', input.text, { required: true, max: 5000 })!;
    const respondedOn = pastDate('respondedOn', input.respondedOn, today, 'the date of the response');
    return this.db.transaction(async (tx) => {
      const saved = await tx
        .getRepository(AgencyResponseEntity)
        .save({ recommendationId: rec.id, agency, respondedOn, text, recordedBy: viewer.id });
      await writeAudit(tx, {
        partnershipId: viewer.partnershipId,
        actorId: viewer.id,
        operation: 'recordAgencyResponse',
        entityType: 'AgencyResponse',
        entityId: saved.id,
        before: null,
        after: snapshot(saved),
      });
      return saved;
    });
  }

  private async visibleRecommendation(viewer: Viewer, id: string): Promise<RecommendationEntity> {
    const rec = (await this.reviews.findRecommendations(viewer, [id]))[0];
    if (!rec) throw new BadInputError('recommendationId', 'No such recommendation.');
    return rec;
  }
}
