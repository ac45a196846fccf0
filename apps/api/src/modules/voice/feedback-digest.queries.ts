import type { EntityManager } from 'typeorm';
import type { ActionStatus, Rag } from '../actions/action.enums';
import type { FeedbackDecision } from './voice-loop.enums';
import type { FeedbackDigestEntity } from './voice-loop.entity';
import type { Db } from './voice-loop.queries';

/**
 * The "you said, we did" digests' SQL: the digests themselves (one partnership's, by forum and period)
 * and the feedback each covers. Functions that run in a service's transaction take its EntityManager.
 */

const COLUMNS = `d.id, d.partnership_id AS "partnershipId", d.forum, d.period_from AS "periodFrom",
  d.period_to AS "periodTo", d.status, d.created_by AS "createdBy", d.released_by AS "releasedBy",
  d.released_at AS "releasedAt", d.version, d.created_at AS "createdAt"`;

export interface DigestKey {
  partnershipId: string;
  forum: string;
  periodFrom: string;
  periodTo: string;
}

/** The partnership's digest of this forum (any case) and period, if prepared. */
export async function digestOf(tx: EntityManager, k: DigestKey): Promise<FeedbackDigestEntity | undefined> {
  const [existing]: FeedbackDigestEntity[] = await tx.query(
    `SELECT ${COLUMNS} FROM feedback_digest d WHERE d.partnership_id = $1 AND lower(d.forum) = lower($2)
            AND d.period_from = $3 AND d.period_to = $4`,
    [k.partnershipId, k.forum, k.periodFrom, k.periodTo],
  );
  return existing;
}

/** A new DRAFT digest. */
export async function insertDigest(
  tx: EntityManager,
  k: DigestKey & { createdBy: string },
): Promise<FeedbackDigestEntity> {
  const [saved]: FeedbackDigestEntity[] = await tx.query(
    `INSERT INTO feedback_digest AS d (partnership_id, forum, period_from, period_to, created_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
    [k.partnershipId, k.forum, k.periodFrom, k.periodTo, k.createdBy],
  );
  return saved;
}

/** The partnership's digest (id a UUID), locked for the transaction, if it exists. */
export async function lockDigest(
  tx: EntityManager,
  id: string,
  partnershipId: string,
): Promise<FeedbackDigestEntity | undefined> {
  const [d]: FeedbackDigestEntity[] = await tx.query(
    `SELECT ${COLUMNS} FROM feedback_digest d WHERE d.id = $1 AND d.partnership_id = $2 FOR UPDATE`,
    [id, partnershipId],
  );
  return d;
}

/** Marks the digest RELEASED by `releasedBy` now, moving its version on. */
export async function markReleased(
  tx: EntityManager,
  id: string,
  releasedBy: string,
): Promise<FeedbackDigestEntity> {
  // An UPDATE through TypeORM's query() answers [rows, rowCount].
  const [[saved]]: [FeedbackDigestEntity[], number] = await tx.query(
    `UPDATE feedback_digest d SET status = 'RELEASED', released_by = $2, released_at = now(),
                version = version + 1 WHERE d.id = $1 RETURNING ${COLUMNS}`,
    [id, releasedBy],
  );
  return saved;
}

/** The partnership's released digests, newest period first (200 at most); of one forum when given. */
export function releasedDigests(
  db: Db,
  partnershipId: string,
  forum: string | null,
): Promise<FeedbackDigestEntity[]> {
  const params: unknown[] = [partnershipId];
  let where = `d.partnership_id = $1 AND d.status = 'RELEASED'`;
  if (forum) {
    params.push(forum);
    where += ' AND lower(d.forum) = lower($2)';
  }
  return db.query(
    `SELECT ${COLUMNS} FROM feedback_digest d WHERE ${where} ORDER BY d.period_to DESC, d.forum LIMIT 200`,
    params,
  );
}

/** The partnership's DRAFT digests, newest period first (200 at most). */
export function draftDigests(db: Db, partnershipId: string): Promise<FeedbackDigestEntity[]> {
  return db.query(
    `SELECT ${COLUMNS} FROM feedback_digest d WHERE d.partnership_id = $1 AND d.status = 'DRAFT'
        ORDER BY d.period_to DESC, d.forum LIMIT 200`,
    [partnershipId],
  );
}

/** The partnership's digest (id a UUID), if it exists. */
export async function digestById(
  db: Db,
  id: string,
  partnershipId: string,
): Promise<FeedbackDigestEntity | undefined> {
  const [d]: FeedbackDigestEntity[] = await db.query(
    `SELECT ${COLUMNS} FROM feedback_digest d WHERE d.id = $1 AND d.partnership_id = $2`,
    [id, partnershipId],
  );
  return d;
}

/** The partnership's name ('' when missing), for the document. */
export async function partnershipName(db: Db, partnershipId: string): Promise<string> {
  const [p] = (await db.query(`SELECT name FROM partnership WHERE id = $1`, [partnershipId])) as Array<{
    name: string;
  }>;
  return p?.name ?? '';
}

/** One piece of feedback as a digest shows it. */
export interface DigestItem {
  id: string;
  receivedOn: string;
  summary: string;
  meetingOn: string | null;
  decision: FeedbackDecision | null;
  reason: string | null;
  decidedOn: string | null;
  responses: Array<{
    text: string;
    respondedOn: string;
    actions: Array<{ id: string; ref: string; title: string; status: ActionStatus; rag: Rag | null }>;
  }>;
}

/**
 * The forum's feedback received in the digest's period (oldest first), each with the decision in
 * force today, its responses and the current status of the actions they name.
 */
export function queryDigestItems(
  db: Db,
  digest: { partnershipId: string; forum: string; periodFrom: string; periodTo: string },
): Promise<DigestItem[]> {
  return db.query(
    `SELECT f.id, f.received_on AS "receivedOn", f.summary, m.held_on AS "meetingOn",
            d.decision, d.reason, d.decided_on AS "decidedOn",
            coalesce((SELECT json_agg(json_build_object(
                        'text', r.text, 'respondedOn', r.responded_on,
                        'actions', coalesce((SELECT json_agg(json_build_object('id', a.id, 'ref', a.ref,
                                      'title', a.title, 'status', a.current_status, 'rag', a.current_rag)
                                      ORDER BY a.ref)
                                    FROM feedback_response_action ra JOIN action a ON a.id = ra.action_id
                                   WHERE ra.response_id = r.id), '[]'::json))
                        ORDER BY r.responded_on, r.created_at)
                        FROM feedback_response r WHERE r.feedback_id = f.id), '[]'::json) AS responses
       FROM feedback f
       LEFT JOIN forum_meeting m ON m.id = f.meeting_id
       LEFT JOIN LATERAL (
         SELECT x.decision, x.reason, x.decided_on FROM feedback_decision x WHERE x.feedback_id = f.id
          ORDER BY x.decided_on DESC, x.feedback_version DESC LIMIT 1) d ON true
      WHERE f.partnership_id = $1 AND lower(f.forum) = lower($2)
        AND f.received_on BETWEEN $3::date AND $4::date
      ORDER BY f.received_on, f.created_at, f.id`,
    [digest.partnershipId, digest.forum, digest.periodFrom, digest.periodTo],
  );
}
