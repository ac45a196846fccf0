import {
  SignInAlertDocument,
  WebImportChoicesDocument,
  WebMyReturnsDocument,
  WebUsersDocument,
} from '@throughline/sdk';
import { load as query } from '$lib/graphql/server-client';
import type { PageServerLoad } from './$types';

/**
 * Wrong passwords given for this account before this sign-in (a notice for the first page after
 * signing in); "What is due from me" (the returns of open rounds for the viewer's groups); and for an
 * administrator of a partnership that is still empty a first-run checklist.
 */
export const load: PageServerLoad = async ({ locals }) => {
  const alert = await locals.api.query(SignInAlertDocument, {}).toPromise();
  const signInAlert = alert.data?.me?.signInAlert ?? null;
  const { myReturns } = locals.viewer?.memberships.length
    ? await query(locals.api, WebMyReturnsDocument, {})
    : { myReturns: [] };
  if (!locals.viewer?.permissions.administer) return { setup: null, signInAlert, myReturns };
  const [{ strategies, operationalGroups }, { users }] = await Promise.all([
    query(locals.api, WebImportChoicesDocument, {}),
    query(locals.api, WebUsersDocument, {}),
  ]);
  const setup = {
    strategy: strategies.length > 0,
    groups: operationalGroups.length > 0,
    users: users.length > 1,
  };
  return {
    setup: setup.strategy && setup.groups && setup.users ? null : setup,
    signInAlert,
    myReturns,
  };
};
