import { error, fail, redirect } from '@sveltejs/kit';
import { WebAddRecommendationDocument, WebReviewDocument } from '@throughline/sdk';
import { apiErrors, load as query } from '$lib/graphql/server-client';
import { FormReader } from '$lib/forms';
import { themeRefs } from '$lib/features/reviews/labels';
import { toFormErrors } from '$lib/server/form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const { review } = await query(locals.api, WebReviewDocument, { id: params.id });
  // Confidential reviews are invisible to those who may not see them: the API answers "no such review".
  if (!review) error(404, { message: 'There is no such review, or you cannot see it.' });
  return { review, added: url.searchParams.get('added') === '1' };
};

const FIELDS = ['ref', 'text', 'agency', 'dueOn', 'themes'] as const;

export const actions: Actions = {
  recommend: async ({ locals, params, request }) => {
    const form = new FormReader(await request.formData());
    const dueOn = form.date('dueOn', 'the due date');
    if (!form.ok) return fail(400, { recommend: form.state() });
    const result = await locals.api
      .mutation(WebAddRecommendationDocument, {
        input: {
          reviewId: params.id,
          ref: form.text('ref'),
          text: form.text('text'),
          agency: form.text('agency'),
          dueOn,
          tags: themeRefs(form.text('themes')),
        },
      })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.length)
      return fail(400, { recommend: form.state(toFormErrors(errors, FIELDS, { tags: 'themes' })) });
    redirect(303, `/reviews/${params.id}?added=1`);
  },
};
