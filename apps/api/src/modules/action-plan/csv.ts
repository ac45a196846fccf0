import { FileRefusedError } from './file-refused';

/**
 * Parses CSV (RFC 4180: commas, double quotes, "" inside quotes, CRLF or LF line ends, line breaks
 * inside quoted fields) into records of text, one per spreadsheet row. Every value stays text exactly as written: no number or
 * date guessing, and nothing is ever evaluated. The bytes must be UTF-8 (a byte-order mark is allowed).
 */
export function parseCsv(bytes: Buffer, maxRecords: number): string[][] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new FileRefusedError(
      'unreadable',
      'The CSV file is not UTF-8 text. In Excel, save it as "CSV UTF-8 (Comma delimited)".',
    );
  }
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    record.push(field);
    field = '';
    // Blank lines stay (as empty records) so record numbers are the row numbers a spreadsheet shows.
    records.push(record);
    record = [];
    if (records.length > maxRecords) {
      throw new FileRefusedError('too-many-rows', `The file has more than ${maxRecords} lines.`);
    }
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n') {
      endRecord();
    } else if (c === '\r') {
      if (text[i + 1] === '\n') i++;
      endRecord();
    } else {
      field += c;
    }
    i++;
  }
  if (quoted) {
    throw new FileRefusedError(
      'unreadable',
      `The CSV file has a quoted value that never ends (line ${records.length + 1}).`,
    );
  }
  if (field !== '' || record.length) endRecord();
  return records;
}
