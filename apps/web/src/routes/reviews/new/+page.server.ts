import { fail, redirect } from '@sveltejs/kit';
import { WebCreateReviewDocument } from '@throughline/sdk';
import { apiErrors } from '$lib/graphql/server-client';
import { FormReader } from '$lib/forms';
import { REVIEW_KINDS } from '$lib/features/reviews/labels';
import { toFormErrors } from '$lib/server/form-errors';
import type { Actions } from './$types';

const FIELDS = [
  'kind',
  'ref',
  'title',
  'area',
  'pseudonym',
  'notifiedOn',
  'decidedOn',
  'confidential',
] as const;

export const actions: Actions = {
  default: async ({ locals, request }) => {
    const form = new FormReader(await request.formData());
    const kind = form.choice('kind', REVIEW_KINDS, 'the kind of review');
    const notifiedOn = form.date('notifiedOn', 'the date of notification');
    const decidedOn = form.date('decidedOn', 'the date of the decision');
    if (!form.ok) return fail(400, form.state());
    const result = await locals.api
      .mutation(WebCreateReviewDocument, {
        input: {
          kind: kind!,
          ref: form.text('ref'),
          title: form.text('title'),
          area: form.text('area'),
          pseudonym: form.optionalText('pseudonym'),
          notifiedOn,
          decidedOn,
          confidential: form.text('confidential') !== 'no',
        },
      })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.length) return fail(400, form.state(toFormErrors(errors, FIELDS)));
    redirect(303, `/reviews/${result.data!.createReview.id}`);
  },
};
