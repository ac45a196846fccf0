import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import type { Bar, Cell, Column, PackDocument } from './board-pack.content';
import { RAG_FILL } from './pdf-layout';

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A4 in twentieths of a point, with 2 cm margins. */
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
const FONT = 'Arial';

const hex = (c: string) => c.replace('#', '').toUpperCase();

/**
 * The pack as a Word document: Heading 1-3 styles (so officers can paste sections into committee
 * papers and keep the navigation pane), tables whose first row is a repeating header row, the
 * marking and page number in the header and footer. Charts become tables of bars (shaded cells),
 * since Word shows those without a picture.
 */
export async function packDocx(pack: PackDocument): Promise<Buffer> {
  const children: FileChild[] = [
    new Paragraph({ text: pack.cover[1]?.value ?? pack.title, heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: pack.kind ?? 'Board pack', size: 32 })] }),
    ...pack.cover.map(
      (c) =>
        new Paragraph({
          spacing: { before: 120 },
          children: [new TextRun({ text: `${c.label}: `, bold: true }), new TextRun(c.value)],
        }),
    ),
  ];
  for (const block of pack.blocks) {
    switch (block.kind) {
      case 'section':
        children.push(
          new Paragraph({ children: [new PageBreak()] }),
          new Paragraph({ text: block.title, heading: HeadingLevel.HEADING_1 }),
        );
        break;
      case 'heading':
        children.push(
          new Paragraph({
            text: block.text,
            heading: block.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3,
          }),
        );
        break;
      case 'paragraph':
        children.push(new Paragraph({ text: block.text, spacing: { after: 120 } }));
        break;
      case 'table':
        children.push(table(block.columns, block.rows), new Paragraph({ text: '' }));
        break;
      case 'bars':
        children.push(
          new Paragraph({ children: [new TextRun({ text: block.title, bold: true })], keepNext: true }),
          // The chart's alternative text, in words for everyone: a table of bars has no alt text of its own.
          new Paragraph({ children: [new TextRun({ text: block.alt, size: 18 })], keepNext: true }),
          barTable(block.bars),
          new Paragraph({ text: '' }),
        );
        break;
    }
  }
  const marking = new TextRun({ text: pack.marking, bold: true });
  const doc = new Document({
    title: pack.title,
    creator: 'Throughline',
    description: pack.kind ?? 'Board pack',
    styles: {
      default: { document: { run: { font: FONT, size: 22 } } },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
          },
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                children: [new TextRun({ text: `${pack.runningHeader}    `, size: 16 }), marking],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES],
                    size: 16,
                  }),
                  new TextRun({ text: `    ${pack.marking}`, bold: true, size: 16 }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function cellParagraphs(text: string, bold: boolean, color?: string): Paragraph[] {
  return text
    .split('\n')
    .map((line) => new Paragraph({ children: [new TextRun({ text: line, bold, color, size: 18 })] }));
}

function table(columns: Column[], rows: Cell[][]): Table {
  const widths = columns.map((c) => Math.round(c.width * TEXT_WIDTH));
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map(
      (c, i) =>
        new TableCell({
          width: { size: widths[i], type: WidthType.DXA },
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F3F2F1' },
          children: cellParagraphs(c.heading, true),
        }),
    ),
  });
  const body = rows.map(
    (cells) =>
      new TableRow({
        children: cells.map((cell, i) => {
          const rag = typeof cell === 'string' ? null : cell.rag;
          const text = typeof cell === 'string' ? cell : cell.text;
          return new TableCell({
            width: { size: widths[i], type: WidthType.DXA },
            shading: rag
              ? { type: ShadingType.CLEAR, color: 'auto', fill: hex(RAG_FILL[rag].fill) }
              : undefined,
            children: cellParagraphs(text, !!rag, rag ? hex(RAG_FILL[rag].text) : undefined),
          });
        }),
      }),
  );
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [header, ...body],
  });
}

/** A bar chart as a table: one row per bar, the bar a shaded run of the track's width. */
function barTable(bars: Bar[]): Table {
  const labelWidth = Math.round(TEXT_WIDTH * 0.35);
  const valueWidth = Math.round(TEXT_WIDTH * 0.15);
  const track = TEXT_WIDTH - labelWidth - valueWidth;
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const noBorders = { top: none, bottom: none, left: none, right: none };
  const bar = (b: Bar) => {
    const filled = Math.max(0, Math.round(track * (b.value ?? 0)));
    const cells: TableCell[] = [];
    const fill = b.rag ? hex(RAG_FILL[b.rag].fill) : '1D70B8';
    if (filled > 0) {
      cells.push(
        new TableCell({
          width: { size: filled, type: WidthType.DXA },
          borders: noBorders,
          shading: { type: ShadingType.CLEAR, color: 'auto', fill },
          children: [new Paragraph({ text: '' })],
        }),
      );
    }
    if (track - filled > 0) {
      cells.push(
        new TableCell({
          width: { size: track - filled, type: WidthType.DXA },
          borders: noBorders,
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F3F2F1' },
          children: [new Paragraph({ text: '' })],
        }),
      );
    }
    return new Table({
      width: { size: track, type: WidthType.DXA },
      columnWidths: cells.map((_, i) => (i === 0 && filled > 0 ? filled : track - filled)),
      rows: [new TableRow({ children: cells })],
    });
  };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [labelWidth, track, valueWidth],
    rows: [
      new TableRow({
        tableHeader: true,
        children: ['Measure', 'Chart', 'Value'].map(
          (h, i) =>
            new TableCell({
              width: { size: [labelWidth, track, valueWidth][i], type: WidthType.DXA },
              children: cellParagraphs(h, true),
            }),
        ),
      }),
      ...bars.map(
        (b) =>
          new TableRow({
            cantSplit: true,
            children: [
              new TableCell({
                width: { size: labelWidth, type: WidthType.DXA },
                children: cellParagraphs(b.label, false),
              }),
              new TableCell({
                width: { size: track, type: WidthType.DXA },
                children: [bar(b), new Paragraph('')],
              }),
              new TableCell({
                width: { size: valueWidth, type: WidthType.DXA },
                children: cellParagraphs(b.valueText, false),
              }),
            ],
          }),
      ),
    ],
  });
}
