import { deflateSync } from 'node:zlib';
import type PDFDocument from 'pdfkit';
import { PageBytes } from './pdf-bytes';

type Doc = InstanceType<typeof PDFDocument>;

/**
 * How the pack's bytes leave pdfkit (docs/decisions/0011-board-pack.md, "Performance"). pdfkit 0.20
 * converts every string it writes to bytes one character at a time in JavaScript and pushes each PDF
 * object through its readable stream in four or more small chunks (a tagged table has an object per
 * cell); at size M that conversion and the stream's per-chunk work were a third of the pack's time.
 * Both hooks below touch one document instance only, and keep pdfkit's own byte offsets (the xref).
 * Fast path 5 of src/fast-paths.ts: used only when THROUGHLINE_FAST_PATHS is on (board-pack.pdf.ts).
 */

/** pdfkit's document internals used here (not in its type definitions). */
interface DocInternals {
  _write(data: string | Uint8Array): void;
  _offset: number;
  _offsets: Array<number | null>;
  _finalize(): void;
  _security?: unknown;
  _root: { toString(): string };
  _info: { toString(): string };
  _id: Uint8Array;
  push(chunk: null): void;
}

/**
 * The document's output gathered into chunks of at least `chunkSize` bytes, written natively into a
 * buffer (Latin-1, as pdfkit's own conversion; pdf-bytes.ts), each handed to `sink`. Raw objects
 * (pdf-struct.ts) are written straight into `bytes` between `begin` and `end`.
 */
export class GatheredOutput {
  readonly bytes: PageBytes;
  private start = 0;

  constructor(
    private readonly doc: DocInternals,
    private readonly chunkSize: number,
    private readonly sink: (chunk: Buffer) => void,
  ) {
    // Room for a chunk and the object that takes it past chunkSize (a larger one grows the buffer).
    this.bytes = new PageBytes(chunkSize + (16 << 10));
  }

  /** Before writing into `bytes`: the document's offset of what is written next. */
  begin(): number {
    this.start = this.bytes.length;
    return this.doc._offset;
  }

  /** After writing into `bytes`: pdfkit's offset moved on (the xref), a full chunk handed over. */
  end(): void {
    const out = this.bytes;
    this.doc._offset += out.length - this.start;
    if (out.length >= this.chunkSize) this.flush();
  }

  /** Hands over what is gathered (call it when the document's stream ends). */
  flush(): void {
    const out = this.bytes;
    if (!out.length) return;
    // The chunk is handed over as it is; the next ones go into a new buffer.
    this.sink(out.buffer.subarray(0, out.length));
    out.buffer = Buffer.allocUnsafe(this.chunkSize + (16 << 10));
    out.length = 0;
  }
}

const outputs = new WeakMap<Doc, GatheredOutput>();

/** The document's gathered output, when gatherOutput hooked it (fast path 5). */
export const gatheredOutput = (doc: Doc): GatheredOutput | undefined => outputs.get(doc);

/**
 * Gathers what the document writes (GatheredOutput) and hands each chunk to `sink`; returns the
 * function that hands over the rest (call it when the document's stream ends).
 */
export function gatherOutput(doc: Doc, chunkSize: number, sink: (chunk: Buffer) => void): () => void {
  const d = doc as unknown as DocInternals;
  const output = new GatheredOutput(d, chunkSize, sink);
  const out = output.bytes;
  // What the constructor wrote already (the header) waits in the stream's buffer.
  for (let chunk: Buffer | null; (chunk = doc.read() as Buffer | null) !== null;) out.bytes(chunk);
  d._write = (data) => {
    output.begin();
    if (typeof data === 'string') {
      out.text(data);
      out.text('\n');
    } else {
      out.bytes(data);
    }
    output.end();
  };
  outputs.set(doc, output);
  const finalize = d._finalize.bind(d);
  d._finalize = () => (d._security ? finalize() : writeTrailer(d, output));
  return () => output.flush();
}

/**
 * The cross-reference table and trailer, as pdfkit's `_finalize` writes them, written as bytes: pdfkit
 * makes two strings and a write per object (55,000 at size M), a tenth of the document's garbage.
 */
function writeTrailer(d: DocInternals, output: GatheredOutput): void {
  const xref = output.begin();
  const out = output.bytes;
  out.text('xref\n0 ');
  out.int(d._offsets.length + 1);
  out.text('\n0000000000 65535 f \n');
  // Every object is written by now. Handed over chunk by chunk, so that the buffer does not grow.
  for (let i = 0; i < d._offsets.length; i++) {
    out.xrefEntry(d._offsets[i] ?? 0);
    if ((i & 1023) === 1023) {
      output.end();
      output.begin();
    }
  }
  const id = Buffer.from(d._id.buffer, d._id.byteOffset, d._id.byteLength).toString('hex');
  out.text(`trailer\n<<\n/Size ${d._offsets.length + 1}\n/Root ${d._root.toString()}\n`);
  out.text(`/Info ${d._info.toString()}\n/ID [<${id}> <${id}>]\n>>\nstartxref\n${xref}\n%%EOF\n`);
  output.end();
  d.push(null);
}

/** pdfkit's stream object, as far as compressFast uses it. */
interface StreamRef {
  compress: boolean;
  buffer: Uint8Array[];
  data: Record<string, unknown>;
  write(chunk: string | Uint8Array): void;
  finalize(): void;
}

/** Per document: the bytes of the current page's content stream, reused from page to page. */
const pages = new WeakMap<Doc, PageBytes>();

/** The current page's content bytes, when compressFast gathers them (fast path 5). */
export const pageBytes = (doc: Doc): PageBytes | undefined => pages.get(doc);

/**
 * The current page's content stream written straight into one growing byte buffer (pdf-bytes.ts) and
 * deflated at zlib's fastest level. pdfkit converts every chunk of operators to bytes as it comes (a
 * character at a time, in JavaScript) and keeps a small buffer per chunk: with a chunk per table cell
 * that conversion, the buffers and their garbage were a tenth of a large pack's time. Here pdfkit's
 * chunks are written natively into the document's page buffer with pdfkit's newline after each, and
 * the glyph pen (pdf-glyphs.ts) writes a cell's operators into it in place; the buffer is reused for
 * the next page once deflated, so it is as large as the largest page. pdfkit deflates every stream at
 * the default level (6), a tenth of a large pack's time; level 1 takes about a third of that for a
 * file a few per cent larger. Call on each new page.
 */
export function compressFast(doc: Doc): void {
  const content = (doc.page as unknown as { content: StreamRef }).content;
  content.compress = false;
  let bytes = pages.get(doc);
  if (!bytes) {
    bytes = new PageBytes();
    pages.set(doc, bytes);
  }
  const out = bytes;
  // The previous page was deflated when this one began (pdfkit ends a page before adding the next).
  out.length = 0;
  content.write = (chunk) => {
    if (typeof chunk === 'string') {
      out.text(chunk);
      out.text('\n');
    } else {
      out.bytes(chunk);
    }
  };
  // What pdfkit wrote before the hook (addPage's transform) comes first.
  const before = content.buffer;
  content.buffer = [];
  for (const chunk of before) content.write(chunk);
  const finalize = content.finalize.bind(content);
  content.finalize = () => {
    if (out.length) {
      content.buffer = [deflateSync(out.buffer.subarray(0, out.length), { level: 1 })];
      content.data.Filter = 'FlateDecode';
    }
    finalize();
  };
}
