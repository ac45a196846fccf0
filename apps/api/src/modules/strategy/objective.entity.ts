import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { VersionedRow } from '../../shared/entity-columns';
import { StrategyEntity } from './strategy.entity';

/** A strategic objective or priority of a strategy. */
@Entity('objective')
@Unique('uq_objective_code', ['strategyId', 'code'])
export class ObjectiveEntity extends VersionedRow {
  @Index()
  @Column({ name: 'strategy_id', type: 'uuid' })
  strategyId: string;

  @ManyToOne(() => StrategyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'strategy_id' })
  strategy?: StrategyEntity;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  /** Display order within the strategy. */
  @Column({ type: 'int', default: 0 })
  position: number;
}
