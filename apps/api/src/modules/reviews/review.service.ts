import { In, type DataSource, type EntityManager } from 'typeorm';
import { BadInputError, NotFoundError } from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { checkVersion, staleVersion, updateAtVersion } from '../../shared/versioned-update';
import { snapshot, writeAudit } from '../audit/audit.service';
import { isIsoDate, todayIso } from '../../shared/dates';
import { ActionEntity } from '../actions/action.entity';
import type { TagService } from '../tags/tag.service';
import {
  RecommendationEntity,
  RecommendationScope,
  RecommendationStatus,
  RecommendationStatusChangeEntity,
  RecommendationTagEntity,
} from './recommendation.entity';
import { QaOutcome, ReviewEntity, ReviewKind } from './review.entity';
import type { RecommendationInput, ReviewInput, ReviewPatch } from './review.inputs';
import { checkEnum, checkReviewDates, cleanText, isUuid } from './review.rules';
import { saveUnique } from '../../shared/unique-violation';
import { groupByKey } from '../../shared/per-request';
import {
  actionLinksOfRecommendations,
  recommendationsOfActions,
  recommendationsOfReviews,
  reviewRefTaken,
  tagsOfRecommendations,
  visibleRecommendationsById,
  visibleReviews,
  visibleReviewsById,
  type TagRow,
} from './review.queries';
import { assertViewer, requireAccess } from '../../access';

export type { RecommendationPage, StatusChangeRow, TagRow, ThemeCount } from './review.queries';

/**
 * Reviews and their recommendations (DHR/DARDR and others): reading them and recording them. Every
 * read goes through visibleReviewSql (src/access), so a confidential review and its recommendations
 * exist only for ADMIN and DHR_PANEL; every write is one transaction with its audit entry. The
 * tracker's lists, status changes, action plans and routing are in their own services beside this.
 */
export class ReviewService {
  constructor(
    private readonly db: DataSource,
    private readonly tags: TagService,
  ) {}

  // ---------------------------------------------------------------- reads

  /** Visible reviews, optionally of one kind, by ref. */
  async listReviews(viewer: Viewer, kind?: ReviewKind | null): Promise<ReviewEntity[]> {
    assertViewer(viewer);
    return visibleReviews(this.db, viewer, kind != null ? checkEnum('kind', kind, ReviewKind) : null);
  }

  /** Visible reviews by id, for loaders: ids not found or not visible are simply absent. */
  async findReviews(viewer: Viewer, ids: readonly string[]): Promise<ReviewEntity[]> {
    assertViewer(viewer);
    const wanted = ids.filter(isUuid);
    if (wanted.length === 0) return [];
    return visibleReviewsById(this.db, viewer, wanted);
  }

  /** The review, or null when it does not exist or the viewer may not see it. */
  async findReview(viewer: Viewer, id: string): Promise<ReviewEntity | null> {
    return (await this.findReviews(viewer, [id]))[0] ?? null;
  }

  /** The review, or NOT_FOUND (also when the viewer may not see it, so as not to reveal it exists). */
  async getReview(viewer: Viewer, id: string): Promise<ReviewEntity> {
    const review = await this.findReview(viewer, id);
    if (!review) throw new NotFoundError('Review', id);
    return review;
  }

  /** Visible recommendations by id; ids not found or not visible are absent. */
  async findRecommendations(viewer: Viewer, ids: readonly string[]): Promise<RecommendationEntity[]> {
    assertViewer(viewer);
    const wanted = ids.filter(isUuid);
    if (wanted.length === 0) return [];
    return visibleRecommendationsById(this.db, viewer, wanted);
  }

  async getRecommendation(viewer: Viewer, id: string): Promise<RecommendationEntity> {
    const found = (await this.findRecommendations(viewer, [id]))[0];
    if (!found) throw new NotFoundError('Recommendation', id);
    return found;
  }

  /** Recommendations of each (visible) review, by ref, in the order of the ids: for Review.recommendations. */
  async recommendationsByReview(
    viewer: Viewer,
    reviewIds: readonly string[],
  ): Promise<RecommendationEntity[][]> {
    assertViewer(viewer);
    const wanted = reviewIds.filter(isUuid);
    const rows = wanted.length ? await recommendationsOfReviews(this.db, viewer, wanted) : [];
    return groupByKey(rows, reviewIds, (r) => r.reviewId);
  }

  /** The visible recommendations each action delivers, in the order of the ids: for Action.recommendations. */
  async recommendationsByAction(
    viewer: Viewer,
    actionIds: readonly string[],
  ): Promise<RecommendationEntity[][]> {
    assertViewer(viewer);
    const wanted = actionIds.filter(isUuid);
    const rows = wanted.length ? await recommendationsOfActions(this.db, viewer, wanted) : [];
    return groupByKey(rows, actionIds, (r) => r.actionId).map((list) =>
      list.map(({ actionId: _a, ...rec }) => rec as RecommendationEntity),
    );
  }

  /**
   * Tags of each recommendation, by kind then label. Callers pass only ids of recommendations they
   * already read through a visibility-checked query.
   */
  async tagsByRecommendation(recommendationIds: readonly string[]): Promise<TagRow[][]> {
    const rows = recommendationIds.length ? await tagsOfRecommendations(this.db, recommendationIds) : [];
    return groupByKey(rows, recommendationIds, (r) => r.recommendationId).map((list) =>
      list.map(({ recommendationId: _r, ...tag }) => tag),
    );
  }

  /** The actions delivering each recommendation (actions are readable by everyone signed in). */
  async actionsByRecommendation(
    viewer: Viewer,
    recommendationIds: readonly string[],
  ): Promise<ActionEntity[][]> {
    assertViewer(viewer);
    const links = recommendationIds.length
      ? await actionLinksOfRecommendations(this.db, viewer.partnershipId, recommendationIds)
      : [];
    const actions = links.length
      ? await this.db
          .getRepository(ActionEntity)
          .find({ where: { id: In([...new Set(links.map((l) => l.actionId))]) }, order: { ref: 'ASC' } })
      : [];
    const byId = new Map(actions.map((a) => [a.id, a]));
    return groupByKey(links, recommendationIds, (l) => l.recommendationId).map((list) =>
      list
        .map((l) => byId.get(l.actionId))
        .filter((a): a is ActionEntity => !!a)
        .sort((x, y) => x.ref.localeCompare(y.ref)),
    );
  }

  // ---------------------------------------------------------------- writes

  /** Creates a review (ADMIN, DHR_PANEL). Confidential unless published (or told otherwise). */
  async createReview(viewer: Viewer, input: ReviewInput, today: string = todayIso()): Promise<ReviewEntity> {
    assertViewer(viewer);
    requireAccess(viewer, 'review.edit');
    const values = {
      kind: checkEnum('kind', input.kind, ReviewKind),
      ref: cleanText('ref', input.ref, { required: true, max: 40, screen: false })!,
      area: cleanText('area', input.area, { max: 200 }) ?? '',
      title: cleanText('title', input.title, { required: true, max: 300 })!,
      pseudonym: cleanText('pseudonym', input.pseudonym, { max: 100 }),
      commissionedOn: input.commissionedOn ?? null,
      notifiedOn: input.notifiedOn ?? null,
      decidedOn: input.decidedOn ?? null,
      panelStartedOn: input.panelStartedOn ?? null,
      submittedOn: input.submittedOn ?? null,
      qaOutcome: input.qaOutcome == null ? null : checkEnum('qaOutcome', input.qaOutcome, QaOutcome),
      qaOn: input.qaOn ?? null,
      publishedOn: input.publishedOn ?? null,
      confidential: input.confidential ?? input.publishedOn == null,
    };
    this.checkReview(values, today);
    return this.db.transaction(async (tx) => {
      await this.assertReviewRefFree(tx, viewer.partnershipId, values.ref, null);
      const saved = await saveUnique(
        () => tx.getRepository(ReviewEntity).save({ partnershipId: viewer.partnershipId, ...values }),
        'ref',
        'A review with this ref already exists.',
      );
      await writeAudit(tx, {
        partnershipId: viewer.partnershipId,
        actorId: viewer.id,
        operation: 'createReview',
        entityType: 'Review',
        entityId: saved.id,
        before: null,
        after: snapshot(saved),
      });
      return saved;
    });
  }

  /**
   * Changes a review (ADMIN, DHR_PANEL) if `version` is still current; otherwise CONFLICT with the
   * current version. Absent fields are left alone, null clears an optional one. Setting publishedOn
   * makes the review non-confidential unless `confidential` is given in the same patch.
   */
  async updateReview(
    viewer: Viewer,
    id: string,
    version: number,
    patch: ReviewPatch,
    today: string = todayIso(),
  ): Promise<ReviewEntity> {
    assertViewer(viewer);
    requireAccess(viewer, 'review.edit');
    const current = await this.getReview(viewer, id);
    checkVersion(current.version, version, staleVersion('review'));
    const next: Record<string, unknown> = {};
    for (const field of ['kind', 'ref', 'title'] as const) {
      if (patch[field] === null) throw new BadInputError(field, `${field} cannot be cleared.`);
    }
    if (patch.kind !== undefined) next.kind = checkEnum('kind', patch.kind, ReviewKind);
    if (patch.ref !== undefined)
      next.ref = cleanText('ref', patch.ref, { required: true, max: 40, screen: false });
    if (patch.title !== undefined) next.title = cleanText('title', patch.title, { required: true, max: 300 });
    if (patch.area !== undefined) next.area = cleanText('area', patch.area, { max: 200 }) ?? '';
    if (patch.pseudonym !== undefined) next.pseudonym = cleanText('pseudonym', patch.pseudonym, { max: 100 });
    for (const field of [
      'commissionedOn',
      'notifiedOn',
      'decidedOn',
      'panelStartedOn',
      'submittedOn',
      'qaOn',
      'publishedOn',
    ] as const) {
      if (patch[field] !== undefined) next[field] = patch[field];
    }
    if (patch.qaOutcome !== undefined) {
      next.qaOutcome = patch.qaOutcome === null ? null : checkEnum('qaOutcome', patch.qaOutcome, QaOutcome);
    }
    if (patch.confidential != null) next.confidential = patch.confidential;
    else if (patch.publishedOn && !current.publishedOn) next.confidential = false;
    const merged = { ...current, ...next } as ReviewEntity;
    this.checkReview(merged, today);

    return this.db.transaction(async (tx) => {
      if (next.ref !== undefined && next.ref !== current.ref) {
        await this.assertReviewRefFree(tx, viewer.partnershipId, merged.ref, id);
      }
      const saved = await saveUnique(
        () =>
          updateAtVersion(
            tx,
            ReviewEntity,
            { id, version, where: 'partnership_id = :p', params: { p: viewer.partnershipId } },
            next,
            staleVersion('review'),
          ),
        'ref',
        'A review with this ref already exists.',
      );
      await writeAudit(tx, {
        partnershipId: viewer.partnershipId,
        actorId: viewer.id,
        operation: 'updateReview',
        entityType: 'Review',
        entityId: id,
        before: snapshot(current),
        after: snapshot(saved),
      });
      return saved;
    });
  }

  /** Adds a recommendation to a visible review (ADMIN, DHR_PANEL); its history starts with OPEN. */
  async addRecommendation(
    viewer: Viewer,
    input: RecommendationInput,
    today: string = todayIso(),
  ): Promise<RecommendationEntity> {
    assertViewer(viewer);
    requireAccess(viewer, 'review.edit');
    if (!isUuid(input.reviewId) || !(await this.findReview(viewer, input.reviewId))) {
      throw new BadInputError('reviewId', 'No such review.');
    }
    const values = {
      reviewId: input.reviewId,
      ref: cleanText('ref', input.ref, { required: true, max: 40, screen: false })!,
      text: cleanText('text', input.text, { required: true, max: 5000 })!,
      agency: cleanText('agency', input.agency, { max: 200 }) ?? '',
      scope:
        input.scope == null
          ? RecommendationScope.LOCAL
          : checkEnum('scope', input.scope, RecommendationScope),
      dueOn: input.dueOn ?? null,
      madeOn: input.madeOn ?? today,
      status: RecommendationStatus.OPEN,
      evidence: null,
    };
    if (values.dueOn != null && !isIsoDate(values.dueOn)) {
      throw new BadInputError('dueOn', 'Give a real date as YYYY-MM-DD.');
    }
    if (!isIsoDate(values.madeOn) || values.madeOn > today) {
      throw new BadInputError(
        'madeOn',
        'Give the date the recommendation was made: a real date, not in the future.',
      );
    }
    return this.db.transaction(async (tx) => {
      const clash = await tx
        .getRepository(RecommendationEntity)
        .existsBy({ reviewId: values.reviewId, ref: values.ref });
      if (clash) throw new BadInputError('ref', 'This review already has a recommendation with this ref.');
      const tags = await this.tags.resolveTags(tx, viewer.partnershipId, input.tags ?? [], 'tags');
      const saved = await saveUnique(
        () => tx.getRepository(RecommendationEntity).save(values),
        'ref',
        'This review already has a recommendation with this ref.',
      );
      if (tags.length) {
        await tx
          .getRepository(RecommendationTagEntity)
          .insert(tags.map((t) => ({ recommendationId: saved.id, tagId: t.id })));
      }
      await tx.getRepository(RecommendationStatusChangeEntity).insert({
        recommendationId: saved.id,
        fromStatus: null,
        toStatus: RecommendationStatus.OPEN,
        evidence: null,
        effectiveOn: values.madeOn,
        changedBy: viewer.id,
      });
      await writeAudit(tx, {
        partnershipId: viewer.partnershipId,
        actorId: viewer.id,
        operation: 'addRecommendation',
        entityType: 'Recommendation',
        entityId: saved.id,
        before: null,
        after: { ...(snapshot(saved) as object), tags: tags.map((t) => `${t.kind}:${t.slug}`) },
      });
      return saved;
    });
  }

  // ---------------------------------------------------------------- helpers

  private checkReview(
    r: Pick<ReviewEntity, 'qaOutcome' | 'qaOn' | 'publishedOn' | 'confidential'> &
      Parameters<typeof checkReviewDates>[0],
    today: string,
  ): void {
    checkReviewDates(r, today);
    if (r.qaOutcome != null && r.qaOn == null) {
      throw new BadInputError('qaOn', 'Give the date of the QA outcome.');
    }
    if (r.qaOn != null && r.qaOutcome == null) {
      throw new BadInputError('qaOutcome', 'Give the QA outcome (APPROVED or RESUBMIT) for this date.');
    }
  }

  private async assertReviewRefFree(
    tx: EntityManager,
    partnershipId: string,
    ref: string,
    exceptId: string | null,
  ): Promise<void> {
    if (await reviewRefTaken(tx, partnershipId, ref, exceptId))
      throw new BadInputError('ref', 'A review with this ref already exists.');
  }
}
