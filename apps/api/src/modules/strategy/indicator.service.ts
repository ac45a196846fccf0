import type { DataSource, EntityManager } from 'typeorm';
import { BadInputError, NotFoundError } from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { todayIso } from '../../shared/dates';
import type { IndicatorEntity } from './indicator.entity';
import { IndicatorTargetEntity } from './indicator-target.entity';
import { MeasurementEntity } from './measurement.entity';
import {
  insertMeasurement,
  lockIndicatorTarget,
  lockIndicatorTargetById,
  lockMeasurement,
  reviseMeasurement,
  strategyDatesOfIndicator,
  upsertIndicatorTarget,
  type PointKey,
} from './measurement.queries';
import { auditChange } from './strategy.audited-writes';
import { findIndicatorIn } from './strategy.queries';
import { ClosedPeriods } from '../rounds/closed-periods.service';
import type { IndicatorTargetInput, MeasurementInput } from './strategy.inputs';
import { MAX_AREA, MAX_TITLE, finite, isUuid, requiredDate, text } from './strategy.validation';
import { requireAccess } from '../../access';

/** The largest count a rate's numerator or denominator may hold (the column is a 32-bit int). */
const MAX_COUNT = 2_147_483_647;

function count(field: string, value: number | null | undefined, min: number): number {
  if (value === null || value === undefined) throw new BadInputError(field, `Enter the ${field}.`);
  if (!Number.isInteger(value) || value < min || value > MAX_COUNT) {
    throw new BadInputError(field, `The ${field} must be a whole number, ${min} or more.`);
  }
  return value;
}

/** The value, counts and source of a measurement from its input, by the indicator's kind. */
export function measuredValue(
  indicator: Pick<IndicatorEntity, 'isRate'>,
  input: Pick<MeasurementInput, 'value' | 'numerator' | 'denominator'>,
): { value: number; numerator: number | null; denominator: number | null } {
  if (!indicator.isRate) {
    if (input.numerator != null) {
      throw new BadInputError('numerator', 'This indicator is not a rate: give a value, not counts.');
    }
    if (input.denominator != null) {
      throw new BadInputError('denominator', 'This indicator is not a rate: give a value, not counts.');
    }
    return { value: finite('value', input.value, true)!, numerator: null, denominator: null };
  }
  if (input.value != null) {
    throw new BadInputError('value', 'This indicator is a rate: give the numerator and denominator instead.');
  }
  const denominator = count('denominator', input.denominator, 1);
  const numerator = count('numerator', input.numerator, 0);
  if (numerator > denominator) {
    throw new BadInputError('numerator', 'The numerator must not be more than the denominator.');
  }
  // Multiplied first, as the roll-up's SQL does, so that both give the same float.
  return { value: (100 * numerator) / denominator, numerator, denominator };
}

/**
 * Measurements and trajectories of indicators (docs/decisions/0009): recording a value with where it
 * comes from (a correction keeps the earlier value in measurement_revision), and the targets per
 * period. ADMIN only, audited in the same transaction.
 */
export class IndicatorService {
  constructor(private readonly db: DataSource) {}

  /**
   * Records an indicator's value for a period (and area). A value already recorded for the same
   * indicator, period and area is a correction: the earlier one is kept in the measurement's history
   * and the audit entry's `before`. The period may be neither in the future nor outside the
   * strategy's dates.
   */
  async recordMeasurement(viewer: Viewer, input: MeasurementInput): Promise<MeasurementEntity> {
    const v = requireAccess(viewer, 'strategy.build');
    const periodOn = requiredDate('period', input.period);
    if (periodOn > todayIso()) throw new BadInputError('period', 'The period must not be in the future.');
    // Partnership-wide is stored as '' so the unique key (indicator, period, area) covers it too.
    const area = text('area', input.area, { max: MAX_AREA });
    const source = text('source', input.source, { max: MAX_TITLE });
    return this.db.transaction(async (tx) => {
      const indicator = await findIndicatorIn(tx, v.partnershipId, input.indicatorId);
      if (!indicator) throw new BadInputError('indicatorId', 'No such indicator.');
      await this.withinStrategy(tx, indicator.id, periodOn);
      const measured = measuredValue(indicator, input);
      const dated = { indicatorId: indicator.id, period: periodOn, area, value: measured.value };
      await ClosedPeriods.check(tx, v, { kind: 'measurement', ...dated }, input.restatementReason);
      const key: PointKey = [indicator.id, periodOn, area];
      let existing = await lockMeasurement(tx, key);
      if (!existing) {
        const insertedId = await insertMeasurement(tx, key, measured, source, v.id);
        if (insertedId) {
          const saved = await tx.getRepository(MeasurementEntity).findOneByOrFail({ id: insertedId });
          await auditChange(tx, v, 'recordMeasurement', 'Measurement', saved.id, null, saved);
          return saved;
        }
        // A concurrent first recording of the same key won: this one corrects it.
        existing = (await lockMeasurement(tx, key))!;
      }
      await reviseMeasurement(tx, existing.id, measured, source, v.id);
      const saved = await tx.getRepository(MeasurementEntity).findOneByOrFail({ id: existing.id });
      await auditChange(tx, v, 'recordMeasurement', 'Measurement', saved.id, existing, saved);
      return saved;
    });
  }

  /**
   * Sets the value to reach by a date (partnership-wide or for an area): one point of the trajectory.
   * A point already set for the same date and area is replaced (audited with the earlier value).
   */
  async setIndicatorTarget(viewer: Viewer, input: IndicatorTargetInput): Promise<IndicatorTargetEntity> {
    const v = requireAccess(viewer, 'strategy.build');
    const periodOn = requiredDate('period', input.period);
    const value = finite('value', input.value, true)!;
    const area = text('area', input.area, { max: MAX_AREA });
    return this.db.transaction(async (tx) => {
      const indicator = await findIndicatorIn(tx, v.partnershipId, input.indicatorId);
      if (!indicator) throw new BadInputError('indicatorId', 'No such indicator.');
      if (indicator.isRate && (value < 0 || value > 100)) {
        throw new BadInputError('value', 'A rate is a percentage: give a value from 0 to 100.');
      }
      await this.withinStrategy(tx, indicator.id, periodOn);
      const key: PointKey = [indicator.id, periodOn, area];
      const existing = await lockIndicatorTarget(tx, key);
      const id = await upsertIndicatorTarget(tx, key, value, v.id);
      const saved = await tx.getRepository(IndicatorTargetEntity).findOneByOrFail({ id });
      await auditChange(tx, v, 'setIndicatorTarget', 'IndicatorTarget', saved.id, existing, saved);
      return saved;
    });
  }

  /** Removes one point of a trajectory. */
  async removeIndicatorTarget(viewer: Viewer, id: string): Promise<boolean> {
    const v = requireAccess(viewer, 'strategy.build');
    return this.db.transaction(async (tx) => {
      const found = isUuid(id) ? await lockIndicatorTargetById(tx, id) : null;
      // Found only when its indicator is in the viewer's partnership.
      if (!found || !(await findIndicatorIn(tx, v.partnershipId, found.indicatorId))) {
        throw new NotFoundError('IndicatorTarget', id);
      }
      await tx.getRepository(IndicatorTargetEntity).delete({ id: found.id });
      await auditChange(tx, v, 'removeIndicatorTarget', 'IndicatorTarget', found.id, found, null);
      return true;
    });
  }

  /** Refuses a period outside the dates of the indicator's strategy (when it has them). */
  private async withinStrategy(tx: EntityManager, indicatorId: string, periodOn: string): Promise<void> {
    const s = await strategyDatesOfIndicator(tx, indicatorId);
    if (s?.startsOn && periodOn < s.startsOn) {
      throw new BadInputError('period', `The period must not be before the strategy starts (${s.startsOn}).`);
    }
    if (s?.endsOn && periodOn > s.endsOn) {
      throw new BadInputError('period', `The period must not be after the strategy ends (${s.endsOn}).`);
    }
  }
}
