import type { ApiError } from '$lib/graphql/server-client';
import type { FormError } from '$lib/forms';

/**
 * The API's errors as error-summary entries. extensions.field names the input field
 * (e.g. "reportedOn", or "input.reportedOn" from GraphQL's own checks); `fields` maps it to the form's
 * input id when they differ. Unknown fields are still listed, unlinked, so no error is ever hidden.
 */
export function toFormErrors(
  errors: ApiError[],
  known: readonly string[],
  fields: Record<string, string> = {},
): FormError[] {
  return errors.map((e) => {
    const raw = e.field?.replace(/^input\./, '');
    const id = raw ? (fields[raw] ?? raw) : undefined;
    return { field: id && known.includes(id) ? id : undefined, message: readable(e) };
  });
}

function readable(e: ApiError): string {
  if (e.code === 'FORBIDDEN') return 'You do not have permission to do this.';
  if (e.code === 'UNAUTHENTICATED') return 'Your session has ended. Sign in again.';
  if (e.code === 'NETWORK' || e.code === 'INTERNAL_SERVER_ERROR') return e.message;
  // A message that starts "field: ..." loses the prefix: the summary links the field already.
  const m = e.message.replace(/^[\w.]+:\s*/, '');
  return m.charAt(0).toUpperCase() + m.slice(1);
}
