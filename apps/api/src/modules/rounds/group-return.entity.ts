import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { VersionedRow } from '../../shared/entity-columns';
import { OperationalGroupEntity } from '../actions/operational-group.entity';
import { PartnershipEntity } from '../identity/partnership.entity';
import { ReportingRoundEntity } from './reporting-round.entity';

export enum ReturnStatus {
  NOT_STARTED = 'NOT_STARTED',
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  APPROVED = 'APPROVED',
}

/** One operational group's return for a round: its updates, the submission and the sign-off. */
@Entity('group_return')
@Unique('uq_group_return_round_group', ['roundId', 'groupId'])
@Index('ix_group_return_group', ['groupId'])
export class GroupReturnEntity extends VersionedRow {
  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId: string;

  @ManyToOne(() => PartnershipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partnership_id' })
  partnership?: PartnershipEntity;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @ManyToOne(() => ReportingRoundEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round?: ReportingRoundEntity;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => OperationalGroupEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: OperationalGroupEntity;

  @Column({ type: 'text', default: ReturnStatus.NOT_STARTED })
  status: ReturnStatus;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'submitted_by_id', type: 'uuid', nullable: true })
  submittedById: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decided_by_id', type: 'uuid', nullable: true })
  decidedById: string | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;
}
