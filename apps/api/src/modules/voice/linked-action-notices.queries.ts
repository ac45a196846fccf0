import type { EntityManager } from 'typeorm';

/**
 * The SQL of the messages about actions named in responses to a forum's feedback
 * (linked-action-notices.service.ts). Each runs in the action update's transaction.
 */

/**
 * Whether a response to forum feedback names the action ($1): the notices' condition, read by the
 * action update's own statement (actions/action-update.write.ts, ActionUpdateListener), so that the
 * forums are read only then. Read after the action's lock was granted, it is what forumsAnsweredWith
 * would find: linking an action takes a KEY SHARE lock on its row (the foreign key), which waits for the
 * update's FOR UPDATE, so no link appears before the update commits.
 */
export const ACTION_ANSWERED_SOME_FEEDBACK = `EXISTS (SELECT 1 FROM feedback_response_action l WHERE l.action_id = $1)`;

/** The forums (lower-cased) whose feedback was answered with this action. */
export function forumsAnsweredWith(
  tx: EntityManager,
  actionId: string,
  partnershipId: string,
): Promise<Array<{ forum: string }>> {
  return tx.query(
    `SELECT DISTINCT lower(f.forum) AS forum
         FROM feedback_response_action ra
         JOIN feedback_response r ON r.id = ra.response_id
         JOIN feedback f ON f.id = r.feedback_id
        WHERE ra.action_id = $1 AND f.partnership_id = $2`,
    [actionId, partnershipId],
  );
}

export async function actionRefAndTitle(
  tx: EntityManager,
  actionId: string,
): Promise<{ ref: string; title: string }> {
  const [action]: Array<{ ref: string; title: string }> = await tx.query(
    `SELECT ref, title FROM action WHERE id = $1`,
    [actionId],
  );
  return action;
}

/** Active facilitators who recorded the forums' meetings, feedback, responses or decisions. */
export function forumFacilitators(
  tx: EntityManager,
  partnershipId: string,
  forums: string[],
): Promise<Array<{ id: string }>> {
  return tx.query(
    `SELECT u.id FROM app_user u
        WHERE u.partnership_id = $1 AND u.active AND 'FACILITATOR' = ANY(u.roles)
          AND u.id IN (
            SELECT f.recorded_by FROM feedback f WHERE f.partnership_id = $1 AND lower(f.forum) = ANY($2)
            UNION SELECT m.recorded_by FROM forum_meeting m WHERE m.partnership_id = $1 AND lower(m.forum) = ANY($2)
            UNION SELECT r.recorded_by FROM feedback_response r JOIN feedback f ON f.id = r.feedback_id
                   WHERE f.partnership_id = $1 AND lower(f.forum) = ANY($2)
            UNION SELECT d.decided_by FROM feedback_decision d JOIN feedback f ON f.id = d.feedback_id
                   WHERE f.partnership_id = $1 AND lower(f.forum) = ANY($2))
        ORDER BY u.id`,
    [partnershipId, forums],
  );
}

/** Every active facilitator of the partnership. */
export function allFacilitators(tx: EntityManager, partnershipId: string): Promise<Array<{ id: string }>> {
  return tx.query(
    `SELECT id FROM app_user WHERE partnership_id = $1 AND active AND 'FACILITATOR' = ANY(roles) ORDER BY id`,
    [partnershipId],
  );
}
