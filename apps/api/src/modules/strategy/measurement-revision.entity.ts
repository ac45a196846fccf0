import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdEntity } from '../../shared/entity-columns';
import { MeasurementEntity } from './measurement.entity';

/**
 * An earlier value of a measurement, kept when a correction (same indicator, period and area)
 * replaced it: the value, counts and provenance as they were, and when they were replaced.
 */
@Entity('measurement_revision')
export class MeasurementRevisionEntity extends IdEntity {
  @Index()
  @Column({ name: 'measurement_id', type: 'uuid' })
  measurementId: string;

  @ManyToOne(() => MeasurementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'measurement_id' })
  measurement?: MeasurementEntity;

  @Column({ type: 'double precision' })
  value: number;

  @Column({ type: 'int', nullable: true })
  numerator: number | null;

  @Column({ type: 'int', nullable: true })
  denominator: number | null;

  @Column({ type: 'text', default: '' })
  source: string;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  @Column({ name: 'replaced_by', type: 'uuid', nullable: true })
  replacedBy: string | null;

  @CreateDateColumn({ name: 'replaced_at', type: 'timestamptz' })
  replacedAt: Date;
}
