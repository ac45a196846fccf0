import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import { BadInputError, NotFoundError } from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { todayIso } from '../../shared/dates';
import { isUuid } from '../../database/ids';
import type { OperationalGroupService } from '../actions/operational-group.service';
import type { StrategyService } from '../strategy/strategy.service';
import { PLAN_COLUMNS, RAG_WORDS, STATUS_WORDS, type PlanField } from './action-plan.columns';
import { escapeFormula } from './formula-escape';
import { planRows, type PlanRow } from './action-plan.queries';

export type { PlanRow } from './action-plan.queries';

export interface PlanFile {
  fileName: string;
  contentType: string;
  body: Buffer;
  rowCount: number;
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Column widths in characters: long texts wide, codes and dates narrow. */
const WIDTH: Partial<Record<PlanField, number>> = {
  ref: 10,
  title: 50,
  description: 50,
  successMeasure: 35,
  lead: 25,
  objective: 14,
  output: 30,
  group: 25,
  status: 13,
  rag: 8,
  progress: 60,
  impact: 45,
  tags: 30,
};

/**
 * The action plan of a strategy (optionally one group's part of it) as an XLSX workbook, for anyone
 * signed in who can read the strategy. Cells hold values only, never formulas, and text that would
 * start a formula is escaped (formula-escape.ts).
 */
export class ActionPlanExportService {
  constructor(
    private readonly db: DataSource,
    private readonly strategies: StrategyService,
    private readonly groups: OperationalGroupService,
  ) {}

  async exportPlan(viewer: Viewer, strategyId: string, groupId?: string | null): Promise<PlanFile> {
    const strategy = await this.strategies.findStrategy(viewer, strategyId);
    if (!strategy) throw new NotFoundError('Strategy', strategyId);
    let groupName: string | null = null;
    if (groupId) {
      const group = isUuid(groupId) ? await this.groups.findGroup(viewer, groupId) : null;
      if (!group) throw new BadInputError('groupId', 'No such operational group.');
      groupName = group.name;
    }
    const rows = await this.planRows(strategy.id, groupId || null);

    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Throughline';
    workbook.title = `${strategy.title}: action plan${groupName ? ` (${groupName})` : ''}`;
    workbook.created = new Date();
    const sheet = workbook.addWorksheet('Action plan', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = PLAN_COLUMNS.map((c) => ({
      header: c.heading,
      key: c.field,
      width: WIDTH[c.field] ?? 12,
      style: c.date ? { numFmt: 'yyyy-mm-dd' } : { alignment: { wrapText: true, vertical: 'top' } },
    }));
    sheet.getRow(1).font = { bold: true };
    for (const r of rows) sheet.addRow(this.cells(r));
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: PLAN_COLUMNS.length } };

    const body = Buffer.from(await workbook.xlsx.writeBuffer());
    const name = [strategy.title, groupName]
      .filter((s): s is string => !!s)
      .map(slug)
      .join('-');
    return {
      fileName: `action-plan-${name || 'strategy'}-${todayIso()}.xlsx`,
      contentType: XLSX_CONTENT_TYPE,
      body,
      rowCount: rows.length,
    };
  }

  /** In plan order: objectives as the strategy lists them, then refs. */
  async planRows(strategyId: string, groupId: string | null): Promise<PlanRow[]> {
    return planRows(this.db, strategyId, groupId);
  }

  private cells(r: PlanRow): Record<PlanField, string | Date | null> {
    const text = (v: string | null) => (v ? escapeFormula(v) : null);
    return {
      ref: text(r.ref),
      title: text(r.title),
      description: text(r.description),
      successMeasure: text(r.successMeasure),
      lead: text(r.lead),
      objective: text(r.objective),
      output: text(r.output),
      group: text(r.group),
      agreedOn: dateCell(r.agreedOn),
      startsOn: dateCell(r.startsOn),
      dueOn: dateCell(r.dueOn),
      status: STATUS_WORDS[r.status],
      rag: r.rag ? RAG_WORDS[r.rag] : null,
      reportedOn: dateCell(r.reportedOn),
      progress: text(r.progress),
      impact: text(r.impact),
      tags: r.tags,
    };
  }
}

/** A calendar date as a spreadsheet date (midnight UTC: Excel dates have no zone). */
function dateCell(iso: string | null): Date | null {
  return iso ? new Date(`${iso}T00:00:00Z`) : null;
}

/** For file names: "VAWG Strategy 2025" -> "vawg-strategy-2025". */
function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'plan'
  );
}
