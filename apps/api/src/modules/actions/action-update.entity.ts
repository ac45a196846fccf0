import { Check, Column, CreateDateColumn, Entity, Generated, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdEntity } from '../../shared/entity-columns';
import { ActionEntity } from './action.entity';
import { ActionStatus, enumCheck, Rag } from './action.entity';

/**
 * Append-only progress history. Updates on the same reportedOn day are ordered by seq
 * (the one recorded last wins), which the index below serves for "as of" reads.
 */
@Entity('action_update')
@Check('chk_action_update_status', enumCheck('status', ActionStatus))
@Check('chk_action_update_rag', enumCheck('rag', Rag))
// (action_id, reported_on, seq) INCLUDE (status, rag): TypeORM cannot state INCLUDE, so the migrations
// own it (1796549202859-action-update-asof-covering.ts).
@Index('ix_action_update_asof', { synchronize: false })
// A client's retry of the same update (same key, same action) finds the first one here instead of
// making a second; rows without a key (NULL) never clash.
@Index('uq_action_update_client_key', ['actionId', 'clientKey'], { unique: true })
export class ActionUpdateEntity extends IdEntity {
  @Column({ name: 'action_id', type: 'uuid' })
  actionId: string;

  @ManyToOne(() => ActionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: ActionEntity;

  /** Monotonic insertion order; breaks ties between updates reported on the same day. */
  @Column({ type: 'bigint' })
  @Generated('increment')
  seq: string;

  @Column({ name: 'reported_on', type: 'date' })
  reportedOn: string;

  @Column({ type: 'text', nullable: true })
  rag: Rag | null;

  @Column({ type: 'text' })
  status: ActionStatus;

  @Column({ type: 'text', default: '' })
  progress: string;

  @Column({ type: 'text', default: '' })
  impact: string;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  /** The idempotency key the client sent with addActionUpdate, if any (unique per action). */
  @Column({ name: 'client_key', type: 'text', nullable: true })
  clientKey: string | null;

  /** 1 when posted; raised by a redaction (action-update-redaction.service.ts), which names the version it read. */
  @Column({ name: 'text_version', type: 'int', default: 1 })
  version: number;
}
