import {
  WebRecommendationThemesDocument,
  WebRecommendationsDocument,
  type RecommendationFilter,
  type RecommendationStatus,
} from '@throughline/sdk';
import { load as query } from '$lib/graphql/server-client';
import { RECOMMENDATION_STATUSES } from '$lib/features/reviews/labels';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const p = url.searchParams;
  const agency = (p.get('agency') ?? '').trim();
  const theme = p.get('theme') ?? '';
  const status = p.get('status') ?? '';
  const overdue = p.get('overdue') === 'yes';
  const filter: RecommendationFilter = {};
  if (agency) filter.agency = agency;
  if (theme) filter.theme = theme;
  if ((RECOMMENDATION_STATUSES as readonly string[]).includes(status))
    filter.status = [status as RecommendationStatus];
  if (overdue) filter.overdue = true;
  const [{ recommendations }, { recommendationThemes }] = await Promise.all([
    query(locals.api, WebRecommendationsDocument, { filter, first: 50, after: p.get('after') || null }),
    query(locals.api, WebRecommendationThemesDocument, {}),
  ]);
  return { recommendations, themes: recommendationThemes, filters: { agency, theme, status, overdue } };
};
