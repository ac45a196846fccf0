import { randomUUID } from 'node:crypto';
import { error, fail, redirect } from '@sveltejs/kit';
import { WebActionDetailDocument, WebAddActionUpdateDocument } from '@throughline/sdk';
import { apiErrors, load as query } from '$lib/graphql/server-client';
import { FormReader } from '$lib/forms';
import { RAGS, STATUSES } from '$lib/features/actions/labels';
import { toFormErrors } from '$lib/server/form-errors';
import { closedPeriodRefusal, REASON_FIELD } from '$lib/server/closed-period';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const data = await query(locals.api, WebActionDetailDocument, { id: params.id });
  if (!data.action) error(404, { message: 'There is no such action, or you cannot see it.' });
  // A fresh idempotency key each time the update form is rendered: submitting that form twice (a
  // double click, a retried POST) sends the same key, and the API makes one update of it.
  return {
    action: data.action,
    updated: url.searchParams.get('updated') === '1',
    redacted: url.searchParams.get('redacted') === '1',
    // Saved as a correction of a closed period: the round whose record lists it.
    restated: url.searchParams.get('restated'),
    clientKey: randomUUID(),
  };
};

const UPDATE_FIELDS = ['rag', 'status', 'progress', 'impact', 'reportedOn', REASON_FIELD] as const;

export const actions: Actions = {
  update: async ({ locals, params, request }) => {
    const form = new FormReader(await request.formData());
    const status = form.choice('status', STATUSES, 'the status');
    // The RAG may be left out (an action not yet rated); any value given must be one of the three.
    const rag = form.choice('rag', RAGS, 'a RAG rating', false);
    const reportedOn = form.date('reportedOn', 'the date of this update', true);
    // A reason already typed stays on the form whatever else is refused.
    if (!form.ok)
      return fail(400, {
        update: { ...form.state(), restate: closedPeriodRefusal([], form, 'update', locals.viewer).restate },
      });

    const result = await locals.api
      .mutation(WebAddActionUpdateDocument, {
        input: {
          actionId: params.id,
          status: status!,
          rag,
          progress: form.text('progress'),
          impact: form.text('impact'),
          reportedOn,
          clientKey: form.optionalText('clientKey'),
          restatementReason: form.optionalText(REASON_FIELD),
        },
      })
      .toPromise();
    const refused = closedPeriodRefusal(apiErrors(result), form, 'update', locals.viewer);
    const errors = refused.errors.map((e) =>
      // The form's key already made an update with other content (it was sent, then the form changed).
      e.field === 'clientKey'
        ? { ...e, message: 'This update was already added. Reload the page to see it before adding another.' }
        : e,
    );
    if (errors.length)
      return fail(400, {
        update: { ...form.state(toFormErrors(errors, UPDATE_FIELDS)), restate: refused.restate },
      });
    const round = form.optionalText(REASON_FIELD) && form.optionalText('restatedRound');
    redirect(303, `/actions/${params.id}?updated=1${round ? `&restated=${encodeURIComponent(round)}` : ''}`);
  },
};
