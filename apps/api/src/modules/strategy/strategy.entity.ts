import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { VersionedEntity } from '../../shared/entity-columns';
import { PartnershipEntity } from '../identity/partnership.entity';

@Entity('strategy')
export class StrategyEntity extends VersionedEntity {
  @Index()
  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId: string;

  @ManyToOne(() => PartnershipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partnership_id' })
  partnership?: PartnershipEntity;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  vision: string;

  /** Calendar dates are kept as ISO strings end to end (pg type 1082 is parsed as text). */
  @Column({ name: 'starts_on', type: 'date', nullable: true })
  startsOn: string | null;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn: string | null;

  @Column({ name: 'green_threshold', type: 'double precision', default: 0.8 })
  greenThreshold: number;

  @Column({ name: 'amber_threshold', type: 'double precision', default: 0.5 })
  amberThreshold: number;

  @Column({ name: 'update_cadence_days', type: 'int', default: 90 })
  updateCadenceDays: number;

  /** Reporting rounds: how many days before returnsDueOn the groups are reminded. */
  @Column({ name: 'reminder_days_before', type: 'int', default: 7 })
  reminderDaysBefore: number;

  /** Reporting rounds: how many days after the day-after-due reminder the strategic leads are told. */
  @Column({ name: 'escalate_after_days', type: 'int', default: 7 })
  escalateAfterDays: number;
}
