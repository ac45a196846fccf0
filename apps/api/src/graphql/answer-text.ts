import type { FormattedExecutionResult } from 'graphql';

/**
 * Answers whose JSON text is made before Apollo serialises them: a stored record answer
 * (modules/rounds/record-answer.cache.ts), the roll-up (modules/rollup/rollup-answer.ts) and "what
 * changed" with its action lines written by PostgreSQL (modules/rollup/changes-answer.ts). The answer's
 * `data` object is the key; its text is sent as it is, byte for byte what JSON.stringify would give
 * for the executed answer.
 *
 * A text may be given in pieces (the lines of "what changed": megabytes at size L). Those are never
 * joined into one string: stringifyResult hands Apollo a mark for them, and the HTTP handler
 * (graphql/http-handler.ts) takes the pieces back by that mark and writes them into one reused buffer
 * (docs/decisions/0018-what-changed.md, "Sending the answer"). A piece is a string, or lines already
 * written as UTF-8 (AnswerLines).
 */

/**
 * Text already written as UTF-8: bytes [start, end) of `bytes` (the lines of a list, joined by commas).
 * `written` is called once they have been copied out (the buffer may then be reused).
 */
export interface AnswerLines {
  bytes: Buffer;
  start: number;
  end: number;
  written(): void;
}

export type AnswerPiece = string | AnswerLines;

const texts = new WeakMap<object, string | readonly AnswerPiece[]>();

/** Records `text` (one string, or pieces to be sent one after another) as the JSON text of `data`. */
export function setAnswerText(data: object, text: string | readonly AnswerPiece[]): void {
  texts.set(data, text);
}

/** Marks stringifyResult gives for answers in pieces: NUL-led, so never the text of an answer. */
const MARK = '\u0000answer:';
const waiting = new Map<string, readonly AnswerPiece[]>();
/** More answers in pieces than this waiting at once is a handler that never took them: forget the oldest. */
const MAX_WAITING = 256;
let marks = 0;

/**
 * Apollo's `stringifyResult`: an answer's text as it was made (setAnswerText), else as Apollo's own
 * (JSON.stringify and a newline). An answer in pieces is given as a mark that takeAnswerPieces reads.
 */
export function stringifyResult(value: FormattedExecutionResult): string {
  const text = !value.errors && !value.extensions && value.data ? texts.get(value.data) : undefined;
  if (text === undefined) return `${JSON.stringify(value)}\n`;
  if (typeof text === 'string') return `{"data":${text}}\n`;
  const mark = `${MARK}${(marks++).toString(36)}`;
  if (waiting.size >= MAX_WAITING) waiting.delete(waiting.keys().next().value!);
  waiting.set(mark, ['{"data":', ...text, '}\n']);
  return mark;
}

/**
 * The pieces of the whole response body (`{"data":`, the answer's pieces, `}` and a newline) that
 * `body` marks, or undefined when `body` is an ordinary text. A mark is taken once.
 */
export function takeAnswerPieces(body: string): readonly AnswerPiece[] | undefined {
  if (body.charCodeAt(0) !== 0 || !body.startsWith(MARK)) return undefined;
  const pieces = waiting.get(body);
  waiting.delete(body);
  return pieces;
}
