import { once } from 'node:events';
import type { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import type { PackDocument } from './board-pack.content';
import { glyphPen, shareLayouts } from './pdf-glyphs';
import { compressFast, gatherOutput } from './pdf-output';
import { plainPen } from './pdf-pen';
import {
  INK,
  MARGIN,
  TEXT_WIDTH,
  drawBars,
  drawPageFurniture,
  drawTable,
  ensureSpace,
  loadFonts,
} from './pdf-layout';

export const PDF_CONTENT_TYPE = 'application/pdf';

/** Unsent output above which drawing waits for the reader: memory stays bounded whatever the size. */
const HIGH_WATER = 1 << 20;
/** Size of each write to the response. */
const CHUNK = 64 << 10;

/** How the PDF is made: `fastPaths` is THROUGHLINE_FAST_PATHS (src/fast-paths.ts, fast paths 5, 6 and 7). */
export interface PdfOptions {
  fastPaths: boolean;
}

/**
 * Writes the pack as a tagged PDF (PDF/UA-minded: a structure tree with headings, paragraphs, tables
 * with header cells and figures with alternative text; title and language set) to `out`, page by
 * page: pdfkit's bufferPages stays off, so every finished page is written out and let go. With the fast
 * paths on, table text and page furniture are written as operators (pdf-glyphs.ts) and the bytes leave
 * through pdf-output.ts; off, pdfkit's public API draws the same (pdf-pen.ts) and its own readable
 * stream gives the bytes.
 */
export async function writePackPdf(pack: PackDocument, out: Writable, options: PdfOptions): Promise<void> {
  const { fastPaths } = options;
  const pen = fastPaths ? glyphPen : plainPen;
  const doc = new PDFDocument({
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    pdfVersion: '1.7',
    size: 'A4',
    bufferPages: false,
    autoFirstPage: false,
    margins: MARGIN,
    info: {
      Title: pack.title,
      Author: pack.cover[0]?.value ?? '',
      Subject: pack.kind ?? 'Board pack',
      Creator: 'Throughline',
    },
  });
  loadFonts(doc);
  if (fastPaths) {
    // pdfkit's layouts of words kept across documents (fast path 6): the fonts in the order the first
    // page's furniture uses them, so their names in the file are the same either way.
    for (const name of ['Body', 'Bold']) shareLayouts(doc.font(name));
  }
  let page = 0;
  let font = { name: 'Body', size: 10 };
  doc.on('pageAdded', () => {
    page += 1;
    if (fastPaths) compressFast(doc);
    const { x, y } = doc;
    drawPageFurniture(doc, pen, page, pack.runningHeader, pack.marking);
    // Text running on from the previous page carries on in its own font and colour.
    doc.font(font.name).fontSize(font.size).fillColor(INK);
    doc.x = x;
    doc.y = y;
  });
  const setFont = (name: string, size: number) => {
    font = { name, size };
    doc.font(name).fontSize(size).fillColor(INK);
  };

  let aborted = false;
  const onClose = () => (aborted = true);
  out.on('close', onClose);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    doc.on('error', reject);
  });
  const send = (chunk: Buffer) => {
    if (!aborted) out.write(chunk);
  };
  // Fast paths on: gathered into 64 KB writes (each write to the socket has a cost of its own, most of
  // it per call). Off: pdfkit's readable stream, chunk by chunk.
  let sendRest = () => {};
  if (fastPaths) sendRest = gatherOutput(doc, CHUNK, send);
  else doc.on('data', send);
  doc.on('end', () => {
    sendRest();
    out.end();
  });
  doc.resume();
  /** Lets the socket take what is written before drawing more; stops when the reader went away. */
  const flow = async () => {
    await new Promise((r) => setImmediate(r));
    while (out.writableLength > HIGH_WATER && !aborted) {
      if (out.writableNeedDrain) await once(out, 'drain');
      else await new Promise((r) => setImmediate(r));
    }
    if (aborted) throw new Error('The reader closed the connection.');
  };

  try {
    const root = doc.struct('Document');
    doc.addStructure(root);

    // Cover.
    doc.addPage();
    const cover = doc.struct('Sect');
    root.add(cover);
    doc.outline.addItem('Cover');
    doc.y = MARGIN.top + 80;
    setFont('Bold', 26);
    cover.add(
      doc.struct('H1', {}, () => doc.text(pack.cover[1]?.value ?? pack.title, { width: TEXT_WIDTH })),
    );
    setFont('Body', 16);
    cover.add(doc.struct('P', {}, () => doc.text(pack.kind ?? 'Board pack', { width: TEXT_WIDTH })));
    doc.moveDown(1.5);
    for (const item of pack.cover) {
      cover.add(
        doc.struct('P', {}, () => {
          setFont('Bold', 11);
          doc.text(`${item.label}: `, { width: TEXT_WIDTH, continued: true });
          setFont('Body', 11);
          doc.text(item.value, { width: TEXT_WIDTH });
        }),
      );
      doc.moveDown(0.5);
    }
    cover.end();

    let section = cover;
    for (const block of pack.blocks) {
      switch (block.kind) {
        case 'section':
          section.end();
          await flow();
          doc.addPage();
          section = doc.struct('Sect');
          root.add(section);
          doc.outline.addItem(block.title);
          setFont('Bold', 18);
          section.add(
            doc.struct('H1', {}, () => doc.text(block.title, MARGIN.left, doc.y, { width: TEXT_WIDTH })),
          );
          doc.moveDown(0.5);
          break;
        case 'heading': {
          const size = block.level === 2 ? 14 : 11;
          doc.moveDown(0.5);
          // A heading stays with at least a few lines of what follows it.
          ensureSpace(doc, size + 60);
          setFont('Bold', size);
          section.add(
            doc.struct(block.level === 2 ? 'H2' : 'H3', {}, () =>
              doc.text(block.text, MARGIN.left, doc.y, { width: TEXT_WIDTH }),
            ),
          );
          doc.moveDown(0.3);
          break;
        }
        case 'paragraph':
          setFont('Body', 10);
          ensureSpace(doc, 24);
          section.add(
            doc.struct('P', {}, () => doc.text(block.text, MARGIN.left, doc.y, { width: TEXT_WIDTH })),
          );
          doc.moveDown(0.5);
          break;
        case 'table':
          drawTable(doc, pen, section, block.columns, block.rows);
          setFont('Body', 10);
          await flow();
          break;
        case 'bars':
          drawBars(doc, pen, section, block.title, block.alt, block.bars);
          setFont('Body', 10);
          break;
      }
    }
    section.end();
    root.end();
    doc.end();
  } catch (e) {
    out.off('close', onClose);
    doc.removeAllListeners('end');
    out.destroy(e as Error);
    throw e;
  }
  await done;
  out.off('close', onClose);
}
