import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { isUuid } from '../../database/ids';
import { NotFoundError } from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { writeAudit } from '../audit/audit.service';
import { MessageEntity } from './message.entity';
import { insertMessage, recipientMessages, type MessageDraft } from './message.queries';
import { requireAccess, requireViewer } from '../../access';

/** How messages leave the system, as the admin pages show it. */
export interface EmailSettings {
  /** SMTP_URL is set: messages are emailed as well as kept. */
  configured: boolean;
  /** MAIL_FROM, when configured. */
  from: string | null;
}

/** The newest messages a person's list shows. */
const LIST_LIMIT = 100;

/**
 * Messages to people: recorded once (per partnership and dedupe key) in the caller's transaction,
 * with an audit entry; read by their recipient in the web app; emailed by the scheduler's delivery
 * job when SMTP is configured (message-delivery.ts).
 */
export class NotificationService {
  constructor(
    private readonly db: DataSource,
    readonly email: EmailSettings = { configured: false, from: null },
  ) {}

  /**
   * Records one message in the caller's transaction. False, recording nothing, when a message with
   * this dedupe key was already recorded in the partnership (so callers may notify on every retry).
   */
  async notify(manager: EntityManager, input: MessageDraft): Promise<boolean> {
    const id = await insertMessage(manager, input);
    if (!id) return false;
    await writeAudit(manager, {
      partnershipId: input.partnershipId,
      actorId: null,
      operation: 'notify',
      entityType: 'Message',
      entityId: id,
      before: null,
      after: {
        recipientId: input.recipientId,
        kind: input.kind,
        dedupeKey: input.dedupeKey,
        subject: input.subject,
        link: input.link,
      },
    });
    return true;
  }

  /** The viewer's own messages, newest first. */
  async myMessages(viewer: Viewer | null, unreadOnly = false): Promise<MessageEntity[]> {
    const v = requireViewer(viewer);
    return recipientMessages(this.db.manager, v, { unreadOnly, limit: LIST_LIMIT });
  }

  async unreadCount(viewer: Viewer | null): Promise<number> {
    const v = requireViewer(viewer);
    return this.db.getRepository(MessageEntity).count({
      where: { recipientId: v.id, partnershipId: v.partnershipId, readAt: IsNull() },
    });
  }

  /** Marks one of the viewer's messages read (again: no change). Someone else's: NOT_FOUND. */
  async markRead(viewer: Viewer | null, id: string): Promise<MessageEntity> {
    const v = requireViewer(viewer);
    return this.db.transaction(async (manager) => {
      const repo = manager.getRepository(MessageEntity);
      const message = isUuid(id)
        ? await repo.findOne({ where: { id, recipientId: v.id, partnershipId: v.partnershipId } })
        : null;
      if (!message) throw new NotFoundError('Message', id);
      if (message.readAt) return message;
      const before = { readAt: null };
      message.readAt = new Date();
      await repo.update({ id }, { readAt: message.readAt });
      await writeAudit(manager, {
        partnershipId: v.partnershipId,
        actorId: v.id,
        operation: 'markMessageRead',
        entityType: 'Message',
        entityId: id,
        before,
        after: { readAt: message.readAt.toISOString() },
      });
      return message;
    });
  }

  /** Whether email is configured (ADMIN only: the admin pages say so when it is not). */
  emailSettings(viewer: Viewer | null): EmailSettings {
    requireAccess(viewer, 'administer');
    return this.email;
  }
}
