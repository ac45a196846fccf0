import type { EntityManager } from 'typeorm';
import type { FeedbackEntity } from './feedback.entity';
import type { FeedbackFilter } from './feedback.inputs';
import type { FeedbackTagRow } from './feedback.service';
import { FeedbackDecisionFilter } from './voice-loop.enums';
import type { Db } from './voice-loop.queries';

/**
 * Survivor feedback's SQL: reading it by id, by objective and a filtered page at a time, its tags, and
 * the checks that ids a facilitator gives are the partnership's. Every read is of one partnership.
 */

export const FEEDBACK_COLUMNS = `f.id, f.partnership_id AS "partnershipId", f.forum, f.received_on AS "receivedOn",
  f.summary, f.recorded_by AS "recordedBy", f.meeting_id AS "meetingId", f.version, f.created_at AS "createdAt"`;

/** The partnership's feedback among `ids` (UUIDs). */
export function feedbackByIds(
  db: Db,
  ids: readonly string[],
  partnershipId: string,
): Promise<FeedbackEntity[]> {
  return db.query(
    `SELECT ${FEEDBACK_COLUMNS} FROM feedback f WHERE f.id = ANY($1::uuid[]) AND f.partnership_id = $2`,
    [ids, partnershipId],
  );
}

/**
 * The feedback list's filters by decision (the one in force today), period received and meeting, as
 * SQL conditions on `feedback f`; their values are pushed onto `params`. The filter is checked first
 * (checkFeedbackFilter, feedback-filter.ts).
 */
export function feedbackFilterSql(f: FeedbackFilter, params: unknown[]): string[] {
  const where: string[] = [];
  if (f.decision != null) {
    const latest = `(SELECT d.decision FROM feedback_decision d WHERE d.feedback_id = f.id
      ORDER BY d.decided_on DESC, d.feedback_version DESC LIMIT 1)`;
    if (f.decision === FeedbackDecisionFilter.UNDECIDED) {
      where.push(`NOT EXISTS (SELECT 1 FROM feedback_decision d WHERE d.feedback_id = f.id)`);
    } else {
      params.push(f.decision);
      where.push(`${latest} = $${params.length}`);
    }
  }
  for (const [field, op] of [
    ['receivedFrom', '>='],
    ['receivedTo', '<='],
  ] as const) {
    const v = f[field];
    if (v == null || v === '') continue;
    params.push(v);
    where.push(`f.received_on ${op} $${params.length}::date`);
  }
  if (f.meetingId != null && f.meetingId !== '') {
    params.push(f.meetingId);
    where.push(`f.meeting_id = $${params.length}`);
  }
  return where;
}

/** The feedback list's query, its values checked: a tag as kind and slug, the cursor as a tuple. */
export interface FeedbackListQuery {
  partnershipId: string;
  filter: FeedbackFilter;
  tag: { kind: string; slug: string } | null;
  size: number;
  after: [string, string] | null;
}

/** One page of the list, newest first (size + 1 rows, to tell whether there is another), and the total. */
export async function feedbackPage(
  db: Db,
  q: FeedbackListQuery,
): Promise<{ rows: FeedbackEntity[]; total: number }> {
  const params: unknown[] = [q.partnershipId];
  const where = ['f.partnership_id = $1'];
  const f = q.filter;
  if (f.objectiveId != null) {
    params.push(f.objectiveId);
    where.push(
      `EXISTS (SELECT 1 FROM feedback_objective fo WHERE fo.feedback_id = f.id AND fo.objective_id = $${params.length})`,
    );
  }
  if (f.forum != null && f.forum.trim() !== '') {
    params.push(f.forum.trim());
    where.push(`lower(f.forum) = lower($${params.length})`);
  }
  if (f.responded != null) {
    where.push(
      `${f.responded ? '' : 'NOT '}EXISTS (SELECT 1 FROM feedback_response fr WHERE fr.feedback_id = f.id)`,
    );
  }
  if (q.tag != null) {
    params.push(q.tag.kind, q.tag.slug);
    where.push(`EXISTS (SELECT 1 FROM feedback_tag ft JOIN tag t ON t.id = ft.tag_id
        WHERE ft.feedback_id = f.id AND t.kind = $${params.length - 1} AND t.slug = $${params.length})`);
  }
  where.push(...feedbackFilterSql(f, params));
  const countParams = [...params];
  const countSql = `SELECT count(*)::int AS n FROM feedback f WHERE ${where.join(' AND ')}`;
  if (q.after != null) {
    params.push(...q.after);
    where.push(`(f.received_on, f.id) < ($${params.length - 1}::date, $${params.length}::uuid)`);
  }
  params.push(q.size + 1);
  const pageSql = `SELECT ${FEEDBACK_COLUMNS} FROM feedback f WHERE ${where.join(' AND ')}
      ORDER BY f.received_on DESC, f.id DESC LIMIT $${params.length}`;
  const [rows, count] = await Promise.all([
    db.query(pageSql, params) as Promise<FeedbackEntity[]>,
    db.query(countSql, countParams) as Promise<Array<{ n: number }>>,
  ]);
  return { rows, total: count[0]?.n ?? 0 };
}

/** The partnership's feedback speaking to each objective (UUIDs), newest first, with the objective's id. */
export function feedbackOfObjectives(
  db: Db,
  objectiveIds: readonly string[],
  partnershipId: string,
): Promise<Array<FeedbackEntity & { objectiveId: string }>> {
  return db.query(
    `SELECT fo.objective_id AS "objectiveId", ${FEEDBACK_COLUMNS}
       FROM feedback_objective fo JOIN feedback f ON f.id = fo.feedback_id
       WHERE fo.objective_id = ANY($1::uuid[]) AND f.partnership_id = $2
       ORDER BY f.received_on DESC, f.id DESC`,
    [objectiveIds, partnershipId],
  );
}

/** Tags of each feedback, by kind then label. */
export function tagsOfFeedback(
  db: Db,
  feedbackIds: readonly string[],
): Promise<Array<FeedbackTagRow & { feedbackId: string }>> {
  return db.query(
    `SELECT ft.feedback_id AS "feedbackId", t.id, t.kind, t.slug, t.label
       FROM feedback_tag ft JOIN tag t ON t.id = ft.tag_id
       WHERE ft.feedback_id = ANY($1::uuid[]) ORDER BY t.kind, t.label, t.slug`,
    [feedbackIds],
  );
}

/** How many of these objectives (UUIDs) are the partnership's. */
export async function countPartnershipObjectives(
  tx: EntityManager,
  objectiveIds: readonly string[],
  partnershipId: string,
): Promise<number> {
  const found: unknown[] = await tx.query(
    `SELECT o.id FROM objective o JOIN strategy s ON s.id = o.strategy_id
           WHERE o.id = ANY($1::uuid[]) AND s.partnership_id = $2`,
    [objectiveIds, partnershipId],
  );
  return found.length;
}

/** How many of these actions (UUIDs) are the partnership's. */
export async function countPartnershipActions(
  tx: EntityManager,
  actionIds: readonly string[],
  partnershipId: string,
): Promise<number> {
  const found: unknown[] = await tx.query(
    `SELECT a.id FROM action a JOIN strategy s ON s.id = a.strategy_id
           WHERE a.id = ANY($1::uuid[]) AND s.partnership_id = $2`,
    [actionIds, partnershipId],
  );
  return found.length;
}
