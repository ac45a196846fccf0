import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { VersionedRow } from '../../shared/entity-columns';
import { OutcomeEntity } from './outcome.entity';
import { ObjectiveEntity } from './objective.entity';

/** "How will we achieve our outcome?" Contributes to outcomes of its own objective (output_outcome). */
@Entity('output')
export class OutputEntity extends VersionedRow {
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

@Entity('output_outcome')
export class OutputOutcomeEntity {
  @Column({ name: 'output_id', type: 'uuid', primary: true })
  outputId: string;

  @ManyToOne(() => OutputEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'output_id' })
  output?: OutputEntity;

  @Index()
  @Column({ name: 'outcome_id', type: 'uuid', primary: true })
  outcomeId: string;

  @ManyToOne(() => OutcomeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'outcome_id' })
  outcome?: OutcomeEntity;
}
