import { BadInputError } from '../errors/errors';

/**
 * Trims and checks a text input: required text must have something besides spaces; every text has a
 * sane maximum. Returns the trimmed value ('' for an absent optional text).
 */
export function text(
  field: string,
  value: string | null | undefined,
  opts: { required?: boolean; max: number; label?: string },
): string {
  const label = opts.label ?? field;
  if (value !== null && value !== undefined && typeof value !== 'string') {
    throw new BadInputError(field, `${label} must be text.`);
  }
  const v = (value ?? '').trim();
  if (opts.required && v.length === 0) throw new BadInputError(field, `Enter ${label}.`);
  if (v.length > opts.max)
    throw new BadInputError(field, `${label} must be ${opts.max} characters or fewer.`);
  // Control characters other than newlines and tabs are never meant and break exports.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(v)) {
    throw new BadInputError(field, `${label} contains characters that are not allowed.`);
  }
  return v;
}
