import { fail, redirect } from '@sveltejs/kit';
import type { OperationResult } from '@urql/core';
import { apiErrors } from '$lib/graphql/server-client';
import type { FormReader } from '$lib/forms';
import { toFormErrors } from './form-errors';

/**
 * The end of a form action that saves a record with optimistic concurrency. Success: redirect to
 * `done`. CONFLICT: the record as it is now (`current`), what this person typed, and the current
 * version, so a second save knowingly replaces the other change (or the page offers a reload).
 * Any other refusal: the errors, linked to `fields`.
 */
export async function finishVersionedSave<T>(
  result: OperationResult,
  form: FormReader,
  opts: {
    fields: readonly string[];
    aliases?: Record<string, string>;
    conflictMessage: string;
    current: () => Promise<T & { version: number }>;
    done: string;
  },
) {
  const errors = apiErrors(result);
  if (errors.some((e) => e.code === 'CONFLICT')) {
    const current = await opts.current();
    return fail(409, {
      errors: [{ message: opts.conflictMessage }],
      values: { ...form.values, version: String(current.version) },
      lists: form.lists,
      current: current as T | null,
    });
  }
  if (errors.length)
    return fail(400, { ...form.state(toFormErrors(errors, opts.fields, opts.aliases)), current: null });
  redirect(303, opts.done);
}
