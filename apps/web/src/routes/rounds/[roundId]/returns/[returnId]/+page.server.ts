import { randomUUID } from 'node:crypto';
import { error, fail, redirect } from '@sveltejs/kit';
import {
  WebAddActionUpdateDocument,
  WebApproveGroupReturnDocument,
  WebGroupReturnDocument,
  WebReportNoChangeDocument,
  WebReturnGroupReturnDocument,
  WebSubmitGroupReturnDocument,
  type WebGroupReturnQuery,
} from '@throughline/sdk';
import { apiErrors, load as query, type ApiError } from '$lib/graphql/server-client';
import { FormReader, type FormError } from '$lib/forms';
import { RAGS, STATUSES } from '$lib/features/actions/labels';
import { toFormErrors } from '$lib/server/form-errors';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

type Return = NonNullable<WebGroupReturnQuery['groupReturn']>;

async function loadReturn(
  locals: App.Locals,
  params: { roundId: string; returnId: string },
): Promise<Return> {
  const { groupReturn } = await query(locals.api, WebGroupReturnDocument, { id: params.returnId });
  if (!groupReturn || groupReturn.round.id !== params.roundId) {
    error(404, { message: 'There is no such return, or you cannot see it.' });
  }
  return groupReturn;
}

export const load: PageServerLoad = async ({ locals, params, url }) => ({
  groupReturn: await loadReturn(locals, params),
  // One idempotency key per rendered form: sending the same form twice makes each update once (the
  // API scopes keys to the action, so the whole form shares one).
  formKey: randomUUID(),
  done: url.searchParams.get('done'),
  // After a spreadsheet return: how many updates it made, and the refs of rows not made (conflicts).
  sheetMade: Number(url.searchParams.get('made') ?? 0),
  sheetConflicts: (url.searchParams.get('conflicts') ?? '').split(',').filter(Boolean),
});

const UPDATE_FIELDS = ['status', 'rag', 'progress', 'impact'] as const;

/**
 * Saves what the form gives for each action: "No change" ticked makes a no-change update; otherwise an
 * update is made when progress or impact was written or the status or RAG changed. Actions left alone
 * are not touched. Errors name the action's own field (e.g. "progress-<actionId>").
 */
async function saveUpdates(event: RequestEvent, form: FormReader, ret: Return): Promise<FormError[]> {
  const errors: FormError[] = [];
  const clientKey = form.optionalText('formKey');
  for (const a of ret.actions) {
    const progress = form.text(`progress-${a.id}`);
    const impact = form.text(`impact-${a.id}`);
    const noChange = form.text(`noChange-${a.id}`) === 'yes';
    const status = form.choice(`status-${a.id}`, STATUSES, `the status of ${a.ref}`, false) ?? a.status;
    const rag = form.choice(`rag-${a.id}`, RAGS, `the RAG rating of ${a.ref}`, false) ?? a.rag ?? null;
    const changed = status !== a.status || rag !== (a.rag ?? null);
    let failed: ApiError[] = [];
    if (noChange && !progress && !impact && !changed) {
      const result = await event.locals.api
        .mutation(WebReportNoChangeDocument, { actionId: a.id, clientKey })
        .toPromise();
      failed = apiErrors(result);
    } else if (progress || impact || changed) {
      const result = await event.locals.api
        .mutation(WebAddActionUpdateDocument, {
          input: { actionId: a.id, status, rag, progress, impact, clientKey },
        })
        .toPromise();
      failed = apiErrors(result);
    }
    const known = UPDATE_FIELDS.map((f) => `${f}-${a.id}`);
    const fields = Object.fromEntries(UPDATE_FIELDS.map((f) => [f, `${f}-${a.id}`]));
    for (const e of toFormErrors(failed, known, fields))
      errors.push({ ...e, message: `${a.ref}: ${e.message}` });
  }
  return [...form.errors.splice(0), ...errors];
}

export const actions: Actions = {
  save: async (event) => {
    const form = new FormReader(await event.request.formData());
    const ret = await loadReturn(event.locals, event.params);
    const errors = await saveUpdates(event, form, ret);
    if (errors.length) return fail(400, { updates: form.state(errors) });
    redirect(303, `/rounds/${event.params.roundId}/returns/${ret.id}?done=saved`);
  },

  submit: async (event) => {
    const form = new FormReader(await event.request.formData());
    const ret = await loadReturn(event.locals, event.params);
    const errors = await saveUpdates(event, form, ret);
    if (errors.length) return fail(400, { updates: form.state(errors) });
    const result = await event.locals.api
      .mutation(WebSubmitGroupReturnDocument, { id: ret.id, version: Number(form.text('version')) })
      .toPromise();
    const failed = apiErrors(result);
    if (failed.length) return fail(400, { updates: form.state(toFormErrors(failed, [])) });
    redirect(303, `/rounds/${event.params.roundId}/returns/${ret.id}?done=submitted`);
  },

  approve: async (event) => {
    const form = new FormReader(await event.request.formData());
    const result = await event.locals.api
      .mutation(WebApproveGroupReturnDocument, {
        id: event.params.returnId,
        version: Number(form.text('version')),
      })
      .toPromise();
    const failed = apiErrors(result);
    if (failed.length) return fail(400, { decision: form.state(toFormErrors(failed, ['comment'])) });
    redirect(303, `/rounds/${event.params.roundId}/returns/${event.params.returnId}?done=approved`);
  },

  sendBack: async (event) => {
    const form = new FormReader(await event.request.formData());
    const result = await event.locals.api
      .mutation(WebReturnGroupReturnDocument, {
        id: event.params.returnId,
        version: Number(form.text('version')),
        comment: form.text('comment'),
      })
      .toPromise();
    const failed = apiErrors(result);
    if (failed.length) return fail(400, { decision: form.state(toFormErrors(failed, ['comment'])) });
    redirect(303, `/rounds/${event.params.roundId}/returns/${event.params.returnId}?done=sentBack`);
  },
};
