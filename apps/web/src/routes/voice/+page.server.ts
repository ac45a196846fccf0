import { fail, redirect } from '@sveltejs/kit';
import { WebActionListDocument, WebFeedbackDocument, WebRespondToFeedbackDocument } from '@throughline/sdk';
import { apiErrors, load as query } from '$lib/graphql/server-client';
import { FormReader } from '$lib/forms';
import { allObjectives } from '$lib/server/objectives';
import { toFormErrors } from '$lib/server/form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const objectiveId = url.searchParams.get('objective') ?? '';
  const responded = url.searchParams.get('responded') ?? '';
  const [objectives, { feedback }] = await Promise.all([
    allObjectives(locals.api),
    query(locals.api, WebFeedbackDocument, {
      filter: {
        objectiveId: objectiveId || null,
        responded: responded === 'yes' ? true : responded === 'no' ? false : null,
      },
      first: 50,
      after: url.searchParams.get('after') || null,
    }),
  ]);
  // The API says who may record feedback and responses (User.permissions).
  const canRecord = !!locals.viewer?.permissions.recordFeedback;
  const actions = canRecord
    ? (await query(locals.api, WebActionListDocument, { first: 100 })).actions.edges.map((e) => e.node)
    : [];
  return {
    objectives,
    feedback,
    actions,
    canRecord,
    filters: { objective: objectiveId, responded },
    saved: url.searchParams.get('saved'),
  };
};

export const actions: Actions = {
  respond: async ({ locals, request, url }) => {
    const form = new FormReader(await request.formData());
    const feedbackId = form.text('feedbackId');
    // Each feedback item has its own form; field ids carry the item's id so the summary links land.
    const ids = {
      response: `response-${feedbackId}`,
      respondedOn: `respondedOn-${feedbackId}`,
      actionIds: `actionIds-${feedbackId}`,
    };
    const respondedOn = form.date('respondedOn', 'the date of the response');
    if (!form.ok) {
      return fail(400, {
        respond: {
          feedbackId,
          ...form.state(),
          errors: form.errors.map((e) => ({ ...e, field: ids.respondedOn })),
        },
      });
    }
    const result = await locals.api
      .mutation(WebRespondToFeedbackDocument, {
        input: { feedbackId, response: form.text('response'), respondedOn, actionIds: form.all('actionIds') },
      })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.length) {
      return fail(400, {
        respond: { feedbackId, ...form.state(toFormErrors(errors, Object.values(ids), ids)) },
      });
    }
    const back = new URLSearchParams(url.searchParams);
    back.delete('/respond');
    back.set('saved', 'response');
    redirect(303, `/voice?${back}#feedback-${feedbackId}`);
  },
};
