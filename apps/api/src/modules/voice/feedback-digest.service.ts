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
import { assertNoPersonalIdentifiers } from './personal-identifiers';
import type { FeedbackDigestEntity } from './voice-loop.entity';
import {
  digestById,
  digestOf,
  draftDigests,
  insertDigest,
  lockDigest,
  markReleased,
  partnershipName,
  queryDigestItems,
  releasedDigests,
  type DigestItem,
} from './feedback-digest.queries';

export interface DigestInput {
  forum: string;
  periodFrom: string;
  periodTo: string;
}

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
    // The forum names the digest (its title, shown to everyone signed in once released): screened as
    // feedback's forum is, so no one can be named in it.
    assertNoPersonalIdentifiers('forum', forum);
    for (const field of ['periodFrom', 'periodTo'] as const) {
      if (!isIsoDate(input[field])) throw new BadInputError(field, 'Give a real date as YYYY-MM-DD.');
    }
    if (input.periodTo < input.periodFrom) {
      throw new BadInputError('periodTo', 'periodTo cannot be before periodFrom.');
    }
    if (input.periodFrom > today)
      throw new BadInputError('periodFrom', 'periodFrom cannot be in the future.');
    return this.db.transaction(async (tx) => {
      const key = {
        partnershipId: viewer.partnershipId,
        forum,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
      };
      const existing = await digestOf(tx, key);
      if (existing) return existing;
      const saved = await insertDigest(tx, { ...key, createdBy: viewer.id });
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
      const d = isUuid(id) ? await lockDigest(tx, id, viewer.partnershipId) : undefined;
      if (!d) throw new NotFoundError('FeedbackDigest', id);
      if (d.version !== version) {
        throw new ConflictError('This digest was changed by someone else. Reload it.', {
          currentVersion: d.version,
        });
      }
      if (d.status === DigestStatus.RELEASED) throw new ConflictError('This digest is already released.');
      const saved = await markReleased(tx, d.id, viewer.id);
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
    return releasedDigests(this.db, viewer.partnershipId, forum?.trim() || null);
  }

  /** Drafts awaiting release: only for those who prepare and release digests. */
  async drafts(viewer: Viewer | null): Promise<FeedbackDigestEntity[]> {
    requireViewer(viewer);
    if (!can(viewer, 'feedback.record')) return [];
    return draftDigests(this.db, viewer.partnershipId);
  }

  /** One digest: released for anyone signed in; a DRAFT only for its preview by a facilitator or admin. */
  async get(viewer: Viewer | null, id: string): Promise<FeedbackDigestEntity> {
    requireViewer(viewer);
    const d = isUuid(id) ? await digestById(this.db, id, viewer.partnershipId) : undefined;
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
    const [items, partnership] = await Promise.all([
      this.items(digest),
      partnershipName(this.db, viewer.partnershipId),
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
    return { digest, partnership, items };
  }
}
