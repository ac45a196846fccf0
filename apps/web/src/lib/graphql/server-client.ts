import {
  Client,
  fetchExchange,
  type AnyVariables,
  type OperationResult,
  type TypedDocumentNode,
} from '@urql/core';
import { env } from '$env/dynamic/private';
import { error } from '@sveltejs/kit';

/**
 * Where the API's /graphql answers. In production the API process serves this app on the same port,
 * so loopback on PORT reaches it without leaving the machine; THROUGHLINE_API_URL overrides (vite dev).
 */
export function apiUrl(): string {
  return env.THROUGHLINE_API_URL || `http://127.0.0.1:${env.PORT || '4000'}/graphql`;
}

/**
 * A client for one request, carrying the user's session as a Bearer token. Plain Node fetch, not
 * event.fetch: SvelteKit would route a same-origin /graphql to itself rather than to the API.
 */
export function createServerClient(opts: { token: string | null; clientAddress?: string }): Client {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  // The API trusts loopback proxies, so its per-IP limits see the person, not this server.
  if (opts.clientAddress) headers['x-forwarded-for'] = opts.clientAddress;
  return new Client({
    url: apiUrl(),
    exchanges: [fetchExchange],
    // Apollo's CSRF prevention refuses simple GET requests; always POST JSON.
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetchOptions: { headers },
  });
}

export interface ApiError {
  message: string;
  code?: string;
  field?: string;
  extensions: Record<string, unknown>;
}

/** The GraphQL errors of a result, flattened to what forms and pages need. */
export function apiErrors(result: OperationResult): ApiError[] {
  if (!result.error) return [];
  if (result.error.graphQLErrors.length === 0) {
    return [{ message: 'The service is unavailable. Try again later.', code: 'NETWORK', extensions: {} }];
  }
  return result.error.graphQLErrors.map((e) => ({
    message: e.message,
    code: typeof e.extensions?.code === 'string' ? e.extensions.code : undefined,
    field: typeof e.extensions?.field === 'string' ? e.extensions.field : undefined,
    extensions: (e.extensions ?? {}) as Record<string, unknown>,
  }));
}

/** Run a query for a page load: errors become the right HTTP error page. */
export async function load<Data, Variables extends AnyVariables>(
  client: Client,
  doc: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): Promise<Data> {
  const result = await client.query(doc, variables).toPromise();
  const errors = apiErrors(result);
  if (errors.length) {
    const first = errors[0];
    const status =
      first.code === 'NOT_FOUND'
        ? 404
        : first.code === 'FORBIDDEN'
          ? 403
          : first.code === 'UNAUTHENTICATED'
            ? 401
            : first.code === 'BAD_USER_INPUT'
              ? 400
              : 502;
    error(status, {
      message: status === 502 ? 'Sorry, there is a problem with the service.' : first.message,
    });
  }
  return result.data as Data;
}
