import { SignInAlertDocument } from '@throughline/sdk';
import type { PageServerLoad } from './$types';

// Wrong passwords given for this account before this sign-in, so the person can act if it was not them.
// Asked here only (not in every request's `me`): it is a notice for the first page after signing in.
export const load: PageServerLoad = async ({ locals }) => {
  const result = await locals.api.query(SignInAlertDocument, {}).toPromise();
  return { signInAlert: result.data?.me?.signInAlert ?? null };
};
