import type { EntityManager } from 'typeorm';

/*
 * The audit module's SQL. Services keep the rules and call these functions; each takes the
 * EntityManager of the caller's transaction.
 */

/** One audit entry's row, its jsonb values as JSON text (null stays null). */
export interface AuditEntryRow {
  partnershipId: string;
  actorId: string | null;
  operation: string;
  entityType: string;
  entityId: string;
  /** JSON text, or null. */
  before: string | null;
  /** JSON text, or null. */
  after: string | null;
  requestId: string | null;
}

/** Inserts one audit entry with the caller's manager, i.e. inside the caller's transaction. */
export async function insertAuditEntry(manager: EntityManager, row: AuditEntryRow): Promise<void> {
  // jsonb values go in as JSON text: the query builder would otherwise try to expand plain objects.
  await manager.query(
    `INSERT INTO audit_entry (partnership_id, actor_id, operation, entity_type, entity_id, before, after, request_id)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8)`,
    [
      row.partnershipId,
      row.actorId,
      row.operation,
      row.entityType,
      row.entityId,
      row.before,
      row.after,
      row.requestId,
    ],
  );
}

/**
 * The audit entry of each row that `rows` (a data-modifying CTE of the caller's statement) returns, as a
 * further CTE of that statement: the entry commits with the change and costs no round trip of its own.
 * `entityId` and `after` are SQL over `rows`; parameters `$first` to `$first + 4` hold auditValues
 * (audit.service.ts): partnership, actor, operation, entity type, request id. `before` is null (a new row).
 */
export const auditEntryCte = (name: string, rows: string, entityId: string, after: string, first: number) =>
  `${name} AS (
    INSERT INTO audit_entry (partnership_id, actor_id, operation, entity_type, entity_id, before, after, request_id)
    SELECT $${first}::uuid, $${first + 1}::uuid, $${first + 2}::text, $${first + 3}::text, (${entityId})::text,
           NULL, ${after}, $${first + 4}::text
      FROM ${rows}
  )`;
