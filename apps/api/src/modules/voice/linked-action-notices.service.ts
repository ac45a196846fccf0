import type { EntityManager } from 'typeorm';
import type { Viewer } from '../../shared/viewer';
import type { ActionUpdateEntity } from '../actions/action-update.entity';
import type { ActionUpdateListener, PreviousUpdate } from '../actions/action.service';
import { ActionStatus, Rag } from '../actions/action.enums';
import type { NotificationService } from '../notifications/notification.service';
import {
  ACTION_ANSWERED_SOME_FEEDBACK,
  actionRefAndTitle,
  allFacilitators,
  forumFacilitators,
  forumsAnsweredWith,
} from './linked-action-notices.queries';

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
export class LinkedActionNoticeService implements ActionUpdateListener {
  constructor(private readonly notifications: NotificationService) {}

  /** Read by the update's statement: most actions answer no feedback, and their updates read no forums. */
  readonly condition = ACTION_ANSWERED_SOME_FEEDBACK;

  /**
   * ActionService's afterLatestUpdate listener: runs in the update's transaction. `linked`: whether any
   * response names the action (`condition`).
   */
  async run(
    tx: EntityManager,
    viewer: Viewer,
    update: ActionUpdateEntity,
    before: PreviousUpdate | null,
    linked: boolean,
  ): Promise<void> {
    const change = changeOf(update, before);
    if (!change || !linked) return;
    const forums = await forumsAnsweredWith(tx, update.actionId, viewer.partnershipId);
    if (forums.length === 0) return;
    const recipients = await this.facilitators(
      tx,
      viewer.partnershipId,
      forums.map((f) => f.forum),
    );
    const action = await actionRefAndTitle(tx, update.actionId);
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

  private async facilitators(tx: EntityManager, partnershipId: string, forums: string[]): Promise<string[]> {
    const own = await forumFacilitators(tx, partnershipId, forums);
    if (own.length) return own.map((u) => u.id);
    const all = await allFacilitators(tx, partnershipId);
    return all.map((u) => u.id);
  }
}

/**
 * Completed, cancelled or turned red: compared with the action's latest update before this one (given by
 * addActionUpdate, read with the action's lock: no statement of its own).
 */
function changeOf(update: ActionUpdateEntity, before: PreviousUpdate | null): Change | null {
  const open = update.status === ActionStatus.NOT_STARTED || update.status === ActionStatus.IN_PROGRESS;
  if (update.status === ActionStatus.COMPLETE && before?.status !== ActionStatus.COMPLETE) return 'COMPLETED';
  if (update.status === ActionStatus.CANCELLED && before?.status !== ActionStatus.CANCELLED)
    return 'CANCELLED';
  if (open && update.rag === Rag.RED && before?.rag !== Rag.RED) return 'RED';
  return null;
}
