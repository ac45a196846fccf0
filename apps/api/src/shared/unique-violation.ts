import { BadInputError } from '../errors/errors';

/** PostgreSQL's SQLSTATE for a unique constraint or index refusing a row. */
const UNIQUE_VIOLATION = '23505';

/**
 * True when `e` is PostgreSQL refusing a duplicate: from pg directly (`code`) or wrapped by TypeORM
 * (`driverError.code`), and, when `constraint` is given, from that constraint or unique index. Each
 * service then throws the error its contract names (CONFLICT or BAD_USER_INPUT on the field).
 */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const err = e as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  const code = err?.driverError?.code ?? err?.code;
  if (code !== UNIQUE_VIOLATION) return false;
  return constraint === undefined || (err.driverError?.constraint ?? err.constraint) === constraint;
}

/**
 * Runs a write, turning a unique violation (a concurrent duplicate past a friendly pre-check; from
 * `constraint` when given) into BAD_USER_INPUT on `field` with `message`: the one way a duplicate
 * becomes an input error.
 */
export async function saveUnique<T>(
  write: () => Promise<T>,
  field: string,
  message: string,
  constraint?: string,
): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isUniqueViolation(e, constraint)) throw new BadInputError(field, message);
    throw e;
  }
}
