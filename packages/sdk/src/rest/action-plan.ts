// The action plan's spreadsheet routes, which sit beside /graphql (files do not travel through
// GraphQL here): their paths and the JSON the upload answers. Hand-written, not generated: keep in
// step with apps/api/src/modules/action-plan (its tests type their answers with these).

/** GET: the plan of a strategy as XLSX, optionally one group's part of it. Anyone signed in. */
export function actionPlanExportPath(strategyId: string, groupId?: string | null): string {
  const path = `/api/strategies/${encodeURIComponent(strategyId)}/action-plan.xlsx`;
  return groupId ? `${path}?groupId=${encodeURIComponent(groupId)}` : path;
}

/**
 * POST multipart/form-data with `file` (XLSX or CSV, at most ACTION_IMPORT_MAX_BYTES) and optionally
 * `defaultGroupId`. ADMIN only; with the session cookie, also the header X-Requested-With.
 * 201 { preview } with preview.id: fit to import (confirm with importActions); 422 { preview } with
 * preview.problems; other statuses { errors: [{ message, extensions: { code, field, reason } }] }.
 */
export function actionImportUploadPath(strategyId: string): string {
  return `/api/strategies/${encodeURIComponent(strategyId)}/action-imports`;
}

export const ACTION_IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const ACTION_IMPORT_MAX_ROWS = 5000;

export type ActionPlanField =
  | 'ref'
  | 'title'
  | 'description'
  | 'successMeasure'
  | 'lead'
  | 'objective'
  | 'output'
  | 'group'
  | 'agreedOn'
  | 'startsOn'
  | 'dueOn'
  | 'status'
  | 'rag'
  | 'reportedOn'
  | 'progress'
  | 'impact'
  | 'tags';

export interface ActionImportProblem {
  /** The spreadsheet row; null for the file as a whole. */
  row: number | null;
  /** The column's heading as the file spells it (or the column the file lacks). */
  column: string | null;
  field: ActionPlanField | null;
  message: string;
}

export interface ActionImportPreview {
  /** Set when the file is fit to import: pass it to importActions. */
  id: string | null;
  strategyId: string;
  fileName: string;
  format: 'XLSX' | 'CSV';
  sheetName: string | null;
  otherSheets: string[];
  headingRow: number | null;
  columns: Array<{ field: ActionPlanField; heading: string }>;
  ignoredHeadings: string[];
  rowCount: number;
  /** At most 500 are listed; problemCount says how many there are. */
  problems: ActionImportProblem[];
  problemCount: number;
  notes: Array<{ message: string; rows: number[] }>;
}

export interface RestError {
  message: string;
  extensions: { code?: string; field?: string; reason?: string } & Record<string, unknown>;
}

export type ActionImportAnswer = { preview: ActionImportPreview } | { errors: RestError[] };
