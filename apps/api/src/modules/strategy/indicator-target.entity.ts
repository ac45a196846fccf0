import { Column, Entity, JoinColumn, ManyToOne, Unique, UpdateDateColumn } from 'typeorm';
import { IdEntity } from '../../shared/entity-columns';
import { IndicatorEntity } from './indicator.entity';

/**
 * One point of an indicator's trajectory: the value to reach by `period`, partnership-wide (area '',
 * as measurements store it: docs/decisions/0003) or for an area.
 */
@Entity('indicator_target')
@Unique('uq_indicator_target_period_area', ['indicatorId', 'period', 'area'])
export class IndicatorTargetEntity extends IdEntity {
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

  @Column({ name: 'set_by', type: 'uuid', nullable: true })
  setBy: string | null;

  @UpdateDateColumn({ name: 'set_at', type: 'timestamptz' })
  setAt: Date;
}
