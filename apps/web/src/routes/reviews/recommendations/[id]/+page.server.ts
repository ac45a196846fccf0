import { error, fail, redirect } from '@sveltejs/kit';
import {
  WebActionListDocument,
  WebLinkRecommendationToActionDocument,
  WebRecommendationDocument,
  WebSetRecommendationStatusDocument,
} from '@throughline/sdk';
import { apiErrors, load as query } from '$lib/graphql/server-client';
import { FormReader } from '$lib/forms';
import { RECOMMENDATION_STATUSES, mayManageReviews } from '$lib/features/reviews/labels';
import { toFormErrors } from '$lib/server/form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const { recommendation } = await query(locals.api, WebRecommendationDocument, { id: params.id });
  if (!recommendation) error(404, { message: 'There is no such recommendation, or you cannot see it.' });
  // The actions a recommendation could be linked to, for the panel's select list.
  const actions = mayManageReviews(locals.viewer?.roles)
    ? (await query(locals.api, WebActionListDocument, { first: 100 })).actions.edges.map((e) => e.node)
    : [];
  return { recommendation, actions, saved: url.searchParams.get('saved') };
};

export const actions: Actions = {
  status: async ({ locals, params, request }) => {
    const form = new FormReader(await request.formData());
    const status = form.choice('status', RECOMMENDATION_STATUSES, 'the new status');
    if (!form.ok) return fail(400, { status: form.state() });
    const result = await locals.api
      .mutation(WebSetRecommendationStatusDocument, {
        input: {
          id: params.id,
          status: status!,
          evidence: form.optionalText('evidence'),
          version: Number(form.text('version')) || null,
        },
      })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.some((e) => e.code === 'CONFLICT')) {
      return fail(409, {
        status: form.state([
          {
            message:
              'This recommendation was changed by someone else while you were editing. Check its current status and history below, then try again.',
          },
        ]),
      });
    }
    if (errors.length) return fail(400, { status: form.state(toFormErrors(errors, ['status', 'evidence'])) });
    redirect(303, `/reviews/recommendations/${params.id}?saved=status`);
  },
  link: async ({ locals, params, request }) => {
    const form = new FormReader(await request.formData());
    const actionId = form.text('actionId');
    if (!actionId)
      return fail(400, { link: form.state([{ field: 'actionId', message: 'Select an action' }]) });
    const result = await locals.api
      .mutation(WebLinkRecommendationToActionDocument, { recommendationId: params.id, actionId })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.length) return fail(400, { link: form.state(toFormErrors(errors, ['actionId'])) });
    redirect(303, `/reviews/recommendations/${params.id}?saved=link`);
  },
};
