import type PDFDocument from 'pdfkit';
import type { CellMark } from './pdf-struct';
import { linesOf, type Wrapped } from './pdf-text';

type Doc = InstanceType<typeof PDFDocument>;

/**
 * How the PDF's table cells, one-line labels and rules are drawn. Two pens, chosen per document by the
 * THROUGHLINE_FAST_PATHS switch (src/fast-paths.ts, fast path 6): `glyphPen` (pdf-glyphs.ts) writes
 * them as raw PDF operators through pdfkit's embedded-font internals; `plainPen` (here) uses pdfkit's
 * public API only (rect, stroke, text). Both draw the same lines at the same places, in the document's
 * current font and size; pdfkit's text() also applies the font's kerning, which the glyph pen leaves
 * out, so a line drawn by the plain pen may be a little narrower, never wider in practice.
 */
export interface Pen {
  /**
   * True: table rows are tagged with raw structure objects (pdf-struct.ts, fast path 7) and `cell` is
   * given the marked content to open; false: with pdfkit's `struct` per cell.
   */
  rawStructure: boolean;
  /**
   * A table cell: its box (filled with `fill` when given, ruled 0.5 pt in `rule`), then `text`'s lines
   * (already broken, pdf-text.ts) from the top-left corner (x, y), one every `lineHeight` points, in `color`;
   * inside `mark`'s marked content when given (rawStructure pens only).
   */
  cell(
    doc: Doc,
    box: { x: number; y: number; w: number; h: number; fill: string | null; rule: string },
    text: Wrapped,
    x: number,
    y: number,
    lineHeight: number,
    color: string,
    mark?: CellMark,
  ): void;
  /** One line of text (no wrapping) at (x, y) in `color`, aligned in `width`. */
  line(
    doc: Doc,
    text: string,
    x: number,
    y: number,
    width: number,
    align: 'left' | 'center' | 'right',
    color: string,
  ): void;
  /** A horizontal rule, 0.5 pt, from x1 to x2 at y, in `color`. */
  rule(doc: Doc, x1: number, x2: number, y: number, color: string): void;
}

/** pdfkit's public API only: what the pack is drawn with when the fast paths are off. */
export const plainPen: Pen = {
  rawStructure: false,
  cell(doc, box, text, x, y, lineHeight, color) {
    doc.save();
    if (box.fill) doc.rect(box.x, box.y, box.w, box.h).fill(box.fill);
    doc.lineWidth(0.5).rect(box.x, box.y, box.w, box.h).stroke(box.rule);
    doc.restore();
    doc.fillColor(color);
    let lineY = y;
    for (const line of linesOf(text)) {
      if (line) doc.text(line, x, lineY, { lineBreak: false });
      lineY += lineHeight;
    }
  },
  line(doc, text, x, y, width, align, color) {
    doc.fillColor(color).text(text, x, y, { width, align, lineBreak: false });
  },
  rule(doc, x1, x2, y, color) {
    doc.save().lineWidth(0.5).moveTo(x1, y).lineTo(x2, y).stroke(color).restore();
  },
};
