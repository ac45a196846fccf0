import { fail, redirect } from '@sveltejs/kit';
import { WebForumMeetingsDocument, WebRecordFeedbackDocument } from '@throughline/sdk';
import { apiErrors, load as query } from '$lib/graphql/server-client';
import { FormReader } from '$lib/forms';
import { themeRefs } from '$lib/features/reviews/labels';
import { allObjectives } from '$lib/server/objectives';
import { toFormErrors } from '$lib/server/form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const [objectives, { forumMeetings }] = await Promise.all([
    allObjectives(locals.api),
    query(locals.api, WebForumMeetingsDocument, {}),
  ]);
  // Recording feedback from a session: its forum and date come with it.
  const meeting = forumMeetings.find((m) => m.id === url.searchParams.get('meeting')) ?? null;
  return { objectives, meetings: forumMeetings, meeting };
};

const FIELDS = ['forum', 'receivedOn', 'summary', 'objectiveIds', 'themes', 'meetingId'] as const;

export const actions: Actions = {
  default: async ({ locals, request }) => {
    const form = new FormReader(await request.formData());
    const receivedOn = form.date('receivedOn', 'the date the feedback was given', true);
    const objectiveIds = form.all('objectiveIds');
    if (!form.ok) return fail(400, { ...form.state(), objectiveIds });
    const result = await locals.api
      .mutation(WebRecordFeedbackDocument, {
        input: {
          forum: form.text('forum'),
          receivedOn: receivedOn!,
          summary: form.text('summary'),
          objectiveIds,
          tags: themeRefs(form.text('themes')),
          meetingId: form.optionalText('meetingId'),
        },
      })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.length) {
      return fail(400, { ...form.state(toFormErrors(errors, FIELDS, { tags: 'themes' })), objectiveIds });
    }
    redirect(303, '/voice?saved=feedback');
  },
};
