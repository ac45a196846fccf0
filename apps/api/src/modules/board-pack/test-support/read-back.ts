import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';

/**
 * Reading a produced pack back as its reader's software would: poppler for the PDF (pdfinfo,
 * pdftotext, pdffonts, pdftoppm), the zip's document.xml for Word.
 */

const run = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });

export function savePdf(bytes: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'board-pack-'));
  const file = join(dir, 'pack.pdf');
  writeFileSync(file, bytes);
  return file;
}

/** pdfinfo's "Key: value" lines as a record. */
export function pdfInfo(file: string): Record<string, string> {
  const info: Record<string, string> = {};
  for (const line of run('pdfinfo', [file]).split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) info[m[1].trim()] = m[2].trim();
  }
  return info;
}

/** The logical structure (tags) as pdfinfo -struct prints it: one element type per line, indented. */
export const pdfStructure = (file: string) => run('pdfinfo', ['-struct', file]);

export const pdfText = (file: string, page?: number) =>
  run('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', file, '-']);

/** pdffonts' table rows: name, type, whether embedded. */
export function pdfFonts(file: string): Array<{ name: string; embedded: boolean }> {
  const lines = run('pdffonts', [file]).split('\n').slice(2).filter(Boolean);
  return lines.map((l) => {
    const cols = l.trim().split(/\s+/);
    // name type [encoding...] emb sub uni object ID: "emb" is the fifth column from the end.
    return { name: cols[0], embedded: cols[cols.length - 5] === 'yes' };
  });
}

export interface PageImage {
  page: number;
  file: string;
  width: number;
  height: number;
  /** The box holding every pixel darker than near-white: [left, top, right, bottom] in pixels. */
  ink: [number, number, number, number] | null;
}

/** Renders pages with pdftoppm at `dpi` and finds where each page has ink. */
export function renderPages(
  file: string,
  dpi: number,
  outDir?: string,
  first?: number,
  last?: number,
): PageImage[] {
  const dir = outDir ?? mkdtempSync(join(tmpdir(), 'board-pack-png-'));
  const prefix = join(dir, 'page');
  run('pdftoppm', [
    '-r',
    String(dpi),
    '-png',
    ...(first ? ['-f', String(first)] : []),
    ...(last ? ['-l', String(last)] : []),
    file,
    prefix,
  ]);
  return readdirSync(dir)
    .filter((f) => f.startsWith('page') && f.endsWith('.png'))
    .sort()
    .map((f) => {
      const png = PNG.sync.read(readFileSync(join(dir, f)));
      return {
        page: Number(/(\d+)\.png$/.exec(f)![1]),
        file: join(dir, f),
        width: png.width,
        height: png.height,
        ink: inkBox(png),
      };
    });
}

function inkBox(png: PNG): PageImage['ink'] {
  let left = Infinity;
  let top = Infinity;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      if (png.data[i] < 235 || png.data[i + 1] < 235 || png.data[i + 2] < 235) {
        if (x < left) left = x;
        if (x > right) right = x;
        if (y < top) top = y;
        if (y > bottom) bottom = y;
      }
    }
  }
  return right < 0 ? null : [left, top, right, bottom];
}

/** word/document.xml of a .docx. */
export async function docxXml(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const doc = zip.file('word/document.xml');
  if (!doc) throw new Error('no word/document.xml in the file');
  return doc.async('string');
}

/** The text of a .docx's body, paragraph by paragraph (w:t runs joined). */
export function docxText(xml: string): string {
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
}

export interface PageWords {
  page: number;
  width: number;
  height: number;
  words: Array<{ text: string; xMin: number; yMin: number; xMax: number; yMax: number }>;
}

/** Each page's words with their boxes in points from the top-left corner (pdftotext -bbox). */
export function pdfWordBoxes(file: string): PageWords[] {
  const html = run('pdftotext', ['-bbox', file, '-']);
  return html
    .split('<page ')
    .slice(1)
    .map((chunk, i) => {
      const size = /width="([\d.]+)" height="([\d.]+)"/.exec(chunk)!;
      const words = [
        ...chunk.matchAll(
          /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g,
        ),
      ].map((m) => ({
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
        text: m[5],
      }));
      return { page: i + 1, width: Number(size[1]), height: Number(size[2]), words };
    });
}
