import { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { Rag } from '../actions/action.enums';
import { table, type PackDocument } from './board-pack.content';
import { writePackPdf } from './board-pack.pdf';
import { loadFonts } from './pdf-layout';
import { lineHeightOf, linesOf, parsedFont, shape, wrapWords, type FontName } from './pdf-text';

/**
 * Line breaking and the PDF's cross-reference table as the fast paths write them (docs/performance.md,
 * "Board pack, session 8"): words found in place by a hash of their characters must break lines exactly
 * as splitting the text into words did, and the xref written as bytes must point at every object.
 */

/**
 * The line breaking as it was written before (the text split into strings), measuring each word with
 * fontkit directly (not through the table under test), with the same arithmetic as shape().
 */
function referenceWrap(name: FontName, size: number, text: string, width: number): string[] {
  const font = parsedFont(name);
  const scale = 1000 / font.unitsPerEm;
  const widthOf = (word: string) => {
    let w = referenceWidths.get(`${name} ${word}`);
    if (w === undefined) {
      w = 0;
      for (const g of font.layout(word).glyphs) w += g.advanceWidth * scale;
      referenceWidths.set(`${name} ${word}`, w);
    }
    return (w * size) / 1000;
  };
  const lines: string[][] = [];
  const space = widthOf(' ');
  for (const paragraph of text.split('\n')) {
    let line: string[] = [];
    let used = 0;
    for (const word of paragraph.split(' ')) {
      if (!word) continue;
      let w = widthOf(word);
      let rest = word;
      while (w > width && rest.length > 1) {
        if (line.length) lines.push(line);
        let cut = rest.length - 1;
        while (cut > 1 && widthOf(rest.slice(0, cut)) > width) cut--;
        lines.push([rest.slice(0, cut)]);
        rest = rest.slice(cut);
        w = widthOf(rest);
        line = [];
        used = 0;
      }
      if (line.length && used + space + w > width) {
        lines.push(line);
        line = [rest];
        used = w;
      } else {
        used = line.length ? used + space + w : w;
        line.push(rest);
      }
    }
    lines.push(line);
  }
  return lines.map((l) => l.join(' '));
}

const referenceWidths = new Map<string, number>();

/** A small deterministic generator (the same texts every run). */
function texts(count: number, seed: number): string[] {
  let s = seed;
  const next = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
  const words = [
    'the',
    'Survivors’',
    'voices',
    'co-ordinated',
    'fi',
    'ﬂow',
    'Łódź',
    'naïve',
    'e\u0301',
    'Ψ',
    'https://example.org/a/very/long/reference/that/will/not/fit/in/a/narrow/column',
    '(brackets)',
    'back\\slash',
    'tab\there',
    '',
    '42%',
    '…',
  ];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let t = '';
    const n = Math.floor(next() * 40);
    for (let k = 0; k < n; k++) {
      const r = next();
      t += words[Math.floor(next() * words.length)] + (r < 0.1 ? '\n' : r < 0.15 ? '  ' : ' ');
    }
    // A word seen for the first time in the process, so that the table grows past its first size.
    out.push(`${t}w${seed}x${i}`);
  }
  return out;
}

describe('wrapWords (words found in place)', () => {
  it('breaks every text into the same lines, of the same shaped words, as splitting it did', () => {
    for (const [name, width] of [
      ['Body', 40],
      ['Bold', 120],
      ['Body', 300],
    ] as const) {
      for (const text of texts(400, width)) {
        const got = wrapWords(name, 8, text, width);
        expect(linesOf(got)).toEqual(referenceWrap(name, 8, text, width));
        // Each word shaped once: the same object as shape() gives for its text.
        for (const line of got.words)
          for (const word of line) expect(word).toBe(shape(parsedFont(name), word.text));
      }
    }
  });

  it("keeps one shaped word per text once the table has grown, and a word's width is its glyphs", () => {
    const font = parsedFont('Body');
    const words = Array.from({ length: 9000 }, (_, i) => `grow${i}`);
    const first = words.map((w) => shape(font, w));
    words.forEach((w, i) => {
      expect(first[i].text).toBe(w);
      expect(shape(font, w)).toBe(first[i]);
    });
    const s = shape(font, 'office');
    expect(s.width).toBeCloseTo(
      s.widths.reduce((a, b) => a + b, 0),
      9,
    );
  });

  it("gives pdfkit's own line height for both fonts", () => {
    const doc = new PDFDocument({ autoFirstPage: false });
    loadFonts(doc);
    for (const name of ['Body', 'Bold'] as const) {
      for (const size of [7, 8, 9, 10.5, 26]) {
        expect(lineHeightOf(name, size)).toBe(doc.font(name).fontSize(size).currentLineHeight(true));
      }
    }
  });
});

/** The PDF's bytes for `pack`, rendered with the fast paths on or off. */
async function render(pack: PackDocument, fastPaths: boolean): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  await writePackPdf(pack, out, { fastPaths });
  return Buffer.concat(chunks);
}

describe('the cross-reference table written as bytes (fast path 5)', () => {
  const rows = Array.from({ length: 400 }, (_, i) => [
    `Action ${i}: (co-ordinate) the partnership’s work`,
    { text: i % 3 ? 'Amber' : 'Red', rag: i % 3 ? Rag.AMBER : Rag.RED },
    'Latest progress '.repeat(i % 7),
  ]);
  const pack: PackDocument = {
    title: 'Xref check',
    marking: 'OFFICIAL',
    runningHeader: 'Xref check',
    cover: [{ label: 'Strategy', value: 'Xref check' }],
    blocks: [
      { kind: 'section', title: 'Actions' },
      table(
        [
          ['Action', 0.5],
          ['RAG', 0.1],
          ['Progress', 0.4],
        ],
        rows,
      ),
    ],
  };

  it('points at every object, with the trailer pdfkit writes', async () => {
    for (const fastPaths of [true, false]) {
      const pdf = await render(pack, fastPaths);
      const text = pdf.toString('latin1');
      const start = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
      expect(text.slice(start, start + 5)).toBe('xref\n');
      const [, count] = /^xref\n0 (\d+)\n/.exec(text.slice(start))!;
      const entries = text
        .slice(start)
        .split('\n')
        .slice(3, 3 + Number(count) - 1);
      expect(entries.length).toBe(Number(count) - 1);
      entries.forEach((entry, i) => {
        expect(entry).toMatch(/^\d{10} 00000 n $/);
        const offset = Number(entry.slice(0, 10));
        expect(text.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
      });
      expect(text).toMatch(
        new RegExp(
          `trailer\\n<<\\n/Size ${count}\\n/Root \\d+ 0 R\\n/Info \\d+ 0 R\\n/ID \\[<[0-9a-f]{32}> <[0-9a-f]{32}>\\]\\n>>\\nstartxref\\n`,
        ),
      );
    }
  });
});
