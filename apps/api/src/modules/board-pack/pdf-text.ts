import type PDFDocument from 'pdfkit';

import { wordWidth } from './pdf-glyphs';

type Doc = InstanceType<typeof PDFDocument>;

/**
 * Line breaking for table cells, done once per cell with word widths remembered across documents:
 * pdfkit's own wrapper laid every cell out twice (to measure the row, then to draw it) and shaped each
 * word with fontkit in every document, most of a large pack's time (docs/decisions/0011-board-pack.md).
 * Breaks at spaces and newlines; a word wider than the cell is cut.
 */

function widthOf(doc: Doc, _font: string, size: number, word: string): number {
  return wordWidth(doc, word, size);
}

/** The lines `text` takes in `width` points, in the document's current font (named `font`) and `size`. */
export function wrapLines(doc: Doc, font: string, size: number, text: string, width: number): string[] {
  const lines: string[] = [];
  const space = widthOf(doc, font, size, ' ');
  for (const paragraph of text.split('\n')) {
    let line = '';
    let used = 0;
    for (const word of paragraph.split(/ +/)) {
      if (!word) continue;
      let w = widthOf(doc, font, size, word);
      let rest = word;
      // A word wider than the cell (a long URL, a reference): cut it where it reaches the edge.
      while (w > width && rest.length > 1) {
        if (line) lines.push(line);
        let cut = rest.length - 1;
        while (cut > 1 && widthOf(doc, font, size, rest.slice(0, cut)) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
        w = widthOf(doc, font, size, rest);
        line = '';
        used = 0;
      }
      if (line && used + space + w > width) {
        lines.push(line);
        line = rest;
        used = w;
      } else {
        line = line ? `${line} ${rest}` : rest;
        used = line === rest ? w : used + space + w;
      }
    }
    lines.push(line);
  }
  return lines;
}
