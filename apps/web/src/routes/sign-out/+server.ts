import { redirect } from '@sveltejs/kit';
import { LogoutDocument } from '@throughline/sdk';
import { clearSession } from '$lib/server/session';
import type { RequestHandler } from './$types';

// A plain form POST (SvelteKit's origin check covers form bodies here too), so it works without JavaScript.
export const POST: RequestHandler = async ({ locals, cookies }) => {
  // End the session in the API too, so a copied cookie stops working.
  if (locals.sessionToken) await locals.api.mutation(LogoutDocument, {}).toPromise();
  clearSession(cookies);
  redirect(303, '/sign-in');
};
