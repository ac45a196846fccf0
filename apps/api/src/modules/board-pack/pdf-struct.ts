import type PDFDocument from 'pdfkit';

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
 * objects are written as soon as the row is drawn, each in one write. It reaches into pdfkit's document
 * (`ref`, `_write`, `_offset`, `_refEnd`, `page.dictionary`, `page.structParentTreeKey`,
 * `getStructParentTree`) and its structure element class (`dictionary`, `_attached`, `_ended`,
 * `_flushed`, `_children`), none of which its type definitions export.
 */

/** pdfkit's object reference, as far as this file uses it. */
interface Ref {
  id: number;
  offset: number;
  data: Record<string, unknown>;
}

interface DocInternals {
  _offset: number;
  _write(data: string): void;
  _refEnd(ref: Ref): void;
  ref(data?: Record<string, unknown>): Ref;
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
function numberOnly(ref: Ref): Ref {
  const kept = Object.create(Object.getPrototypeOf(ref) as object) as Ref & { gen: number };
  kept.id = ref.id;
  kept.gen = 0;
  return kept;
}

function writeObject(d: DocInternals, ref: Ref, body: string): void {
  ref.offset = d._offset;
  d._write(`${ref.id} 0 obj\n${body}\nendobj`);
  d._refEnd(ref);
}

/**
 * One row of `table` (a pdfkit structure element, attached to the document's tree): `draw(i, mark)`
 * draws cell i, wrapping its operators in `mark`'s marked content. The row never spans pages.
 */
export function rawRow(
  doc: Doc,
  table: StructElement,
  cells: number,
  header: boolean,
  draw: (i: number, mark: CellMark) => void,
): void {
  const d = doc as unknown as DocInternals;
  const tag = header ? 'TH' : 'TD';
  const tr = d.ref();
  const page = d.page;
  const marks = d.getStructParentTree().get(page.structParentTreeKey);
  const pageId = page.dictionary.id;
  const extra = header ? COLUMN_SCOPE : '';
  let kids = '';
  for (let i = 0; i < cells; i++) {
    const cell = d.ref();
    const mcid = marks.length;
    // The parent tree maps the page's marked content back to its element.
    marks.push(numberOnly(cell));
    draw(i, { tag, mcid });
    writeObject(d, cell, `<</S /${tag} /P ${tr.id} 0 R /Pg ${pageId} 0 R /K [${mcid}]${extra}>>`);
    kids += `${i ? ' ' : ''}${cell.id} 0 R`;
  }
  const tableRef = (table as unknown as { dictionary: Ref }).dictionary;
  writeObject(d, tr, `<</S /TR /P ${tableRef.id} 0 R /K [${kids}]>>`);
  // The table lists the row among its kids: an element already written and ended, as pdfkit's own are
  // once flushed.
  const row = Object.create(Object.getPrototypeOf(table) as object) as Record<string, unknown>;
  Object.assign(row, {
    document: doc,
    dictionary: tr,
    _attached: true,
    _ended: true,
    _flushed: true,
    _children: [],
  });
  table.add(row as unknown as StructElement);
}
