import type { FormattedExecutionResult } from 'graphql';

/**
 * Answers whose JSON text is made before Apollo serialises them: a stored record answer
 * (modules/rounds/record-answer.cache.ts) and "what changed" with its action lines written by
 * PostgreSQL (modules/rollup/changes-answer.ts). The answer's `data` object is the key; its text is sent
 * as it is, byte for byte what JSON.stringify would give for the executed answer.
 */
const texts = new WeakMap<object, string>();

/** Records `text` as the JSON text of `data`. */
export function setAnswerText(data: object, text: string): void {
  texts.set(data, text);
}

/**
 * Apollo's `stringifyResult`: an answer's text as it was made (setAnswerText), else as Apollo's own
 * (JSON.stringify and a newline).
 */
export function stringifyResult(value: FormattedExecutionResult): string {
  const text = !value.errors && !value.extensions && value.data ? texts.get(value.data) : undefined;
  return text !== undefined ? `{"data":${text}}\n` : `${JSON.stringify(value)}\n`;
}
