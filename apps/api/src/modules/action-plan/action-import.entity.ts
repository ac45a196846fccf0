import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CreatedRecord } from '../../shared/entity-columns';
import type { ActionStatus, Rag } from '../actions/action.enums';
import { PartnershipEntity } from '../identity/partnership.entity';
import { StrategyEntity } from '../strategy/strategy.entity';
import type { PlanField } from './action-plan.columns';

/** One row of a checked file, ready to become an action (ids resolved, dates ISO, text trimmed). */
export interface ImportRow {
  /** The row number in the person's spreadsheet. */
  row: number;
  ref: string;
  title: string;
  description: string;
  successMeasure: string;
  lead: string;
  objectiveId: string;
  objectiveCode: string;
  outputId: string | null;
  outputTitle: string | null;
  groupId: string;
  groupName: string;
  agreedOn: string | null;
  startsOn: string | null;
  dueOn: string | null;
  tags: string[];
  /** The initial update carrying the row's status, RAG and progress; null when the row gives none. */
  update: {
    status: ActionStatus;
    rag: Rag | null;
    progress: string;
    impact: string;
    reportedOn: string;
  } | null;
}

/** Which heading of the file fed each field. */
export interface ImportColumn {
  field: PlanField;
  heading: string;
}

/** Something the import does to the data that the person should know: never a silent change. */
export interface ImportNote {
  message: string;
  /** The spreadsheet rows it concerns (empty: the whole file). */
  rows: number[];
}

/**
 * A checked upload waiting for the administrator's confirmation (the preview). Only files without
 * errors are kept; confirming creates the actions in one transaction and stamps confirmedAt, so a
 * second confirmation (a double click, a replayed form) creates nothing. Unconfirmed previews are
 * removed after a day.
 */
@Entity('action_import')
@Index(['partnershipId', 'createdAt'])
export class ActionImportEntity extends CreatedRecord {
  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId: string;

  @ManyToOne(() => PartnershipEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partnership_id' })
  partnership?: PartnershipEntity;

  @Index()
  @Column({ name: 'strategy_id', type: 'uuid' })
  strategyId: string;

  @ManyToOne(() => StrategyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'strategy_id' })
  strategy?: StrategyEntity;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  /** SHA-256 of the uploaded bytes, so the audit trail can tell which file this was. */
  @Column({ name: 'file_sha256', type: 'text' })
  fileSha256: string;

  /** XLSX or CSV. */
  @Column({ type: 'text' })
  format: string;

  @Column({ name: 'sheet_name', type: 'text', nullable: true })
  sheetName: string | null;

  @Column({ type: 'jsonb' })
  columns: ImportColumn[];

  @Column({ name: 'ignored_headings', type: 'jsonb' })
  ignoredHeadings: string[];

  @Column({ type: 'jsonb' })
  notes: ImportNote[];

  @Column({ type: 'jsonb' })
  rows: ImportRow[];

  @Column({ name: 'row_count', type: 'int' })
  rowCount: number;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @Column({ name: 'confirmed_by', type: 'uuid', nullable: true })
  confirmedBy: string | null;
}
