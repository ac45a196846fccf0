import { fail, redirect } from '@sveltejs/kit';
import { WebCreateActionDocument, WebGroupsDocument } from '@throughline/sdk';
import { apiErrors, load as query } from '$lib/graphql/server-client';
import { FormReader } from '$lib/forms';
import { themeRefs } from '$lib/features/reviews/labels';
import { allObjectives } from '$lib/server/objectives';
import { toFormErrors } from '$lib/server/form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const { operationalGroups } = await query(locals.api, WebGroupsDocument, {});
  // Offer the groups the API says this person may add actions to (viewerCan).
  const groups = operationalGroups.filter((g) => g.viewerCan.editActions);
  return { groups, objectives: await allObjectives(locals.api) };
};

const FIELDS = [
  'groupId',
  'objectiveId',
  'outputId',
  'ref',
  'title',
  'description',
  'successMeasure',
  'lead',
  'agreedOn',
  'startsOn',
  'dueOn',
  'level',
  'themes',
] as const;
const LEVELS = ['individual', 'community', 'institutional', 'societal'] as const;

export const actions: Actions = {
  default: async ({ locals, request }) => {
    const form = new FormReader(await request.formData());
    const agreedOn = form.date('agreedOn', 'the date it was agreed');
    const startsOn = form.date('startsOn', 'the start date');
    const dueOn = form.date('dueOn', 'the due date');
    const level = form.choice('level', LEVELS, 'an ecological level', false);
    if (!form.text('groupId'))
      form.errors.push({ field: 'groupId', message: 'Select the group that owns the action' });
    if (!form.text('objectiveId'))
      form.errors.push({ field: 'objectiveId', message: 'Select the objective' });
    if (!form.ok) return fail(400, form.state());
    const tags = [...(level ? [`ecological-level:${level}`] : []), ...themeRefs(form.text('themes'))];
    const result = await locals.api
      .mutation(WebCreateActionDocument, {
        input: {
          groupId: form.text('groupId'),
          objectiveId: form.text('objectiveId'),
          outputId: form.optionalText('outputId'),
          ref: form.text('ref'),
          title: form.text('title'),
          description: form.text('description'),
          successMeasure: form.text('successMeasure'),
          lead: form.text('lead'),
          agreedOn,
          startsOn,
          dueOn,
          tags,
        },
      })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.length) return fail(400, form.state(toFormErrors(errors, FIELDS, { tags: 'themes' })));
    redirect(303, `/actions/${result.data!.createAction.id}`);
  },
};
