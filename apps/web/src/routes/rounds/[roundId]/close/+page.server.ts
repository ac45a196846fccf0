import { error, fail, redirect } from '@sveltejs/kit';
import { CloseReportingRoundDocument, WebRoundOverviewDocument } from '@throughline/sdk';
import { apiErrors, load as query } from '$lib/graphql/server-client';
import { toFormErrors } from '$lib/server/form-errors';
import type { Actions, PageServerLoad } from './$types';

// Closing a round, confirmed on its own page (a plain form: works without JavaScript). The API
// decides who may close it (an admin) and refuses a round already closed.
export const load: PageServerLoad = async ({ locals, params }) => {
  const { reportingRound } = await query(locals.api, WebRoundOverviewDocument, { id: params.roundId });
  if (!reportingRound) error(404, { message: 'There is no such reporting round.' });
  if (reportingRound.status === 'CLOSED') redirect(303, `/rounds/${reportingRound.id}`);
  return { round: reportingRound };
};

export const actions: Actions = {
  default: async ({ locals, params }) => {
    const result = await locals.api.mutation(CloseReportingRoundDocument, { id: params.roundId }).toPromise();
    const errors = apiErrors(result);
    if (errors.length) return fail(400, { errors: toFormErrors(errors, []) });
    redirect(303, `/rounds/${params.roundId}?closed=1`);
  },
};
