import type { EntityManager } from 'typeorm';
import type { Viewer } from '../../shared/viewer';
import type { ClosedRound, DatedWrite, Restated } from './closed-periods.service';

// The statements of the closed-period check (closed-periods.service.ts): the rounds a dated write
// reaches (locked FOR SHARE), what it restates, and the restatements it records.

export function roundsReachedByActionUpdate(
  tx: EntityManager,
  write: Extract<DatedWrite, { kind: 'actionUpdate' }>,
  partnershipId: string,
): Promise<ClosedRound[]> {
  return tx.query(
    `SELECT r.id, r.partnership_id, r.title, r.period_end::text, r.returns_due_on::text, r.status
         FROM reporting_round r JOIN action a ON a.strategy_id = r.strategy_id
        WHERE a.id = $1 AND r.partnership_id = $2 AND r.returns_due_on >= $3::date
        ORDER BY r.returns_due_on FOR SHARE OF r`,
    [write.actionId, partnershipId, write.reportedOn],
  );
}

/**
 * The same rounds as roundsReachedByActionUpdate (locked FOR SHARE, soonest due first), as one json
 * array column of a statement that has already locked the action FOR UPDATE: `strategyId` names the
 * locked row's strategy_id (e.g. a column of a materialized CTE holding the lock), so this subquery runs
 * for that row once it is locked, and the action is locked before its rounds, as when they were read by
 * a statement of their own. addActionUpdate reads them with its lock: one statement instead of two.
 */
export const roundsReachedByActionColumn = (
  strategyId: string,
  partnershipParam: string,
  dateParam: string,
) =>
  `(SELECT coalesce(json_agg(reached ORDER BY reached.returns_due_on), '[]'::json) FROM (
      SELECT r.id, r.partnership_id, r.title, r.period_end::text, r.returns_due_on::text, r.status
        FROM reporting_round r
       WHERE r.strategy_id = ${strategyId} AND r.partnership_id = ${partnershipParam}
         AND r.returns_due_on >= ${dateParam}::date
       ORDER BY r.returns_due_on FOR SHARE OF r) reached)`;

export function actionStateAsOf(
  tx: EntityManager,
  write: Extract<DatedWrite, { kind: 'actionUpdate' }>,
): Promise<Array<{ ref: string; title: string; status: string | null; rag: string | null }>> {
  return tx.query(
    `SELECT a.ref, a.title, u.status, u.rag FROM action a
           LEFT JOIN LATERAL (SELECT status, rag FROM action_update
             WHERE action_id = a.id AND reported_on <= $2::date
             ORDER BY reported_on DESC, seq DESC LIMIT 1) u ON true
          WHERE a.id = $1`,
    [write.actionId, write.reportedOn],
  );
}

export function roundsReachedByRecommendation(
  tx: EntityManager,
  partnershipId: string,
  write: Extract<DatedWrite, { kind: 'recommendationStatus' }>,
): Promise<ClosedRound[]> {
  return tx.query(
    `SELECT r.id, r.partnership_id, r.title, r.period_end::text, r.returns_due_on::text, r.status
         FROM reporting_round r
        WHERE r.partnership_id = $1 AND r.returns_due_on >= $2::date
        ORDER BY r.returns_due_on FOR SHARE OF r`,
    [partnershipId, write.effectiveOn],
  );
}

export function recommendationOf(
  tx: EntityManager,
  write: Extract<DatedWrite, { kind: 'recommendationStatus' }>,
): Promise<Array<{ ref: string; confidential: boolean }>> {
  return tx.query(
    `SELECT r.ref, rv.confidential FROM recommendation r JOIN review rv ON rv.id = r.review_id WHERE r.id = $1`,
    [write.recommendationId],
  );
}

export function roundsReachedByMeasurement(
  tx: EntityManager,
  write: Extract<DatedWrite, { kind: 'measurement' }>,
  partnershipId: string,
): Promise<ClosedRound[]> {
  return tx.query(
    `SELECT r.id, r.partnership_id, r.title, r.period_end::text, r.returns_due_on::text, r.status
       FROM indicator i JOIN outcome oc ON oc.id = i.outcome_id
       JOIN objective o ON o.id = oc.objective_id
       JOIN reporting_round r ON r.strategy_id = o.strategy_id
      WHERE i.id = $1 AND r.partnership_id = $2 AND r.period_end >= $3::date
      ORDER BY r.period_end FOR SHARE OF r`,
    [write.indicatorId, partnershipId, write.period],
  );
}

export function measurementOf(
  tx: EntityManager,
  write: Extract<DatedWrite, { kind: 'measurement' }>,
): Promise<Array<{ name: string; value: number | null }>> {
  return tx.query(
    `SELECT i.name, m.value FROM indicator i
       LEFT JOIN measurement m ON m.indicator_id = i.id AND m.period = $2::date AND m.area = $3
      WHERE i.id = $1`,
    [write.indicatorId, write.period, write.area],
  );
}

export function insertRestatement(
  tx: EntityManager,
  viewer: Viewer,
  round: { id: string },
  restated: Restated,
  reason: string,
): Promise<unknown> {
  return tx.query(
    `INSERT INTO restatement (partnership_id, round_id, entity_type, entity_id, field, effective_on, what,
           from_value, to_value, confidential, reason, by_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      viewer.partnershipId,
      round.id,
      restated.entityType,
      restated.entityId,
      restated.field,
      restated.effectiveOn,
      restated.what,
      restated.fromValue,
      restated.toValue,
      restated.confidential,
      reason,
      viewer.id,
    ],
  );
}
