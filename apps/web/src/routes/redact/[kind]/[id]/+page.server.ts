import { error, fail, redirect } from '@sveltejs/kit';
import {
  type RedactableKind,
  WebRedactActionUpdateDocument,
  WebRedactFeedbackDocument,
  WebRedactFeedbackResponseDocument,
  WebRedactableTextDocument,
} from '@throughline/sdk';
import { apiErrors, load as query } from '$lib/graphql/server-client';
import { FormReader } from '$lib/forms';
import { toFormErrors } from '$lib/server/form-errors';
import type { Actions, PageServerLoad } from './$types';

/** The address's kind (feedback, response, update) as the API names it. */
const KINDS: Record<string, RedactableKind> = {
  feedback: 'FEEDBACK',
  response: 'FEEDBACK_RESPONSE',
  update: 'ACTION_UPDATE',
};

const FIELDS = ['words', 'reason', 'confirm'] as const;

function kindOf(param: string): RedactableKind {
  const kind = KINDS[param];
  if (!kind) error(404, { message: 'There is nothing to redact at this address.' });
  return kind;
}

export const load: PageServerLoad = async ({ locals, params }) => {
  const kind = kindOf(params.kind);
  // Who may redact is the API's rule: anyone else is told so here rather than shown an error page.
  const result = await locals.api.query(WebRedactableTextDocument, { kind, id: params.id }).toPromise();
  if (apiErrors(result)[0]?.code === 'FORBIDDEN') return { text: null };
  const { redactableText } = await query(locals.api, WebRedactableTextDocument, { kind, id: params.id });
  return { text: redactableText };
};

export const actions: Actions = {
  default: async ({ locals, params, request }) => {
    const kind = kindOf(params.kind);
    const form = new FormReader(await request.formData());
    const version = form.number('version', 'the version', true);
    // One word or phrase a line: the API checks each occurs in the text.
    const words = form
      .text('words')
      .split(/\r?\n/)
      .map((w) => w.trim())
      .filter(Boolean);
    const extra =
      form.optionalText('confirm') === 'yes'
        ? []
        : [{ field: 'confirm', message: 'Confirm that the words are to be removed for good.' }];
    if (!form.ok || extra.length) return fail(400, form.state(extra));
    const vars = { id: params.id, version: version!, words, reason: form.text('reason') };
    const result =
      kind === 'FEEDBACK'
        ? await locals.api.mutation(WebRedactFeedbackDocument, vars).toPromise()
        : kind === 'FEEDBACK_RESPONSE'
          ? await locals.api.mutation(WebRedactFeedbackResponseDocument, vars).toPromise()
          : await locals.api.mutation(WebRedactActionUpdateDocument, vars).toPromise();
    const errors = apiErrors(result).map((e) =>
      e.code === 'CONFLICT'
        ? {
            ...e,
            message:
              'The text changed while you were choosing the words (someone else redacted it). It is shown again below as it is now: choose the words again.',
          }
        : e,
    );
    if (errors.length) return fail(400, form.state(toFormErrors(errors, FIELDS)));
    const { redactableText } = await query(locals.api, WebRedactableTextDocument, { kind, id: params.id });
    if (redactableText.actionId) redirect(303, `/actions/${redactableText.actionId}?redacted=1`);
    redirect(303, `/voice?saved=redacted#feedback-${redactableText.feedbackId}`);
  },
};
