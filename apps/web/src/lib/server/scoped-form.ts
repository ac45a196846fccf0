import type { ApiError } from '$lib/graphql/server-client';
import type { FormReader } from '$lib/forms';
import { toFormErrors } from './form-errors';

/**
 * For pages with several forms of one kind (one per objective, per indicator...): every field id is
 * `${key}-${field}`, so the error summary links to the right form's field, and the page knows which
 * form to reopen with what was typed.
 */
export interface ScopedFormState {
  key: string;
  errors: { field?: string; message: string }[];
  values: Record<string, string>;
  lists: Record<string, string[]>;
}

export function scopedFailure(
  key: string,
  form: FormReader,
  fields: readonly string[],
  apiErrors: ApiError[] = [],
  aliases: Record<string, string> = {},
): ScopedFormState {
  const ids = Object.fromEntries(fields.map((f) => [f, `${key}-${f}`]));
  for (const [from, to] of Object.entries(aliases)) ids[from] = `${key}-${to}`;
  const local = form.errors.map((e) => ({ ...e, field: e.field ? (ids[e.field] ?? e.field) : undefined }));
  return {
    key,
    errors: [...local, ...toFormErrors(apiErrors, Object.values(ids), ids)],
    values: form.values,
    lists: form.lists,
  };
}
