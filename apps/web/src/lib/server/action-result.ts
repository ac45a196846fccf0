import { fail, redirect } from '@sveltejs/kit';
import type { OperationResult } from '@urql/core';
import { apiErrors } from '$lib/graphql/server-client';
import type { FormReader, FormState } from '$lib/forms';
import { toFormErrors } from './form-errors';

/**
 * The end of a form action on a page with several forms (`key` names which one, so the page shows the
 * errors by it): refused, the errors linked to `fields` (a CONFLICT says `conflictMessage`) and what
 * was typed; else a redirect to `done`.
 */
export function finishAction(
  key: string,
  result: OperationResult,
  form: FormReader,
  opts: { fields: readonly string[]; done: string; conflictMessage?: string },
) {
  const errors = apiErrors(result);
  if (opts.conflictMessage && errors.some((e) => e.code === 'CONFLICT'))
    return fail(409, { [key]: form.state([{ message: opts.conflictMessage }]) } as Record<string, FormState>);
  if (errors.length)
    return fail(400, { [key]: form.state(toFormErrors(errors, opts.fields)) } as Record<string, FormState>);
  redirect(303, opts.done);
}
