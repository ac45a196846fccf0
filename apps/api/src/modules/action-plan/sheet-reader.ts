import type ExcelJS from 'exceljs';
import { parseCsv } from './csv';
import { FileRefusedError } from './file-refused';
import { parseInWorker } from './sheet-worker';
import { unpackZip } from './zip-guard';

/**
 * Columns read from the left (A to CV). An action plan has about a dozen; a cell in XFD (16,384) must
 * not make every row that wide.
 */
export const MAX_COLUMNS = 100;

/** One cell as the import sees it: its text, or the date it holds, or why it cannot be used. */
export interface SheetCell {
  /** The value as text ('' when blank). */
  text: string;
  /** The calendar date (YYYY-MM-DD) when the cell holds a spreadsheet date. */
  date?: string;
  /** The value is the saved result of a formula (formulas themselves are never evaluated). */
  fromFormula?: boolean;
  /** Why the value cannot be used, e.g. the cell shows #N/A or a formula has no saved result. */
  problem?: string;
}

export interface SheetRow {
  /** The row number the person sees in their spreadsheet (1-based). */
  number: number;
  cells: SheetCell[];
}

export interface Sheet {
  format: 'XLSX' | 'CSV';
  /** The worksheet read (XLSX only). */
  sheetName: string | null;
  /** Other worksheets in the workbook, which are not read. */
  otherSheets: string[];
  /** The rows that hold anything, in order. */
  rows: SheetRow[];
}

export interface ReadLimits {
  /** Most rows (or CSV records) read, blank ones included. */
  maxRows: number;
  /** Most cells the worksheet XML may declare, counted before the workbook is parsed. */
  maxCells: number;
  maxZipEntries: number;
  maxUnpackedBytes: number;
}

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/**
 * Reads the first visible worksheet of an XLSX, or a UTF-8 CSV, into rows of cells. The type is told
 * by the file's bytes, and the name must agree (.xlsx or .csv); anything else is refused with a reason.
 */
export async function readSheet(bytes: Buffer, fileName: string, limits: ReadLimits): Promise<Sheet> {
  const name = fileName.toLowerCase();
  const zip = bytes.subarray(0, 4).equals(XLSX_MAGIC);
  if (name.endsWith('.xlsx') && zip) return readXlsx(bytes, limits);
  if (name.endsWith('.csv') && !zip && !bytes.subarray(0, 4).equals(OLE_MAGIC)) return readCsv(bytes, limits);
  if (name.endsWith('.xls') || bytes.subarray(0, 4).equals(OLE_MAGIC)) {
    throw new FileRefusedError(
      'unsupported-type',
      'The file is an old Excel 97-2003 workbook (.xls). Save it as an Excel Workbook (.xlsx) and upload that.',
    );
  }
  if (name.endsWith('.xlsm') || name.endsWith('.xlsb')) {
    throw new FileRefusedError(
      'unsupported-type',
      'Macro-enabled and binary workbooks are not accepted. Save it as an Excel Workbook (.xlsx).',
    );
  }
  if (name.endsWith('.xlsx') || name.endsWith('.csv')) {
    throw new FileRefusedError('unreadable', `The file's contents do not match its name (${fileName}).`);
  }
  throw new FileRefusedError('unsupported-type', 'The selected file must be an XLSX or CSV file.');
}

function readCsv(bytes: Buffer, limits: ReadLimits): Sheet {
  const records = parseCsv(bytes, limits.maxRows);
  const rows: SheetRow[] = [];
  records.forEach((r, i) => {
    const cells = r.map((text) => ({ text }));
    if (cells.some((c) => c.text.trim() !== '')) rows.push({ number: i + 1, cells });
  });
  return { format: 'CSV', sheetName: null, otherSheets: [], rows };
}

async function readXlsx(bytes: Buffer, limits: ReadLimits): Promise<Sheet> {
  // Inflate within limits first: exceljs would unpack whatever it is given.
  const entries = unpackZip(bytes, {
    maxEntries: limits.maxZipEntries,
    maxUnpackedBytes: limits.maxUnpackedBytes,
  });
  if (!entries.has('xl/workbook.xml')) {
    throw new FileRefusedError('unreadable', 'The file is not an Excel workbook.');
  }
  if ([...entries.keys()].some((n) => /^xl\/vbaProject\.bin$/i.test(n))) {
    throw new FileRefusedError(
      'unsupported-type',
      'The workbook contains macros. Save it as an Excel Workbook (.xlsx) without macros.',
    );
  }
  const worksheets = [...entries]
    .filter(([n]) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))
    .map(([, data]) => data);
  const parsed = await parseInWorker(bytes, worksheets, {
    maxCells: limits.maxCells,
    maxRows: limits.maxRows,
    maxColumns: MAX_COLUMNS,
    maxHeapMb: 256,
    maxMs: 30_000,
  });
  if (parsed.rowCount > limits.maxRows) {
    throw new FileRefusedError(
      'too-many-rows',
      `The worksheet "${parsed.sheetName}" has ${parsed.rowCount.toLocaleString('en-GB')} rows; import at most ${limits.maxRows.toLocaleString('en-GB')} at a time.`,
    );
  }
  const rows: SheetRow[] = [];
  for (const row of parsed.rows) {
    const out = row.cells.map(valueOf);
    if (out.some((c) => c.text.trim() !== '' || c.problem)) rows.push({ number: row.number, cells: out });
  }
  return {
    format: 'XLSX',
    sheetName: parsed.sheetName,
    otherSheets: parsed.otherSheets,
    rows,
  };
}

function valueOf(v: ExcelJS.CellValue): SheetCell {
  if (v === null || v === undefined) return { text: '' };
  if (typeof v === 'string') return { text: v };
  if (typeof v === 'number') return { text: String(v) };
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE' };
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return { text: '', problem: 'the cell holds a date that is not valid' };
    const iso = v.toISOString().slice(0, 10);
    return { text: iso, date: iso };
  }
  if ('error' in v) return { text: '', problem: `the cell shows the error ${v.error}` };
  if ('richText' in v) return { text: v.richText.map((r) => r.text).join('') };
  if ('formula' in v || 'sharedFormula' in v) {
    // Never evaluated: the value the spreadsheet saved with the formula is used, if it saved one.
    const result = v.result;
    if (result === undefined || result === null) {
      return { text: '', fromFormula: true, problem: 'the cell holds a formula with no saved value' };
    }
    return { ...valueOf(result), fromFormula: true };
  }
  if ('hyperlink' in v) {
    const t = v.text as unknown;
    return typeof t === 'string' ? { text: t } : valueOf(t as ExcelJS.CellValue);
  }
  return { text: '', problem: 'the cell holds something other than text, a number or a date' };
}
