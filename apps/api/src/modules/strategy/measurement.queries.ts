import type { EntityManager } from 'typeorm';
import { IndicatorTargetEntity } from './indicator-target.entity';
import { MeasurementEntity } from './measurement.entity';

// The SQL of measurements and trajectories (IndicatorService), each statement in the caller's
// transaction. A measurement or target point is keyed by (indicator, period, area); partnership-wide
// is the area ''.

export type PointKey = [indicatorId: string, period: string, area: string];

/** The figures a measurement records. */
export interface MeasuredFigures {
  value: number;
  numerator: number | null;
  denominator: number | null;
}

/** The measurement with this key, locked for update, or null. */
export function lockMeasurement(tx: EntityManager, [i, p, a]: PointKey): Promise<MeasurementEntity | null> {
  return tx
    .getRepository(MeasurementEntity)
    .createQueryBuilder('m')
    .setLock('pessimistic_write')
    .where('m.indicator_id = :i AND m.period = :p AND m.area = :a', { i, p, a })
    .getOne();
}

/** Records a first measurement for the key; its id, or null when one already exists (a concurrent first). */
export async function insertMeasurement(
  tx: EntityManager,
  key: PointKey,
  measured: MeasuredFigures,
  source: string | null,
  recordedBy: string,
): Promise<string | null> {
  const inserted = (await tx.query(
    `INSERT INTO measurement (indicator_id, period, area, value, numerator, denominator, source, recorded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT ON CONSTRAINT uq_measurement_period_area DO NOTHING
           RETURNING id`,
    [...key, measured.value, measured.numerator, measured.denominator, source, recordedBy],
  )) as Array<{ id: string }>;
  return inserted.length ? inserted[0].id : null;
}

/** Corrects a measurement: its current figures go to measurement_revision, replaced by these. */
export async function reviseMeasurement(
  tx: EntityManager,
  id: string,
  measured: MeasuredFigures,
  source: string | null,
  recordedBy: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO measurement_revision
           (measurement_id, value, numerator, denominator, source, recorded_by, recorded_at, replaced_by)
         SELECT id, value, numerator, denominator, source, recorded_by, recorded_at, $2
         FROM measurement WHERE id = $1`,
    [id, recordedBy],
  );
  await tx.query(
    `UPDATE measurement SET value = $2, numerator = $3, denominator = $4, source = $5,
           recorded_by = $6, recorded_at = now()
         WHERE id = $1`,
    [id, measured.value, measured.numerator, measured.denominator, source, recordedBy],
  );
}

/** The trajectory point with this key, locked for update, or null. */
export function lockIndicatorTarget(
  tx: EntityManager,
  [i, p, a]: PointKey,
): Promise<IndicatorTargetEntity | null> {
  return tx
    .getRepository(IndicatorTargetEntity)
    .createQueryBuilder('t')
    .setLock('pessimistic_write')
    .where('t.indicator_id = :i AND t.period = :p AND t.area = :a', { i, p, a })
    .getOne();
}

/** The trajectory point with this id, locked for update, or null. */
export function lockIndicatorTargetById(
  tx: EntityManager,
  id: string,
): Promise<IndicatorTargetEntity | null> {
  return tx
    .getRepository(IndicatorTargetEntity)
    .createQueryBuilder('t')
    .setLock('pessimistic_write')
    .where('t.id = :id', { id })
    .getOne();
}

/** Sets the trajectory point with this key (inserted, or its value replaced); its id. */
export async function upsertIndicatorTarget(
  tx: EntityManager,
  key: PointKey,
  value: number,
  setBy: string,
): Promise<string> {
  const rows = (await tx.query(
    `INSERT INTO indicator_target (indicator_id, period, area, value, set_by)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ON CONSTRAINT uq_indicator_target_period_area
         DO UPDATE SET value = EXCLUDED.value, set_by = EXCLUDED.set_by, set_at = now()
         RETURNING id`,
    [...key, value, setBy],
  )) as Array<{ id: string }>;
  return rows[0].id;
}

/** The dates of the strategy an indicator belongs to (either may be null). */
export async function strategyDatesOfIndicator(
  tx: EntityManager,
  indicatorId: string,
): Promise<{ startsOn: string | null; endsOn: string | null } | undefined> {
  const [s] = (await tx.query(
    `SELECT s.starts_on AS "startsOn", s.ends_on AS "endsOn"
       FROM indicator i JOIN outcome oc ON oc.id = i.outcome_id JOIN objective o ON o.id = oc.objective_id
       JOIN strategy s ON s.id = o.strategy_id WHERE i.id = $1`,
    [indicatorId],
  )) as Array<{ startsOn: string | null; endsOn: string | null }>;
  return s;
}
