import type { EntityManager } from 'typeorm';
import { BadInputError } from '../../errors/errors';
import { currentRequestId } from '../../logging/request-context';
import { assertNoPersonalIdentifiers } from '../voice/personal-identifiers';

/**
 * Redaction's shared rules (docs/security.md, "Redaction"; docs/decisions/0020-redaction.md). The
 * replacement itself is the database's (`redact_text`, `redact_jsonb` in the redaction migration), so
 * the rows, the staging copies and the audit snapshots are changed by exactly the same rule: each word
 * or phrase, in any case, with any run of white space inside a phrase, becomes REDACTION_MARKER.
 *
 * The words never leave the request: they are not logged, not written to the audit trail, and errors
 * about them name the field and the word's position in the list, never the word.
 */
export const REDACTION_MARKER = '[redacted]';

export const REDACTION_LIMITS = { words: 20, wordLength: 200, reason: 500 } as const;

export interface RedactionRequest {
  words: string[];
  reason: string;
}

/** Entity types the database's redaction path accepts. */
export type RedactableEntity = 'Feedback' | 'FeedbackResponse' | 'ActionUpdate';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const folded = (s: string) => s.replace(/\s+/g, ' ').toLowerCase();

/** Checks and tidies the words and the reason, else BAD_USER_INPUT naming `words` or `reason`. */
export function cleanRedaction(
  words: readonly string[] | null | undefined,
  reason: string | null | undefined,
) {
  const list: string[] = [];
  for (const [i, raw] of (words ?? []).entries()) {
    const w = typeof raw === 'string' ? raw.trim().replace(/\s+/g, ' ') : '';
    if (w === '') continue;
    if (w.length < 2) {
      throw new BadInputError(
        'words',
        `Word ${i + 1} is a single character: choose whole words or phrases.`,
        {
          index: i,
        },
      );
    }
    if (w.length > REDACTION_LIMITS.wordLength) {
      throw new BadInputError(
        'words',
        `Word ${i + 1} is longer than ${REDACTION_LIMITS.wordLength} characters.`,
        {
          index: i,
        },
      );
    }
    if (CONTROL.test(w)) {
      throw new BadInputError('words', `Word ${i + 1} contains characters that are not allowed.`, {
        index: i,
      });
    }
    if (!list.some((x) => folded(x) === folded(w))) list.push(w);
  }
  if (list.length === 0) throw new BadInputError('words', 'Choose at least one word or phrase to redact.');
  if (list.length > REDACTION_LIMITS.words) {
    throw new BadInputError('words', `Redact at most ${REDACTION_LIMITS.words} words or phrases at a time.`);
  }
  const why = typeof reason === 'string' ? reason.trim() : '';
  if (why === '') throw new BadInputError('reason', 'Give the reason for the redaction.');
  if (why.length > REDACTION_LIMITS.reason) {
    throw new BadInputError('reason', `The reason must be at most ${REDACTION_LIMITS.reason} characters.`);
  }
  if (CONTROL.test(why))
    throw new BadInputError('reason', 'The reason contains characters that are not allowed.');
  if (list.some((w) => folded(why).includes(folded(w)))) {
    throw new BadInputError(
      'reason',
      'The reason is kept in the audit trail: it must not repeat the words being redacted.',
    );
  }
  assertNoPersonalIdentifiers('reason', why, 'The reason is kept in the audit trail');
  return { words: list, reason: why } satisfies RedactionRequest;
}

/**
 * Refuses words that occur in none of the texts (BAD_USER_INPUT on `words`, with their positions),
 * matching them as the database will replace them.
 */
export async function assertWordsOccur(
  manager: EntityManager,
  texts: ReadonlyArray<string | null>,
  words: readonly string[],
): Promise<void> {
  const rows: Array<{ i: number }> = await manager.query(
    `SELECT w.i::int - 1 AS i FROM unnest($1::text[]) WITH ORDINALITY AS w(word, i)
      WHERE NOT EXISTS (SELECT 1 FROM unnest($2::text[]) AS t(text)
                         WHERE t.text ~* redaction_pattern(ARRAY[w.word]))
      ORDER BY w.i`,
    [words, texts.filter((t): t is string => t != null)],
  );
  if (rows.length === 0) return;
  const positions = rows.map((r) => r.i + 1).join(', ');
  throw new BadInputError(
    'words',
    rows.length === 1
      ? `Word ${positions} does not occur in the text.`
      : `Words ${positions} do not occur in the text.`,
    { missing: rows.map((r) => r.i) },
  );
}

/**
 * Replaces the words in every earlier audit snapshot of one record and writes the redaction's own
 * entry (who, why, how many snapshots; not the words), through the database's one audited path
 * (`redact_audit_snapshots`), in the caller's transaction. Returns how many snapshots changed.
 */
export async function redactAuditTrail(
  manager: EntityManager,
  record: {
    partnershipId: string;
    actorId: string;
    operation: string;
    entityType: RedactableEntity;
    entityId: string;
    redaction: RedactionRequest;
    /** Extra, word-free facts for the redaction's entry, e.g. the new version and the fields changed. */
    details: Record<string, unknown>;
  },
): Promise<number> {
  const [{ n }]: Array<{ n: number }> = await manager.query(
    `SELECT redact_audit_snapshots($1, $2, $3, $4, $5, $6::text[], $7, $8, $9::jsonb) AS n`,
    [
      record.partnershipId,
      record.actorId,
      record.operation,
      record.entityType,
      record.entityId,
      record.redaction.words,
      record.redaction.reason,
      currentRequestId() ?? null,
      JSON.stringify(record.details),
    ],
  );
  return n;
}
