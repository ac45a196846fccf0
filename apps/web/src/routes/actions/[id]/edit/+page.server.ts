import { error, fail } from '@sveltejs/kit';
import {
  WebActionDetailDocument,
  WebGroupsDocument,
  WebTagsDocument,
  WebUpdateActionDocument,
} from '@throughline/sdk';
import { load as query } from '$lib/graphql/server-client';
import { FormReader } from '$lib/forms';
import { themeRefs } from '$lib/features/reviews/labels';
import { tagGroups } from '$lib/features/tags/groups';
import { allObjectives } from '$lib/server/objectives';
import { finishVersionedSave } from '$lib/server/versioned-save';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
  const [detail, { operationalGroups }, objectives, { tags }] = await Promise.all([
    query(locals.api, WebActionDetailDocument, { id: params.id }),
    query(locals.api, WebGroupsDocument, {}),
    allObjectives(locals.api),
    query(locals.api, WebTagsDocument, {}),
  ]);
  const action = detail.action;
  if (!action) error(404, { message: 'There is no such action, or you cannot see it.' });
  // Moving an action needs edit rights on both groups: offer the groups the API says this person may
  // edit actions of (viewerCan), and always the one it is in now.
  const groups = operationalGroups.filter((g) => g.id === action.group.id || g.viewerCan.editActions);
  return {
    action,
    groups: groups.map((g) => ({ id: g.id, name: g.name })),
    objectives,
    tagGroups: tagGroups([...tags, ...action.tags]),
  };
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
  'startsOn',
  'dueOn',
  'dueOnChangeReason',
  'newThemes',
] as const;

export const actions: Actions = {
  default: async ({ locals, params, request }) => {
    const form = new FormReader(await request.formData());
    const version = Number(form.text('version'));
    const startsOn = form.date('startsOn', 'the start date');
    const dueOn = form.date('dueOn', 'the due date');
    if (!form.text('groupId'))
      form.errors.push({ field: 'groupId', message: 'Select the group that owns the action' });
    if (!form.text('objectiveId'))
      form.errors.push({ field: 'objectiveId', message: 'Select the objective' });
    if (!form.ok) return fail(400, { ...form.state(), current: null });

    // The ticked tags replace all the action's tags; new themes typed in are created on first use.
    const tags = [...new Set([...form.all('tags'), ...themeRefs(form.text('newThemes'))])];
    const result = await locals.api
      .mutation(WebUpdateActionDocument, {
        id: params.id,
        version,
        input: {
          groupId: form.text('groupId'),
          objectiveId: form.text('objectiveId'),
          outputId: form.optionalText('outputId'),
          ref: form.text('ref'),
          title: form.text('title'),
          description: form.text('description'),
          successMeasure: form.text('successMeasure'),
          lead: form.text('lead'),
          startsOn,
          dueOn,
          // Only read by the API when the due date changes (required then, once the action is agreed).
          dueOnChangeReason: form.optionalText('dueOnChangeReason'),
          tags,
        },
      })
      .toPromise();
    // Someone saved first: show what is there now, keep what this person typed, and let a second
    // save apply their changes on top of the current version (a deliberate choice, not a silent one),
    // or let them reload the page to start again from the saved action.
    return finishVersionedSave(result, form, {
      fields: FIELDS,
      aliases: { tags: 'newThemes' },
      conflictMessage:
        'This action was changed by someone else while you were editing. Check the current values below, then save again to replace them with yours, or reload the action to start again.',
      current: async () => {
        const now = await query(locals.api, WebActionDetailDocument, { id: params.id });
        if (!now.action) error(404, { message: 'The action has been removed.' });
        return now.action;
      },
      done: `/actions/${params.id}`,
    });
  },
};
