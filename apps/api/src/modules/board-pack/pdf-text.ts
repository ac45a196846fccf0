import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { create, type Font } from 'fontkit';

/**
 * Measuring and line breaking for the PDF, with fontkit's public API on the fonts parsed here (the same
 * in both modes of the THROUGHLINE_FAST_PATHS switch, so that lines and pages break alike). Line
 * breaking is done once per cell with word widths remembered across documents: pdfkit's own wrapper
 * laid every cell out twice (to measure the row, then to draw it) and shaped each word with fontkit in
 * every document, most of a large pack's time (docs/decisions/0011-board-pack.md). Breaks at spaces
 * and newlines; a word wider than the cell is cut.
 */

export type FontName = 'Body' | 'Bold';

const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
let fonts: Record<FontName, Font> | null = null;

/**
 * DejaVu Sans (a free licence, wide Unicode coverage), parsed once per process: parsing the TrueType
 * file took most of a small pack's time.
 */
export function parsedFont(name: FontName): Font {
  fonts ??= {
    Body: create(readFileSync(join(FONT_DIR, 'DejaVuSans.ttf'))) as Font,
    Bold: create(readFileSync(join(FONT_DIR, 'DejaVuSans-Bold.ttf'))) as Font,
  };
  return fonts[name];
}

/** A word shaped by fontkit; widths in thousandths of the font size. */
export interface Shaped {
  /** The word itself. */
  text: string;
  ids: number[];
  codePoints: number[][];
  widths: number[];
  width: number;
  /** False when a glyph is offset (combining marks): such a line is left to pdfkit. */
  plain: boolean;
  /**
   * The word's glyphs as written in the last document that drew it (pdf-glyphs.ts): `encoded` holds
   * for the embedded font `encodedFor` only.
   */
  encodedFor: unknown;
  encoded: string | null;
}

/** Lines broken to fit, each as its words shaped (the glyph pen draws those, pdf-glyphs.ts). */
export interface Wrapped {
  words: Shaped[][];
}

/** The lines of `text` as strings: each line's words joined by single spaces. */
export const linesOf = (text: Wrapped): string[] =>
  text.words.map((words) => words.map((w) => w.text).join(' '));

const shapedByFont = new WeakMap<Font, Map<string, Shaped>>();
const MAX_WORDS = 200_000;

/** The words of `font` shaped so far. */
function shapedWords(font: Font): Map<string, Shaped> {
  let cache = shapedByFont.get(font);
  if (!cache) {
    cache = new Map();
    shapedByFont.set(font, cache);
  }
  return cache;
}

/** `word` shaped once per process (fontkit's substitutions, e.g. ligatures, kept; no kerning). */
export function shape(font: Font, word: string): Shaped {
  return shapedWords(font).get(word) ?? shapeNew(font, word);
}

function shapeNew(font: Font, word: string): Shaped {
  const cache = shapedWords(font);
  if (cache.size >= MAX_WORDS) cache.clear();
  const scale = 1000 / font.unitsPerEm;
  const run = font.layout(word);
  const shaped: Shaped = {
    text: word,
    ids: [],
    codePoints: [],
    widths: [],
    width: 0,
    plain: true,
    encodedFor: null,
    encoded: null,
  };
  run.glyphs.forEach((g, i) => {
    const p = run.positions[i];
    shaped.ids.push(g.id);
    shaped.codePoints.push(g.codePoints);
    shaped.widths.push(g.advanceWidth * scale);
    shaped.width += g.advanceWidth * scale;
    if (p.xOffset || p.yOffset) shaped.plain = false;
  });
  cache.set(word, shaped);
  return shaped;
}

/** Width in points of one word (no spaces) in `font` at `size`. */
export const wordWidth = (font: Font, word: string, size: number): number =>
  (shape(font, word).width * size) / 1000;

/** Width in points of a line of words in the font named `name` at `size`. */
export function textWidth(name: FontName, size: number, line: string): number {
  const font = parsedFont(name);
  if (!line.includes(' ')) return wordWidth(font, line, size);
  const words = line.split(' ');
  return (
    words.reduce((w, word) => w + (word ? wordWidth(font, word, size) : 0), 0) +
    (words.length - 1) * wordWidth(font, ' ', size)
  );
}

/**
 * The lines `text` takes in `width` points, in the font named `name` at `size`, as each line's words
 * shaped (a line is its words joined by single spaces: linesOf).
 */
export function wrapWords(name: FontName, size: number, text: string, width: number): Wrapped {
  const font = parsedFont(name);
  const known = shapedWords(font);
  const widthOf = (word: string) => wordWidth(font, word, size);
  const words: Shaped[][] = [];
  const space = widthOf(' ');
  for (const paragraph of text.split('\n')) {
    let line: Shaped[] = [];
    let used = 0;
    // Split at single spaces: the empty words between two spaces are skipped (a run of spaces is one
    // break).
    for (const word of paragraph.split(' ')) {
      if (!word) continue;
      let shaped = known.get(word) ?? shapeNew(font, word);
      let w = (shaped.width * size) / 1000;
      let rest = word;
      // A word wider than the cell (a long URL, a reference): cut it where it reaches the edge.
      while (w > width && rest.length > 1) {
        if (line.length) words.push(line);
        let cut = rest.length - 1;
        while (cut > 1 && widthOf(rest.slice(0, cut)) > width) cut--;
        words.push([shape(font, rest.slice(0, cut))]);
        rest = rest.slice(cut);
        shaped = shape(font, rest);
        w = (shaped.width * size) / 1000;
        line = [];
        used = 0;
      }
      if (line.length && used + space + w > width) {
        words.push(line);
        line = [shaped];
        used = w;
      } else {
        used = line.length ? used + space + w : w;
        line.push(shaped);
      }
    }
    words.push(line);
  }
  return { words };
}
