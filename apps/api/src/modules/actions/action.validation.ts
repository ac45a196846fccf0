import { BadInputError } from '../../errors/errors';
import { isIsoDate } from '../../shared/dates';

export { text } from '../../shared/text';

/** A calendar date (YYYY-MM-DD) or null when absent. */
export function date(field: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (!isIsoDate(value))
    throw new BadInputError(field, `${field} must be a real date written as YYYY-MM-DD.`);
  return value;
}

export { isUuid } from '../../database/ids';

/**
 * A client-made idempotency key: absent is null; otherwise 8 to 100 URL-safe characters, so that a
 * UUID fits and an accidental "1" does not (short keys from different forms would clash).
 */
export function clientKey(field: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' || !/^[A-Za-z0-9_.:-]{8,100}$/.test(value)) {
    throw new BadInputError(
      field,
      `${field} must be 8 to 100 letters, digits or "-", "_", ".", ":" (a UUID is ideal).`,
    );
  }
  return value;
}
