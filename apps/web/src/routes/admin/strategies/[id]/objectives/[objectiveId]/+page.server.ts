import { WebUpdateObjectiveDocument } from '@throughline/sdk';
import { FormReader } from '$lib/forms';
import { findObjective, strategyPart } from '$lib/server/strategy-tree';
import { finishVersionedSave } from '$lib/server/versioned-save';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
  const { strategy, part } = await strategyPart(
    locals.api,
    params.id,
    findObjective(params.objectiveId),
    'objective',
  );
  return { strategy: { id: strategy.id, title: strategy.title }, objective: part };
};

export const actions: Actions = {
  default: async ({ locals, params, request }) => {
    const form = new FormReader(await request.formData());
    const result = await locals.api
      .mutation(WebUpdateObjectiveDocument, {
        id: params.objectiveId,
        version: Number(form.text('version')),
        input: { code: form.text('code'), title: form.text('title'), description: form.text('description') },
      })
      .toPromise();
    return finishVersionedSave(result, form, {
      fields: ['code', 'title', 'description'],
      conflictMessage:
        'This objective was changed by someone else while you were editing. Check the current values below, then save again to replace them with yours, or reload the objective to start again.',
      current: async () =>
        (await strategyPart(locals.api, params.id, findObjective(params.objectiveId), 'objective')).part,
      done: `/admin/strategies/${params.id}?saved=objective`,
    });
  },
};
