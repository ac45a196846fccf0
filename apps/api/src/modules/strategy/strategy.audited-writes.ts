import type { DataSource, DeepPartial, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { NotFoundError } from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { updateVersioned } from '../../shared/versioned-update';
import { snapshot, writeAudit } from '../audit/audit.service';
import { IndicatorEntity } from './indicator.entity';
import { ObjectiveEntity } from './objective.entity';
import { OutcomeEntity } from './outcome.entity';
import { StrategyEntity } from './strategy.entity';
import { findIndicatorIn, findObjectiveIn, findOutcomeIn, findStrategyIn } from './strategy.queries';

// The audited writes of the theory of change: every create and edit of StrategyService has one shape
// (createAudited, editAudited), and every change, IndicatorService's too, its audit entry (auditChange).

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

type Versioned = ObjectLiteral & { id: string; version: number };

/** A kind of record of the theory of change, as its writes need it. */
export interface Kind<E> {
  entity: EntityTarget<E>;
  /** The entity type of its audit entries and NOT_FOUND errors. */
  type: string;
  /** The record of a partnership by id, or null. */
  find: (m: EntityManager, partnershipId: string, id: string) => Promise<E | null>;
}

export const STRATEGY: Kind<StrategyEntity> = {
  entity: StrategyEntity,
  type: 'Strategy',
  find: findStrategyIn,
};
export const OBJECTIVE: Kind<ObjectiveEntity> = {
  entity: ObjectiveEntity,
  type: 'Objective',
  find: findObjectiveIn,
};
export const OUTCOME: Kind<OutcomeEntity> = { entity: OutcomeEntity, type: 'Outcome', find: findOutcomeIn };
export const INDICATOR: Kind<IndicatorEntity> = {
  entity: IndicatorEntity,
  type: 'Indicator',
  find: findIndicatorIn,
};

/**
 * Creates a record in one transaction: `valuesOf` checks what needs the database and gives the
 * values; the record is saved (through `guard`, e.g. a unique-key check) and audited as `operation`.
 */
export function createAudited<E extends ObjectLiteral & { id: string }>(
  db: DataSource,
  v: Viewer,
  kind: Kind<E>,
  operation: string,
  valuesOf: (tx: EntityManager) => Promise<DeepPartial<NoInfer<E>>>,
  guard: (save: () => Promise<E>) => Promise<E> = (save) => save(),
): Promise<E> {
  return db.transaction(async (tx) => {
    const repo = tx.getRepository(kind.entity);
    const values = await valuesOf(tx);
    const saved = await guard(() => repo.save(repo.create(values)));
    await auditChange(tx, v, operation, kind.type, saved.id, null, saved);
    return saved;
  });
}

/**
 * Edits a record in one transaction: the record of the viewer's partnership (else NOT_FOUND), the
 * changes `changesOf` checks and gives, a versioned write (through `guard`), audited as `operation`.
 */
export function editAudited<E extends Versioned>(
  db: DataSource,
  v: Viewer,
  kind: Kind<E>,
  operation: string,
  id: string,
  version: number,
  changesOf: (tx: EntityManager, current: NoInfer<E>) => Partial<NoInfer<E>> | Promise<Partial<NoInfer<E>>>,
  guard: (write: () => Promise<E>, current: E, changes: Partial<E>) => Promise<E> = (write) => write(),
): Promise<E> {
  return db.transaction(async (tx) => {
    const current = await kind.find(tx, v.partnershipId, id);
    if (!current) throw new NotFoundError(kind.type, id);
    const changes = await changesOf(tx, current);
    const updated = await guard(
      () => updateVersioned(tx, kind.entity, kind.type, current, version, changes),
      current,
      changes,
    );
    await auditChange(tx, v, operation, kind.type, id, current, updated);
    return updated;
  });
}
