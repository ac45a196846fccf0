import { Worker } from 'node:worker_threads';
import type ExcelJS from 'exceljs';
import { FileRefusedError } from './file-refused';

/** What the worker sends back: the first visible worksheet's cells that exist, as exceljs values. */
export interface ParsedWorkbook {
  sheetName: string;
  otherSheets: string[];
  rowCount: number;
  rows: { number: number; cells: (ExcelJS.CellValue | null)[] }[];
}

export interface WorkerLimits {
  maxCells: number;
  maxRows: number;
  /** Cells right of this column are not read (an action plan has a dozen columns). */
  maxColumns: number;
  /** Heap for the parse; past it the worker dies, not the server. */
  maxHeapMb: number;
  /** Wall-clock time for the parse. */
  maxMs: number;
}

/*
 * The worker's code, plain CommonJS evaluated in the worker, so it runs the same from the build and
 * from the tests' TypeScript sources. It counts the cells each worksheet declares with a real XML
 * tokenizer (saxes) before exceljs builds anything, then reads only the cells that exist.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { SaxesParser } = require(workerData.saxesPath);
const ExcelJS = require(workerData.exceljsPath);
const { bytes, worksheets, limits } = workerData;

function countCells(xml) {
  const parser = new SaxesParser();
  let cells = 0;
  parser.on('opentag', (tag) => {
    if (tag.name === 'c' || tag.name.endsWith(':c')) cells++;
  });
  parser.write(Buffer.from(xml).toString('utf8')).close();
  return cells;
}

async function run() {
  let cells = 0;
  for (const xml of worksheets) {
    try {
      cells += countCells(xml);
    } catch (e) {
      return { refused: 'unreadable', why: 'a worksheet is not well-formed XML' };
    }
    if (cells > limits.maxCells) return { refused: 'too-many-cells' };
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes);
  } catch {
    return { refused: 'unreadable', why: '' };
  }
  const visible = workbook.worksheets.filter((w) => w.state === 'visible' || !w.state);
  const sheet = visible[0];
  if (!sheet) return { refused: 'no-sheet' };
  const out = {
    sheetName: sheet.name,
    otherSheets: workbook.worksheets.filter((w) => w !== sheet).map((w) => w.name),
    rowCount: sheet.actualRowCount,
    rows: [],
  };
  if (sheet.actualRowCount > limits.maxRows) return { parsed: out };
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells = [];
    // findCell, not eachCell or getCell: only the cells that exist, and only up to maxColumns (eachCell
    // walks every column up to the row's last, 16,384 for a cell in XFD).
    const last = Math.min(row.cellCount, limits.maxColumns);
    for (let col = 1; col <= last; col++) {
      const cell = row.findCell(col);
      if (!cell) continue;
      // A merged cell below its master repeats the value down a column only (as a person reads it).
      let value = cell.value;
      if (cell.isMerged && cell.master !== cell) value = cell.master.col === cell.col ? cell.master.value : null;
      cells[col - 1] = value === undefined ? null : value;
    }
    for (let i = 0; i < cells.length; i++) if (!(i in cells)) cells[i] = null;
    out.rows.push({ number, cells });
  });
  return { parsed: out };
}
run().then((r) => parentPort.postMessage(r), (e) => parentPort.postMessage({ refused: 'unreadable', why: String(e && e.message) }));
`;

type WorkerAnswer =
  { parsed: ParsedWorkbook } | { refused: 'unreadable' | 'too-many-cells' | 'no-sheet'; why?: string };

/**
 * Parses an XLSX in a worker thread with its own heap limit and a time limit, so a hostile or merely
 * huge workbook cannot block the event loop (other requests keep being served) or take the process
 * down: it kills the worker, and the upload is refused.
 */
export function parseInWorker(
  bytes: Buffer,
  worksheets: Buffer[],
  limits: WorkerLimits,
): Promise<ParsedWorkbook> {
  const tooMuch = () =>
    new FileRefusedError(
      'too-large',
      'The workbook is too large or too complex to read. Import the action plan on its own, in one worksheet.',
    );
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        bytes,
        worksheets,
        limits,
        saxesPath: require.resolve('saxes'),
        exceljsPath: require.resolve('exceljs'),
      },
      resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb, maxYoungGenerationSizeMb: 32 },
      stdout: true,
      stderr: true,
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(tooMuch());
    }, limits.maxMs);
    const done = () => clearTimeout(timer);
    worker.once('message', (answer: WorkerAnswer) => {
      done();
      void worker.terminate();
      if ('parsed' in answer) return resolve(answer.parsed);
      if (answer.refused === 'too-many-cells') {
        return reject(
          new FileRefusedError(
            'too-many-rows',
            `The workbook has more than ${limits.maxCells.toLocaleString('en-GB')} cells. Import the action plan on its own.`,
          ),
        );
      }
      if (answer.refused === 'no-sheet') {
        return reject(new FileRefusedError('unreadable', 'The workbook has no visible worksheet.'));
      }
      reject(new FileRefusedError('unreadable', 'The file could not be read as an Excel workbook.'));
    });
    // Out of memory (ERR_WORKER_OUT_OF_MEMORY) or any other death of the worker.
    worker.once('error', () => {
      done();
      reject(tooMuch());
    });
    worker.once('exit', () => {
      done();
      reject(tooMuch());
    });
  });
}
