import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { VersionedRow } from '../../shared/entity-columns';
import { ObjectiveEntity } from './objective.entity';

/** "What difference will this make?" */
@Entity('outcome')
export class OutcomeEntity extends VersionedRow {
  @Index()
  @Column({ name: 'objective_id', type: 'uuid' })
  objectiveId: string;

  @ManyToOne(() => ObjectiveEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'objective_id' })
  objective?: ObjectiveEntity;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'int', default: 0 })
  position: number;
}
