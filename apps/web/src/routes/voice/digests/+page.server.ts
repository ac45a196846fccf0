import { fail, redirect } from '@sveltejs/kit';
import { WebFeedbackDigestsDocument, WebPrepareFeedbackDigestDocument } from '@throughline/sdk';
import { apiErrors, load as query } from '$lib/graphql/server-client';
import { FormReader } from '$lib/forms';
import { toFormErrors } from '$lib/server/form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const { feedbackDigests, feedbackDigestDrafts } = await query(locals.api, WebFeedbackDigestsDocument, {});
  return {
    released: feedbackDigests,
    drafts: feedbackDigestDrafts,
    canRecord: !!locals.viewer?.permissions.recordFeedback,
  };
};

export const actions: Actions = {
  default: async ({ locals, request }) => {
    const form = new FormReader(await request.formData());
    const periodFrom = form.date('periodFrom', 'the first day of the period', true);
    const periodTo = form.date('periodTo', 'the last day of the period', true);
    if (!form.ok) return fail(400, form.state());
    const result = await locals.api
      .mutation(WebPrepareFeedbackDigestDocument, {
        input: { forum: form.text('forum'), periodFrom: periodFrom!, periodTo: periodTo! },
      })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.length)
      return fail(400, form.state(toFormErrors(errors, ['forum', 'periodFrom', 'periodTo'])));
    redirect(303, `/voice/digests/${result.data!.prepareFeedbackDigest.id}`);
  },
};
