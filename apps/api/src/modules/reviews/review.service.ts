import { In, type DataSource, type EntityManager } from 'typeorm';
import { BadInputError, ConflictError, NotFoundError, UnauthenticatedError } from '../../errors/errors';
import type { Viewer } from '../../graphql/context';
import { decodeCursor, pageSize, toPage } from '../../graphql/connection';
import { isUniqueViolation } from '../../shared/unique-violation';
import { snapshot, writeAudit } from '../audit/audit.service';
import { isIsoDate, todayIso } from '../actions/action.dates';
import { ActionEntity } from '../actions/action.entity';
import { parseTagRef, type TagService } from '../tags/tag.service';
import type { Role } from '../identity/user.entity';
import {
  RecommendationEntity,
  RecommendationScope,
  RecommendationStatus,
  RecommendationStatusChangeEntity,
  RecommendationTagEntity,
} from './recommendation.entity';
import { QaOutcome, ReviewEntity, ReviewKind } from './review.entity';
import type {
  RecommendationFilter,
  RecommendationInput,
  RecommendationStatusInput,
  ReviewInput,
  ReviewPatch,
} from './review.inputs';
import { ReviewPolicy } from './review.policy';
import { checkReviewDates, checkStatusChange, cleanText, isUuid } from './review.rules';

/** A review's columns under their entity property names, for raw SQL over alias `rv`. */
const REVIEW_COLUMNS = `rv.id, rv.partnership_id AS "partnershipId", rv.kind, rv.ref, rv.area, rv.title, rv.pseudonym,
  rv.commissioned_on AS "commissionedOn", rv.notified_on AS "notifiedOn", rv.decided_on AS "decidedOn",
  rv.panel_started_on AS "panelStartedOn", rv.submitted_on AS "submittedOn", rv.qa_outcome AS "qaOutcome",
  rv.qa_on AS "qaOn", rv.published_on AS "publishedOn", rv.confidential, rv.version,
  rv.created_at AS "createdAt", rv.updated_at AS "updatedAt"`;

/** A recommendation's columns under their entity property names, for raw SQL over alias `r`. */
const RECOMMENDATION_COLUMNS = `r.id, r.review_id AS "reviewId", r.ref, r.text, r.agency, r.scope,
  r.due_on AS "dueOn", r.status, r.evidence, r.version, r.created_at AS "createdAt", r.updated_at AS "updatedAt"`;

export interface TagRow {
  id: string;
  kind: string;
  slug: string;
  label: string;
}

export interface StatusChangeRow {
  id: string;
  recommendationId: string;
  fromStatus: RecommendationStatus | null;
  toStatus: RecommendationStatus;
  evidence: string | null;
  changedAt: Date;
  changedBy: { id: string; email: string; name: string; roles: Role[] } | null;
}

export interface RecommendationPage {
  edges: Array<{ cursor: string; node: RecommendationEntity }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export interface ThemeCount {
  tag: TagRow;
  total: number;
  open: number;
}

function requireViewer(viewer: Viewer | null | undefined): asserts viewer is Viewer {
  if (!viewer) throw new UnauthenticatedError();
}

function checkEnum<T extends string>(field: string, value: unknown, values: Record<string, T>): T {
  if (!Object.values(values).includes(value as T)) throw new BadInputError(field, `Unknown ${field}.`);
  return value as T;
}

/**
 * Reviews and their recommendations: the DHR panel's tracker. Every read goes through
 * ReviewPolicy.visibleReviewSql, so a confidential review and its recommendations exist only for
 * ADMIN and DHR_PANEL; every write is one transaction with its audit entry.
 */
export class ReviewService {
  constructor(
    private readonly db: DataSource,
    private readonly tags: TagService,
  ) {}

  // ---------------------------------------------------------------- reads

  /** Visible reviews, optionally of one kind, by ref. */
  async listReviews(viewer: Viewer, kind?: ReviewKind | null): Promise<ReviewEntity[]> {
    requireViewer(viewer);
    const params: unknown[] = [];
    let sql = `SELECT ${REVIEW_COLUMNS} FROM review rv WHERE ${ReviewPolicy.visibleReviewSql('rv', viewer, params)}`;
    if (kind != null) {
      params.push(checkEnum('kind', kind, ReviewKind));
      sql += ` AND rv.kind = $${params.length}`;
    }
    return this.db.query(`${sql} ORDER BY rv.ref`, params);
  }

  /** Visible reviews by id, for loaders: ids not found or not visible are simply absent. */
  async findReviews(viewer: Viewer, ids: readonly string[]): Promise<ReviewEntity[]> {
    requireViewer(viewer);
    const wanted = ids.filter(isUuid);
    if (wanted.length === 0) return [];
    const params: unknown[] = [wanted];
    return this.db.query(
      `SELECT ${REVIEW_COLUMNS} FROM review rv
       WHERE rv.id = ANY($1::uuid[]) AND ${ReviewPolicy.visibleReviewSql('rv', viewer, params)}`,
      params,
    );
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
    requireViewer(viewer);
    const wanted = ids.filter(isUuid);
    if (wanted.length === 0) return [];
    const params: unknown[] = [wanted];
    return this.db.query(
      `SELECT ${RECOMMENDATION_COLUMNS} FROM recommendation r JOIN review rv ON rv.id = r.review_id
       WHERE r.id = ANY($1::uuid[]) AND ${ReviewPolicy.visibleReviewSql('rv', viewer, params)}`,
      params,
    );
  }

  async getRecommendation(viewer: Viewer, id: string): Promise<RecommendationEntity> {
    const found = (await this.findRecommendations(viewer, [id]))[0];
    if (!found) throw new NotFoundError('Recommendation', id);
    return found;
  }

  /** Recommendations of each (visible) review, by ref: for Review.recommendations. */
  async recommendationsByReview(
    viewer: Viewer,
    reviewIds: readonly string[],
  ): Promise<Map<string, RecommendationEntity[]>> {
    requireViewer(viewer);
    const out = new Map<string, RecommendationEntity[]>(reviewIds.map((id) => [id, []]));
    const wanted = reviewIds.filter(isUuid);
    if (wanted.length === 0) return out;
    const params: unknown[] = [wanted];
    const rows: RecommendationEntity[] = await this.db.query(
      `SELECT ${RECOMMENDATION_COLUMNS} FROM recommendation r JOIN review rv ON rv.id = r.review_id
       WHERE r.review_id = ANY($1::uuid[]) AND ${ReviewPolicy.visibleReviewSql('rv', viewer, params)}
       ORDER BY r.ref, r.id`,
      params,
    );
    for (const row of rows) out.get(row.reviewId)?.push(row);
    return out;
  }

  /** The visible recommendations each action delivers: for Action.recommendations. */
  async recommendationsByAction(
    viewer: Viewer,
    actionIds: readonly string[],
  ): Promise<Map<string, RecommendationEntity[]>> {
    requireViewer(viewer);
    const out = new Map<string, RecommendationEntity[]>(actionIds.map((id) => [id, []]));
    const wanted = actionIds.filter(isUuid);
    if (wanted.length === 0) return out;
    const params: unknown[] = [wanted];
    const rows: Array<RecommendationEntity & { actionId: string }> = await this.db.query(
      `SELECT ra.action_id AS "actionId", ${RECOMMENDATION_COLUMNS}
       FROM recommendation_action ra
       JOIN recommendation r ON r.id = ra.recommendation_id
       JOIN review rv ON rv.id = r.review_id
       WHERE ra.action_id = ANY($1::uuid[]) AND ${ReviewPolicy.visibleReviewSql('rv', viewer, params)}
       ORDER BY rv.ref, r.ref, r.id`,
      params,
    );
    for (const { actionId, ...rec } of rows) out.get(actionId)?.push(rec as RecommendationEntity);
    return out;
  }

  /**
   * Tags of each recommendation, by kind then label. Callers pass only ids of recommendations they
   * already read through a visibility-checked query.
   */
  async tagsByRecommendation(recommendationIds: readonly string[]): Promise<Map<string, TagRow[]>> {
    const out = new Map<string, TagRow[]>(recommendationIds.map((id) => [id, []]));
    if (recommendationIds.length === 0) return out;
    const rows: Array<TagRow & { recommendationId: string }> = await this.db.query(
      `SELECT rt.recommendation_id AS "recommendationId", t.id, t.kind, t.slug, t.label
       FROM recommendation_tag rt JOIN tag t ON t.id = rt.tag_id
       WHERE rt.recommendation_id = ANY($1::uuid[]) ORDER BY t.kind, t.label, t.slug`,
      [recommendationIds],
    );
    for (const { recommendationId, ...tag } of rows) out.get(recommendationId)?.push(tag);
    return out;
  }

  /** The actions delivering each recommendation (actions are readable by everyone signed in). */
  async actionsByRecommendation(
    viewer: Viewer,
    recommendationIds: readonly string[],
  ): Promise<Map<string, ActionEntity[]>> {
    requireViewer(viewer);
    const out = new Map<string, ActionEntity[]>(recommendationIds.map((id) => [id, []]));
    if (recommendationIds.length === 0) return out;
    const links: Array<{ recommendationId: string; actionId: string }> = await this.db.query(
      `SELECT ra.recommendation_id AS "recommendationId", ra.action_id AS "actionId"
       FROM recommendation_action ra JOIN action a ON a.id = ra.action_id JOIN strategy s ON s.id = a.strategy_id
       WHERE ra.recommendation_id = ANY($1::uuid[]) AND s.partnership_id = $2`,
      [recommendationIds, viewer.partnershipId],
    );
    if (links.length === 0) return out;
    const actions = await this.db
      .getRepository(ActionEntity)
      .find({ where: { id: In([...new Set(links.map((l) => l.actionId))]) }, order: { ref: 'ASC' } });
    const byId = new Map(actions.map((a) => [a.id, a]));
    for (const l of links) {
      const a = byId.get(l.actionId);
      if (a) out.get(l.recommendationId)?.push(a);
    }
    for (const list of out.values()) list.sort((x, y) => x.ref.localeCompare(y.ref));
    return out;
  }

  /** Each recommendation's status history, oldest first, with who made each change. */
  async historyByRecommendation(
    recommendationIds: readonly string[],
  ): Promise<Map<string, StatusChangeRow[]>> {
    const out = new Map<string, StatusChangeRow[]>(recommendationIds.map((id) => [id, []]));
    if (recommendationIds.length === 0) return out;
    const rows: Array<
      Omit<StatusChangeRow, 'changedBy'> & { userId: string | null } & Record<string, unknown>
    > = await this.db.query(
      `SELECT c.id, c.recommendation_id AS "recommendationId", c.from_status AS "fromStatus",
                c.to_status AS "toStatus", c.evidence, c.changed_at AS "changedAt",
                u.id AS "userId", u.email AS "userEmail", u.name AS "userName", u.roles AS "userRoles"
         FROM recommendation_status_change c LEFT JOIN app_user u ON u.id = c.changed_by
         WHERE c.recommendation_id = ANY($1::uuid[])
         ORDER BY c.changed_at, c.id`,
      [recommendationIds],
    );
    for (const row of rows) {
      out.get(row.recommendationId)?.push({
        id: row.id,
        recommendationId: row.recommendationId,
        fromStatus: row.fromStatus,
        toStatus: row.toStatus,
        evidence: row.evidence,
        changedAt: row.changedAt,
        changedBy: row.userId
          ? {
              id: row.userId,
              email: row.userEmail as string,
              name: row.userName as string,
              roles: row.userRoles as Role[],
            }
          : null,
      });
    }
    return out;
  }

  /**
   * The recommendation tracker: visible recommendations matching the filter, by review ref then
   * recommendation ref, a page at a time, with the total across pages.
   */
  async listRecommendations(
    viewer: Viewer,
    filter: RecommendationFilter | null | undefined,
    first?: number | null,
    after?: string | null,
    today: string = todayIso(),
  ): Promise<RecommendationPage> {
    requireViewer(viewer);
    const size = pageSize(first);
    const params: unknown[] = [];
    const where = [ReviewPolicy.visibleReviewSql('rv', viewer, params)];
    const f = filter ?? {};
    if (f.reviewId != null) {
      if (!isUuid(f.reviewId)) throw new BadInputError('reviewId', 'Not a review id.');
      params.push(f.reviewId);
      where.push(`r.review_id = $${params.length}`);
    }
    if (f.kind != null) {
      params.push(checkEnum('kind', f.kind, ReviewKind));
      where.push(`rv.kind = $${params.length}`);
    }
    if (f.agency != null && f.agency.trim() !== '') {
      params.push(f.agency.trim());
      where.push(`lower(r.agency) = lower($${params.length})`);
    }
    if (f.scope != null) {
      params.push(checkEnum('scope', f.scope, RecommendationScope));
      where.push(`r.scope = $${params.length}`);
    }
    if (f.status != null && f.status.length > 0) {
      params.push(f.status.map((s) => checkEnum('status', s, RecommendationStatus)));
      where.push(`r.status = ANY($${params.length}::text[])`);
    }
    if (f.theme != null && f.theme.trim() !== '') {
      const raw = f.theme.trim();
      const tag = parseTagRef(raw.includes(':') ? raw : `theme:${raw}`, 'theme');
      params.push(tag.kind, tag.slug);
      where.push(`EXISTS (SELECT 1 FROM recommendation_tag rt JOIN tag t ON t.id = rt.tag_id
        WHERE rt.recommendation_id = r.id AND t.kind = $${params.length - 1} AND t.slug = $${params.length})`);
    }
    if (f.overdue != null) {
      params.push(today);
      const overdue = `(r.due_on IS NOT NULL AND r.due_on < $${params.length} AND r.status IN ('OPEN', 'IN_PROGRESS'))`;
      where.push(f.overdue ? overdue : `NOT ${overdue}`);
    }
    const countParams = [...params];
    const countSql = `SELECT count(*)::int AS n FROM recommendation r JOIN review rv ON rv.id = r.review_id
      WHERE ${where.join(' AND ')}`;
    if (after != null) {
      const [reviewRef, ref, id] = decodeCursor(after, 3);
      if (typeof reviewRef !== 'string' || typeof ref !== 'string' || !isUuid(id)) {
        throw new BadInputError('after', 'The cursor is not valid; use a cursor this API returned.');
      }
      params.push(reviewRef, ref, id);
      where.push(
        `(rv.ref, r.ref, r.id) > ($${params.length - 2}, $${params.length - 1}, $${params.length}::uuid)`,
      );
    }
    params.push(size + 1);
    const pageSql = `SELECT ${RECOMMENDATION_COLUMNS}, rv.ref AS "reviewRef"
      FROM recommendation r JOIN review rv ON rv.id = r.review_id
      WHERE ${where.join(' AND ')} ORDER BY rv.ref, r.ref, r.id LIMIT $${params.length}`;
    const [rows, count] = await Promise.all([
      this.db.query(pageSql, params) as Promise<Array<RecommendationEntity & { reviewRef: string }>>,
      this.db.query(countSql, countParams) as Promise<Array<{ n: number }>>,
    ]);
    const page = toPage(rows, size, (row) => [row.reviewRef, row.ref, row.id]);
    return {
      edges: page.edges.map(({ cursor, node: { reviewRef: _ignored, ...node } }) => ({
        cursor,
        node: node as RecommendationEntity,
      })),
      pageInfo: page.pageInfo,
      totalCount: count[0]?.n ?? 0,
    };
  }

  /**
   * The thematic action plan across all visible reviews: for each tag of `kind` (default "theme")
   * carried by a visible recommendation, how many carry it and how many are still open (OPEN or
   * IN_PROGRESS). Most open first.
   */
  async recommendationThemes(viewer: Viewer, kind: string = 'theme'): Promise<ThemeCount[]> {
    requireViewer(viewer);
    const params: unknown[] = [kind];
    const rows: Array<TagRow & { total: number; open: number }> = await this.db.query(
      `SELECT t.id, t.kind, t.slug, t.label, count(*)::int AS total,
              (count(*) FILTER (WHERE r.status IN ('OPEN', 'IN_PROGRESS')))::int AS open
       FROM recommendation_tag rt
       JOIN tag t ON t.id = rt.tag_id
       JOIN recommendation r ON r.id = rt.recommendation_id
       JOIN review rv ON rv.id = r.review_id
       WHERE t.kind = $1 AND ${ReviewPolicy.visibleReviewSql('rv', viewer, params)}
       GROUP BY t.id, t.kind, t.slug, t.label
       ORDER BY open DESC, total DESC, t.label`,
      params,
    );
    return rows.map(({ total, open, ...tag }) => ({ tag, total, open }));
  }

  // ---------------------------------------------------------------- writes

  /** Creates a review (ADMIN, DHR_PANEL). Confidential unless published (or told otherwise). */
  async createReview(viewer: Viewer, input: ReviewInput, today: string = todayIso()): Promise<ReviewEntity> {
    requireViewer(viewer);
    ReviewPolicy.assertCanEdit(viewer);
    const values = {
      kind: checkEnum('kind', input.kind, ReviewKind),
      ref: cleanText('ref', input.ref, { required: true, max: 40 })!,
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
      const saved = await this.saveUnique(
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
    requireViewer(viewer);
    ReviewPolicy.assertCanEdit(viewer);
    const current = await this.getReview(viewer, id);
    if (current.version !== version) {
      throw new ConflictError('This review was changed by someone else: reload it and try again.', {
        currentVersion: current.version,
      });
    }
    const next: Record<string, unknown> = {};
    for (const field of ['kind', 'ref', 'title'] as const) {
      if (patch[field] === null) throw new BadInputError(field, `${field} cannot be cleared.`);
    }
    if (patch.kind !== undefined) next.kind = checkEnum('kind', patch.kind, ReviewKind);
    if (patch.ref !== undefined) next.ref = cleanText('ref', patch.ref, { required: true, max: 40 });
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
      const result = await this.saveUnique(
        () =>
          tx
            .createQueryBuilder()
            .update(ReviewEntity)
            .set({ ...next, version: () => 'version + 1' })
            .where('id = :id AND version = :version AND partnership_id = :p', {
              id,
              version,
              p: viewer.partnershipId,
            })
            .execute(),
        'ref',
        'A review with this ref already exists.',
      );
      if (!result.affected) {
        const now = await tx.getRepository(ReviewEntity).findOneBy({ id });
        throw new ConflictError('This review was changed by someone else: reload it and try again.', {
          currentVersion: now?.version ?? null,
        });
      }
      const saved = await tx.getRepository(ReviewEntity).findOneByOrFail({ id });
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
  async addRecommendation(viewer: Viewer, input: RecommendationInput): Promise<RecommendationEntity> {
    requireViewer(viewer);
    ReviewPolicy.assertCanEdit(viewer);
    if (!isUuid(input.reviewId) || !(await this.findReview(viewer, input.reviewId))) {
      throw new BadInputError('reviewId', 'No such review.');
    }
    const values = {
      reviewId: input.reviewId,
      ref: cleanText('ref', input.ref, { required: true, max: 40 })!,
      text: cleanText('text', input.text, { required: true, max: 5000 })!,
      agency: cleanText('agency', input.agency, { max: 200 }) ?? '',
      scope:
        input.scope == null
          ? RecommendationScope.LOCAL
          : checkEnum('scope', input.scope, RecommendationScope),
      dueOn: input.dueOn ?? null,
      status: RecommendationStatus.OPEN,
      evidence: null,
    };
    if (values.dueOn != null && !isIsoDate(values.dueOn)) {
      throw new BadInputError('dueOn', 'Give a real date as YYYY-MM-DD.');
    }
    return this.db.transaction(async (tx) => {
      const clash = await tx
        .getRepository(RecommendationEntity)
        .existsBy({ reviewId: values.reviewId, ref: values.ref });
      if (clash) throw new BadInputError('ref', 'This review already has a recommendation with this ref.');
      const tags = await this.tags.resolveTags(tx, viewer.partnershipId, input.tags ?? [], 'tags');
      const saved = await this.saveUnique(
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

  /**
   * Moves a recommendation to a new status (ADMIN, DHR_PANEL), keeping the change in its history.
   * Forward moves are free (ASSURED needs evidence); moving back needs evidence (the reason); the
   * same status again is refused. With `version`, a stale version is CONFLICT.
   */
  async setRecommendationStatus(
    viewer: Viewer,
    input: RecommendationStatusInput,
  ): Promise<RecommendationEntity> {
    requireViewer(viewer);
    ReviewPolicy.assertCanEdit(viewer);
    const status = checkEnum('status', input.status, RecommendationStatus);
    const evidence = cleanText('evidence', input.evidence, { max: 5000 });
    const current = await this.getRecommendation(viewer, input.id);
    return this.db.transaction(async (tx) => {
      // Lock the row so that two concurrent changes are judged against each other's result.
      const locked = await tx
        .getRepository(RecommendationEntity)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where('r.id = :id', { id: current.id })
        .getOneOrFail();
      if (input.version != null && locked.version !== input.version) {
        throw new ConflictError('This recommendation was changed by someone else: reload it and try again.', {
          currentVersion: locked.version,
        });
      }
      checkStatusChange(locked.status, status, evidence);
      await tx
        .createQueryBuilder()
        .update(RecommendationEntity)
        .set({ status, evidence, version: () => 'version + 1' })
        .where('id = :id', { id: locked.id })
        .execute();
      await tx.getRepository(RecommendationStatusChangeEntity).insert({
        recommendationId: locked.id,
        fromStatus: locked.status,
        toStatus: status,
        evidence,
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

  // ---------------------------------------------------------------- helpers

  private async changeLink(
    viewer: Viewer,
    recommendationId: string,
    actionId: string,
    link: boolean,
  ): Promise<RecommendationEntity> {
    requireViewer(viewer);
    ReviewPolicy.assertCanEdit(viewer);
    const rec = await this.getRecommendation(viewer, recommendationId);
    const action = isUuid(actionId)
      ? await this.db.query(
          `SELECT a.id FROM action a JOIN strategy s ON s.id = a.strategy_id WHERE a.id = $1 AND s.partnership_id = $2`,
          [actionId, viewer.partnershipId],
        )
      : [];
    if (action.length === 0) throw new NotFoundError('Action', actionId);
    return this.db.transaction(async (tx) => {
      const changed: unknown[] = link
        ? await tx.query(
            `INSERT INTO recommendation_action (recommendation_id, action_id) VALUES ($1, $2)
             ON CONFLICT DO NOTHING RETURNING action_id`,
            [rec.id, actionId],
          )
        : await tx.query(
            `DELETE FROM recommendation_action WHERE recommendation_id = $1 AND action_id = $2 RETURNING action_id`,
            [rec.id, actionId],
          );
      // Idempotent: only a real change is audited.
      if (changed.length > 0) {
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
    const rows: unknown[] = await tx.query(
      `SELECT 1 FROM review WHERE partnership_id = $1 AND ref = $2 AND ($3::uuid IS NULL OR id <> $3::uuid)`,
      [partnershipId, ref, exceptId],
    );
    if (rows.length > 0) throw new BadInputError('ref', 'A review with this ref already exists.');
  }

  /** Runs a write, turning a unique violation (a concurrent duplicate) into BAD_USER_INPUT on `field`. */
  private async saveUnique<T>(write: () => Promise<T>, field: string, message: string): Promise<T> {
    try {
      return await write();
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw new BadInputError(field, message);
      }
      throw e;
    }
  }
}
