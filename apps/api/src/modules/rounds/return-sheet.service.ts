import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import { NotFoundError } from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { todayIso } from '../../shared/dates';
import type { ActionEntity } from '../actions/action.entity';
import type { ActionStatus, Rag } from '../actions/action.enums';
import { ACTION_TEXT_LIMITS, type ActionService } from '../actions/action.service';
import { IMPORT_LIMITS } from '../action-plan/action-import.service';
import { headingKey, parseRag, parseStatus, RAG_WORDS, STATUS_WORDS } from '../action-plan';
import { XLSX_CONTENT_TYPE } from '../action-plan';
import { escapeFormula, unescapeFormula } from '../action-plan';
import { readSheet, type SheetCell } from '../action-plan';
import { writeAudit } from '../audit/audit.service';
import type { RoundService } from './round.service';
import { requireAccess } from '../../access';
import { lockActionVersion } from './round.queries';

/** The return's columns: the action as it was when downloaded, then the new update's. */
const COLUMNS = [
  { key: 'ref', heading: 'Ref', width: 10 },
  { key: 'title', heading: 'Action', width: 40 },
  { key: 'status', heading: 'Current status', width: 14 },
  { key: 'rag', heading: 'Current RAG', width: 12 },
  { key: 'lastReportedOn', heading: 'Last update', width: 12 },
  { key: 'version', heading: 'Version (do not change)', width: 10 },
  { key: 'newStatus', heading: 'New status', width: 14 },
  { key: 'newRag', heading: 'New RAG', width: 12 },
  { key: 'progress', heading: 'Progress', width: 50 },
  { key: 'impact', heading: 'Impact', width: 40 },
] as const;
type ColumnKey = (typeof COLUMNS)[number]['key'];
const NEEDED: ColumnKey[] = ['ref', 'version', 'newStatus', 'newRag', 'progress', 'impact'];

/** What the upload will do with one row of the file. */
export interface ReturnSheetRow {
  row: number;
  ref: string;
  /** update: applied on confirmation; unchanged: nothing to apply; conflict: the action changed since the download, not applied. */
  outcome: 'update' | 'unchanged' | 'conflict';
  status?: ActionStatus;
  rag?: Rag | null;
  progress?: string;
  impact?: string;
}

export interface ReturnSheetProblem {
  row: number | null;
  column: string | null;
  message: string;
}

export interface ReturnSheetResult {
  rows: ReturnSheetRow[];
  problems: ReturnSheetProblem[];
  /** True when the updates were made (confirm, and no problems): all rows or none. */
  applied: boolean;
}

/**
 * The spreadsheet return: the group's return as XLSX (one row per open action with its current state
 * and empty columns for the new update), and the same file read back. Reading uses the plan import's
 * sheet reader and limits (size, zip, cells, formulas); a row whose action's version moved since the
 * download is a conflict and is not applied; any other problem stops the whole file. Confirming makes
 * every update in one transaction through addActionUpdate (same rules and audit), or none.
 */
export class ReturnSheetService {
  constructor(
    private readonly db: DataSource,
    private readonly rounds: RoundService,
    private readonly actions: ActionService,
  ) {}

  async download(viewer: Viewer, returnId: string) {
    const { groupReturn, actions, title } = await this.returnOf(viewer, returnId);
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Throughline';
    workbook.title = title;
    const sheet = workbook.addWorksheet('Return', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = COLUMNS.map((c) => ({
      header: c.heading,
      key: c.key,
      width: c.width,
      style: { alignment: { wrapText: true, vertical: 'top' } },
    }));
    sheet.getRow(1).font = { bold: true };
    for (const a of actions) {
      sheet.addRow({
        ref: escapeFormula(a.ref),
        title: escapeFormula(a.title),
        status: STATUS_WORDS[a.currentStatus],
        rag: a.currentRag ? RAG_WORDS[a.currentRag] : '',
        lastReportedOn: a.lastReportedOn ?? '',
        version: a.version,
      });
    }
    return {
      fileName: `return-${groupReturn.id.slice(0, 8)}-${todayIso()}.xlsx`,
      contentType: XLSX_CONTENT_TYPE,
      body: Buffer.from(await workbook.xlsx.writeBuffer()),
    };
  }

  async upload(
    viewer: Viewer,
    returnId: string,
    file: { fileName: string; bytes: Buffer },
    confirm: boolean,
  ): Promise<ReturnSheetResult> {
    const { groupReturn, actions } = await this.returnOf(viewer, returnId);
    requireAccess(viewer, 'action.postUpdate', { groupId: groupReturn.groupId });
    const sheet = await readSheet(file.bytes, file.fileName, IMPORT_LIMITS);
    const problems: ReturnSheetProblem[] = [];
    const [head, ...body] = sheet.rows;
    const index = new Map<ColumnKey, number>();
    head?.cells.forEach((c, i) => {
      const col = COLUMNS.find((k) => headingKey(k.heading) === headingKey(c.text));
      if (col) index.set(col.key, i);
    });
    for (const k of NEEDED) {
      if (!index.has(k)) {
        problems.push({
          row: null,
          column: COLUMNS.find((c) => c.key === k)!.heading,
          message: 'This column is missing.',
        });
      }
    }
    if (problems.length) return { rows: [], problems, applied: false };

    const byRef = new Map(actions.map((a) => [a.ref, a]));
    const rows: ReturnSheetRow[] = [];
    for (const r of body) {
      const cell = (k: ColumnKey): SheetCell => r.cells[index.get(k)!] ?? { text: '' };
      const at = (k: ColumnKey) => COLUMNS.find((c) => c.key === k)!.heading;
      const textOf = (k: ColumnKey): string | null => {
        const c = cell(k);
        if (c.problem) problems.push({ row: r.number, column: at(k), message: `${c.problem}.` });
        else if (c.fromFormula)
          problems.push({ row: r.number, column: at(k), message: 'Type the value: formulas are not read.' });
        else return unescapeFormula(c.text.trim()).text;
        return null;
      };
      const ref = textOf('ref');
      if (ref === null) continue;
      const action = byRef.get(ref);
      if (!action) {
        problems.push({
          row: r.number,
          column: at('ref'),
          message: `${ref || 'A blank ref'} is not an open action of this return.`,
        });
        continue;
      }
      const version = Number(textOf('version'));
      const newStatus = textOf('newStatus') ?? '';
      const newRag = textOf('newRag') ?? '';
      const progress = textOf('progress') ?? '';
      const impact = textOf('impact') ?? '';
      if (!newStatus && !newRag && !progress && !impact) {
        rows.push({ row: r.number, ref, outcome: 'unchanged' });
        continue;
      }
      const status = newStatus ? parseStatus(newStatus) : action.currentStatus;
      if (!status)
        problems.push({
          row: r.number,
          column: at('newStatus'),
          message: `"${newStatus}" is not a status: write Not started, In progress, Complete or Cancelled.`,
        });
      const rag = newRag ? parseRag(newRag) : action.currentRag;
      if (rag === undefined)
        problems.push({
          row: r.number,
          column: at('newRag'),
          message: `"${newRag}" is not a RAG rating: write Red, Amber or Green.`,
        });
      for (const [k, v] of [
        ['progress', progress],
        ['impact', impact],
      ] as const) {
        if (v.length > ACTION_TEXT_LIMITS[k]) {
          problems.push({
            row: r.number,
            column: at(k),
            message: `Must be ${ACTION_TEXT_LIMITS[k]} characters or fewer.`,
          });
        }
      }
      const outcome = version === action.version ? 'update' : 'conflict';
      rows.push({
        row: r.number,
        ref,
        outcome,
        status: status ?? undefined,
        rag: rag ?? null,
        progress,
        impact,
      });
    }
    if (!confirm || problems.length) return { rows, problems, applied: false };

    await this.db.transaction(async (tx) => {
      for (const row of rows.filter((x) => x.outcome === 'update')) {
        const action = byRef.get(row.ref)!;
        // The version is checked again under the action's lock: a change since the preview is a
        // conflict too, and that row is not applied. Any failure below rolls back every row.
        const [locked]: Array<{ version: number }> = await lockActionVersion(tx, action.id);
        if (locked.version !== action.version) {
          row.outcome = 'conflict';
          continue;
        }
        await this.actions.addActionUpdate(
          viewer,
          {
            actionId: action.id,
            status: row.status!,
            rag: row.rag,
            progress: row.progress,
            impact: row.impact,
          },
          { manager: tx, operation: 'uploadGroupReturn' },
        );
      }
      await writeAudit(tx, {
        partnershipId: viewer.partnershipId,
        actorId: viewer.id,
        operation: 'uploadGroupReturn',
        entityType: 'GroupReturn',
        entityId: groupReturn.id,
        before: null,
        after: {
          fileName: file.fileName,
          fileSha256: createHash('sha256').update(file.bytes).digest('hex'),
          updated: rows.filter((x) => x.outcome === 'update').map((x) => x.ref),
          conflicts: rows.filter((x) => x.outcome === 'conflict').map((x) => x.ref),
        },
      });
    });
    return { rows, problems, applied: true };
  }

  private async returnOf(viewer: Viewer, returnId: string) {
    const groupReturn = await this.rounds.findReturn(viewer, returnId);
    if (!groupReturn) throw new NotFoundError('GroupReturn', returnId);
    const list = (await this.rounds.actionsOfReturns([groupReturn.id])).get(groupReturn.id)!;
    const actions: ActionEntity[] = list.map((a) => a.action);
    return { groupReturn, actions, title: `Return ${groupReturn.id}` };
  }
}
