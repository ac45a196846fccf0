import { error, fail, redirect } from '@sveltejs/kit';
import { WebFeedbackDigestDocument, WebReleaseFeedbackDigestDocument } from '@throughline/sdk';
import { apiErrors } from '$lib/graphql/server-client';
import { FormReader } from '$lib/forms';
import { toFormErrors } from '$lib/server/form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const result = await locals.api.query(WebFeedbackDigestDocument, { id: params.id }).toPromise();
  // A draft is NOT_FOUND for anyone but facilitators and admins: the page says "not found" too.
  if (apiErrors(result).some((e) => e.code === 'NOT_FOUND') || !result.data?.feedbackDigest) {
    error(404, 'Page not found');
  }
  return {
    digest: result.data.feedbackDigest,
    canRecord: !!locals.viewer?.permissions.recordFeedback,
    released: url.searchParams.get('released') === '1',
  };
};

export const actions: Actions = {
  release: async ({ locals, params, request }) => {
    const form = new FormReader(await request.formData());
    const result = await locals.api
      .mutation(WebReleaseFeedbackDigestDocument, { id: params.id, version: Number(form.text('version')) })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.length)
      return fail(errors[0].code === 'CONFLICT' ? 409 : 400, form.state(toFormErrors(errors, [])));
    redirect(303, `/voice/digests/${params.id}?released=1`);
  },
};
