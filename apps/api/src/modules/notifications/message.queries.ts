import type { EntityManager } from 'typeorm';
import { MessageEntity } from './message.entity';

/** What a message says and to whom; the dedupe key makes recording it idempotent. */
export interface MessageDraft {
  partnershipId: string;
  recipientId: string;
  kind: string;
  dedupeKey: string;
  subject: string;
  body: string;
  link: string;
}

/** Inserts one message unless its dedupe key is already recorded; the new id, or null. */
export async function insertMessage(manager: EntityManager, m: MessageDraft): Promise<string | null> {
  const rows: Array<{ id: string }> = await manager.query(
    `INSERT INTO message (partnership_id, recipient_id, kind, dedupe_key, subject, body, link)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (partnership_id, dedupe_key) DO NOTHING
     RETURNING id`,
    [m.partnershipId, m.recipientId, m.kind, m.dedupeKey, m.subject, m.body, m.link],
  );
  return rows[0]?.id ?? null;
}

/** A person's messages in their partnership (`unreadOnly`: not yet read), newest first, at most `limit`. */
export function recipientMessages(
  manager: EntityManager,
  recipient: { id: string; partnershipId: string },
  { unreadOnly, limit }: { unreadOnly: boolean; limit: number },
): Promise<MessageEntity[]> {
  const qb = manager
    .getRepository(MessageEntity)
    .createQueryBuilder('m')
    .where('m.recipient_id = :id AND m.partnership_id = :p', { id: recipient.id, p: recipient.partnershipId })
    .orderBy('m.created_at', 'DESC')
    .addOrderBy('m.id', 'DESC')
    .limit(limit);
  if (unreadOnly) qb.andWhere('m.read_at IS NULL');
  return qb.getMany();
}

/** A message claimed for sending, with where it goes. */
export interface ClaimedMessage {
  id: string;
  subject: string;
  body: string;
  link: string;
  attempts: number;
  email: string;
  name: string;
}

/**
 * Claims up to `limit` unsent messages whose next attempt is due, for one delivery run. The claim
 * counts the attempt and moves the next attempt out by the backoff (1 minute doubling to 6 hours):
 * a run that fails or dies leaves the message to a later run, never lost; SKIP LOCKED keeps two
 * processes from claiming the same message at once. Messages to deactivated people are not emailed.
 */
export async function claimDueMessages(manager: EntityManager, limit: number): Promise<ClaimedMessage[]> {
  // Wrapped in a CTE so that the answer is the rows (TypeORM answers a bare UPDATE with [rows, count]).
  return manager.query(
    `WITH claimed AS (
     UPDATE message m
        SET attempts = m.attempts + 1,
            next_attempt_at = now() + least(60 * power(2, m.attempts), 21600) * interval '1 second'
       FROM app_user u
      WHERE m.id IN (SELECT id FROM message
                      WHERE sent_at IS NULL AND next_attempt_at <= now()
                      ORDER BY next_attempt_at
                      LIMIT $1
                      FOR UPDATE SKIP LOCKED)
        AND u.id = m.recipient_id AND u.active
      RETURNING m.id, m.subject, m.body, m.link, m.attempts, u.email, u.name
     )
     SELECT * FROM claimed`,
    [limit],
  );
}

export async function markSent(manager: EntityManager, id: string): Promise<void> {
  await manager.query(`UPDATE message SET sent_at = now(), last_error = NULL WHERE id = $1`, [id]);
}

export async function markFailed(manager: EntityManager, id: string, error: string): Promise<void> {
  await manager.query(`UPDATE message SET last_error = $2 WHERE id = $1`, [id, error.slice(0, 500)]);
}
