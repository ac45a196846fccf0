import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { VersionedEntity } from '../../shared/entity-columns';
import { TagEntity } from '../tags/tag.entity';
import { OperationalGroupEntity } from './operational-group.entity';
import { OutputEntity } from '../strategy/output.entity';
import { ObjectiveEntity } from '../strategy/objective.entity';
import { StrategyEntity } from '../strategy/strategy.entity';

export enum Rag {
  RED = 'RED',
  AMBER = 'AMBER',
  GREEN = 'GREEN',
}

export enum ActionStatus {
  NOT_STARTED = 'NOT_STARTED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETE = 'COMPLETE',
  CANCELLED = 'CANCELLED',
}

/** `column IN (...)` the enum's values: the CHECK constraints that keep stored statuses and RAGs to them. */
export const enumCheck = (column: string, values: Record<string, string>) =>
  `"${column}" IN (${Object.values(values)
    .map((v) => `'${v}'`)
    .join(', ')})`;

/**
 * A SMART action. current_* columns mirror the latest ActionUpdate and are maintained in the same
 * transaction as each new update: "as of today" reads (the common case) need no history scan.
 */
@Entity('action')
// Only the contract's statuses and RAGs are ever stored: readers that write answers as text
// (modules/rollup/changes-text.queries.ts) copy them without checking (1796560000000-status-checks.ts).
@Check('chk_action_current_status', enumCheck('current_status', ActionStatus))
@Check('chk_action_current_rag', enumCheck('current_rag', Rag))
@Unique('uq_action_ref', ['strategyId', 'ref'])
@Index(['groupId', 'ref'])
export class ActionEntity extends VersionedEntity {
  /** Denormalised from the objective: refs are unique per strategy and the roll-up filters by it. */
  @Column({ name: 'strategy_id', type: 'uuid' })
  strategyId: string;

  @ManyToOne(() => StrategyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'strategy_id' })
  strategy?: StrategyEntity;

  @Index()
  @Column({ name: 'objective_id', type: 'uuid' })
  objectiveId: string;

  @ManyToOne(() => ObjectiveEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'objective_id' })
  objective?: ObjectiveEntity;

  @Index()
  @Column({ name: 'output_id', type: 'uuid', nullable: true })
  outputId: string | null;

  @ManyToOne(() => OutputEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'output_id' })
  output?: OutputEntity;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => OperationalGroupEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'group_id' })
  group?: OperationalGroupEntity;

  @Column({ type: 'text' })
  ref: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ name: 'success_measure', type: 'text', default: '' })
  successMeasure: string;

  @Column({ type: 'text', default: '' })
  lead: string;

  @Column({ name: 'agreed_on', type: 'date' })
  agreedOn: string;

  @Column({ name: 'starts_on', type: 'date', nullable: true })
  startsOn: string | null;

  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn: string | null;

  /**
   * The day the current dueOn came into force (its latest entry in action_due_date); null when the
   * action never had a due date. "As of" reads on or after it take dueOn as it is, without the history.
   */
  @Column({ name: 'due_on_since', type: 'date', nullable: true })
  dueOnSince: string | null;

  @Column({ name: 'current_status', type: 'text', default: ActionStatus.NOT_STARTED })
  currentStatus: ActionStatus;

  @Column({ name: 'current_rag', type: 'text', nullable: true })
  currentRag: Rag | null;

  @Column({ name: 'last_reported_on', type: 'date', nullable: true })
  lastReportedOn: string | null;

  @Column({ name: 'latest_update_id', type: 'uuid', nullable: true })
  latestUpdateId: string | null;
}

@Entity('action_tag')
export class ActionTagEntity {
  @Column({ name: 'action_id', type: 'uuid', primary: true })
  actionId: string;

  @ManyToOne(() => ActionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: ActionEntity;

  @Index()
  @Column({ name: 'tag_id', type: 'uuid', primary: true })
  tagId: string;

  @ManyToOne(() => TagEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tag_id' })
  tag?: TagEntity;
}
