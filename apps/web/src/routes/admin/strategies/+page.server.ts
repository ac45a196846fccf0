import { fail, redirect } from '@sveltejs/kit';
import { WebCreateStrategyDocument, WebStrategiesDocument } from '@throughline/sdk';
import { apiErrors, load as query } from '$lib/graphql/server-client';
import { FormReader } from '$lib/forms';
import { toFormErrors } from '$lib/server/form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => query(locals.api, WebStrategiesDocument, {});

const FIELDS = ['title', 'vision', 'startsOn', 'endsOn', 'updateCadenceDays'] as const;

export const actions: Actions = {
  default: async ({ locals, request }) => {
    const form = new FormReader(await request.formData());
    const startsOn = form.date('startsOn', 'the start date');
    const endsOn = form.date('endsOn', 'the end date');
    const cadence = form.number('updateCadenceDays', 'the update cadence');
    if (!form.ok) return fail(400, form.state());
    const result = await locals.api
      .mutation(WebCreateStrategyDocument, {
        input: {
          title: form.text('title'),
          vision: form.text('vision'),
          startsOn,
          endsOn,
          updateCadenceDays: cadence === null ? null : Math.round(cadence),
        },
      })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.length) return fail(400, form.state(toFormErrors(errors, FIELDS)));
    redirect(303, `/admin/strategies/${result.data!.createStrategy.id}`);
  },
};
