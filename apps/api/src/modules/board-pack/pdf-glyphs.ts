import type { Font } from 'fontkit';
import type PDFDocument from 'pdfkit';
import { FRACTIONS, type PageBytes } from './pdf-bytes';
import { pageBytes } from './pdf-output';
import type { Pen } from './pdf-pen';
import { openMark, type CellMark } from './pdf-struct';
import { linesOf, shape, type Shaped, type Wrapped } from './pdf-text';

type Doc = InstanceType<typeof PDFDocument>;

/**
 * Table text without pdfkit's per-line machinery (docs/decisions/0011-board-pack.md, "Performance"):
 * fast path 6 of src/fast-paths.ts, used only when THROUGHLINE_FAST_PATHS is on (the plain pen in
 * pdf-pen.ts draws the same with pdfkit's public API). It reaches into pdfkit's document (`_font`,
 * `_fontSize`, `page.fonts`) and its embedded font (`id`, `font`, `subset.includeGlyph`, `widths`,
 * `unicode`, `ascender`, `ref()`), none of which pdfkit's type definitions export.
 * pdfkit shapes every word with fontkit in every document (its layout cache lives and dies with the
 * document), measures each line again to draw it and writes one content-stream chunk per operator: at
 * size M that was most of the pack's time. Here a word is shaped once per process (fontkit's glyph
 * substitutions, e.g. ligatures, kept; no kerning, as most PDF writers), its glyph string made once per
 * document, and a cell's lines go out as one chunk of operators (a `Tf`, a `Tm`, then a `Tj` per line
 * with `T*` between) inside `q ... Q`, so that pdfkit's own graphics state is untouched. The glyphs go
 * through pdfkit's font subset, widths and ToUnicode map, so the file embeds, measures and extracts as
 * before; glyph ids are written as two-byte literal strings (half the bytes of hexadecimal).
 */

/** pdfkit's embedded font, as far as this file uses it (its type definitions do not export it). */
interface EmbeddedFont {
  id: string;
  layoutCache?: Record<string, unknown>;
  font: Font;
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
  ascender: number;
  ref(): unknown;
}

interface DocInternals {
  _font: EmbeddedFont;
  _fontSize: number;
  page: { height: number; fonts: Record<string, unknown> };
}

const internals = (doc: Doc) => doc as unknown as DocInternals;

/** Layouts kept per font (fontkit's runs) across documents; a fresh set once this many are held. */
const MAX_LAYOUTS = 50_000;
const layoutsByFont = new WeakMap<Font, { runs: Record<string, unknown>; documents: number }>();

/**
 * Makes pdfkit's layout cache of the document's current font (its `layoutCache`, a run per word,
 * created empty with each document) one kept per parsed font across documents, so that pdfkit's own
 * text() (headings, paragraphs, the cover) shapes a word with fontkit once per process rather than
 * once per document. pdfkit's runs depend on the font and the word only (units per 1,000 of the size)
 * and pdfkit reads them without changing them. Call after `doc.font(name)`, before any text.
 */
export function shareLayouts(doc: Doc): void {
  const font = internals(doc)._font;
  if (!font.layoutCache) return;
  let shared = layoutsByFont.get(font.font);
  // Counted now and then (pdfkit adds to the object itself), so that memory stays bounded.
  if (shared && ++shared.documents % 16 === 0 && Object.keys(shared.runs).length > MAX_LAYOUTS)
    shared = undefined;
  if (!shared) {
    shared = { runs: Object.create(null) as Record<string, unknown>, documents: 0 };
    layoutsByFont.set(font.font, shared);
  }
  font.layoutCache = shared.runs;
}

/** A byte inside a PDF literal string: ( ) \\ and CR (which a reader would turn into LF) escaped. */
function putByte(out: Uint8Array, o: number, b: number): number {
  if (b === 0x28 || b === 0x29 || b === 0x5c || b === 0x0d) {
    out[o++] = 0x5c;
    out[o++] = b === 0x0d ? 0x72 : b;
    return o;
  }
  out[o++] = b;
  return o;
}

/** Room for a word's escaped glyph bytes (two per glyph, escapes doubled). */
let encodeScratch = new Uint8Array(256);

/**
 * A shaped word's glyph ids in the document's subset, as the bytes inside a literal string (null when
 * a glyph is offset): made once per document and kept on the word (`encodedFor` says for which
 * embedded font; a word drawn by two documents in turn is simply encoded again, as the subset's
 * `includeGlyph` gives a glyph the same id every time).
 */
function encodeShaped(font: EmbeddedFont, s: Shaped): Uint8Array | null {
  if (s.encodedFor === font) return s.encoded;
  let out: Uint8Array | null = null;
  if (s.plain) {
    if (encodeScratch.length < 4 * s.ids.length) encodeScratch = new Uint8Array(4 * s.ids.length);
    let o = 0;
    for (let i = 0; i < s.ids.length; i++) {
      const gid = font.subset.includeGlyph(s.ids[i]);
      font.widths[gid] ??= s.widths[i];
      font.unicode[gid] ??= s.codePoints[i];
      o = putByte(encodeScratch, o, gid >> 8);
      o = putByte(encodeScratch, o, gid & 0xff);
    }
    out = encodeScratch.slice(0, o);
  }
  s.encoded = out;
  s.encodedFor = font;
  return out;
}

/** Encoded bytes as the Latin-1 text of an operator string. */
const latin1 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

const encodeWord = (font: EmbeddedFont, word: string) => encodeShaped(font, shape(font.font, word));

/**
 * An operand to three decimals, as String(Math.round(n * 1000) / 1000) writes it, from integers (a
 * table cell has eight: converting doubles to text was a tenth of the cell's operators' time).
 */
function num(n: number): string {
  let r = Math.round(n * 1000);
  const sign = r < 0 ? '-' : '';
  if (r < 0) r = -r;
  const whole = Math.floor(r / 1000);
  return `${sign}${whole}${FRACTIONS[r - whole * 1000]}`;
}

/** "#d4351c" -> "0.831 0.208 0.11" (an rg/RG operand). */
const rgbCache = new Map<string, string>();
function rgb(hex: string): string {
  let v = rgbCache.get(hex);
  if (!v) {
    v = [1, 3, 5].map((i) => num(parseInt(hex.slice(i, i + 2), 16) / 255)).join(' ');
    rgbCache.set(hex, v);
  }
  return v;
}

/**
 * PDF operators drawing lines of glyphs (each the inside of a literal string, already encoded) from
 * the top-left corner (x, y) in pdfkit's coordinates, one line every `lineHeight` points, in the
 * current font at its current size and in `color`, as a text object (`rg BT ... ET`) to be put inside
 * the caller's `q ... Q`. pdfkit's page is flipped (y down); the text matrix flips the glyphs back
 * (`1 0 0 -1 x y Tm`, the same matrix as pdfkit's own `cm` and `Tm` multiplied out), and `T*` moves
 * down a line.
 */
function textOperators(
  doc: Doc,
  encoded: string[],
  x: number,
  y: number,
  lineHeight: number,
  color: string,
): string {
  const d = internals(doc);
  const font = d._font;
  const size = d._fontSize;
  // pdfkit's baseline: the top of the line plus the font's ascender.
  const baseline = y + (font.ascender / 1000) * size;
  const leading = encoded.length > 1 ? ` ${num(lineHeight)} TL` : '';
  let ops = `${rgb(color)} rg BT /${font.id} ${num(size)} Tf${leading} 1 0 0 -1 ${num(x)} ${num(baseline)} Tm`;
  for (let i = 0; i < encoded.length; i++) {
    if (i) ops += ' T*';
    if (encoded[i]) ops += `\n(${encoded[i]}) Tj`;
  }
  d.page.fonts[font.id] ??= font.ref();
  return `${ops} ET`;
}

/** A line's words in the document's current font, encoded and spaced; null as encodeShaped. */
function encodeLine(font: EmbeddedFont, words: Shaped[], space: string): string | null {
  let text = '';
  for (const word of words) {
    if (text) text += space;
    const enc = encodeShaped(font, word);
    if (enc === null) return null;
    text += latin1(enc);
  }
  return text;
}

/**
 * PDF operators drawing lines given with their words shaped (pdf-text.ts, wrapWords; see
 * textOperators); null when a line needs what only pdfkit's text() does (offset glyphs).
 */
function wrappedOperators(
  doc: Doc,
  text: Wrapped,
  x: number,
  y: number,
  lineHeight: number,
  color: string,
): string | null {
  const font = internals(doc)._font;
  const space = latin1(encodeWord(font, ' ')!);
  const encoded: string[] = [];
  for (const words of text.words) {
    const line = encodeLine(font, words, space);
    if (line === null) return null;
    encoded.push(line);
  }
  return textOperators(doc, encoded, x, y, lineHeight, color);
}

/**
 * A line of text as its words shaped in `font`, split at single spaces: an empty word (between two
 * spaces, or after a trailing one) shapes to nothing, so that encodeLine keeps the line's spaces.
 */
const shapeLine = (font: EmbeddedFont, line: string): Shaped[] =>
  line.split(' ').map((word) => shape(font.font, word));

/** Width in points of a line of shaped words (single spaces between) in the document's current font. */
function lineWidth(doc: Doc, words: Shaped[]): number {
  const { _font: font, _fontSize: size } = internals(doc);
  // Word by word, as pdf-text.ts's textWidth adds them up (the same operands to the last digit).
  let width = 0;
  for (const word of words) width += (word.width * size) / 1000;
  return width + (words.length - 1) * ((shape(font.font, ' ').width * size) / 1000);
}

/**
 * One line of text (no wrapping) at (x, y) in `color`, aligned in `width`: page furniture drawn on
 * every page. Falls back to pdfkit's text() for what wrappedOperators leaves to it.
 */
function drawLine(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  width: number,
  align: 'left' | 'center' | 'right',
  color: string,
): void {
  const words = shapeLine(internals(doc)._font, text);
  const w = align === 'left' ? 0 : lineWidth(doc, words);
  const left = align === 'left' ? x : align === 'right' ? x + width - w : x + (width - w) / 2;
  const ops = wrappedOperators(doc, { words: [words] }, left, y, 0, color);
  if (ops) doc.addContent(`q ${ops} Q`);
  else doc.fillColor(color).text(text, x, y, { width, align, lineBreak: false });
}

/** The box's rectangle operator: "x y w h re". */
function writeRect(out: PageBytes, box: { x: number; y: number; w: number; h: number }): void {
  out.num(box.x);
  out.text(' ');
  out.num(box.y);
  out.text(' ');
  out.num(box.w);
  out.text(' ');
  out.num(box.h);
  out.text(' re');
}

/**
 * The operators between a cell's rectangle and its text matrix ("S 0.043 0.047 0.047 rg BT /F2 8 Tf
 * 9.4 TL 1 0 0 -1 "), made once for each colour, font, size and leading a document uses (a handful):
 * a table's cells share them.
 */
interface TextOps {
  color: string;
  font: string;
  size: number;
  leading: number | null;
  ops: string;
}
const textOpsSeen: TextOps[] = [];

function textOps(color: string, font: string, size: number, leading: number | null): string {
  for (const t of textOpsSeen) {
    if (t.color === color && t.font === font && t.size === size && t.leading === leading) return t.ops;
  }
  const tl = leading === null ? '' : ` ${num(leading)} TL`;
  const ops = ` S ${rgb(color)} rg BT /${font} ${num(size)} Tf${tl} 1 0 0 -1 `;
  if (textOpsSeen.length >= 32) textOpsSeen.shift();
  textOpsSeen.push({ color, font, size, leading, ops });
  return ops;
}

/** "q 0.957 0.467 0.22 rg " for a filled box, and the stroke's "0.5 w ... RG " after it. */
const fillOps = new Map<string, string>();
const strokeOps = new Map<string, string>();

/**
 * A table cell written in place into the page's bytes: its marked content (when given), the box filled
 * then ruled and the text in one graphics state (`q ... Q`), with pdfkit's newline after it.
 */
function writeCell(
  doc: Doc,
  out: PageBytes,
  box: Parameters<Pen['cell']>[1],
  text: Wrapped,
  x: number,
  y: number,
  lineHeight: number,
  color: string,
  mark: CellMark | undefined,
): void {
  const d = internals(doc);
  const font = d._font;
  const size = d._fontSize;
  if (mark) {
    out.text(mark.tag === 'TH' ? '/TH <</MCID ' : '/TD <</MCID ');
    out.int(mark.mcid);
    out.text('>> BDC\n');
  }
  let stroke = strokeOps.get(box.rule);
  if (stroke === undefined) {
    stroke = `0.5 w ${rgb(box.rule)} RG `;
    strokeOps.set(box.rule, stroke);
  }
  if (box.fill) {
    let fill = fillOps.get(box.fill);
    if (fill === undefined) {
      fill = `q ${rgb(box.fill)} rg `;
      fillOps.set(box.fill, fill);
    }
    out.text(fill);
    // The rectangle twice, filled then ruled: written once, then copied.
    const start = out.length;
    writeRect(out, box);
    const end = out.length;
    out.text(' f ');
    out.text(stroke);
    out.repeat(start, end);
  } else {
    out.text('q ');
    out.text(stroke);
    writeRect(out, box);
  }
  const lines = text.words;
  out.text(textOps(color, font.id, size, lines.length > 1 ? lineHeight : null));
  out.num(x);
  out.text(' ');
  // pdfkit's baseline: the top of the line plus the font's ascender.
  out.num(y + (font.ascender / 1000) * size);
  out.text(' Tm');
  const space = encodeWord(font, ' ')!;
  for (let i = 0; i < lines.length; i++) {
    if (i) out.text(' T*');
    const words = lines[i];
    if (!words.length) continue;
    out.text('\n(');
    for (let j = 0; j < words.length; j++) {
      if (j) out.glyphs(space);
      out.glyphs(encodeShaped(font, words[j])!);
    }
    out.text(') Tj');
  }
  out.text(mark ? ' ET Q\nEMC\n' : ' ET Q\n');
  d.page.fonts[font.id] ??= font.ref();
}

function allPlain(text: Wrapped): boolean {
  for (const line of text.words) for (const word of line) if (!word.plain) return false;
  return true;
}

/** The pen of the fast path: a cell's box and lines as one chunk of operators (pdf-pen.ts). */
export const glyphPen: Pen = {
  rawStructure: true,
  cell(doc, box, text, x, y, lineHeight, color, mark) {
    const out = pageBytes(doc);
    if (out && allPlain(text)) return writeCell(doc, out, box, text, x, y, lineHeight, color, mark);
    const rect = `${num(box.x)} ${num(box.y)} ${num(box.w)} ${num(box.h)} re`;
    const ops = wrappedOperators(doc, text, x, y, lineHeight, color);
    const open = mark ? `${openMark(mark)}\n` : '';
    const close = mark ? '\nEMC' : '';
    // The box, filled then ruled, and the text in one graphics state.
    const draw = `q ${box.fill ? `${rgb(box.fill)} rg ${rect} f ` : ''}0.5 w ${rgb(box.rule)} RG ${rect} S`;
    doc.addContent(ops ? `${open}${draw} ${ops} Q${close}` : `${open}${draw} Q`);
    if (ops) return;
    // A line with offset glyphs (combining marks): pdfkit's own text() draws the cell's lines.
    doc.fillColor(color);
    let lineY = y;
    for (const line of linesOf(text)) {
      if (line) doc.text(line, x, lineY, { lineBreak: false });
      lineY += lineHeight;
    }
    if (mark) doc.addContent('EMC');
  },
  line: drawLine,
  rule(doc, x1, x2, y, color) {
    doc.addContent(`q 0.5 w ${rgb(color)} RG ${x1} ${y} m ${x2} ${y} l S Q`);
  },
};
