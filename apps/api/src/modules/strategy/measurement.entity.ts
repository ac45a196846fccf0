import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { IdEntity } from '../../shared/entity-columns';
import { IndicatorEntity } from './indicator.entity';

/**
 * One value of an indicator for a period, partnership-wide or for an area (e.g. a borough).
 * Partnership-wide is stored as area '' (not NULL) so that the unique key (indicator, period, area)
 * also holds for it; the GraphQL layer shows it as null.
 */
@Entity('measurement')
@Unique('uq_measurement_period_area', ['indicatorId', 'period', 'area'])
export class MeasurementEntity extends IdEntity {
  @Column({ name: 'indicator_id', type: 'uuid' })
  indicatorId: string;

  @ManyToOne(() => IndicatorEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'indicator_id' })
  indicator?: IndicatorEntity;

  @Column({ type: 'date' })
  period: string;

  @Column({ type: 'double precision' })
  value: number;

  @Column({ type: 'text', default: '' })
  area: string;

  /** A rate's counts (value = 100 * numerator / denominator); null for other indicators. */
  @Column({ type: 'int', nullable: true })
  numerator: number | null;

  @Column({ type: 'int', nullable: true })
  denominator: number | null;

  /** Where the value comes from, e.g. "MARAC quarterly return". */
  @Column({ type: 'text', default: '' })
  source: string;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy: string | null;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
