import { actionImportUploadPath, type ActionImportAnswer } from '@throughline/sdk';
import { apiUrl } from '$lib/graphql/server-client';

/**
 * Sends an uploaded action plan to the API's upload route (multipart, as the browser sent it to us) with
 * the person's session as a Bearer token, and returns the API's answer. Plain Node fetch, like the
 * GraphQL client: the route lives in the API process, beside /graphql.
 */
export async function uploadActionPlan(opts: {
  token: string | null;
  clientAddress?: string;
  strategyId: string;
  file: File;
  defaultGroupId: string | null;
}): Promise<{ status: number; answer: ActionImportAnswer }> {
  const form = new FormData();
  form.append('file', opts.file, opts.file.name);
  if (opts.defaultGroupId) form.append('defaultGroupId', opts.defaultGroupId);
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.clientAddress) headers['x-forwarded-for'] = opts.clientAddress;
  const unavailable = {
    status: 502,
    answer: {
      errors: [{ message: 'The file could not be uploaded. Try again.', extensions: { code: 'NETWORK' } }],
    },
  };
  try {
    const res = await fetch(new URL(actionImportUploadPath(opts.strategyId), apiUrl()), {
      method: 'POST',
      headers,
      body: form,
    });
    if (!(res.headers.get('content-type') ?? '').includes('application/json')) return unavailable;
    return { status: res.status, answer: (await res.json()) as ActionImportAnswer };
  } catch {
    return unavailable;
  }
}
