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
      const [f]: Array<{ id: string; forum: string; summary: string; received_on: string; version: number }> =
        isUuid(id)
          ? await this.db.query(
              `SELECT id, forum, summary, received_on::text, version FROM feedback WHERE id = $1 AND partnership_id = $2`,
              [id, viewer.partnershipId],
            )
          : [];
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
    const [r]: Array<{
      id: string;
      feedback_id: string;
      text: string;
      responded_on: string;
      version: number;
    }> = isUuid(id)
      ? await this.db.query(
          `SELECT r.id, r.feedback_id, r.text, r.responded_on::text, r.text_version AS version
               FROM feedback_response r JOIN feedback f ON f.id = r.feedback_id
              WHERE r.id = $1 AND f.partnership_id = $2`,
          [id, viewer.partnershipId],
        )
      : [];
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
      const [row]: Array<{ id: string; forum: string; summary: string; version: number }> = isUuid(id)
        ? await tx.query(
            `SELECT id, forum, summary, version FROM feedback WHERE id = $1 AND partnership_id = $2 FOR UPDATE`,
            [id, viewer.partnershipId],
          )
        : [];
      if (!row) throw new NotFoundError('Feedback', id);
      if (row.version !== version) throw new ConflictError(STALE, { currentVersion: row.version });
      // The decisions' reasons answer this feedback and may repeat its words (decideFeedback).
      const reasons: Array<{ reason: string }> = await tx.query(
        `SELECT reason FROM feedback_decision WHERE feedback_id = $1 AND reason IS NOT NULL FOR UPDATE`,
        [row.id],
      );
      await assertWordsOccur(tx, [row.summary, row.forum, ...reasons.map((r) => r.reason)], redaction.words);
      const [updated]: [FeedbackEntity[], number] = await tx.query(
        `UPDATE feedback f SET summary = redact_text(f.summary, $2), forum = redact_text(f.forum, $2),
                version = f.version + 1
          WHERE f.id = $1
          RETURNING f.id, f.partnership_id AS "partnershipId", f.forum, f.received_on AS "receivedOn",
                    f.summary, f.recorded_by AS "recordedBy", f.version, f.created_at AS "createdAt"`,
        [row.id, redaction.words],
      );
      const saved = updated[0];
      // Their earlier snapshots are the feedback's own audit entries (decideFeedback), redacted below.
      await tx.query(
        `UPDATE feedback_decision SET reason = redact_text(reason, $2) WHERE feedback_id = $1 AND reason IS NOT NULL`,
        [row.id, redaction.words],
      );
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
      const responses: Array<{ id: string }> = await tx.query(
        `SELECT id FROM feedback_response WHERE feedback_id = $1 ORDER BY created_at, id FOR UPDATE`,
        [row.id],
      );
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
      const [row]: Array<{ id: string; feedback_id: string; text: string; version: number }> = isUuid(id)
        ? await tx.query(
            `SELECT r.id, r.feedback_id, r.text, r.text_version AS version FROM feedback_response r
               JOIN feedback f ON f.id = r.feedback_id
              WHERE r.id = $1 AND f.partnership_id = $2 FOR UPDATE OF r`,
            [id, viewer.partnershipId],
          )
        : [];
      if (!row) throw new NotFoundError('FeedbackResponse', id);
      if (row.version !== version) throw new ConflictError(STALE, { currentVersion: row.version });
      await assertWordsOccur(tx, [row.text], redaction.words);
      await this.redactResponseRow(tx, viewer, row.id, redaction, 'redactFeedbackResponse', true);
      const [feedback]: FeedbackEntity[] = await tx.query(
        `SELECT f.id, f.partnership_id AS "partnershipId", f.forum, f.received_on AS "receivedOn",
                f.summary, f.recorded_by AS "recordedBy", f.version, f.created_at AS "createdAt"
           FROM feedback f WHERE f.id = $1`,
        [row.feedback_id],
      );
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
    const [changed]: [Array<{ version: number }>, number] = await tx.query(
      `UPDATE feedback_response r SET text = redact_text(r.text, $2), text_version = r.text_version + 1
        WHERE r.id = $1 AND r.text IS DISTINCT FROM redact_text(r.text, $2)
        RETURNING r.text_version AS version`,
      [responseId, redaction.words],
    );
    const [{ snapshots }]: Array<{ snapshots: boolean }> = await tx.query(
      `SELECT EXISTS (SELECT 1 FROM audit_entry e
         WHERE e.partnership_id = $1 AND e.entity_type = 'FeedbackResponse' AND e.entity_id = $2
           AND (e.before IS DISTINCT FROM redact_jsonb(e.before, $3)
                OR e.after IS DISTINCT FROM redact_jsonb(e.after, $3))) AS snapshots`,
      [viewer.partnershipId, responseId, redaction.words],
    );
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
