import type { DataSource, EntityManager } from 'typeorm';
import type { Viewer } from '../../shared/viewer';
import { currentRequestId } from '../../logging/request-context';
import { AuditEntryEntity } from './audit-entry.entity';
import { requireAccess } from '../../access';
import { insertAuditEntry } from './audit.queries';

export { auditEntryCte } from './audit.queries';

export interface AuditRecord {
  partnershipId: string;
  actorId: string | null;
  /** The mutation or system operation, e.g. "updateAction". */
  operation: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** Plain JSON copy of an entity for the audit trail; never include secrets such as password hashes. */
export function snapshot<T extends object>(entity: T | null | undefined, omit: (keyof T)[] = []): unknown {
  if (!entity) return null;
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entity)) {
    if (omit.includes(k as keyof T)) continue;
    if (v !== null && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v)) continue;
    copy[k] = v;
  }
  return JSON.parse(JSON.stringify(copy));
}

/**
 * Writes an audit entry with the caller's EntityManager, i.e. inside the caller's transaction:
 * the change and its audit entry commit or roll back together.
 */
export async function writeAudit(manager: EntityManager, record: AuditRecord): Promise<void> {
  await insertAuditEntry(manager, {
    partnershipId: record.partnershipId,
    actorId: record.actorId,
    operation: record.operation,
    entityType: record.entityType,
    entityId: record.entityId,
    before: record.before == null ? null : JSON.stringify(record.before),
    after: record.after == null ? null : JSON.stringify(record.after),
    requestId: currentRequestId() ?? null,
  });
}

/**
 * The parameters of an entry written by auditEntryCte, in its order: what writeAudit writes, but for a
 * write that inserts its entry in the statement that makes the change.
 */
export function auditValues(
  record: Pick<AuditRecord, 'partnershipId' | 'actorId' | 'operation' | 'entityType'>,
): unknown[] {
  return [
    record.partnershipId,
    record.actorId,
    record.operation,
    record.entityType,
    currentRequestId() ?? null,
  ];
}

/** Reading the audit trail (ADMIN only). There is deliberately no way to change or delete an entry. */
export class AuditService {
  constructor(private readonly db: DataSource) {}

  /** Every entry about one record of the viewer's partnership, oldest first. */
  async trail(viewer: Viewer | null, entityType: string, entityId: string): Promise<AuditEntryEntity[]> {
    const admin = requireAccess(viewer, 'administer');
    return this.db.getRepository(AuditEntryEntity).find({
      where: { partnershipId: admin.partnershipId, entityType, entityId },
      order: { at: 'ASC', id: 'ASC' },
    });
  }
}
