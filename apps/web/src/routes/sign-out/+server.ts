import { error, redirect } from '@sveltejs/kit';
import { LogoutDocument } from '@throughline/sdk';
import { clearSession } from '$lib/server/session';
import type { RequestHandler } from './$types';

// A plain form POST, so it works without JavaScript. SvelteKit checks the origin of form bodies only:
// a POST with no content type would skip it (a same-site page could sign people out), so the origin
// is checked here for every POST. Browsers send Origin on every POST, forms included.
export const POST: RequestHandler = async ({ locals, cookies, request, url }) => {
  if (request.headers.get('origin') !== url.origin) error(403, 'Cross-site sign-out is not allowed');
  // End the session in the API too, so a copied cookie stops working.
  if (locals.sessionToken) await locals.api.mutation(LogoutDocument, {}).toPromise();
  clearSession(cookies);
  redirect(303, '/sign-in');
};
