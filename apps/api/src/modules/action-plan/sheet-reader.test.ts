import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { FileRefusedError } from './file-refused';
import { escapeFormula, unescapeFormula } from './formula-escape';
import { parsePlanDate } from './plan-dates';
import { readSheet, type ReadLimits } from './sheet-reader';
import { makeZip } from './test-support/zip';
import { unpackZip } from './zip-guard';

const LIMITS: ReadLimits = {
  maxRows: 100,
  maxCells: 2000,
  maxZipEntries: 50,
  maxUnpackedBytes: 5 * 1024 * 1024,
};

async function refusal(p: Promise<unknown> | (() => unknown)): Promise<FileRefusedError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (e instanceof FileRefusedError) return e;
    throw e;
  }
  throw new Error('expected the file to be refused');
}

async function xlsx(build: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('Plan'), wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('CSV', () => {
  it('keeps every value as text, with quotes, commas and line breaks inside quoted values', () => {
    const csv =
      '\uFEFFRef,Title,Progress\r\n1.10,"Train staff, widely","Line one\nLine ""two"""\r\n\r\n007,=1+2,\n';
    expect(parseCsv(Buffer.from(csv), 10)).toEqual([
      ['Ref', 'Title', 'Progress'],
      ['1.10', 'Train staff, widely', 'Line one\nLine "two"'],
      [''],
      ['007', '=1+2', ''],
    ]);
  });

  it('refuses text that is not UTF-8, and a quote that never closes', async () => {
    expect((await refusal(() => parseCsv(Buffer.from([0x52, 0x65, 0x66, 0xa3, 0x0a]), 10))).message).toMatch(
      /CSV UTF-8/,
    );
    expect((await refusal(() => parseCsv(Buffer.from('a,"b\nc'), 10))).message).toMatch(/never ends/);
  });

  it('stops reading past the row limit', async () => {
    expect((await refusal(() => parseCsv(Buffer.from('a\n'.repeat(12)), 10))).reason).toBe('too-many-rows');
  });
});

describe('dates as plans write them', () => {
  it.each([
    ['2025-03-31', '2025-03-31'],
    ['31/03/2025', '2025-03-31'],
    ['1/4/2025', '2025-04-01'],
    ['31 March 2025', '2025-03-31'],
    ['1st Apr 2025', '2025-04-01'],
    ['30 Sept 2025', '2025-09-30'],
    ['31/02/2025', null],
    ['03/31/2025', null],
    ['31/03/25', null],
    ['March 2025', null],
    ['Ongoing', null],
    ['Q3 2025', null],
  ])('%s -> %s', (text, iso) => {
    expect(parsePlanDate(text)).toBe(iso);
  });
});

describe('formula escaping', () => {
  it('escapes each trigger and undoes only its own escape', () => {
    for (const t of ['=SUM(A1)', '+44 20', '-1', '@user', '\tx', '\rx']) {
      expect(escapeFormula(t)).toBe(`'${t}`);
      expect(unescapeFormula(escapeFormula(t))).toEqual({ text: t, unescaped: true });
    }
    expect(escapeFormula('Plain text')).toBe('Plain text');
    expect(unescapeFormula("'tis the season")).toEqual({ text: "'tis the season", unescaped: false });
  });
});

describe('ZIP guard', () => {
  it('unpacks an honest archive', () => {
    const zip = makeZip([
      { name: 'a.txt', data: Buffer.from('hello') },
      { name: 'b.txt', data: Buffer.from('stored'), store: true },
    ]);
    const entries = unpackZip(zip, { maxEntries: 5, maxUnpackedBytes: 100 });
    expect(entries.get('a.txt')!.toString()).toBe('hello');
    expect(entries.get('b.txt')!.toString()).toBe('stored');
  });

  it('refuses a bomb by what it really inflates to, even when its headers claim little', async () => {
    const bomb = makeZip([
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(20 * 1024 * 1024), lieAboutSize: 10 },
    ]);
    expect(bomb.length).toBeLessThan(100 * 1024);
    const e = await refusal(() => unpackZip(bomb, { maxEntries: 5, maxUnpackedBytes: 1024 * 1024 }));
    expect(e.reason).toBe('too-large');
    expect(e.httpStatus).toBe(413);
  });

  it('refuses encrypted entries, too many entries and garbage', async () => {
    const enc = makeZip([{ name: 'a', data: Buffer.from('x'), encrypted: true }]);
    expect((await refusal(() => unpackZip(enc, { maxEntries: 5, maxUnpackedBytes: 100 }))).message).toMatch(
      /password/,
    );
    const many = makeZip(Array.from({ length: 6 }, (_, i) => ({ name: `f${i}`, data: Buffer.from('x') })));
    expect((await refusal(() => unpackZip(many, { maxEntries: 5, maxUnpackedBytes: 100 }))).reason).toBe(
      'unreadable',
    );
    expect(
      (
        await refusal(() =>
          unpackZip(Buffer.from('PK\x03\x04 not really'), { maxEntries: 5, maxUnpackedBytes: 100 }),
        )
      ).reason,
    ).toBe('unreadable');
  });
});

describe('reading a sheet', () => {
  it('reads the first visible worksheet: dates, numbers, rich text, merged cells down a column', async () => {
    const wb = new ExcelJS.Workbook();
    const lookups = wb.addWorksheet('Lookups');
    lookups.state = 'hidden';
    lookups.addRow(['Ref', 'Title', 'hidden']);
    const ws = wb.addWorksheet('Plan');
    ws.addRow(['Ref', 'Priority', 'Title', 'Due']);
    ws.addRow([
      1.1,
      'Access',
      { richText: [{ text: 'Bold ' }, { text: 'plan' }] },
      new Date(Date.UTC(2026, 2, 31)),
    ]);
    ws.addRow([1.2, null, 'Second', '31/03/2026']);
    ws.mergeCells('B2:B3');
    ws.addRow(['1.3', 'Wide', null, null]);
    ws.mergeCells('B4:C4');
    wb.addWorksheet('Notes').addRow(['ignored']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const sheet = await readSheet(buf, 'plan.XLSX', LIMITS);
    expect(sheet.format).toBe('XLSX');
    expect(sheet.sheetName).toBe('Plan');
    expect(sheet.otherSheets).toEqual(['Lookups', 'Notes']);
    expect(sheet.rows.map((r) => [r.number, r.cells.map((c) => c.date ?? c.text)])).toEqual([
      [1, ['Ref', 'Priority', 'Title', 'Due']],
      [2, ['1.1', 'Access', 'Bold plan', '2026-03-31']],
      // The priority merged down the column belongs to this row too.
      [3, ['1.2', 'Access', 'Second', '31/03/2026']],
      // Merged across: the value stays in its first column.
      [4, ['1.3', 'Wide', '']],
    ]);
  });

  it('never evaluates formulas: uses the saved value, or says there is none; error cells are problems', async () => {
    const buf = await xlsx((ws) => {
      ws.addRow(['Ref', 'Lead', 'Due', 'RAG']);
      ws.addRow([
        'A1',
        { formula: 'CONCAT("Cllr ","Smith")', result: 'Cllr Smith' },
        { formula: 'DATE(2026,3,31)' },
        { error: '#N/A' },
      ]);
    });
    const [, row] = (await readSheet(buf, 'p.xlsx', LIMITS)).rows;
    expect(row.cells[1]).toEqual({ text: 'Cllr Smith', fromFormula: true });
    expect(row.cells[2]).toEqual({
      text: '',
      fromFormula: true,
      problem: 'the cell holds a formula with no saved value',
    });
    expect(row.cells[3]).toEqual({ text: '', problem: 'the cell shows the error #N/A' });
  });

  it('reads CSV as text with spreadsheet row numbers', async () => {
    const sheet = await readSheet(Buffer.from('Ref,Title\n\nA1,First\n'), 'plan.csv', LIMITS);
    expect(sheet).toEqual({
      format: 'CSV',
      sheetName: null,
      otherSheets: [],
      rows: [
        { number: 1, cells: [{ text: 'Ref' }, { text: 'Title' }] },
        { number: 3, cells: [{ text: 'A1' }, { text: 'First' }] },
      ],
    });
  });

  it('refuses other types, mismatched contents, macros and oversized workbooks, each with a reason', async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]);
    expect((await refusal(readSheet(ole, 'plan.xls', LIMITS))).message).toMatch(/Excel 97-2003/);
    expect((await refusal(readSheet(Buffer.from('x'), 'plan.pdf', LIMITS))).reason).toBe('unsupported-type');
    expect((await refusal(readSheet(Buffer.from('x'), 'plan.xlsm', LIMITS))).reason).toBe('unsupported-type');
    expect((await refusal(readSheet(Buffer.from('Ref,Title'), 'plan.xlsx', LIMITS))).reason).toBe(
      'unreadable',
    );
    const real = await xlsx((ws) => ws.addRow(['Ref']));
    expect((await refusal(readSheet(real, 'plan.csv', LIMITS))).reason).toBe('unreadable');

    const macro = makeZip([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/vbaProject.bin', data: Buffer.from('macro') },
    ]);
    expect((await refusal(readSheet(macro, 'plan.xlsx', LIMITS))).message).toMatch(/macros/);
    const notWorkbook = makeZip([{ name: 'word/document.xml', data: Buffer.from('<w/>') }]);
    expect((await refusal(readSheet(notWorkbook, 'plan.xlsx', LIMITS))).message).toMatch(
      /not an Excel workbook/,
    );

    const wide = await xlsx((ws) => {
      for (let r = 0; r < 60; r++) ws.addRow(Array.from({ length: 40 }, (_, c) => `r${r}c${c}`));
    });
    expect((await refusal(readSheet(wide, 'plan.xlsx', LIMITS))).message).toMatch(/more than 2,000 cells/);
    const long = await xlsx((ws) => {
      for (let r = 0; r < 101; r++) ws.addRow([`r${r}`]);
    });
    expect((await refusal(readSheet(long, 'plan.xlsx', LIMITS))).reason).toBe('too-many-rows');
  });
});
