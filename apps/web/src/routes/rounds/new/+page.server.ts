import { error, fail, redirect } from '@sveltejs/kit';
import { WebOpenReportingRoundDocument, WebRoundsDocument } from '@throughline/sdk';
import { apiErrors, load as query } from '$lib/graphql/server-client';
import { FormReader } from '$lib/forms';
import { toFormErrors } from '$lib/server/form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  if (!locals.viewer?.permissions.administer)
    error(403, { message: 'Only an admin may open a reporting round.' });
  return query(locals.api, WebRoundsDocument, {});
};

const FIELDS = ['strategyId', 'title', 'periodEnd', 'returnsDueOn', 'boardMeetingOn'] as const;

export const actions: Actions = {
  default: async ({ locals, request }) => {
    const form = new FormReader(await request.formData());
    const periodEnd = form.date('periodEnd', 'the last day of the period', true);
    const returnsDueOn = form.date('returnsDueOn', 'when returns are due', true);
    const boardMeetingOn = form.date('boardMeetingOn', 'the board meeting date');
    if (!form.ok) return fail(400, form.state());
    const result = await locals.api
      .mutation(WebOpenReportingRoundDocument, {
        input: {
          strategyId: form.text('strategyId'),
          title: form.text('title'),
          periodEnd: periodEnd!,
          returnsDueOn: returnsDueOn!,
          boardMeetingOn,
        },
      })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.length) return fail(400, form.state(toFormErrors(errors, FIELDS)));
    redirect(303, `/rounds/${result.data!.openReportingRound.id}`);
  },
};
