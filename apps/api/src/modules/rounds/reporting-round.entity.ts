import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { VersionedRecord } from '../../shared/entity-columns';
import { PartnershipEntity } from '../identity/partnership.entity';
import { UserEntity } from '../identity/user.entity';
import { StrategyEntity } from '../strategy/strategy.entity';

export enum RoundStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

/**
 * One quarter's (or period's) call for returns on a strategy: every operational group with open
 * actions owes a GroupReturn. Its window runs from the day after the previous round's returnsDueOn
 * (the strategy's start for the first round) to its own returnsDueOn.
 */
@Entity('reporting_round')
@Index('ix_reporting_round_strategy', ['strategyId', 'periodEnd'])
export class ReportingRoundEntity extends VersionedRecord {
  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId: string;

  @ManyToOne(() => PartnershipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partnership_id' })
  partnership?: PartnershipEntity;

  @Column({ name: 'strategy_id', type: 'uuid' })
  strategyId: string;

  @ManyToOne(() => StrategyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'strategy_id' })
  strategy?: StrategyEntity;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'period_end', type: 'date' })
  periodEnd: string;

  @Column({ name: 'returns_due_on', type: 'date' })
  returnsDueOn: string;

  @Column({ name: 'board_meeting_on', type: 'date', nullable: true })
  boardMeetingOn: string | null;

  @Column({ type: 'text', default: RoundStatus.OPEN })
  status: RoundStatus;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'opened_by_id', type: 'uuid' })
  openedById: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'opened_by_id' })
  openedBy?: UserEntity;
}
