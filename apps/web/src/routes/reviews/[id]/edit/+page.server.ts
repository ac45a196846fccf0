import { error, fail, redirect } from '@sveltejs/kit';
import { WebReviewDocument, WebUpdateReviewDocument, type QaOutcome } from '@throughline/sdk';
import { apiErrors, load as query } from '$lib/graphql/server-client';
import { FormReader } from '$lib/forms';
import { toFormErrors } from '$lib/server/form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
  const { review } = await query(locals.api, WebReviewDocument, { id: params.id });
  if (!review) error(404, { message: 'There is no such review, or you cannot see it.' });
  return { review };
};

const DATES = ['notifiedOn', 'decidedOn', 'panelStartedOn', 'submittedOn', 'qaOn', 'publishedOn'] as const;
const FIELDS = ['title', 'area', 'pseudonym', ...DATES, 'qaOutcome', 'confidential'] as const;
const QA: readonly QaOutcome[] = ['APPROVED', 'RESUBMIT'];

export const actions: Actions = {
  default: async ({ locals, params, request }) => {
    const form = new FormReader(await request.formData());
    const labels: Record<(typeof DATES)[number], string> = {
      notifiedOn: 'the date of notification',
      decidedOn: 'the date of the decision',
      panelStartedOn: 'the date the panel started',
      submittedOn: 'the date of submission',
      qaOn: 'the date of the QA outcome',
      publishedOn: 'the date of publication',
    };
    const dates = Object.fromEntries(DATES.map((d) => [d, form.date(d, labels[d])]));
    const qaOutcome = form.choice('qaOutcome', QA, 'the QA outcome', false);
    if (!form.ok) return fail(400, { ...form.state(), current: null });
    const result = await locals.api
      .mutation(WebUpdateReviewDocument, {
        id: params.id,
        version: Number(form.text('version')),
        input: {
          title: form.text('title'),
          area: form.text('area'),
          pseudonym: form.optionalText('pseudonym'),
          ...dates,
          qaOutcome,
          confidential: form.text('confidential') === 'yes',
        },
      })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.some((e) => e.code === 'CONFLICT')) {
      const now = await query(locals.api, WebReviewDocument, { id: params.id });
      return fail(409, {
        errors: [
          {
            message:
              'This review was changed by someone else while you were editing. Check the current values below, then save again to replace them with yours.',
          },
        ],
        values: { ...form.values, version: String(now.review?.version ?? '') },
        current: now.review,
      });
    }
    if (errors.length) return fail(400, { ...form.state(toFormErrors(errors, FIELDS)), current: null });
    redirect(303, `/reviews/${params.id}`);
  },
};
