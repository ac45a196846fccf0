import type { EntityManager } from 'typeorm';
import type { FeedbackEntity } from './feedback.entity';
import type { Db } from './voice-loop.queries';

/**
 * The SQL of redacting survivor feedback and responses (redaction.service.ts): reading the text as
 * the redaction form shows it, locking what is redacted, and replacing the words (redact_text,
 * redact_jsonb: database functions). Writes run in the service's transaction.
 */

/** The partnership's feedback (id a UUID) as the redaction form reads it. */
export async function feedbackText(
  db: Db,
  id: string,
  partnershipId: string,
): Promise<{ id: string; forum: string; summary: string; received_on: string; version: number } | undefined> {
  const [f]: Array<{ id: string; forum: string; summary: string; received_on: string; version: number }> =
    await db.query(
      `SELECT id, forum, summary, received_on::text, version FROM feedback WHERE id = $1 AND partnership_id = $2`,
      [id, partnershipId],
    );
  return f;
}

/** A response (id a UUID) to the partnership's feedback, as the redaction form reads it. */
export async function responseText(
  db: Db,
  id: string,
  partnershipId: string,
): Promise<
  { id: string; feedback_id: string; text: string; responded_on: string; version: number } | undefined
> {
  const [r]: Array<{ id: string; feedback_id: string; text: string; responded_on: string; version: number }> =
    await db.query(
      `SELECT r.id, r.feedback_id, r.text, r.responded_on::text, r.text_version AS version
               FROM feedback_response r JOIN feedback f ON f.id = r.feedback_id
              WHERE r.id = $1 AND f.partnership_id = $2`,
      [id, partnershipId],
    );
  return r;
}

/** The partnership's feedback (id a UUID), locked. */
export async function lockFeedbackText(
  tx: EntityManager,
  id: string,
  partnershipId: string,
): Promise<{ id: string; forum: string; summary: string; version: number } | undefined> {
  const [row]: Array<{ id: string; forum: string; summary: string; version: number }> = await tx.query(
    `SELECT id, forum, summary, version FROM feedback WHERE id = $1 AND partnership_id = $2 FOR UPDATE`,
    [id, partnershipId],
  );
  return row;
}

/** The reasons given for decisions on the feedback, locked. */
export function lockDecisionReasons(
  tx: EntityManager,
  feedbackId: string,
): Promise<Array<{ reason: string }>> {
  return tx.query(
    `SELECT reason FROM feedback_decision WHERE feedback_id = $1 AND reason IS NOT NULL FOR UPDATE`,
    [feedbackId],
  );
}

/** Replaces the words in the feedback's summary and forum, moving its version on. */
export async function redactFeedbackRow(
  tx: EntityManager,
  id: string,
  words: readonly string[],
): Promise<FeedbackEntity> {
  const [updated]: [FeedbackEntity[], number] = await tx.query(
    `UPDATE feedback f SET summary = redact_text(f.summary, $2), forum = redact_text(f.forum, $2),
                version = f.version + 1
          WHERE f.id = $1
          RETURNING f.id, f.partnership_id AS "partnershipId", f.forum, f.received_on AS "receivedOn",
                    f.summary, f.recorded_by AS "recordedBy", f.version, f.created_at AS "createdAt"`,
    [id, words],
  );
  return updated[0];
}

/** Replaces the words in the reasons of the feedback's decisions. */
export async function redactDecisionReasons(
  tx: EntityManager,
  feedbackId: string,
  words: readonly string[],
): Promise<void> {
  await tx.query(
    `UPDATE feedback_decision SET reason = redact_text(reason, $2) WHERE feedback_id = $1 AND reason IS NOT NULL`,
    [feedbackId, words],
  );
}

/** The feedback's responses, locked, oldest first. */
export function lockResponsesOf(tx: EntityManager, feedbackId: string): Promise<Array<{ id: string }>> {
  return tx.query(
    `SELECT id FROM feedback_response WHERE feedback_id = $1 ORDER BY created_at, id FOR UPDATE`,
    [feedbackId],
  );
}

/** A response (id a UUID) to the partnership's feedback, locked. */
export async function lockResponseText(
  tx: EntityManager,
  id: string,
  partnershipId: string,
): Promise<{ id: string; feedback_id: string; text: string; version: number } | undefined> {
  const [row]: Array<{ id: string; feedback_id: string; text: string; version: number }> = await tx.query(
    `SELECT r.id, r.feedback_id, r.text, r.text_version AS version FROM feedback_response r
               JOIN feedback f ON f.id = r.feedback_id
              WHERE r.id = $1 AND f.partnership_id = $2 FOR UPDATE OF r`,
    [id, partnershipId],
  );
  return row;
}

/** The feedback by id (no partnership check: the caller read it through one). */
export async function feedbackRow(tx: EntityManager, id: string): Promise<FeedbackEntity> {
  const [feedback]: FeedbackEntity[] = await tx.query(
    `SELECT f.id, f.partnership_id AS "partnershipId", f.forum, f.received_on AS "receivedOn",
                f.summary, f.recorded_by AS "recordedBy", f.version, f.created_at AS "createdAt"
           FROM feedback f WHERE f.id = $1`,
    [id],
  );
  return feedback;
}

/** Replaces the words in the response's text when it holds them; the new version, or none. */
export async function redactResponseText(
  tx: EntityManager,
  responseId: string,
  words: readonly string[],
): Promise<Array<{ version: number }>> {
  const [changed]: [Array<{ version: number }>, number] = await tx.query(
    `UPDATE feedback_response r SET text = redact_text(r.text, $2), text_version = r.text_version + 1
        WHERE r.id = $1 AND r.text IS DISTINCT FROM redact_text(r.text, $2)
        RETURNING r.text_version AS version`,
    [responseId, words],
  );
  return changed;
}

/** True when an audit snapshot of the response still holds any of the words. */
export async function responseSnapshotsHold(
  tx: EntityManager,
  partnershipId: string,
  responseId: string,
  words: readonly string[],
): Promise<boolean> {
  const [{ snapshots }]: Array<{ snapshots: boolean }> = await tx.query(
    `SELECT EXISTS (SELECT 1 FROM audit_entry e
         WHERE e.partnership_id = $1 AND e.entity_type = 'FeedbackResponse' AND e.entity_id = $2
           AND (e.before IS DISTINCT FROM redact_jsonb(e.before, $3)
                OR e.after IS DISTINCT FROM redact_jsonb(e.after, $3))) AS snapshots`,
    [partnershipId, responseId, words],
  );
  return snapshots;
}
