import { fail, redirect } from '@sveltejs/kit';
import { MarkMessageReadDocument, MyMessagesDocument } from '@throughline/sdk';
import { apiErrors, load as loadQuery } from '$lib/graphql/server-client';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const data = await loadQuery(locals.api, MyMessagesDocument, {});
  return { messages: data.myMessages, unread: data.unreadMessageCount };
};

export const actions: Actions = {
  // Marks one message read; works without JavaScript (a plain form post, then back to the list).
  read: async ({ request, locals }) => {
    const id = String((await request.formData()).get('id') ?? '');
    const result = await locals.api.mutation(MarkMessageReadDocument, { id }).toPromise();
    const errors = apiErrors(result);
    if (errors.length) return fail(errors[0].code === 'NOT_FOUND' ? 404 : 400, { error: errors[0].message });
    redirect(303, '/messages');
  },
};
