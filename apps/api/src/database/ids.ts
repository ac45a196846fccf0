const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a value can be a row's id (every id is a uuid). A malformed id cannot name any record, so
 * callers answer it exactly as an unknown one, before it reaches SQL (where it would be an error).
 */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
