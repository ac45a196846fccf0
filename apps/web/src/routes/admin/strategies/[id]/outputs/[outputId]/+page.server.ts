import { WebUpdateOutputDocument } from '@throughline/sdk';
import { FormReader } from '$lib/forms';
import { findOutput, strategyPart } from '$lib/server/strategy-tree';
import { finishVersionedSave } from '$lib/server/versioned-save';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
  const { strategy, part } = await strategyPart(locals.api, params.id, findOutput(params.outputId), 'output');
  return { strategy: { id: strategy.id, title: strategy.title }, ...part };
};

export const actions: Actions = {
  default: async ({ locals, params, request }) => {
    const form = new FormReader(await request.formData());
    const result = await locals.api
      .mutation(WebUpdateOutputDocument, {
        id: params.outputId,
        version: Number(form.text('version')),
        // The ticked outcomes replace the output's set (none ticked: it contributes to none).
        input: {
          title: form.text('title'),
          description: form.text('description'),
          outcomeIds: form.all('outcomeIds'),
        },
      })
      .toPromise();
    return finishVersionedSave(result, form, {
      fields: ['title', 'description', 'outcomeIds'],
      conflictMessage:
        'This output was changed by someone else while you were editing. Check the current values below, then save again to replace them with yours, or reload the output to start again.',
      current: async () =>
        (await strategyPart(locals.api, params.id, findOutput(params.outputId), 'output')).part.output,
      done: `/admin/strategies/${params.id}?saved=output`,
    });
  },
};
