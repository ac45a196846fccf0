import { error, fail, redirect } from '@sveltejs/kit';
import {
  WebCreateIndicatorDocument,
  WebCreateObjectiveDocument,
  WebCreateOutcomeDocument,
  WebCreateOutputDocument,
  WebRecordMeasurementDocument,
  WebSetIndicatorTargetDocument,
  WebStrategyTreeDocument,
  WebUpdateStrategyDocument,
} from '@throughline/sdk';
import { apiErrors, load as query, type ApiError } from '$lib/graphql/server-client';
import { FormReader } from '$lib/forms';
import { scopedFailure } from '$lib/server/scoped-form';
import { closedPeriodRefusal, REASON_FIELD } from '$lib/server/closed-period';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const { strategy } = await query(locals.api, WebStrategyTreeDocument, { id: params.id });
  if (!strategy) error(404, { message: 'There is no such strategy.' });
  return {
    strategy,
    saved: url.searchParams.get('saved'),
    // Saved as a correction of a closed period: the round whose record lists it.
    restated: url.searchParams.get('restated'),
  };
};

function done(strategyId: string, what: string, restatedRound?: string | null): never {
  const restated = restatedRound ? `&restated=${encodeURIComponent(restatedRound)}` : '';
  redirect(303, `/admin/strategies/${strategyId}?saved=${what}${restated}`);
}

export const actions: Actions = {
  settings: async ({ locals, params, request }) => {
    const form = new FormReader(await request.formData());
    const fields = [
      'title',
      'vision',
      'startsOn',
      'endsOn',
      'greenThreshold',
      'amberThreshold',
      'updateCadenceDays',
      'reminderDaysBefore',
      'escalateAfterDays',
    ];
    const startsOn = form.date('startsOn', 'the start date');
    const endsOn = form.date('endsOn', 'the end date');
    // People think in percentages; the API holds thresholds as 0..1.
    const green = form.number('greenThreshold', 'the green threshold', true);
    const amber = form.number('amberThreshold', 'the amber threshold', true);
    const cadence = form.number('updateCadenceDays', 'the update cadence', true);
    const reminder = form.number('reminderDaysBefore', 'the days before a return is due to remind', true);
    const escalate = form.number(
      'escalateAfterDays',
      'the days after a return is overdue to tell the strategic leads',
      true,
    );
    if (!form.ok) return fail(400, { scoped: scopedFailure('settings', form, fields) });
    const result = await locals.api
      .mutation(WebUpdateStrategyDocument, {
        id: params.id,
        version: Number(form.text('version')),
        input: {
          title: form.text('title'),
          vision: form.text('vision'),
          startsOn,
          endsOn,
          greenThreshold: green! / 100,
          amberThreshold: amber! / 100,
          updateCadenceDays: Math.round(cadence!),
          reminderDaysBefore: Math.round(reminder!),
          escalateAfterDays: Math.round(escalate!),
        },
      })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.some((e) => e.code === 'CONFLICT')) {
      form.errors.push({
        message:
          'This strategy was changed by someone else while you were editing. The page now shows their values: make your changes again.',
      });
      return fail(409, {
        scoped: { ...scopedFailure('settings', form, fields), values: {} as Record<string, string> },
      });
    }
    if (errors.length) return fail(400, { scoped: scopedFailure('settings', form, fields, errors) });
    done(params.id, 'strategy');
  },
  objective: async ({ locals, params, request }) => {
    const form = new FormReader(await request.formData());
    const fields = ['code', 'title', 'description'];
    const result = await locals.api
      .mutation(WebCreateObjectiveDocument, {
        input: {
          strategyId: params.id,
          code: form.text('code'),
          title: form.text('title'),
          description: form.text('description'),
        },
      })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.length) return fail(400, { scoped: scopedFailure('objective', form, fields, errors) });
    done(params.id, 'objective');
  },
  outcome: async ({ locals, params, request }) => {
    const form = new FormReader(await request.formData());
    const objectiveId = form.text('objectiveId');
    const result = await locals.api
      .mutation(WebCreateOutcomeDocument, { input: { objectiveId, title: form.text('title') } })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.length)
      return fail(400, { scoped: scopedFailure(`outcome-${objectiveId}`, form, ['title'], errors) });
    done(params.id, 'outcome');
  },
  output: async ({ locals, params, request }) => {
    const form = new FormReader(await request.formData());
    const objectiveId = form.text('objectiveId');
    const result = await locals.api
      .mutation(WebCreateOutputDocument, {
        input: { objectiveId, title: form.text('title'), outcomeIds: form.all('outcomeIds') },
      })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.length) {
      return fail(400, {
        scoped: scopedFailure(`output-${objectiveId}`, form, ['title', 'outcomeIds'], errors),
      });
    }
    done(params.id, 'output');
  },
  indicator: async ({ locals, params, request }) => {
    const form = new FormReader(await request.formData());
    const outcomeId = form.text('outcomeId');
    const key = `indicator-${outcomeId}`;
    const fields = ['name', 'unit', 'baseline', 'target', 'isRate', 'tolerance'];
    const baseline = form.number('baseline', 'the baseline');
    const target = form.number('target', 'the target');
    const tolerance = form.number('tolerance', 'the tolerance');
    if (!form.ok) return fail(400, { scoped: scopedFailure(key, form, fields) });
    const result = await locals.api
      .mutation(WebCreateIndicatorDocument, {
        input: {
          outcomeId,
          name: form.text('name'),
          unit: form.text('unit') || null,
          baseline,
          target,
          isRate: form.text('isRate') === 'yes',
          tolerance,
        },
      })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.length) return fail(400, { scoped: scopedFailure(key, form, fields, errors) });
    done(params.id, 'indicator');
  },
  measurement: async ({ locals, params, request }) => {
    const form = new FormReader(await request.formData());
    const indicatorId = form.text('indicatorId');
    const key = `measurement-${indicatorId}`;
    const fields = ['period', 'value', 'numerator', 'denominator', 'source', 'area', REASON_FIELD];
    const period = form.date('period', 'the period', true);
    // A rate's form has the two counts instead of a value (the API computes the percentage).
    const rate = form.text('isRate') === 'yes';
    const value = rate ? null : form.number('value', 'the value', true);
    const numerator = rate ? form.number('numerator', 'the number counted (numerator)', true) : null;
    const denominator = rate ? form.number('denominator', 'the number out of (denominator)', true) : null;
    // A period in a closed round's record: refused, or a restatement with the reason given.
    const refusal = (errors: ApiError[] = []) =>
      closedPeriodRefusal(errors, form, 'measurement', locals.viewer);
    if (!form.ok)
      return fail(400, { scoped: { ...scopedFailure(key, form, fields), restate: refusal().restate } });
    const result = await locals.api
      .mutation(WebRecordMeasurementDocument, {
        input: {
          indicatorId,
          period: period!,
          value,
          numerator,
          denominator,
          source: form.optionalText('source'),
          area: form.optionalText('area'),
          restatementReason: form.optionalText(REASON_FIELD),
        },
      })
      .toPromise();
    const refused = refusal(apiErrors(result));
    if (refused.errors.length)
      return fail(400, {
        scoped: { ...scopedFailure(key, form, fields, refused.errors), restate: refused.restate },
      });
    done(params.id, 'measurement', form.optionalText(REASON_FIELD) && form.optionalText('restatedRound'));
  },
  target: async ({ locals, params, request }) => {
    const form = new FormReader(await request.formData());
    const indicatorId = form.text('indicatorId');
    const key = `target-${indicatorId}`;
    const fields = ['period', 'value', 'area'];
    const period = form.date('period', 'the date to reach it by', true);
    const value = form.number('value', 'the target value', true);
    if (!form.ok) return fail(400, { scoped: scopedFailure(key, form, fields) });
    const result = await locals.api
      .mutation(WebSetIndicatorTargetDocument, {
        input: { indicatorId, period: period!, value: value!, area: form.optionalText('area') },
      })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.length) return fail(400, { scoped: scopedFailure(key, form, fields, errors) });
    done(params.id, 'target');
  },
};
