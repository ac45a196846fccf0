import type { EntityManager } from 'typeorm';
import { BadInputError } from '../../errors/errors';
import { currentRequestId } from '../../logging/request-context';
import { assertNoPersonalIdentifiers } from '../voice';
import { missingWordPositions, redactAuditSnapshots } from './redaction.queries';

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
  const missing = await missingWordPositions(
    manager,
    words,
    texts.filter((t): t is string => t != null),
  );
  if (missing.length === 0) return;
  const positions = missing.map((i) => i + 1).join(', ');
  throw new BadInputError(
    'words',
    missing.length === 1
      ? `Word ${positions} does not occur in the text.`
      : `Words ${positions} do not occur in the text.`,
    { missing },
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
  return redactAuditSnapshots(manager, {
    partnershipId: record.partnershipId,
    actorId: record.actorId,
    operation: record.operation,
    entityType: record.entityType,
    entityId: record.entityId,
    words: record.redaction.words,
    reason: record.redaction.reason,
    requestId: currentRequestId() ?? null,
    details: JSON.stringify(record.details),
  });
}
