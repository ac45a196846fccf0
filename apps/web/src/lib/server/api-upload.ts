import { apiUrl } from '$lib/graphql/server-client';

/**
 * Posts a multipart form to one of the API's file routes (beside /graphql) with the person's session
 * as a Bearer token, and returns the API's JSON answer. Plain Node fetch, like the GraphQL client.
 * Anything but JSON back (the API down, a proxy's error page) is a 502 with a NETWORK error.
 */
export async function postToApi<T>(opts: {
  path: string;
  form: FormData;
  token: string | null;
  clientAddress?: string;
}): Promise<{ status: number; answer: T | NetworkAnswer }> {
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
    const res = await fetch(new URL(opts.path, apiUrl()), { method: 'POST', headers, body: opts.form });
    if (!(res.headers.get('content-type') ?? '').includes('application/json')) return unavailable;
    return { status: res.status, answer: (await res.json()) as T };
  } catch {
    return unavailable;
  }
}

export interface NetworkAnswer {
  errors: Array<{ message: string; extensions: { code?: string; field?: string; reason?: string } }>;
}
