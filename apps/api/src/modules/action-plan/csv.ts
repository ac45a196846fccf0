import { CsvError, parse } from 'csv-parse/sync';
import { FileRefusedError } from './file-refused';

/**
 * Parses CSV (RFC 4180: commas, double quotes, "" inside quotes, CRLF, LF or CR line ends, line breaks
 * inside quoted values) into records of text, one per spreadsheet row, with csv-parse. Every value stays
 * text exactly as written: no number or date guessing, and nothing is ever evaluated. The bytes must be
 * UTF-8 (a byte-order mark is allowed).
 */
export function parseCsv(bytes: Buffer, maxRecords: number): string[][] {
  let text: string;
  try {
    // Decoded here rather than by csv-parse so that bytes that are not UTF-8 are refused, not replaced.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new FileRefusedError(
      'unreadable',
      'The CSV file is not UTF-8 text. In Excel, save it as "CSV UTF-8 (Comma delimited)".',
    );
  }
  let records: string[][];
  try {
    records = parse(text, {
      // Rows of a plan differ in length, and a stray quote inside a value is text, as Excel reads it.
      relax_column_count: true,
      relax_quotes: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      // Blank lines stay (as empty records) so record numbers are the row numbers a spreadsheet shows.
      skip_empty_lines: false,
      // One past the limit is enough to know the file is too long.
      to: maxRecords + 1,
    });
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new FileRefusedError(
        'unreadable',
        `The CSV file has a quoted value that never ends (the file ends on line ${e.lines}).`,
      );
    }
    throw new FileRefusedError('unreadable', `The CSV file could not be read (line ${e.lines}).`);
  }
  if (records.length > maxRecords) {
    throw new FileRefusedError('too-many-rows', `The file has more than ${maxRecords} lines.`);
  }
  return records;
}
