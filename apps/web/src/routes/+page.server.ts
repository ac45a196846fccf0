import { SignInAlertDocument, WebImportChoicesDocument, WebUsersDocument } from '@throughline/sdk';
import { load as query } from '$lib/graphql/server-client';
import type { PageServerLoad } from './$types';

/**
 * Wrong passwords given for this account before this sign-in (a notice for the first page after
 * signing in), and for an administrator of a partnership that is still empty a first-run checklist.
 */
export const load: PageServerLoad = async ({ locals }) => {
  const alert = await locals.api.query(SignInAlertDocument, {}).toPromise();
  const signInAlert = alert.data?.me?.signInAlert ?? null;
  if (!locals.viewer?.permissions.administer) return { setup: null, signInAlert };
  const [{ strategies, operationalGroups }, { users }] = await Promise.all([
    query(locals.api, WebImportChoicesDocument, {}),
    query(locals.api, WebUsersDocument, {}),
  ]);
  const setup = {
    strategy: strategies.length > 0,
    groups: operationalGroups.length > 0,
    users: users.length > 1,
  };
  return { setup: setup.strategy && setup.groups && setup.users ? null : setup, signInAlert };
};
