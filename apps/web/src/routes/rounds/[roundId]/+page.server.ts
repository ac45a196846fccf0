import { error } from '@sveltejs/kit';
import { WebRoundOverviewDocument } from '@throughline/sdk';
import { load as query } from '$lib/graphql/server-client';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const { reportingRound } = await query(locals.api, WebRoundOverviewDocument, { id: params.roundId });
  if (!reportingRound) error(404, { message: 'There is no such reporting round.' });
  return {
    round: reportingRound,
    opened: url.searchParams.get('opened') === '1',
    closed: url.searchParams.get('closed') === '1',
  };
};
