import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Zip, ZipDeflate } from 'fflate';
import type { Bar, Cell, Column, PackDocument } from './board-pack.content';
import {
  APP,
  CONTENT_TYPES,
  DOCUMENT_RELS,
  ROOT_RELS,
  SETTINGS,
  STYLES,
  W_NS,
  core,
  footer,
  header,
  run,
} from './docx-parts';
import { RAG_FILL } from './pdf-layout';

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A4 in twentieths of a point, with 2 cm margins. */
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
/** Deflate level of the parts: the fastest (the body is repetitive XML, and compresses well anyway). */
const LEVEL = 1;
/** Body text gathered into chunks of about this many characters before each is deflated. */
const CHUNK = 1 << 16;
/** Unsent output above which writing waits for the reader. */
const HIGH_WATER = 1 << 20;

const hex = (c: string) => c.replace('#', '').toUpperCase();

/**
 * The pack as a Word document (docs/decisions/0011-board-pack.md): Title and Heading 1-3 styles (so
 * officers can paste sections into committee papers and keep the navigation pane), tables whose first
 * row is a repeating header row (`w:tblHeader`), the marking and page numbers in the header and
 * footer; charts become tables of bars (shaded cells), which Word shows without a picture.
 * WordprocessingML is written here as text, block by block, straight into a streamed zip (fflate):
 * the `docx` package built an object per paragraph, run, cell and property, then the whole XML and the
 * whole zip in memory (1.4-1.9 GB and 15-20 s at bench size M). Memory now holds the blocks and one
 * chunk of XML; the zip's bytes go to `out` as they are made.
 */
export async function writePackDocx(pack: PackDocument, out: Writable): Promise<void> {
  let failed: Error | null = null;
  const zip = new Zip((err, data, final) => {
    if (err) failed = err;
    else if (data.length) out.write(data);
    if (final) out.end();
  });
  const part = (name: string, text: string) => {
    const file = new ZipDeflate(name, { level: LEVEL });
    zip.add(file);
    file.push(Buffer.from(text, 'utf8'), true);
  };
  part('[Content_Types].xml', CONTENT_TYPES);
  part('_rels/.rels', ROOT_RELS);
  part('docProps/core.xml', core(pack.title, pack.kind ?? 'Board pack'));
  part('docProps/app.xml', APP);
  part('word/_rels/document.xml.rels', DOCUMENT_RELS);
  part('word/styles.xml', STYLES);
  part('word/settings.xml', SETTINGS);
  part('word/header1.xml', header(pack.runningHeader, pack.marking));
  part('word/footer1.xml', footer(pack.marking));

  const body = new ZipDeflate('word/document.xml', { level: LEVEL });
  zip.add(body);
  let text = '';
  const w = (s: string) => {
    text += s;
  };
  const flush = async (final = false) => {
    body.push(Buffer.from(text, 'utf8'), final);
    text = '';
    if (failed) throw failed;
    while (out.writableLength > HIGH_WATER && !out.destroyed) {
      await Promise.race([once(out, 'drain'), once(out, 'close')]);
    }
    if (out.destroyed) throw new Error('The reader closed the connection.');
  };
  const closed = new Promise<void>((resolve, reject) => {
    out.once('finish', resolve);
    out.once('error', reject);
  });

  w(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${W_NS}><w:body>`);
  w(paragraph(run(pack.cover[1]?.value ?? pack.title), '<w:pStyle w:val="Title"/>'));
  w(paragraph(run(pack.kind ?? 'Board pack', '<w:sz w:val="32"/>')));
  for (const c of pack.cover) {
    w(paragraph(run(`${c.label}: `, '<w:b/>') + run(c.value), '<w:spacing w:before="120"/>'));
  }
  for (const block of pack.blocks) {
    switch (block.kind) {
      case 'section':
        w('<w:p><w:r><w:br w:type="page"/></w:r></w:p>');
        w(paragraph(run(block.title), '<w:pStyle w:val="Heading1"/>'));
        break;
      case 'heading':
        w(paragraph(run(block.text), `<w:pStyle w:val="Heading${block.level}"/>`));
        break;
      case 'paragraph':
        w(paragraph(run(block.text), '<w:spacing w:after="120"/>'));
        break;
      case 'table':
        table(w, block.columns, block.rows);
        w('<w:p/>');
        break;
      case 'bars':
        w(paragraph(run(block.title, '<w:b/>'), '<w:keepNext/>'));
        // The chart's alternative text, in words for everyone: a table of bars has no alt text of its own.
        w(paragraph(run(block.alt, '<w:sz w:val="18"/>'), '<w:keepNext/>'));
        barTable(w, block.bars);
        w('<w:p/>');
        break;
    }
    if (text.length >= CHUNK) await flush();
  }
  w(
    '<w:sectPr><w:headerReference w:type="default" r:id="rId3"/><w:footerReference w:type="default" r:id="rId4"/>' +
      `<w:pgSz w:w="${PAGE.width}" w:h="${PAGE.height}"/>` +
      `<w:pgMar w:top="${PAGE.margin}" w:right="${PAGE.margin}" w:bottom="${PAGE.margin}" w:left="${PAGE.margin}" ` +
      'w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>',
  );
  await flush(true);
  zip.end();
  if (failed) throw failed;
  await closed;
}

const paragraph = (runs: string, props = '') => `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${runs}</w:p>`;

/** A cell's text: a paragraph per line, 9 pt, bold and coloured when asked. */
function cellParagraphs(text: string, bold: boolean, color?: string): string {
  const props = `${bold ? '<w:b/>' : ''}${color ? `<w:color w:val="${color}"/>` : ''}<w:sz w:val="18"/>`;
  let xml = '';
  for (const line of text.split('\n')) xml += `<w:p>${run(line, props)}</w:p>`;
  return xml;
}

const BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="auto"';
const BORDERS = `<w:tblBorders><w:top ${BORDER}/><w:left ${BORDER}/><w:bottom ${BORDER}/><w:right ${BORDER}/><w:insideH ${BORDER}/><w:insideV ${BORDER}/></w:tblBorders>`;
const NO_BORDERS =
  '<w:tcBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/></w:tcBorders>';
const shading = (fill: string) => `<w:shd w:val="clear" w:color="auto" w:fill="${fill}"/>`;

function tableStart(width: number, widths: number[], borders: string): string {
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="${width}" w:type="dxa"/>${borders}<w:tblLayout w:type="fixed"/></w:tblPr>` +
    `<w:tblGrid>${widths.map((x) => `<w:gridCol w:w="${x}"/>`).join('')}</w:tblGrid>`
  );
}

const cell = (width: number, props: string, content: string) =>
  `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${props}</w:tcPr>${content}</w:tc>`;

/** A table: the header row repeats on every page it runs onto and never splits. */
function table(w: (s: string) => void, columns: Column[], rows: Cell[][]): void {
  const widths = columns.map((c) => Math.round(c.width * TEXT_WIDTH));
  w(tableStart(TEXT_WIDTH, widths, BORDERS));
  w('<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>');
  columns.forEach((c, i) => w(cell(widths[i], shading('F3F2F1'), cellParagraphs(c.heading, true))));
  w('</w:tr>');
  for (const cells of rows) {
    let row = '<w:tr>';
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      const rag = typeof c === 'string' ? null : c.rag;
      const text = typeof c === 'string' ? c : c.text;
      row += cell(
        widths[i],
        rag ? shading(hex(RAG_FILL[rag].fill)) : '',
        cellParagraphs(text, !!rag, rag ? hex(RAG_FILL[rag].text) : undefined),
      );
    }
    w(`${row}</w:tr>`);
  }
  w('</w:tbl>');
}

/** A bar chart as a table: one row per bar, the bar a shaded cell of the track's width. */
function barTable(w: (s: string) => void, bars: Bar[]): void {
  const labelWidth = Math.round(TEXT_WIDTH * 0.35);
  const valueWidth = Math.round(TEXT_WIDTH * 0.15);
  const track = TEXT_WIDTH - labelWidth - valueWidth;
  const widths = [labelWidth, track, valueWidth];
  w(tableStart(TEXT_WIDTH, widths, BORDERS));
  w('<w:tr><w:trPr><w:tblHeader/></w:trPr>');
  ['Measure', 'Chart', 'Value'].forEach((h, i) => w(cell(widths[i], '', cellParagraphs(h, true))));
  w('</w:tr>');
  for (const b of bars) {
    const filled = Math.max(0, Math.round(track * (b.value ?? 0)));
    const parts: Array<[number, string]> = [];
    if (filled > 0) parts.push([filled, b.rag ? hex(RAG_FILL[b.rag].fill) : '1D70B8']);
    if (track - filled > 0) parts.push([track - filled, 'F3F2F1']);
    const bar =
      tableStart(
        track,
        parts.map(([x]) => x),
        '',
      ) +
      `<w:tr>${parts.map(([x, fill]) => cell(x, NO_BORDERS + shading(fill), '<w:p/>')).join('')}</w:tr></w:tbl>`;
    w(
      '<w:tr><w:trPr><w:cantSplit/></w:trPr>' +
        cell(labelWidth, '', cellParagraphs(b.label, false)) +
        cell(track, '', `${bar}<w:p/>`) +
        cell(valueWidth, '', cellParagraphs(b.valueText, false)) +
        '</w:tr>',
    );
  }
  w('</w:tbl>');
}
