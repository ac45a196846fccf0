// The spreadsheet return's routes, beside /graphql like the action plan's (apps/api/src/modules/rounds,
// return-sheet.routes.ts): their paths and the JSON the upload answers. Hand-written, not generated:
// keep in step with return-sheet.service.ts.

/** GET: the group's return as XLSX, one row per open action and empty columns for the new update. */
export function returnSheetDownloadPath(returnId: string): string {
  return `/api/returns/${encodeURIComponent(returnId)}/return.xlsx`;
}

/**
 * POST multipart/form-data with `file` (XLSX, at most RETURN_SHEET_MAX_BYTES) and `confirm=yes` to
 * make the updates (without it: a preview, nothing made). A member of the group or an admin; with the
 * session cookie, also the header X-Requested-With. 200 { result }; 422 { result } with problems
 * (nothing made); other statuses { errors: [{ message, extensions: { code, field, reason } }] }.
 */
export function returnSheetUploadPath(returnId: string): string {
  return `/api/returns/${encodeURIComponent(returnId)}/return-sheet`;
}

export const RETURN_SHEET_MAX_BYTES = 2 * 1024 * 1024;

export interface ReturnSheetRow {
  row: number;
  ref: string;
  /** update: made on confirmation; unchanged: nothing filled in; conflict: the action changed since the download, not made. */
  outcome: 'update' | 'unchanged' | 'conflict';
  status?: 'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETE' | 'CANCELLED';
  rag?: 'RED' | 'AMBER' | 'GREEN' | null;
  progress?: string;
  impact?: string;
}

export interface ReturnSheetProblem {
  /** The spreadsheet row; null for the file as a whole. */
  row: number | null;
  /** The column's heading (or the column the file lacks). */
  column: string | null;
  message: string;
}

export interface ReturnSheetResult {
  rows: ReturnSheetRow[];
  problems: ReturnSheetProblem[];
  /** True when the updates were made (confirm, and no problems): all rows or none. */
  applied: boolean;
}

export type ReturnSheetAnswer =
  | { result: ReturnSheetResult }
  | { errors: Array<{ message: string; extensions: { code?: string; field?: string; reason?: string } }> };
