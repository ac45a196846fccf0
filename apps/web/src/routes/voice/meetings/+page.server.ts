import { fail, redirect } from '@sveltejs/kit';
import { WebForumMeetingsDocument, WebRecordForumMeetingDocument } from '@throughline/sdk';
import { apiErrors, load as query } from '$lib/graphql/server-client';
import { FormReader } from '$lib/forms';
import { toFormErrors } from '$lib/server/form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => ({
  meetings: (await query(locals.api, WebForumMeetingsDocument, {})).forumMeetings,
  canRecord: !!locals.viewer?.permissions.recordFeedback,
  saved: url.searchParams.get('saved'),
});

export const actions: Actions = {
  default: async ({ locals, request }) => {
    const form = new FormReader(await request.formData());
    const heldOn = form.date('heldOn', 'the date of the meeting', true);
    if (!form.ok) return fail(400, form.state());
    const result = await locals.api
      .mutation(WebRecordForumMeetingDocument, { input: { forum: form.text('forum'), heldOn: heldOn! } })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.length) return fail(400, form.state(toFormErrors(errors, ['forum', 'heldOn'])));
    redirect(303, `/voice/new?meeting=${result.data!.recordForumMeeting.id}`);
  },
};
