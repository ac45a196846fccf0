import type { DataSource, EntityManager } from 'typeorm';
import type { DecisionTallyRow } from './voice-loop.service';
import type { FeedbackDecisionEntity, ForumMeetingEntity } from './voice-loop.entity';

/**
 * The voice loop's SQL: forum meetings, decisions on feedback, the objectives a response names, and the
 * board's tally of decisions as of a date. Functions that run inside a service's transaction take its
 * EntityManager.
 */

/** The database or a transaction's manager: both run raw SQL the same way. */
export type Db = DataSource | EntityManager;

const DECISION_COLUMNS = `d.id, d.feedback_id AS "feedbackId", d.decision, d.reason, d.decided_on AS "decidedOn",
  d.decided_by AS "decidedBy", d.feedback_version AS "feedbackVersion", d.created_at AS "createdAt"`;

const MEETING_COLUMNS = `m.id, m.partnership_id AS "partnershipId", m.forum, m.held_on AS "heldOn",
  m.recorded_by AS "recordedBy", m.created_at AS "createdAt"`;

/** The partnership's meeting of this forum (any case) on this day, if recorded. */
export async function meetingOn(
  tx: EntityManager,
  partnershipId: string,
  forum: string,
  heldOn: string,
): Promise<ForumMeetingEntity | undefined> {
  const [existing]: ForumMeetingEntity[] = await tx.query(
    `SELECT ${MEETING_COLUMNS} FROM forum_meeting m
          WHERE m.partnership_id = $1 AND lower(m.forum) = lower($2) AND m.held_on = $3`,
    [partnershipId, forum, heldOn],
  );
  return existing;
}

export async function insertMeeting(
  tx: EntityManager,
  meeting: { partnershipId: string; forum: string; heldOn: string; recordedBy: string },
): Promise<ForumMeetingEntity> {
  const [saved]: ForumMeetingEntity[] = await tx.query(
    `INSERT INTO forum_meeting AS m (partnership_id, forum, held_on, recorded_by) VALUES ($1, $2, $3, $4)
         RETURNING ${MEETING_COLUMNS}`,
    [meeting.partnershipId, meeting.forum, meeting.heldOn, meeting.recordedBy],
  );
  return saved;
}

/** The partnership's meetings, newest first (200 at most); of one forum (any case) when given. */
export function partnershipMeetings(
  db: Db,
  partnershipId: string,
  forum: string | null,
): Promise<ForumMeetingEntity[]> {
  const params: unknown[] = [partnershipId];
  let where = 'm.partnership_id = $1';
  if (forum) {
    params.push(forum);
    where += ' AND lower(m.forum) = lower($2)';
  }
  return db.query(
    `SELECT ${MEETING_COLUMNS} FROM forum_meeting m WHERE ${where} ORDER BY m.held_on DESC, m.forum LIMIT 200`,
    params,
  );
}

export function meetingsByIds(db: Db, ids: readonly string[]): Promise<ForumMeetingEntity[]> {
  return db.query(`SELECT ${MEETING_COLUMNS} FROM forum_meeting m WHERE m.id = ANY($1::uuid[])`, [ids]);
}

/** A meeting of the partnership (id a UUID): its forum and day, if it exists. */
export async function meetingOfPartnership(
  tx: EntityManager,
  meetingId: string,
  partnershipId: string,
): Promise<{ forum: string; heldOn: string } | undefined> {
  const [m]: Array<{ forum: string; heldOn: string }> = await tx.query(
    `SELECT forum, held_on AS "heldOn" FROM forum_meeting WHERE id = $1 AND partnership_id = $2`,
    [meetingId, partnershipId],
  );
  return m;
}

/** The partnership's feedback (id a UUID), locked for the transaction, if it exists. */
export async function lockFeedbackVersion(
  tx: EntityManager,
  feedbackId: string,
  partnershipId: string,
): Promise<{ id: string; version: number; receivedOn: string } | undefined> {
  const [fb]: Array<{ id: string; version: number; receivedOn: string }> = await tx.query(
    `SELECT id, version, received_on AS "receivedOn" FROM feedback
          WHERE id = $1 AND partnership_id = $2 FOR UPDATE`,
    [feedbackId, partnershipId],
  );
  return fb;
}

/** Sets the feedback's version and appends the decision that made it; returns the decision's id. */
export async function insertDecision(
  tx: EntityManager,
  d: {
    feedbackId: string;
    version: number;
    decision: string;
    reason: string | null;
    decidedOn: string;
    decidedBy: string;
  },
): Promise<string> {
  await tx.query(`UPDATE feedback SET version = $2 WHERE id = $1`, [d.feedbackId, d.version]);
  const [row]: Array<{ id: string }> = await tx.query(
    `INSERT INTO feedback_decision (feedback_id, decision, reason, decided_on, decided_by, feedback_version)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [d.feedbackId, d.decision, d.reason, d.decidedOn, d.decidedBy, d.version],
  );
  return row.id;
}

/** The decisions on each feedback, oldest first. */
export function decisionsOf(db: Db, feedbackIds: readonly string[]): Promise<FeedbackDecisionEntity[]> {
  return db.query(
    `SELECT ${DECISION_COLUMNS} FROM feedback_decision d WHERE d.feedback_id = ANY($1::uuid[])
        ORDER BY d.decided_on, d.feedback_version`,
    [feedbackIds],
  );
}

export async function insertResponseObjectives(
  tx: EntityManager,
  responseId: string,
  objectiveIds: readonly string[],
): Promise<void> {
  await tx.query(
    `INSERT INTO feedback_response_objective (response_id, objective_id) SELECT $1, unnest($2::uuid[])`,
    [responseId, objectiveIds],
  );
}

/**
 * The partnership's feedback by the decision in force on `date` (also frozen into a closed round's
 * record: rounds/round-record.service.ts).
 */
export async function feedbackDecisionTally(
  db: { query: (sql: string, params: unknown[]) => Promise<unknown> },
  partnershipId: string,
  date: string,
): Promise<DecisionTallyRow> {
  const [row] = (await db.query(
    `SELECT count(*)::int AS total,
            count(*) FILTER (WHERE cur.decision = 'TAKEN_UP')::int AS "takenUp",
            count(*) FILTER (WHERE cur.decision = 'PARTLY_TAKEN_UP')::int AS "partlyTakenUp",
            count(*) FILTER (WHERE cur.decision = 'NOT_TAKEN_UP')::int AS "notTakenUp",
            count(*) FILTER (WHERE cur.decision = 'NOTED')::int AS noted,
            count(*) FILTER (WHERE cur.decision IS NULL)::int AS undecided
       FROM feedback f
       LEFT JOIN LATERAL (
         SELECT d.decision FROM feedback_decision d
          WHERE d.feedback_id = f.id AND d.decided_on <= $2::date
          ORDER BY d.decided_on DESC, d.feedback_version DESC LIMIT 1) cur ON true
      WHERE f.partnership_id = $1 AND f.received_on <= $2::date`,
    [partnershipId, date],
  )) as Array<Omit<DecisionTallyRow, 'asOf'>>;
  return { asOf: date, ...row };
}
