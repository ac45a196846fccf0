import type PDFDocument from 'pdfkit';
import { Rag } from '../actions/action.enums';
import type { Bar, Cell, Column } from './board-pack.content';
import type { Pen } from './pdf-pen';
import { rawRow, type CellMark } from './pdf-struct';
import { lineHeightOf, parsedFont, textWidth, wrapWords, type FontName, type Wrapped } from './pdf-text';

type Doc = InstanceType<typeof PDFDocument>;
type StructElement = ReturnType<Doc['struct']>;

/**
 * Drawing blocks on an A4 tagged PDF with pdfkit: tables with header cells that repeat (as page
 * furniture) on every page they run onto, and bar charts drawn as vectors inside a Figure with its
 * alternative text. Everything is placed inside the margins: the layout test checks the pages' ink.
 * Cells, labels and rules are drawn with the document's pen (pdf-pen.ts: raw operators with the fast
 * paths on, pdfkit's public API with them off); lines are broken and measured alike either way.
 */

export const A4 = { width: 595.28, height: 841.89 };
export const MARGIN = { top: 72, bottom: 64, left: 56, right: 56 };
export const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

/**
 * DejaVu Sans (a free licence, wide Unicode coverage), embedded as subsets. Parsed once per process
 * (pdf-text.ts); pdfkit takes a parsed font as it is and makes each document's subset from it.
 */
export function loadFonts(doc: Doc): void {
  // pdfkit's types say path or bytes; its font factory also takes a parsed fontkit font.
  doc.registerFont('Body', parsedFont('Body') as unknown as Buffer);
  doc.registerFont('Bold', parsedFont('Bold') as unknown as Buffer);
}

export const INK = '#0b0c0c';
const GREY = '#505a5f';
const RULE = '#b1b4b6';
const HEAD_FILL = '#f3f2f1';

/** GOV.UK's red, amber (orange) and green, with a text colour that reads on each. */
export const RAG_FILL: Record<Rag, { fill: string; text: string }> = {
  [Rag.RED]: { fill: '#d4351c', text: '#ffffff' },
  [Rag.AMBER]: { fill: '#f47738', text: '#0b0c0c' },
  [Rag.GREEN]: { fill: '#00703c', text: '#ffffff' },
};

const CELL_PAD = 4;
const CELL_FONT = 8;
/** A cell taller than this is shortened (the Word version holds every word). */
const MAX_ROW_HEIGHT = A4.height - MARGIN.top - MARGIN.bottom - 60;
const SHORTENED = ' … (shortened here: the Word version has the full text)';

/** A column header cell (pdfkit supports the scope; its type definitions lag behind). */
const COLUMN_HEADER = { scope: 'Column' } as Parameters<Doc['struct']>[1];

const cellText = (c: Cell) => (typeof c === 'string' ? c : c.text);

/** Page furniture: content that is not part of the document's structure. */
export function artifact(doc: Doc, draw: () => void): void {
  doc.markContent('Artifact', { type: 'Pagination' });
  draw();
  doc.endMarkedContent();
}

/** Starts a new page unless `needed` points still fit on this one. */
export function ensureSpace(doc: Doc, needed: number): boolean {
  if (doc.y + needed <= A4.height - MARGIN.bottom) return false;
  doc.addPage();
  return true;
}

interface Fitted extends Wrapped {
  height: number;
}

function fit(text: string, width: number, bold: boolean): Fitted {
  const font: FontName = bold ? 'Bold' : 'Body';
  // pdfkit's currentLineHeight(true) in that font at that size (drawCell asks pdfkit itself).
  const lineHeight = lineHeightOf(font, CELL_FONT);
  let { words } = wrapWords(font, CELL_FONT, text, width);
  if (words.length * lineHeight > MAX_ROW_HEIGHT) {
    const keep = Math.floor(MAX_ROW_HEIGHT / lineHeight) - 2;
    words = [...words.slice(0, keep), ...wrapWords(font, CELL_FONT, SHORTENED.trim(), width).words];
  }
  return { words, height: words.length * lineHeight };
}

const isBold = (cell: Cell, head: boolean) => head || (typeof cell !== 'string' && cell.rag !== null);

function measureRow(cells: Cell[], widths: number[], head: boolean) {
  const fitted = cells.map((c, i) => fit(cellText(c), widths[i] - 2 * CELL_PAD, isBold(c, head)));
  let height = -Infinity;
  for (const f of fitted) height = Math.max(height, f.height);
  return { fitted, height: height + 2 * CELL_PAD };
}

function drawCell(
  doc: Doc,
  pen: Pen,
  x: number,
  y: number,
  w: number,
  h: number,
  cell: Cell,
  text: Fitted,
  head: boolean,
  mark?: CellMark,
) {
  const rag = typeof cell === 'string' ? null : cell.rag;
  const fill = head ? HEAD_FILL : rag ? RAG_FILL[rag].fill : null;
  const color = rag && !head ? RAG_FILL[rag].text : INK;
  doc.font(isBold(cell, head) ? 'Bold' : 'Body').fontSize(CELL_FONT);
  const lineHeight = doc.currentLineHeight(true);
  // Lines already broken (pdf-text.ts).
  pen.cell(doc, { x, y, w, h, fill, rule: RULE }, text, x + CELL_PAD, y + CELL_PAD, lineHeight, color, mark);
}

/**
 * A table: TH cells in the first row, a TR per row. A row never splits across pages; when the table
 * runs on, the header row is drawn again at the top of the new page as page furniture, so that a
 * screen reader meets it once.
 */
export function drawTable(
  doc: Doc,
  pen: Pen,
  parent: StructElement,
  columns: Column[],
  rows: Cell[][],
): void {
  const widths = columns.map((c) => c.width * TEXT_WIDTH);
  const header = columns.map((c) => c.heading);
  const head = measureRow(header, widths, true);
  const table = doc.struct('Table');
  parent.add(table);
  const drawRow = (
    cells: Cell[],
    m: ReturnType<typeof measureRow>,
    isHead: boolean,
    tr: StructElement | 'raw' | null,
  ) => {
    const y = doc.y;
    if (tr === 'raw') {
      // Fast path 7 (pdf-struct.ts): the row's structure written as raw objects.
      const xs = [MARGIN.left];
      for (const w of widths) xs.push(xs[xs.length - 1] + w);
      rawRow(doc, table, cells.length, isHead, (i, mark) =>
        drawCell(doc, pen, xs[i], y, widths[i], m.height, cells[i], m.fitted[i], isHead, mark),
      );
      doc.x = MARGIN.left;
      doc.y = y + m.height;
      return;
    }
    let x = MARGIN.left;
    cells.forEach((cell, i) => {
      const draw = () => drawCell(doc, pen, x, y, widths[i], m.height, cell, m.fitted[i], isHead);
      if (tr) tr.add(doc.struct(isHead ? 'TH' : 'TD', isHead ? COLUMN_HEADER : {}, draw));
      else artifact(doc, draw);
      x += widths[i];
    });
    doc.x = MARGIN.left;
    doc.y = y + m.height;
  };
  // The header and the first row stay together.
  const first = rows.length ? measureRow(rows[0], widths, false) : null;
  ensureSpace(doc, head.height + (first?.height ?? 0));
  /** A row of the table's structure: raw objects (fast path 7), or pdfkit's TR with a TH/TD per cell. */
  const structRow = (cells: Cell[], m: ReturnType<typeof measureRow>, isHead: boolean) => {
    if (pen.rawStructure) return drawRow(cells, m, isHead, 'raw');
    const tr = doc.struct('TR');
    table.add(tr);
    drawRow(cells, m, isHead, tr);
    tr.end();
  };
  structRow(header, head, true);
  rows.forEach((cells, index) => {
    const m = index === 0 && first ? first : measureRow(cells, widths, false);
    if (ensureSpace(doc, m.height)) drawRow(header, head, true, null);
    structRow(cells, m, false);
  });
  table.end();
  doc.y += 10;
}

const BAR_ROW = 18;
const LABEL_WIDTH = 190;
const VALUE_WIDTH = 80;

/** A horizontal bar chart (0-100%) drawn as vectors in a Figure carrying `alt`. */
export function drawBars(
  doc: Doc,
  pen: Pen,
  parent: StructElement,
  title: string,
  alt: string,
  bars: Bar[],
): void {
  doc.font('Bold').fontSize(9);
  const titleHeight = doc.heightOfString(title, { width: TEXT_WIDTH }) + 6;
  const height = titleHeight + bars.length * BAR_ROW + 16;
  ensureSpace(doc, height);
  const top = doc.y;
  const track = TEXT_WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  parent.add(
    doc.struct('Figure', { alt }, () => {
      doc.font('Bold').fontSize(9).fillColor(INK).text(title, MARGIN.left, top, { width: TEXT_WIDTH });
      let y = top + titleHeight;
      for (const b of bars) {
        doc.font('Body').fontSize(8);
        pen.line(
          doc,
          truncate('Body', 8, b.label, LABEL_WIDTH - 8),
          MARGIN.left,
          y + 3,
          LABEL_WIDTH - 8,
          'left',
          INK,
        );
        const x = MARGIN.left + LABEL_WIDTH;
        doc.rect(x, y + 2, track, BAR_ROW - 6).fill('#f3f2f1');
        if (b.value != null && b.value > 0) {
          doc
            .rect(x, y + 2, Math.max(1, track * b.value), BAR_ROW - 6)
            .fill(b.rag ? RAG_FILL[b.rag].fill : '#1d70b8');
        }
        pen.line(doc, b.valueText, x + track + 6, y + 3, VALUE_WIDTH - 6, 'left', INK);
        y += BAR_ROW;
      }
      // The scale: 0, 50 and 100%.
      doc.lineWidth(0.5).strokeColor(GREY);
      for (const f of [0, 0.5, 1]) {
        const x = MARGIN.left + LABEL_WIDTH + track * f;
        doc
          .moveTo(x, top + 16)
          .lineTo(x, y)
          .stroke();
        doc.fontSize(7);
        pen.line(doc, `${f * 100}%`, x - 15, y + 2, 30, 'center', GREY);
      }
    }),
  );
  doc.x = MARGIN.left;
  doc.y = top + height;
}

/** `s` cut to fit `width` on one line in the font named `name` at `size`, with an ellipsis when cut. */
function truncate(name: FontName, size: number, s: string, width: number): string {
  if (textWidth(name, size, s) <= width) return s;
  // Character by character (no kerning in these measures, so the widths add up).
  const room = width - textWidth(name, size, '…');
  let used = 0;
  let end = 0;
  for (const ch of s) {
    const w = textWidth(name, size, ch);
    if (used + w > room) break;
    used += w;
    end += ch.length;
  }
  return `${s.slice(0, Math.max(end, 4)).trimEnd()}…`;
}

/** The running header cut to fit, per document (the same on every page). */
const fittedHeaders = new WeakMap<Doc, string>();

/** The running header and the page number, on every page, as page furniture. */
export function drawPageFurniture(doc: Doc, pen: Pen, page: number, header: string, marking: string): void {
  // Text below the bottom margin would otherwise make pdfkit's text() start another page.
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  artifact(doc, () => {
    doc.font('Body').fontSize(8);
    let fitted = fittedHeaders.get(doc);
    if (fitted === undefined) {
      fitted = truncate('Body', 8, header, TEXT_WIDTH - 130);
      fittedHeaders.set(doc, fitted);
    }
    pen.line(doc, fitted, MARGIN.left, 32, TEXT_WIDTH - 120, 'left', GREY);
    const footY = A4.height - MARGIN.bottom + 24;
    pen.line(doc, `Page ${page}`, MARGIN.left, footY, TEXT_WIDTH, 'center', GREY);
    doc.font('Bold').fontSize(8);
    pen.line(doc, marking, A4.width - MARGIN.right - 120, 32, 120, 'right', GREY);
    pen.line(doc, marking, MARGIN.left, footY, TEXT_WIDTH, 'right', GREY);
    pen.rule(doc, MARGIN.left, A4.width - MARGIN.right, 46, RULE);
  });
  doc.page.margins.bottom = bottom;
}
