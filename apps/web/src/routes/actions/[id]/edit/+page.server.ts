import { error, fail, redirect } from '@sveltejs/kit';
import { WebActionDetailDocument, WebUpdateActionDocument } from '@throughline/sdk';
import { apiErrors, load as query } from '$lib/graphql/server-client';
import { FormReader } from '$lib/forms';
import { toFormErrors } from '$lib/server/form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
  const data = await query(locals.api, WebActionDetailDocument, { id: params.id });
  if (!data.action) error(404, { message: 'There is no such action, or you cannot see it.' });
  return { action: data.action };
};

const FIELDS = ['title', 'description', 'successMeasure', 'lead', 'startsOn', 'dueOn'] as const;

export const actions: Actions = {
  default: async ({ locals, params, request }) => {
    const form = new FormReader(await request.formData());
    const version = Number(form.text('version'));
    const startsOn = form.date('startsOn', 'the start date');
    const dueOn = form.date('dueOn', 'the due date');
    if (!form.ok) return fail(400, form.state());

    const result = await locals.api
      .mutation(WebUpdateActionDocument, {
        id: params.id,
        version,
        input: {
          title: form.text('title'),
          description: form.text('description'),
          successMeasure: form.text('successMeasure'),
          lead: form.text('lead'),
          startsOn,
          dueOn,
        },
      })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.some((e) => e.code === 'CONFLICT')) {
      // Someone saved first: show what is there now, keep what this person typed, and let a second
      // save apply their changes on top of the current version (a deliberate choice, not a silent one).
      const now = await query(locals.api, WebActionDetailDocument, { id: params.id });
      return fail(409, {
        errors: [
          {
            message:
              'This action was changed by someone else while you were editing. Check the current values below, then save again to replace them with yours.',
          },
        ],
        values: { ...form.values, version: String(now.action?.version ?? version) },
        current: now.action,
      });
    }
    if (errors.length) return fail(400, { ...form.state(toFormErrors(errors, FIELDS)), current: null });
    redirect(303, `/actions/${params.id}`);
  },
};
