import type { EntityManager } from 'typeorm';
import type { Viewer } from '../../shared/viewer';
import type { ActionUpdateEntity } from '../actions/action-update.entity';
import { ActionStatus, Rag } from '../actions/action.enums';
import type { NotificationService } from '../notifications/notification.service';

type Change = 'COMPLETED' | 'CANCELLED' | 'RED';

const WORDS: Record<Change, string> = {
  COMPLETED: 'is complete',
  CANCELLED: 'was cancelled',
  RED: 'is now rated red',
};

/**
 * Tells a forum's facilitators when an action named in a response to their forum's feedback is
 * completed, cancelled or turns red (docs/decisions/0019-survivor-voice-loop.md). The message names the
 * action and links to its progress; it never carries survivor text (no forum name, no summary, no
 * response). A forum's facilitators: the people holding the FACILITATOR role who recorded its meetings,
 * feedback, responses or decisions; when none still hold it, every facilitator of the partnership.
 */
export class LinkedActionNoticeService {
  constructor(private readonly notifications: NotificationService) {}

  /** ActionService's afterLatestUpdate listener: runs in the update's transaction. */
  async onLatestUpdate(tx: EntityManager, viewer: Viewer, update: ActionUpdateEntity): Promise<void> {
    const change = await this.changeOf(tx, update);
    if (!change) return;
    const forums: Array<{ forum: string }> = await tx.query(
      `SELECT DISTINCT lower(f.forum) AS forum
         FROM feedback_response_action ra
         JOIN feedback_response r ON r.id = ra.response_id
         JOIN feedback f ON f.id = r.feedback_id
        WHERE ra.action_id = $1 AND f.partnership_id = $2`,
      [update.actionId, viewer.partnershipId],
    );
    if (forums.length === 0) return;
    const recipients = await this.facilitators(
      tx,
      viewer.partnershipId,
      forums.map((f) => f.forum),
    );
    const [action]: Array<{ ref: string; title: string }> = await tx.query(
      `SELECT ref, title FROM action WHERE id = $1`,
      [update.actionId],
    );
    for (const recipientId of recipients) {
      await this.notifications.notify(tx, {
        partnershipId: viewer.partnershipId,
        recipientId,
        kind: 'LINKED_ACTION_CHANGED',
        dedupeKey: `voice-action:${update.actionId}:${change}:${update.id}:${recipientId}`,
        subject: `Action ${action.ref} ${WORDS[change]}`,
        body:
          `Action ${action.ref} (${action.title}) ${WORDS[change]}. Your forum's feedback was answered ` +
          `with this action, so the forum may want to hear what became of it. Open it to see its progress.`,
        link: `/actions/${update.actionId}`,
      });
    }
  }

  /** Completed, cancelled or turned red: compared with the action's previous latest update. */
  private async changeOf(tx: EntityManager, update: ActionUpdateEntity): Promise<Change | null> {
    const open = update.status === ActionStatus.NOT_STARTED || update.status === ActionStatus.IN_PROGRESS;
    // Most updates can be none of the three: they cost no statement at all.
    if (open && update.rag !== Rag.RED) return null;
    const [before]: Array<{ status: ActionStatus; rag: Rag | null }> = await tx.query(
      `SELECT status, rag FROM action_update WHERE action_id = $1 AND id <> $2
        ORDER BY reported_on DESC, seq DESC LIMIT 1`,
      [update.actionId, update.id],
    );
    if (update.status === ActionStatus.COMPLETE && before?.status !== ActionStatus.COMPLETE)
      return 'COMPLETED';
    if (update.status === ActionStatus.CANCELLED && before?.status !== ActionStatus.CANCELLED)
      return 'CANCELLED';
    if (open && update.rag === Rag.RED && before?.rag !== Rag.RED) return 'RED';
    return null;
  }

  private async facilitators(tx: EntityManager, partnershipId: string, forums: string[]): Promise<string[]> {
    const own: Array<{ id: string }> = await tx.query(
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
    if (own.length) return own.map((u) => u.id);
    const all: Array<{ id: string }> = await tx.query(
      `SELECT id FROM app_user WHERE partnership_id = $1 AND active AND 'FACILITATOR' = ANY(roles) ORDER BY id`,
      [partnershipId],
    );
    return all.map((u) => u.id);
  }
}
