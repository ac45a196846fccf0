import { WebUpdateOutcomeDocument } from '@throughline/sdk';
import { FormReader } from '$lib/forms';
import { findOutcome, strategyPart } from '$lib/server/strategy-tree';
import { finishVersionedSave } from '$lib/server/versioned-save';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
  const { strategy, part } = await strategyPart(
    locals.api,
    params.id,
    findOutcome(params.outcomeId),
    'outcome',
  );
  return { strategy: { id: strategy.id, title: strategy.title }, ...part };
};

export const actions: Actions = {
  default: async ({ locals, params, request }) => {
    const form = new FormReader(await request.formData());
    const result = await locals.api
      .mutation(WebUpdateOutcomeDocument, {
        id: params.outcomeId,
        version: Number(form.text('version')),
        input: { title: form.text('title'), description: form.text('description') },
      })
      .toPromise();
    return finishVersionedSave(result, form, {
      fields: ['title', 'description'],
      conflictMessage:
        'This outcome was changed by someone else while you were editing. Check the current values below, then save again to replace them with yours, or reload the outcome to start again.',
      current: async () =>
        (await strategyPart(locals.api, params.id, findOutcome(params.outcomeId), 'outcome')).part.outcome,
      done: `/admin/strategies/${params.id}?saved=outcome`,
    });
  },
};
