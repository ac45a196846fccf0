import type { DataSource } from 'typeorm';
import type { ActionStatus, Rag } from '../actions/action.enums';
import type { FeedbackDecision } from './voice-loop.enums';

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
  db: DataSource,
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
