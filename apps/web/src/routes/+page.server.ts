import { WebImportChoicesDocument, WebUsersDocument } from '@throughline/sdk';
import { load as query } from '$lib/graphql/server-client';
import type { PageServerLoad } from './$types';

/**
 * An administrator of a partnership that is still empty gets a first-run checklist: what is set up
 * already, and where to do the rest.
 */
export const load: PageServerLoad = async ({ locals }) => {
  if (!locals.viewer?.permissions.administer) return { setup: null };
  const [{ strategies, operationalGroups }, { users }] = await Promise.all([
    query(locals.api, WebImportChoicesDocument, {}),
    query(locals.api, WebUsersDocument, {}),
  ]);
  const setup = {
    strategy: strategies.length > 0,
    groups: operationalGroups.length > 0,
    users: users.length > 1,
  };
  return { setup: setup.strategy && setup.groups && setup.users ? null : setup };
};
