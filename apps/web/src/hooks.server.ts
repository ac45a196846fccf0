import { redirect, type Handle, type HandleServerError } from '@sveltejs/kit';
import { MeDocument } from '@throughline/sdk';
import { createServerClient } from '$lib/graphql/server-client';
import { SESSION_COOKIE, clearSession } from '$lib/server/session';

/** Pages anyone may open without signing in. */
const PUBLIC_PATHS = new Set(['/sign-in']);

export const handle: Handle = async ({ event, resolve }) => {
  const token = event.cookies.get(SESSION_COOKIE) ?? null;
  let clientAddress: string | undefined;
  try {
    clientAddress = event.getClientAddress();
  } catch {
    clientAddress = undefined;
  }
  event.locals.sessionToken = token;
  event.locals.api = createServerClient({ token, clientAddress });
  event.locals.viewer = null;

  if (token) {
    const result = await event.locals.api.query(MeDocument, {}).toPromise();
    event.locals.viewer = result.data?.me ?? null;
    // An expired or revoked session: forget the cookie so the browser stops sending it.
    if (!event.locals.viewer && !result.error?.networkError) clearSession(event.cookies);
  }

  const isAsset = event.url.pathname.startsWith('/_app/') || event.url.pathname === '/favicon.svg';
  if (!event.locals.viewer && !PUBLIC_PATHS.has(event.url.pathname) && !isAsset) {
    const back = event.url.pathname + event.url.search;
    redirect(303, back === '/' ? '/sign-in' : `/sign-in?returnTo=${encodeURIComponent(back)}`);
  }

  const response = await resolve(event);
  if (!isAsset) {
    // Pages carry partnership data: never store them in a shared or browser cache.
    response.headers.set('cache-control', 'no-store');
    response.headers.set('x-content-type-options', 'nosniff');
    // same-origin, not no-referrer: with no-referrer browsers send `Origin: null` on form posts and
    // SvelteKit's CSRF check would refuse them.
    response.headers.set('referrer-policy', 'same-origin');
    response.headers.set('x-frame-options', 'DENY');
  }
  return response;
};

export const handleError: HandleServerError = ({ error, event, status }) => {
  if (status !== 404) console.error(event.url.pathname, error);
  return { message: status === 404 ? 'Page not found' : 'Sorry, there is a problem with the service.' };
};
