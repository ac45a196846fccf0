import { WebMyReturnsDocument } from '@throughline/sdk';
import { load as query } from '$lib/graphql/server-client';
import type { PageServerLoad } from './$types';

// "What is due from me": the returns of open rounds for the viewer's groups.
export const load: PageServerLoad = async ({ locals }) => {
  if (!locals.viewer?.memberships.length) return { myReturns: [] };
  return query(locals.api, WebMyReturnsDocument, {});
};
