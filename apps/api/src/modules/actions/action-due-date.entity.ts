import { Column, CreateDateColumn, Entity, Generated, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdEntity } from '../../shared/entity-columns';
import { UserEntity } from '../identity/user.entity';
import { ActionEntity } from './action.entity';

/**
 * Append-only history of an action's due date: its first due date (in force from the day the action
 * was agreed) and each revision (in force from the day it was made). The board's "as of" views read
 * the due date in force on their date from here, so moving a date never rewrites the past.
 * Changes on the same day are ordered by seq (the one recorded last wins).
 */
@Entity('action_due_date')
@Index('ix_action_due_date_asof', ['actionId', 'changedOn', 'seq'])
export class ActionDueDateEntity extends IdEntity {
  @Column({ name: 'action_id', type: 'uuid' })
  actionId: string;

  @ManyToOne(() => ActionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: ActionEntity;

  @Column({ type: 'bigint' })
  @Generated('increment')
  seq: string;

  /** The due date from changedOn on; null when the date was cleared. */
  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn: string | null;

  @Column({ name: 'previous_due_on', type: 'date', nullable: true })
  previousDueOn: string | null;

  @Column({ name: 'changed_on', type: 'date' })
  changedOn: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** Who set it; null for dates loaded before this history was kept. */
  @Column({ name: 'by_id', type: 'uuid', nullable: true })
  byId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'by_id' })
  by?: UserEntity;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
