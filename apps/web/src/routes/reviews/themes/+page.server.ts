import { WebLearningThemesDocument, WebRecommendationThemesDocument } from '@throughline/sdk';
import { load as query } from '$lib/graphql/server-client';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const [{ recommendationThemes }, { learningThemes }] = await Promise.all([
    query(locals.api, WebRecommendationThemesDocument, {}),
    query(locals.api, WebLearningThemesDocument, {}),
  ]);
  return { themes: recommendationThemes, learning: learningThemes };
};
