import type { EntityManager } from 'typeorm';
import type { Viewer } from '../../shared/viewer';
import { snapshot, writeAudit } from '../audit/audit.service';

/**
 * The audit entry of a change to the theory of change or its measurements, by the viewer, in the
 * transaction `tx` that makes it (StrategyService and IndicatorService).
 */
export function auditChange(
  tx: EntityManager,
  v: Viewer,
  operation: string,
  entityType: string,
  entityId: string,
  before: object | null,
  after: object | null,
) {
  return writeAudit(tx, {
    partnershipId: v.partnershipId,
    actorId: v.id,
    operation,
    entityType,
    entityId,
    before: snapshot(before),
    after: snapshot(after),
  });
}
