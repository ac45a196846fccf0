import { WebRecommendationThemesDocument } from '@throughline/sdk';
import { load as query } from '$lib/graphql/server-client';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const { recommendationThemes } = await query(locals.api, WebRecommendationThemesDocument, {});
  return { themes: recommendationThemes };
};
