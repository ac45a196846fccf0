import type { DataSource } from 'typeorm';
import {
  BadInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
} from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { isIsoDate, todayIso } from '../../shared/dates';
import { writeAudit } from '../audit/audit.service';
import { cleanText } from '../reviews';
import { isUuid } from '../../database/ids';
import { can, requireAccess } from '../../access';
import { DigestStatus } from './voice-loop.enums';
import type { FeedbackDigestEntity } from './voice-loop.entity';
import { queryDigestItems, type DigestItem } from './feedback-digest.queries';

export interface DigestInput {
  forum: string;
  periodFrom: string;
  periodTo: string;
}

const COLUMNS = `d.id, d.partnership_id AS "partnershipId", d.forum, d.period_from AS "periodFrom",
  d.period_to AS "periodTo", d.status, d.created_by AS "createdBy", d.released_by AS "releasedBy",
  d.released_at AS "releasedAt", d.version, d.created_at AS "createdAt"`;

/** Everything a digest document shows. */
export interface DigestContent {
  digest: FeedbackDigestEntity;
  partnership: string;
  items: DigestItem[];
}

function requireViewer(viewer: Viewer | null | undefined): asserts viewer is Viewer {
  if (!viewer) throw new UnauthenticatedError();
}

/**
 * "You said, we did" digests per forum and period (docs/decisions/0019-survivor-voice-loop.md). A
 * facilitator (or an admin) prepares one as a DRAFT, previews it and releases it. Until released a
 * digest exists for nobody else: not listed, not readable by id, not downloadable (NOT_FOUND, as for a
 * record that does not exist). Released digests are listed to everyone signed in; downloading one (an
 * export of feedback) is for facilitators and strategic leads (ADMIN) only. The content is read from
 * the feedback when shown, so a later correction of the feedback shows in the digest too.
 */
export class FeedbackDigestService {
  constructor(private readonly db: DataSource) {}

  async prepare(viewer: Viewer, input: DigestInput, today = todayIso()): Promise<FeedbackDigestEntity> {
    requireViewer(viewer);
    requireAccess(viewer, 'feedback.record');
    const forum = cleanText('forum', input.forum, { required: true, max: 200, screen: false })!;
    for (const field of ['periodFrom', 'periodTo'] as const) {
      if (!isIsoDate(input[field])) throw new BadInputError(field, 'Give a real date as YYYY-MM-DD.');
    }
    if (input.periodTo < input.periodFrom) {
      throw new BadInputError('periodTo', 'periodTo cannot be before periodFrom.');
    }
    if (input.periodFrom > today)
      throw new BadInputError('periodFrom', 'periodFrom cannot be in the future.');
    return this.db.transaction(async (tx) => {
      const [existing]: FeedbackDigestEntity[] = await tx.query(
        `SELECT ${COLUMNS} FROM feedback_digest d WHERE d.partnership_id = $1 AND lower(d.forum) = lower($2)
            AND d.period_from = $3 AND d.period_to = $4`,
        [viewer.partnershipId, forum, input.periodFrom, input.periodTo],
      );
      if (existing) return existing;
      const [saved]: FeedbackDigestEntity[] = await tx.query(
        `INSERT INTO feedback_digest AS d (partnership_id, forum, period_from, period_to, created_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
        [viewer.partnershipId, forum, input.periodFrom, input.periodTo, viewer.id],
      );
      await writeAudit(tx, {
        partnershipId: viewer.partnershipId,
        actorId: viewer.id,
        operation: 'prepareFeedbackDigest',
        entityType: 'FeedbackDigest',
        entityId: saved.id,
        before: null,
        after: { forum, periodFrom: input.periodFrom, periodTo: input.periodTo, status: saved.status },
      });
      return saved;
    });
  }

  async release(viewer: Viewer, id: string, version: number): Promise<FeedbackDigestEntity> {
    requireViewer(viewer);
    requireAccess(viewer, 'feedback.record');
    return this.db.transaction(async (tx) => {
      const [d]: FeedbackDigestEntity[] = isUuid(id)
        ? await tx.query(
            `SELECT ${COLUMNS} FROM feedback_digest d WHERE d.id = $1 AND d.partnership_id = $2 FOR UPDATE`,
            [id, viewer.partnershipId],
          )
        : [];
      if (!d) throw new NotFoundError('FeedbackDigest', id);
      if (d.version !== version) {
        throw new ConflictError('This digest was changed by someone else. Reload it.', {
          currentVersion: d.version,
        });
      }
      if (d.status === DigestStatus.RELEASED) throw new ConflictError('This digest is already released.');
      // An UPDATE through TypeORM's query() answers [rows, rowCount].
      const [[saved]]: [FeedbackDigestEntity[], number] = await tx.query(
        `UPDATE feedback_digest d SET status = 'RELEASED', released_by = $2, released_at = now(),
                version = version + 1 WHERE d.id = $1 RETURNING ${COLUMNS}`,
        [d.id, viewer.id],
      );
      await writeAudit(tx, {
        partnershipId: viewer.partnershipId,
        actorId: viewer.id,
        operation: 'releaseFeedbackDigest',
        entityType: 'FeedbackDigest',
        entityId: d.id,
        before: { status: d.status, version: d.version },
        after: { status: saved.status, version: saved.version },
      });
      return saved;
    });
  }

  /** Released digests, newest period first (DRAFT ones are never listed here, for anyone). */
  async released(viewer: Viewer | null, forum?: string | null): Promise<FeedbackDigestEntity[]> {
    requireViewer(viewer);
    const params: unknown[] = [viewer.partnershipId];
    let where = `d.partnership_id = $1 AND d.status = 'RELEASED'`;
    if (forum?.trim()) {
      params.push(forum.trim());
      where += ' AND lower(d.forum) = lower($2)';
    }
    return this.db.query(
      `SELECT ${COLUMNS} FROM feedback_digest d WHERE ${where} ORDER BY d.period_to DESC, d.forum LIMIT 200`,
      params,
    );
  }

  /** Drafts awaiting release: only for those who prepare and release digests. */
  async drafts(viewer: Viewer | null): Promise<FeedbackDigestEntity[]> {
    requireViewer(viewer);
    if (!can(viewer, 'feedback.record')) return [];
    return this.db.query(
      `SELECT ${COLUMNS} FROM feedback_digest d WHERE d.partnership_id = $1 AND d.status = 'DRAFT'
        ORDER BY d.period_to DESC, d.forum LIMIT 200`,
      [viewer.partnershipId],
    );
  }

  /** One digest: released for anyone signed in; a DRAFT only for its preview by a facilitator or admin. */
  async get(viewer: Viewer | null, id: string): Promise<FeedbackDigestEntity> {
    requireViewer(viewer);
    const [d]: FeedbackDigestEntity[] = isUuid(id)
      ? await this.db.query(
          `SELECT ${COLUMNS} FROM feedback_digest d WHERE d.id = $1 AND d.partnership_id = $2`,
          [id, viewer.partnershipId],
        )
      : [];
    if (!d || (d.status !== DigestStatus.RELEASED && !can(viewer, 'feedback.record'))) {
      throw new NotFoundError('FeedbackDigest', id);
    }
    return d;
  }

  /** The feedback a digest covers, with decisions, responses and the actions' progress. */
  items(digest: FeedbackDigestEntity): Promise<DigestItem[]> {
    return queryDigestItems(this.db, digest);
  }

  /**
   * A released digest's content for download (an export of feedback: FACILITATOR or ADMIN). A draft is
   * NOT_FOUND to everyone here: previews are read on the page, not taken away.
   */
  async forDownload(viewer: Viewer, id: string): Promise<DigestContent> {
    const digest = await this.get(viewer, id);
    if (digest.status !== DigestStatus.RELEASED) throw new NotFoundError('FeedbackDigest', id);
    if (!can(viewer, 'feedback.record')) {
      throw new ForbiddenError('Only facilitators and strategic leads may download survivor feedback.');
    }
    const [items, [p]] = await Promise.all([
      this.items(digest),
      this.db.query(`SELECT name FROM partnership WHERE id = $1`, [viewer.partnershipId]) as Promise<
        Array<{ name: string }>
      >,
    ]);
    await writeAudit(this.db.manager, {
      partnershipId: viewer.partnershipId,
      actorId: viewer.id,
      operation: 'downloadFeedbackDigest',
      entityType: 'FeedbackDigest',
      entityId: digest.id,
      before: null,
      after: { items: items.length },
    });
    return { digest, partnership: p?.name ?? '', items };
  }
}
