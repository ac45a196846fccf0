import type { EntityManager } from 'typeorm';

/*
 * Redaction's SQL (the replacement itself is the database's: redact_text, redact_jsonb,
 * redact_audit_snapshots in the redaction migration). Each function takes the caller's manager.
 */

/** Zero-based positions of the words that occur in none of the texts, matched as the database redacts. */
export async function missingWordPositions(
  manager: EntityManager,
  words: readonly string[],
  texts: readonly string[],
): Promise<number[]> {
  const rows: Array<{ i: number }> = await manager.query(
    `SELECT w.i::int - 1 AS i FROM unnest($1::text[]) WITH ORDINALITY AS w(word, i)
      WHERE NOT EXISTS (SELECT 1 FROM unnest($2::text[]) AS t(text)
                         WHERE t.text ~* redaction_pattern(ARRAY[w.word]))
      ORDER BY w.i`,
    [words, texts],
  );
  return rows.map((r) => r.i);
}

/** Calls `redact_audit_snapshots` (the one audited path); returns how many snapshots changed. */
export async function redactAuditSnapshots(
  manager: EntityManager,
  args: {
    partnershipId: string;
    actorId: string;
    operation: string;
    entityType: string;
    entityId: string;
    words: readonly string[];
    reason: string;
    requestId: string | null;
    /** JSON text of the redaction entry's word-free details. */
    details: string;
  },
): Promise<number> {
  const [{ n }]: Array<{ n: number }> = await manager.query(
    `SELECT redact_audit_snapshots($1, $2, $3, $4, $5, $6::text[], $7, $8, $9::jsonb) AS n`,
    [
      args.partnershipId,
      args.actorId,
      args.operation,
      args.entityType,
      args.entityId,
      args.words,
      args.reason,
      args.requestId,
      args.details,
    ],
  );
  return n;
}
