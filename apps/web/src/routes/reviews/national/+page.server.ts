import { WebNationalRecommendationsDocument } from '@throughline/sdk';
import { load as query } from '$lib/graphql/server-client';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const { nationalRecommendations } = await query(locals.api, WebNationalRecommendationsDocument, {});
  return { recommendations: nationalRecommendations };
};
