import zlib from 'node:zlib';
import { FileRefusedError } from './file-refused';

export interface ZipLimits {
  /** Most entries an XLSX may hold (a workbook has a few dozen). */
  maxEntries: number;
  /** Most bytes all entries may unpack to, measured while inflating, not taken from the headers. */
  maxUnpackedBytes: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Unpacks a ZIP (an XLSX is one) within limits, before any spreadsheet library sees it: a 2 MB upload
 * can inflate to gigabytes (a "zip bomb"), and the sizes a ZIP declares can lie, so every entry is
 * really inflated with a cap on its output. Refuses encrypted, ZIP64 and oddly compressed archives.
 * Returns the entries by name.
 */
export function unpackZip(buf: Buffer, limits: ZipLimits): Map<string, Buffer> {
  const unreadable = (why: string) =>
    new FileRefusedError('unreadable', `The file could not be read as an Excel workbook (${why}).`);
  const eocd = findEndOfCentralDirectory(buf);
  if (eocd < 0) throw unreadable('no ZIP directory');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw unreadable('ZIP64 is not supported');
  if (count > limits.maxEntries) throw unreadable(`more than ${limits.maxEntries} parts`);
  if (cdOffset + cdSize > buf.length) throw unreadable('truncated');

  const entries = new Map<string, Buffer>();
  let budget = limits.maxUnpackedBytes;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw unreadable('damaged directory');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extraLength + commentLength;

    if (flags & 0x1) throw unreadable('it is password-protected');
    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== LOCAL)
      throw unreadable('damaged entry');
    const start = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    if (start + compressedSize > buf.length) throw unreadable('truncated entry');
    const data = buf.subarray(start, start + compressedSize);
    if (name.endsWith('/')) continue;

    let out: Buffer;
    if (method === 0) {
      out = data;
    } else if (method === 8) {
      try {
        // One byte over the budget is enough to know it is too much.
        out = zlib.inflateRawSync(data, { maxOutputLength: budget + 1 });
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
          throw tooBig(limits);
        }
        throw unreadable('damaged compressed data');
      }
    } else {
      throw unreadable('unsupported compression');
    }
    if (out.length > budget) throw tooBig(limits);
    budget -= out.length;
    entries.set(name.replace(/^\//, ''), out);
  }
  return entries;
}

function tooBig(limits: ZipLimits) {
  const mb = Math.round(limits.maxUnpackedBytes / 1024 / 1024);
  return new FileRefusedError(
    'too-large',
    `The workbook unpacks to more than ${mb} MB. Remove other sheets, pictures or formatting, or split the plan.`,
  );
}

/** The end-of-central-directory record is in the last 64 KiB + 22 bytes (its comment is at most 64 KiB). */
function findEndOfCentralDirectory(buf: Buffer): number {
  const min = Math.max(0, buf.length - 65_557);
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === EOCD) return i;
  }
  return -1;
}
