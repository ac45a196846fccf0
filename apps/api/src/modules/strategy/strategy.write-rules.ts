import { BadInputError } from '../../errors/errors';
import { saveUnique } from '../../shared/unique-violation';
import { finite, intInRange } from './strategy.validation';

// The small rules StrategyService's writes share: positions, codes, nulls, tolerances.

const MAX_POSITION = 10_000;

/** An indicator's tolerance: a finite number, 0 or more (null when not given). */
export function tolerance(value: number | null | undefined): number | null {
  const t = finite('tolerance', value);
  if (t !== null && t < 0) throw new BadInputError('tolerance', 'The tolerance must be 0 or more.');
  return t;
}

/**
 * Two concurrent writes of the same objective code both pass the friendly check; the unique key then
 * refuses the second. Report that as the same input error instead of a masked internal one.
 */
export function codeUnique<T>(code: string, write: () => Promise<T>): Promise<T> {
  const message = `Objective code "${code}" is already used in this strategy.`;
  return saveUnique(write, 'code', message, 'uq_objective_code');
}

export function position(value: number | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  return intInRange('position', value, 0, MAX_POSITION);
}

/** Refuses a field that may be left out of a patch but not set to null. */
export function notNull<T>(field: string, value: T | null | undefined): T | undefined {
  if (value === null) throw new BadInputError(field, `${field} cannot be removed.`);
  return value;
}
