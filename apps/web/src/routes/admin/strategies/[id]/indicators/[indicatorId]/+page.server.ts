import { WebUpdateIndicatorDocument } from '@throughline/sdk';
import { fail } from '@sveltejs/kit';
import { FormReader } from '$lib/forms';
import { findIndicator, strategyPart } from '$lib/server/strategy-tree';
import { finishVersionedSave } from '$lib/server/versioned-save';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
  const { strategy, part } = await strategyPart(
    locals.api,
    params.id,
    findIndicator(params.indicatorId),
    'indicator',
  );
  return { strategy: { id: strategy.id, title: strategy.title }, ...part };
};

export const actions: Actions = {
  default: async ({ locals, params, request }) => {
    const form = new FormReader(await request.formData());
    // Blank clears a baseline or target (the indicator then shows no progress).
    const baseline = form.number('baseline', 'the baseline');
    const target = form.number('target', 'the target');
    // Blank tolerance leaves it as it is (it has no "none": 0 is the strictest).
    const tolerance = form.number('tolerance', 'the tolerance');
    if (!form.ok) return fail(400, { ...form.state(), current: null });
    const result = await locals.api
      .mutation(WebUpdateIndicatorDocument, {
        id: params.indicatorId,
        version: Number(form.text('version')),
        input: { name: form.text('name'), unit: form.text('unit'), baseline, target, tolerance },
      })
      .toPromise();
    return finishVersionedSave(result, form, {
      fields: ['name', 'unit', 'baseline', 'target', 'tolerance'],
      conflictMessage:
        'This indicator was changed by someone else while you were editing. Check the current values below, then save again to replace them with yours, or reload the indicator to start again.',
      current: async () =>
        (await strategyPart(locals.api, params.id, findIndicator(params.indicatorId), 'indicator')).part
          .indicator,
      done: `/admin/strategies/${params.id}?saved=indicator`,
    });
  },
};
