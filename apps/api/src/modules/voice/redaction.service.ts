import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { isUuid } from '../../database/ids';
import {
  assertWordsOccur,
  cleanRedaction,
  redactAuditTrail,
  type RedactionRequest,
} from '../audit/redaction.service';
import { RedactableKind, type RedactableText } from '../audit/redaction.type';
import type { FeedbackEntity } from './feedback.entity';
import { requireAccess } from '../../access';
import {
  feedbackRow,
  feedbackText,
  lockDecisionReasons,
  lockFeedbackText,
  lockResponsesOf,
  lockResponseText,
  redactDecisionReasons,
  redactFeedbackRow,
  redactResponseText,
  responseSnapshotsHold,
  responseText,
} from './redaction.queries';

const STALE =
  'This text has changed since you read it (another redaction, perhaps). Reload it and choose the words again.';

function assertCanRedact(viewer: Viewer | null | undefined): asserts viewer is Viewer {
  requireAccess(viewer, 'feedback.redact');
}

/**
 * Redaction of survivor feedback and "you said, we did" responses (docs/security.md, "Redaction"):
 * FACILITATOR or ADMIN of the partnership names the version they read, the words and the reason. The
 * words become "[redacted]" in the row, in every earlier audit snapshot of it, and (for feedback) in
 * its responses too; the audit trail gains an entry with who and why, never the words.
 */
export class FeedbackRedactionService {
  constructor(private readonly db: DataSource) {}

  /** The text of feedback or a response for the redaction form (only for those who may redact it). */
  async readable(
    viewer: Viewer | null | undefined,
    kind: RedactableKind,
    id: string,
  ): Promise<RedactableText> {
    assertCanRedact(viewer);
    if (kind === RedactableKind.FEEDBACK) {
      const f = isUuid(id) ? await feedbackText(this.db, id, viewer.partnershipId) : undefined;
      if (!f) throw new NotFoundError('Feedback', id);
      return {
        kind,
        id: f.id,
        version: f.version,
        title: `Feedback from ${f.forum}, ${f.received_on}`,
        fields: [
          { name: 'summary', label: 'What was said', text: f.summary },
          { name: 'forum', label: 'Forum', text: f.forum },
        ],
        feedbackId: f.id,
        actionId: null,
      };
    }
    const r = isUuid(id) ? await responseText(this.db, id, viewer.partnershipId) : undefined;
    if (!r) throw new NotFoundError('FeedbackResponse', id);
    return {
      kind: RedactableKind.FEEDBACK_RESPONSE,
      id: r.id,
      version: r.version,
      title: `Response of ${r.responded_on}`,
      fields: [{ name: 'text', label: 'What we did', text: r.text }],
      feedbackId: r.feedback_id,
      actionId: null,
    };
  }

  async redactFeedback(
    viewer: Viewer | null | undefined,
    id: string,
    version: number,
    words: readonly string[],
    reason: string,
  ): Promise<FeedbackEntity> {
    assertCanRedact(viewer);
    const redaction = cleanRedaction(words, reason);
    return this.db.transaction(async (tx) => {
      const row = isUuid(id) ? await lockFeedbackText(tx, id, viewer.partnershipId) : undefined;
      if (!row) throw new NotFoundError('Feedback', id);
      if (row.version !== version) throw new ConflictError(STALE, { currentVersion: row.version });
      // The decisions' reasons answer this feedback and may repeat its words (decideFeedback).
      const reasons = await lockDecisionReasons(tx, row.id);
      await assertWordsOccur(tx, [row.summary, row.forum, ...reasons.map((r) => r.reason)], redaction.words);
      const saved = await redactFeedbackRow(tx, row.id, redaction.words);
      // Their earlier snapshots are the feedback's own audit entries (decideFeedback), redacted below.
      await redactDecisionReasons(tx, row.id, redaction.words);
      await redactAuditTrail(tx, {
        partnershipId: viewer.partnershipId,
        actorId: viewer.id,
        operation: 'redactFeedback',
        entityType: 'Feedback',
        entityId: row.id,
        redaction,
        details: {
          version: saved.version,
          fields: (['summary', 'forum'] as const).filter((f) => saved[f] !== row[f]),
        },
      });
      // The responses answer this feedback and may repeat its words: they go from there too.
      const responses = await lockResponsesOf(tx, row.id);
      for (const r of responses) {
        await this.redactResponseRow(tx, viewer, r.id, redaction, 'redactFeedback', false);
      }
      return saved;
    });
  }

  /** Redacts one response; returns the feedback it answers (as respondToFeedback does). */
  async redactFeedbackResponse(
    viewer: Viewer | null | undefined,
    id: string,
    version: number,
    words: readonly string[],
    reason: string,
  ): Promise<FeedbackEntity> {
    assertCanRedact(viewer);
    const redaction = cleanRedaction(words, reason);
    return this.db.transaction(async (tx) => {
      const row = isUuid(id) ? await lockResponseText(tx, id, viewer.partnershipId) : undefined;
      if (!row) throw new NotFoundError('FeedbackResponse', id);
      if (row.version !== version) throw new ConflictError(STALE, { currentVersion: row.version });
      await assertWordsOccur(tx, [row.text], redaction.words);
      await this.redactResponseRow(tx, viewer, row.id, redaction, 'redactFeedbackResponse', true);
      const feedback = await feedbackRow(tx, row.feedback_id);
      return feedback;
    });
  }

  /**
   * Replaces the words in one response and its audit snapshots. `always`: record the redaction even
   * when the response's current text does not hold the words (its snapshots may).
   */
  private async redactResponseRow(
    tx: EntityManager,
    viewer: Viewer,
    responseId: string,
    redaction: RedactionRequest,
    operation: string,
    always: boolean,
  ): Promise<void> {
    const changed = await redactResponseText(tx, responseId, redaction.words);
    const snapshots = await responseSnapshotsHold(tx, viewer.partnershipId, responseId, redaction.words);
    if (!always && changed.length === 0 && !snapshots) return;
    await redactAuditTrail(tx, {
      partnershipId: viewer.partnershipId,
      actorId: viewer.id,
      operation,
      entityType: 'FeedbackResponse',
      entityId: responseId,
      redaction,
      details: {
        ...(changed[0] ? { version: changed[0].version } : {}),
        fields: changed.length ? ['text'] : [],
      },
    });
  }
}
