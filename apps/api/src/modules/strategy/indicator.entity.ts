import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OutcomeEntity } from './outcome.entity';

/** Measures an outcome. Lower is better when target < baseline. */
@Entity('indicator')
export class IndicatorEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

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

  @Column({ type: 'int', default: 1 })
  version: number;
}
