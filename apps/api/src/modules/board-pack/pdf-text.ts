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

const lineHeights: Record<FontName, Map<number, number>> = { Body: new Map(), Bold: new Map() };

/**
 * The height of a line in the font named `name` at `size`, gap included, with pdfkit's arithmetic
 * (its embedded font's `lineHeight(size, true)`: metrics scaled to 1,000 units, then to the size).
 */
export function lineHeightOf(name: FontName, size: number): number {
  let h = lineHeights[name].get(size);
  if (h === undefined) {
    const font = parsedFont(name);
    const scale = 1000 / font.unitsPerEm;
    h = ((font.ascent * scale + font.lineGap * scale - font.descent * scale) / 1000) * size;
    lineHeights[name].set(size, h);
  }
  return h;
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
  encoded: Uint8Array | null;
}

/** Lines broken to fit, each as its words shaped (the glyph pen draws those, pdf-glyphs.ts). */
export interface Wrapped {
  words: Shaped[][];
}

/** The lines of `text` as strings: each line's words joined by single spaces. */
export const linesOf = (text: Wrapped): string[] =>
  text.words.map((words) => words.map((w) => w.text).join(' '));

/**
 * The words of a font shaped so far, looked up by a hash of their characters in place: line breaking
 * finds each word of a cell without first cutting it out as a string of its own (splitting every cell
 * into new strings, then hashing each in a Map, was most of line breaking's time and a fifth of a
 * pack's garbage). Open addressing in a table twice as large as the words it holds; emptied when
 * MAX_WORDS are held, so that memory stays bounded whatever the text.
 */
class ShapedWords {
  private hashes = new Int32Array(1 << 12);
  private words: Array<Shaped | undefined> = new Array<Shaped | undefined>(1 << 12);
  size = 0;

  /** The word `text.slice(start, end)` (hashed `hash`: hashOf), or undefined when not shaped yet. */
  find(text: string, start: number, end: number, hash: number): Shaped | undefined {
    const mask = this.hashes.length - 1;
    const n = end - start;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const word = this.words[i];
      if (word === undefined) return undefined;
      if (this.hashes[i] !== hash || word.text.length !== n) continue;
      let k = 0;
      while (k < n && word.text.charCodeAt(k) === text.charCodeAt(start + k)) k++;
      if (k === n) return word;
    }
  }

  add(word: Shaped, hash: number): void {
    if (this.size >= MAX_WORDS) this.clear(this.hashes.length);
    else if (2 * (this.size + 1) > this.hashes.length) this.rehash(this.hashes.length * 2);
    this.place(word, hash);
    this.size++;
  }

  private place(word: Shaped, hash: number): void {
    const mask = this.hashes.length - 1;
    let i = hash & mask;
    while (this.words[i] !== undefined) i = (i + 1) & mask;
    this.words[i] = word;
    this.hashes[i] = hash;
  }

  private clear(capacity: number): void {
    this.hashes = new Int32Array(capacity);
    this.words = new Array<Shaped | undefined>(capacity);
    this.size = 0;
  }

  private rehash(capacity: number): void {
    const { hashes, words } = this;
    this.clear(capacity);
    for (let i = 0; i < words.length; i++) {
      const word = words[i];
      if (word !== undefined) {
        this.place(word, hashes[i]);
        this.size++;
      }
    }
  }
}

/** FNV-1a over the UTF-16 code units of `text.slice(start, end)`. */
function hashOf(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h;
}

const shapedByFont = new WeakMap<Font, ShapedWords>();
const MAX_WORDS = 200_000;

/** The words of `font` shaped so far. */
function shapedWords(font: Font): ShapedWords {
  let cache = shapedByFont.get(font);
  if (!cache) {
    cache = new ShapedWords();
    shapedByFont.set(font, cache);
  }
  return cache;
}

/** `word` shaped once per process (fontkit's substitutions, e.g. ligatures, kept; no kerning). */
export function shape(font: Font, word: string): Shaped {
  return shapeAt(font, shapedWords(font), word, 0, word.length);
}

/** The word `text.slice(start, end)` shaped, looked up without cutting it out when already known. */
function shapeAt(font: Font, known: ShapedWords, text: string, start: number, end: number): Shaped {
  const hash = hashOf(text, start, end);
  const found = known.find(text, start, end, hash);
  if (found) return found;
  const word = start === 0 && end === text.length ? text : text.slice(start, end);
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
  known.add(shaped, hash);
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
  const space = wordWidth(font, ' ', size);
  const line = lineScratch;
  let count = 0;
  let used = 0;
  lineCount = 0;
  // Paragraphs at newlines, words at single spaces: the empty words between two spaces are skipped (a
  // run of spaces is one break). Each word is found in place (shapeAt).
  const n = text.length;
  let start = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : NEWLINE;
    if (c !== SPACE && c !== NEWLINE) continue;
    if (i > start) {
      let shaped = shapeAt(font, known, text, start, i);
      let w = (shaped.width * size) / 1000;
      // A word wider than the cell (a long URL, a reference): cut it where it reaches the edge.
      if (w > width && i - start > 1) {
        if (count) pushLine(line.slice(0, count));
        shaped = cutWord(font, shaped.text, size, width);
        w = (shaped.width * size) / 1000;
        count = 0;
        used = 0;
      }
      if (count && used + space + w > width) {
        pushLine(line.slice(0, count));
        line[0] = shaped;
        count = 1;
        used = w;
      } else {
        used = count ? used + space + w : w;
        line[count++] = shaped;
      }
    }
    if (c === NEWLINE) {
      pushLine(line.slice(0, count));
      count = 0;
      used = 0;
    }
    start = i + 1;
  }
  const words = linesScratch.slice(0, lineCount);
  // The scratch keeps the lines of an ordinary cell only.
  if (lineCount > 256) linesScratch = [];
  if (line.length > 256) lineScratch = [];
  return { words };
}

/**
 * wrapWords' scratch, reused from call to call: the words of the line being filled and the lines so
 * far, each copied out at its exact length (an array grown by push from empty takes room for 17).
 */
let lineScratch: Shaped[] = [];
let linesScratch: Shaped[][] = [];
let lineCount = 0;

const pushLine = (line: Shaped[]) => {
  linesScratch[lineCount++] = line;
};

const SPACE = 0x20;
const NEWLINE = 0x0a;

/**
 * A word wider than `width` cut where it reaches the edge, each full piece pushed as a line
 * of its own; returns the last piece (to be placed as any word).
 */
function cutWord(font: Font, word: string, size: number, width: number): Shaped {
  let rest = word;
  let shaped = shape(font, rest);
  while ((shaped.width * size) / 1000 > width && rest.length > 1) {
    let cut = rest.length - 1;
    while (cut > 1 && wordWidth(font, rest.slice(0, cut), size) > width) cut--;
    pushLine([shape(font, rest.slice(0, cut))]);
    rest = rest.slice(cut);
    shaped = shape(font, rest);
  }
  return shaped;
}
