import { fail, redirect } from '@sveltejs/kit';
import { WebRecordFeedbackDocument } from '@throughline/sdk';
import { apiErrors } from '$lib/graphql/server-client';
import { FormReader } from '$lib/forms';
import { themeRefs } from '$lib/features/reviews/labels';
import { allObjectives } from '$lib/server/objectives';
import { toFormErrors } from '$lib/server/form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({ objectives: await allObjectives(locals.api) });

const FIELDS = ['forum', 'receivedOn', 'summary', 'objectiveIds', 'themes'] as const;

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
