import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { CreatedRecord } from '../../shared/entity-columns';
import { PartnershipEntity } from '../identity/partnership.entity';
import { UserEntity } from '../identity/user.entity';

/**
 * One message to one person (a reminder, an escalation, a decision on their return). Kept whether or
 * not email is configured: without SMTP it is read in the web app; with SMTP it is also emailed, and
 * `sentAt` records when the mail server accepted it.
 */
@Entity('message')
// At most one message per partnership and dedupe key: the exactly-once rule lives in the database,
// so several API processes (and restarts) cannot record the same reminder twice.
@Unique('uq_message_dedupe_key', ['partnershipId', 'dedupeKey'])
@Index('ix_message_recipient', ['recipientId', 'createdAt'])
// What the delivery job looks for: unsent messages whose next attempt is due.
@Index('ix_message_unsent', ['nextAttemptAt'], { where: '"sent_at" IS NULL' })
export class MessageEntity extends CreatedRecord {
  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId: string;

  @ManyToOne(() => PartnershipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partnership_id' })
  partnership?: PartnershipEntity;

  @Column({ name: 'recipient_id', type: 'uuid' })
  recipientId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id' })
  recipient?: UserEntity;

  /** e.g. ROUND_REMINDER, ROUND_OVERDUE, ROUND_ESCALATION, RETURN_SENT_BACK, RETURN_APPROVED. */
  @Column({ type: 'text' })
  kind: string;

  @Column({ name: 'dedupe_key', type: 'text' })
  dedupeKey: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  /** Path within the web app (e.g. /rounds/<id>); emails make it absolute with PUBLIC_URL. */
  @Column({ type: 'text' })
  link: string;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  /** Delivery attempts so far (claimed by a delivery job). */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** Not before this time may delivery try again (backoff after a failure, a lease while sending). */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;
}
