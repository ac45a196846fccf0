import { fail, redirect } from '@sveltejs/kit';
import {
  WebCreateGroupDocument,
  WebGroupsDocument,
  WebRemoveGroupMemberDocument,
  WebSetGroupMembershipDocument,
  WebUsersDocument,
  type MembershipRole,
} from '@throughline/sdk';
import { apiErrors, load as query } from '$lib/graphql/server-client';
import { FormReader } from '$lib/forms';
import { scopedFailure } from '$lib/server/scoped-form';
import type { Actions, PageServerLoad } from './$types';

const ROLES: readonly MembershipRole[] = ['CHAIR', 'COORDINATOR', 'MEMBER'];

export const load: PageServerLoad = async ({ locals, url }) => {
  const [{ operationalGroups }, { users }] = await Promise.all([
    query(locals.api, WebGroupsDocument, {}),
    query(locals.api, WebUsersDocument, {}),
  ]);
  return { groups: operationalGroups, users, saved: url.searchParams.get('saved') };
};

export const actions: Actions = {
  create: async ({ locals, request }) => {
    const form = new FormReader(await request.formData());
    const result = await locals.api
      .mutation(WebCreateGroupDocument, {
        input: {
          name: form.text('name'),
          description: form.text('description'),
          chairId: form.optionalText('chairId'),
          coordinatorId: form.optionalText('coordinatorId'),
        },
      })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.length) {
      return fail(400, {
        scoped: scopedFailure('group', form, ['name', 'description', 'chairId', 'coordinatorId'], errors),
      });
    }
    redirect(303, '/admin/groups?saved=group');
  },
  member: async ({ locals, request }) => {
    const form = new FormReader(await request.formData());
    const groupId = form.text('groupId');
    const key = `member-${groupId}`;
    const userId = form.text('userId');
    const role = form.choice('role', ROLES, 'a role');
    if (!userId) form.errors.push({ field: 'userId', message: 'Select a person' });
    if (!form.ok) return fail(400, { scoped: scopedFailure(key, form, ['userId', 'role']) });
    const result = await locals.api
      .mutation(WebSetGroupMembershipDocument, { groupId, userId, role: role! })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.length) return fail(400, { scoped: scopedFailure(key, form, ['userId', 'role'], errors) });
    redirect(303, '/admin/groups?saved=membership');
  },
  remove: async ({ locals, request }) => {
    const form = new FormReader(await request.formData());
    const groupId = form.text('groupId');
    const result = await locals.api
      .mutation(WebRemoveGroupMemberDocument, { groupId, userId: form.text('userId') })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.length)
      return fail(400, { scoped: scopedFailure(`member-${groupId}`, form, ['userId'], errors) });
    redirect(303, '/admin/groups?saved=membership');
  },
};
