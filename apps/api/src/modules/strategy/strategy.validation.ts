import { BadInputError } from '../../errors/errors';
import { isIsoDate as isCalendarDate } from '../../shared/dates';

/** Sane lengths for the plan's text (a title fits a board report line; a description is a page). */
export const MAX_TITLE = 200;
export const MAX_DESCRIPTION = 5000;
export const MAX_CODE = 20;
export const MAX_UNIT = 50;
export const MAX_AREA = 100;

export { isUuid } from '../../database/ids';

export { text } from '../../shared/text';

/** A real calendar date written YYYY-MM-DD, 1900-2200 (services are also called directly, without the scalar). */
export function isIsoDate(value: unknown): value is string {
  return isCalendarDate(value, { from: 1900, to: 2200 });
}

export function optionalDate(field: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (!isIsoDate(value))
    throw new BadInputError(field, `${field} must be a real date written as YYYY-MM-DD.`);
  return value;
}

export function requiredDate(field: string, value: string | null | undefined): string {
  const v = optionalDate(field, value);
  if (v === null) throw new BadInputError(field, `Enter ${field}.`);
  return v;
}

/** A finite number (GraphQL's Float already refuses NaN and Infinity; direct callers might not). */
export function finite(field: string, value: number | null | undefined, required = false): number | null {
  if (value === null || value === undefined) {
    if (required) throw new BadInputError(field, `Enter ${field}.`);
    return null;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new BadInputError(field, `${field} must be a number.`);
  }
  return value;
}

export function intInRange(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadInputError(field, `${field} must be a whole number from ${min} to ${max}.`);
  }
  return value;
}

/** RAG thresholds are fractions of the score: 0 <= amber <= green <= 1. */
export function thresholds(green: number, amber: number): void {
  finite('greenThreshold', green, true);
  finite('amberThreshold', amber, true);
  if (green < 0 || green > 1)
    throw new BadInputError('greenThreshold', 'greenThreshold must be from 0 to 1.');
  if (amber < 0 || amber > 1)
    throw new BadInputError('amberThreshold', 'amberThreshold must be from 0 to 1.');
  if (amber > green) {
    throw new BadInputError('amberThreshold', 'amberThreshold must not be above greenThreshold.');
  }
}

export function period(startsOn: string | null, endsOn: string | null): void {
  if (startsOn && endsOn && endsOn < startsOn) {
    throw new BadInputError('endsOn', 'endsOn must not be before startsOn.');
  }
}
