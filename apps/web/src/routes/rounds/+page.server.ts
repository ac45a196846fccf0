import { WebRoundsDocument, WebStrategyRoundsDocument } from '@throughline/sdk';
import { load as query } from '$lib/graphql/server-client';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const { strategies } = await query(locals.api, WebRoundsDocument, {});
  // A partnership has one or two strategies: one small query each.
  const rounds = await Promise.all(
    strategies.map(async (s) => ({
      strategy: s,
      rounds: (await query(locals.api, WebStrategyRoundsDocument, { strategyId: s.id })).reportingRounds,
    })),
  );
  return { strategies: rounds };
};
