import { WebReviewsDocument } from '@throughline/sdk';
import { load as query } from '$lib/graphql/server-client';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { reviews } = await query(locals.api, WebReviewsDocument, {});
  return { reviews, created: url.searchParams.get('created') === '1' };
};
