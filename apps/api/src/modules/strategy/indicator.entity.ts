import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { VersionedRow } from '../../shared/entity-columns';
import { OutcomeEntity } from './outcome.entity';

/** Measures an outcome. Lower is better when target < baseline. */
@Entity('indicator')
export class IndicatorEntity extends VersionedRow {
  @Index()
  @Column({ name: 'outcome_id', type: 'uuid' })
  outcomeId: string;

  @ManyToOne(() => OutcomeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'outcome_id' })
  outcome?: OutcomeEntity;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: '' })
  unit: string;

  @Column({ type: 'double precision', nullable: true })
  baseline: number | null;

  @Column({ type: 'double precision', nullable: true })
  target: number | null;

  /**
   * A rate: its measurements record a numerator and a denominator, and its value is their percentage
   * (docs/decisions/0012-indicator-areas-trajectories-rates.md).
   */
  @Column({ name: 'is_rate', type: 'boolean', default: false })
  isRate: boolean;

  /** How far short of the target in force (in the indicator's unit) is still WITHIN_TOLERANCE. */
  @Column({ type: 'double precision', default: 0 })
  tolerance: number;
}
