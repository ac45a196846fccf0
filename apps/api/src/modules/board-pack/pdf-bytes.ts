/**
 * A page's content stream as bytes, written in place (fast paths 5 and 6, docs/decisions/0011): the
 * page's operators go straight into one growing buffer per document, reused from page to page, so a
 * table cell's operators are written without first being built as a string and then converted. Text is
 * Latin-1 (a byte per character, as pdfkit converts it); operands are written from integers. The
 * document's output is gathered the same way (pdf-output.ts).
 */
export class PageBytes {
  buffer: Buffer;
  length = 0;

  constructor(size = 64 << 10) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  private room(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + n));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }

  /** A Latin-1 string (operators, or glyph ids already escaped for a literal string). */
  text(s: string): void {
    const n = s.length;
    this.room(n);
    if (n > 48) {
      this.length += this.buffer.write(s, this.length, 'latin1');
      return;
    }
    const b = this.buffer;
    let o = this.length;
    for (let i = 0; i < n; i++) b[o++] = s.charCodeAt(i);
    this.length = o;
  }

  /** A few bytes (a word's glyphs), copied one by one: cheaper than `set` for so few. */
  glyphs(chunk: Uint8Array): void {
    const n = chunk.length;
    this.room(n);
    const b = this.buffer;
    let o = this.length;
    for (let i = 0; i < n; i++) b[o++] = chunk[i];
    this.length = o;
  }

  /** The bytes already written from `start` to `end`, again. */
  repeat(start: number, end: number): void {
    const n = end - start;
    this.room(n);
    this.buffer.copyWithin(this.length, start, end);
    this.length += n;
  }

  bytes(chunk: Uint8Array): void {
    this.room(chunk.byteLength);
    this.buffer.set(chunk, this.length);
    this.length += chunk.byteLength;
  }

  /** An operand to three decimals, as `num` (pdf-glyphs.ts) writes it (trailing zeros cut). */
  num(n: number): void {
    let r = Math.round(n * 1000);
    this.room(24);
    const b = this.buffer;
    if (r < 0) {
      b[this.length++] = 0x2d;
      r = -r;
    }
    const whole = Math.floor(r / 1000);
    this.int(whole);
    let f = r - whole * 1000;
    if (f === 0) return;
    b[this.length++] = 0x2e;
    // The fraction's digits, at most three, without trailing zeros (".5", ".25", ".125").
    for (let unit = 100; f > 0; unit /= 10) {
      const d = Math.floor(f / unit);
      b[this.length++] = 0x30 + d;
      f -= d * unit;
    }
  }

  /** A cross-reference entry: the offset in ten digits, zero-padded, then " 00000 n \n". */
  xrefEntry(offset: number): void {
    this.room(20);
    const b = this.buffer;
    let n = offset;
    for (let o = this.length + 9; o >= this.length; o--) {
      const q = Math.floor(n / 10);
      b[o] = 0x30 + (n - q * 10);
      n = q;
    }
    b.set(XREF_TAIL, this.length + 10);
    this.length += 20;
  }

  /** A non-negative integer in decimal. */
  int(n: number): void {
    this.room(16);
    const b = this.buffer;
    if (n < 10) {
      b[this.length++] = 0x30 + n;
      return;
    }
    let digits = 1;
    for (let p = 10; p <= n; p *= 10) digits++;
    let o = this.length + digits;
    this.length = o;
    do {
      const q = Math.floor(n / 10);
      b[--o] = 0x30 + (n - q * 10);
      n = q;
    } while (n > 0);
  }
}

const XREF_TAIL = Buffer.from(' 00000 n \n', 'latin1');

/** ".5", ".125", "" for 500, 125, 0 thousandths: the fraction part of an operand, trailing zeros cut. */
export const FRACTIONS = Array.from({ length: 1000 }, (_, f) =>
  f ? `.${String(f).padStart(3, '0').replace(/0+$/, '')}` : '',
);
