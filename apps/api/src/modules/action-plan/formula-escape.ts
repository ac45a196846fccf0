/**
 * Spreadsheet formula injection (OWASP "CSV injection"; docs/security.md, checklist S14). A cell whose text starts
 * with one of these is read as a formula by Excel, LibreOffice or Sheets once someone edits it or saves
 * the sheet as CSV, so text written out must never start with one.
 */
export const FORMULA_TRIGGERS = ['=', '+', '-', '@', '\t', '\r'] as const;

/** The apostrophe OWASP recommends: spreadsheets show the text after it, never a formula. */
const ESCAPE = "'";

export function startsWithFormulaTrigger(text: string): boolean {
  return (FORMULA_TRIGGERS as readonly string[]).includes(text.charAt(0));
}

/** Text for a cell: prefixed with an apostrophe when it would otherwise start a formula. */
export function escapeFormula(text: string): string {
  return startsWithFormulaTrigger(text) ? ESCAPE + text : text;
}

/**
 * Undoes escapeFormula, so an exported plan imports with its text unchanged; true when it did, so the
 * import can say so (nothing is changed silently). Only an apostrophe before a trigger is ours.
 */
export function unescapeFormula(text: string): { text: string; unescaped: boolean } {
  if (text.startsWith(ESCAPE) && startsWithFormulaTrigger(text.slice(1))) {
    return { text: text.slice(1), unescaped: true };
  }
  return { text, unescaped: false };
}
