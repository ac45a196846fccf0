import type PDFDocument from 'pdfkit';
import { gatheredOutput, type GatheredOutput } from './pdf-output';

type Doc = InstanceType<typeof PDFDocument>;
type StructElement = ReturnType<Doc['struct']>;

/**
 * A table row's structure (TR with its TH or TD cells) written as raw PDF objects: fast path 7 of
 * src/fast-paths.ts, used only when THROUGHLINE_FAST_PATHS is on (off, pdf-layout.ts makes the same
 * elements with pdfkit's public `struct`). pdfkit makes each cell a structure element of its own
 * (a dictionary serialised key by key, its marked content opened and closed through its markings
 * bookkeeping, the element flushed through three writes): with a cell per action and column that was a
 * fifth of a large pack's time. Here each cell takes an object number and a marked-content id on the
 * current page, is drawn by `draw` inside its `BDC ... EMC` (the caller's operators), and the row's
 * objects are written as soon as the row is drawn, as bytes into the document's gathered output
 * (pdf-output.ts, fast path 5). It reaches into pdfkit's document (`_offsets`, `_offset` through the
 * gathered output, `page.dictionary`, `page.structParentTreeKey`, `getStructParentTree`), its
 * reference class (the prototype of `page.dictionary`) and its structure element class
 * (`dictionary`, `_attached`, `_ended`, `_flushed`, `_children`), none of which its type definitions
 * export.
 */

/** pdfkit's object reference, as far as this file uses it. */
interface Ref {
  id: number;
  offset: number;
  data: Record<string, unknown>;
}

interface DocInternals {
  _offsets: Array<number | null>;
  getStructParentTree(): { get(key: number): unknown[] };
  page: { structParentTreeKey: number; dictionary: Ref };
}

/** The marked content a cell's operators open (`BDC`) and close (`EMC`). */
export interface CellMark {
  tag: 'TH' | 'TD';
  mcid: number;
}

/** "/TD <</MCID 3>> BDC": the operator opening a cell's marked content. */
export const openMark = (m: CellMark): string => `/${m.tag} <</MCID ${m.mcid}>> BDC`;

/** A column header's attributes (pdfkit's `scope: 'Column'`). */
const COLUMN_SCOPE = ' /A <</O /Table /Scope /Column>>';

/**
 * What the parent tree keeps of a written cell until the document ends: its object number only (pdfkit
 * writes a reference with its `toString`, `id 0 R`), not the reference with its dictionary and stream
 * buffer (at size M, 45,000 cells lived the length of the document).
 */
function numberOnly(proto: object, id: number): Ref {
  const kept = Object.create(proto) as Ref & { gen: number };
  kept.id = id;
  kept.gen = 0;
  return kept;
}

/** A new object number, as pdfkit's `ref()` takes one, without its reference object. */
function newObject(d: DocInternals): number {
  d._offsets.push(null);
  return d._offsets.length;
}

/** A cell's object (`<</S /TD /P 5 0 R /Pg 3 0 R /K [0]>>`) as pdfkit writes one, in place. */
function writeCellObject(out: GatheredOutput, d: DocInternals, id: number, row: Row, mcid: number): void {
  const offset = out.begin();
  const b = out.bytes;
  b.int(id);
  b.text(row.header ? ' 0 obj\n<</S /TH /P ' : ' 0 obj\n<</S /TD /P ');
  b.int(row.tr);
  b.text(' 0 R /Pg ');
  b.int(row.page);
  b.text(' 0 R /K [');
  b.int(mcid);
  b.text(row.header ? `]${COLUMN_SCOPE}>>\nendobj\n` : ']>>\nendobj\n');
  out.end();
  d._offsets[id - 1] = offset;
}

/** The row's object, listing its cells (`<</S /TR /P 4 0 R /K [6 0 R 7 0 R]>>`), in place. */
function writeRowObject(
  out: GatheredOutput,
  d: DocInternals,
  row: Row,
  table: number,
  cells: number[],
): void {
  const offset = out.begin();
  const b = out.bytes;
  b.int(row.tr);
  b.text(' 0 obj\n<</S /TR /P ');
  b.int(table);
  b.text(' 0 R /K [');
  for (let i = 0; i < cells.length; i++) {
    if (i) b.text(' ');
    b.int(cells[i]);
    b.text(' 0 R');
  }
  b.text(']>>\nendobj\n');
  out.end();
  d._offsets[row.tr - 1] = offset;
}

/** What a row's objects refer to. */
interface Row {
  header: boolean;
  tr: number;
  page: number;
}

/**
 * One row of `table` (a pdfkit structure element, attached to the document's tree): `draw(i, mark)`
 * draws cell i, wrapping its operators in `mark`'s marked content (a mark lives for the call only).
 * The row never spans pages. The objects are written straight into the document's gathered output
 * (pdf-output.ts), each cell's as soon as it is drawn, then the row's, with no pdfkit reference object
 * per cell (at size M those were a sixth of a pack's garbage).
 */
export function rawRow(
  doc: Doc,
  table: StructElement,
  cells: number,
  header: boolean,
  draw: (i: number, mark: CellMark) => void,
): void {
  const d = doc as unknown as DocInternals;
  const out = gatheredOutput(doc);
  if (!out) throw new Error('rawRow writes into the gathered output (pdf-output.ts, gatherOutput)');
  const page = d.page;
  const row: Row = { header, tr: newObject(d), page: page.dictionary.id };
  const marks = d.getStructParentTree().get(page.structParentTreeKey);
  // pdfkit's reference class (a page's dictionary is one).
  const proto = Object.getPrototypeOf(page.dictionary) as object;
  const mark: CellMark = { tag: header ? 'TH' : 'TD', mcid: 0 };
  const ids: number[] = [];
  for (let i = 0; i < cells; i++) {
    const id = newObject(d);
    const mcid = marks.length;
    // The parent tree maps the page's marked content back to its element.
    marks.push(numberOnly(proto, id));
    mark.mcid = mcid;
    draw(i, mark);
    writeCellObject(out, d, id, row, mcid);
    ids.push(id);
  }
  const tableRef = (table as unknown as { dictionary: Ref }).dictionary;
  writeRowObject(out, d, row, tableRef.id, ids);
  // The table lists the row among its kids: an element already written and ended, as pdfkit's own are
  // once flushed (its dictionary a reference by number, with the data pdfkit's `add` sets `P` in).
  const dictionary = numberOnly(proto, row.tr);
  dictionary.data = {};
  const element = Object.create(Object.getPrototypeOf(table) as object) as Record<string, unknown>;
  Object.assign(element, {
    document: doc,
    dictionary,
    _attached: true,
    _ended: true,
    _flushed: true,
    _children: [],
  });
  table.add(element as unknown as StructElement);
}
