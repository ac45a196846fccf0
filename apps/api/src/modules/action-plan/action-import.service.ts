import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AppError, BadInputError, ConflictError, NotFoundError } from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { todayIso } from '../../shared/dates';
import type { ActionService } from '../actions/action.service';
import { isUuid } from '../../database/ids';
import { OperationalGroupEntity } from '../actions/operational-group.entity';
import { snapshot, writeAudit } from '../audit/audit.service';
import { ObjectiveEntity } from '../strategy/objective.entity';
import type { StrategyService } from '../strategy/strategy.service';
import {
  ActionImportEntity,
  type ImportColumn,
  type ImportNote,
  type ImportRow,
} from './action-import.entity';
import { FileRefusedError } from './file-refused';
import type { PlanField } from './action-plan.columns';
import { RowChecker } from './action-import.rows';
import { readSheet } from './sheet-reader';
import { requireAccess } from '../../access';
import {
  actionRefsOfStrategy,
  deleteStalePreviews,
  lockImport,
  markImportConfirmed,
  outputsOfObjectives,
} from './action-import.queries';

/** What one upload may be (the route refuses bigger bodies before they reach the service). */
export const IMPORT_LIMITS = {
  maxFileBytes: 2 * 1024 * 1024,
  maxRows: 5000,
  /** Cells the workbook may declare before it is parsed: 5,000 rows of 40 columns. */
  maxCells: 200_000,
  maxZipEntries: 200,
  maxUnpackedBytes: 40 * 1024 * 1024,
};

/** An unconfirmed preview is kept this long, then removed. */
export const PREVIEW_HOURS = 24;

/** The most row errors listed in one answer (errorCount says how many there are). */
const MAX_LISTED_ERRORS = 500;

/** A problem with the file that stops the import, named by row and column where it has them. */
export interface ImportProblem {
  /** The spreadsheet row; null for the file as a whole (e.g. a missing column). */
  row: number | null;
  /** The heading of the column as the file spells it, or the column the file lacks. */
  column: string | null;
  field: PlanField | null;
  message: string;
}

export interface ImportPreview {
  /** The preview to confirm; null when the file has problems (nothing is kept then). */
  id: string | null;
  strategyId: string;
  fileName: string;
  format: 'XLSX' | 'CSV';
  sheetName: string | null;
  otherSheets: string[];
  headingRow: number | null;
  columns: ImportColumn[];
  ignoredHeadings: string[];
  rowCount: number;
  problems: ImportProblem[];
  problemCount: number;
  notes: ImportNote[];
  rows: ImportRow[];
}

export interface UploadedFile {
  fileName: string;
  bytes: Buffer;
}

/**
 * Importing last year's action plan (ADMIN only): `preview` reads an XLSX or CSV, maps its columns by
 * their headings, checks every row and reports each problem by row and column; a file without problems
 * is kept as a preview, which `confirm` turns into actions (and an initial update carrying each row's
 * status, RAG and progress) through ActionService, all in one transaction: every row or none.
 */
export class ActionImportService {
  constructor(
    private readonly db: DataSource,
    private readonly actions: ActionService,
    private readonly strategies: StrategyService,
  ) {}

  async preview(
    viewer: Viewer,
    strategyId: string,
    file: UploadedFile,
    opts: { defaultGroupId?: string | null } = {},
  ): Promise<ImportPreview> {
    const admin = requireAccess(viewer, 'administer');
    const strategy = await this.strategies.findStrategy(admin, strategyId);
    if (!strategy) throw new NotFoundError('Strategy', strategyId);
    const groups = await this.db
      .getRepository(OperationalGroupEntity)
      .findBy({ partnershipId: admin.partnershipId });
    let defaultGroup: OperationalGroupEntity | null = null;
    if (opts.defaultGroupId) {
      defaultGroup = groups.find((g) => g.id === opts.defaultGroupId) ?? null;
      if (!defaultGroup) throw new BadInputError('defaultGroupId', 'No such operational group.');
    }
    if (file.bytes.length === 0) throw new FileRefusedError('missing', 'The selected file is empty.');
    if (file.bytes.length > IMPORT_LIMITS.maxFileBytes) {
      throw new FileRefusedError('too-large', 'The selected file must be smaller than 2 MB.');
    }
    const sheet = await readSheet(file.bytes, file.fileName, {
      maxRows: IMPORT_LIMITS.maxRows + 50,
      maxCells: IMPORT_LIMITS.maxCells,
      maxZipEntries: IMPORT_LIMITS.maxZipEntries,
      maxUnpackedBytes: IMPORT_LIMITS.maxUnpackedBytes,
    });

    const objectives = await this.db
      .getRepository(ObjectiveEntity)
      .find({ where: { strategyId: strategy.id }, order: { position: 'ASC', code: 'ASC' } });
    const outputs = objectives.length
      ? await outputsOfObjectives(
          this.db,
          objectives.map((o) => o.id),
        )
      : [];
    const existingRefs = new Set<string>(await actionRefsOfStrategy(this.db, strategy.id));

    const checker = new RowChecker({
      strategyTitle: strategy.title,
      objectives,
      outputs,
      groups,
      defaultGroup,
      existingRefs,
      today: todayIso(),
    });
    const result = checker.check(sheet.rows);
    const base = {
      strategyId: strategy.id,
      fileName: file.fileName,
      format: sheet.format,
      sheetName: sheet.sheetName,
      otherSheets: sheet.otherSheets,
      headingRow: result.headingRow,
      columns: result.columns,
      ignoredHeadings: result.ignoredHeadings,
      rowCount: result.rows.length,
      problemCount: result.problems.length,
      problems: result.problems.slice(0, MAX_LISTED_ERRORS),
      notes: result.notes,
    };
    if (sheet.otherSheets.length) {
      base.notes.unshift({
        message: `Only the worksheet "${sheet.sheetName}" was read; ${sheet.otherSheets.map((s) => `"${s}"`).join(', ')} ${sheet.otherSheets.length === 1 ? 'was' : 'were'} not.`,
        rows: [],
      });
    }
    if (result.problems.length) return { id: null, ...base, rows: result.rows };

    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const staged = await this.db.transaction(async (tx) => {
      // Previews nobody confirmed are not kept beyond their day.
      await deleteStalePreviews(tx, admin.partnershipId, PREVIEW_HOURS);
      const repo = tx.getRepository(ActionImportEntity);
      const entity = await repo.save(
        repo.create({
          partnershipId: admin.partnershipId,
          strategyId: strategy.id,
          createdBy: admin.id,
          fileName: file.fileName,
          fileSha256: sha256,
          format: sheet.format,
          sheetName: sheet.sheetName,
          columns: result.columns,
          ignoredHeadings: result.ignoredHeadings,
          notes: base.notes,
          rows: result.rows,
          rowCount: result.rows.length,
          confirmedAt: null,
          confirmedBy: null,
        }),
      );
      await writeAudit(tx, {
        partnershipId: admin.partnershipId,
        actorId: admin.id,
        operation: 'previewActionImport',
        entityType: 'ActionImport',
        entityId: entity.id,
        before: null,
        // What was uploaded, not its contents: the actions' own entries carry those on confirmation.
        after: {
          strategyId: strategy.id,
          fileName: file.fileName,
          fileSha256: sha256,
          format: sheet.format,
          rowCount: entity.rowCount,
        },
      });
      return entity;
    });
    return { id: staged.id, ...base, rows: result.rows };
  }

  /** A preview of the viewer's partnership (ADMIN only), or null. */
  async findImport(viewer: Viewer, id: string): Promise<ActionImportEntity | null> {
    const admin = requireAccess(viewer, 'administer');
    if (!isUuid(id)) return null;
    return this.db.getRepository(ActionImportEntity).findOneBy({ id, partnershipId: admin.partnershipId });
  }

  /**
   * Creates the preview's actions and their initial updates through ActionService, in ONE transaction
   * with the audit entries: any row that fails now (say an action with its ref was added since the
   * preview) rolls everything back, and the error names the row. The preview row is locked first and
   * stamped confirmed, so a second confirmation is CONFLICT and creates nothing.
   */
  async confirm(viewer: Viewer, importId: string): Promise<ActionImportEntity> {
    const admin = requireAccess(viewer, 'administer');
    if (!isUuid(importId)) throw new NotFoundError('ActionImport', importId);
    return this.db.transaction(async (tx) => {
      const locked = await lockImport(tx, importId, admin.partnershipId, PREVIEW_HOURS);
      if (!locked) throw new NotFoundError('ActionImport', importId);
      if (locked.confirmed_at) throw new ConflictError('This file has already been imported.');
      if (locked.expired) throw new ConflictError('This preview has expired. Upload the file again.');
      const preview = (await tx.getRepository(ActionImportEntity).findOneBy({ id: importId }))!;

      for (const r of preview.rows) {
        try {
          const action = await this.actions.createAction(
            admin,
            {
              objectiveId: r.objectiveId,
              outputId: r.outputId,
              groupId: r.groupId,
              ref: r.ref,
              title: r.title,
              description: r.description,
              successMeasure: r.successMeasure,
              lead: r.lead,
              agreedOn: r.agreedOn,
              startsOn: r.startsOn,
              dueOn: r.dueOn,
              tags: r.tags,
            },
            { manager: tx },
          );
          if (r.update) {
            await this.actions.addActionUpdate(
              admin,
              { actionId: action.id, ...r.update },
              { manager: tx, imported: true },
            );
          }
        } catch (e) {
          if (e instanceof AppError && e.extensions.code === 'BAD_USER_INPUT') {
            throw new BadInputError(
              'importId',
              `Row ${r.row}: ${e.message} Nothing was imported; check the file and upload it again.`,
              { row: r.row, rowField: e.extensions.field },
            );
          }
          throw e;
        }
      }
      await markImportConfirmed(tx, importId, admin.id);
      const confirmed = (await tx.getRepository(ActionImportEntity).findOneBy({ id: importId }))!;
      await writeAudit(tx, {
        partnershipId: admin.partnershipId,
        actorId: admin.id,
        operation: 'importActions',
        entityType: 'ActionImport',
        entityId: importId,
        before: { confirmedAt: null },
        after: {
          ...(snapshot(confirmed, ['rows', 'columns', 'notes', 'ignoredHeadings']) as object),
          actionRefs: preview.rows.map((r) => r.ref),
        },
      });
      return confirmed;
    });
  }
}
