import { error, fail, redirect } from '@sveltejs/kit';
import { WebSetUserActiveDocument, WebUsersDocument } from '@throughline/sdk';
import { apiErrors, load as query } from '$lib/graphql/server-client';
import { FormReader } from '$lib/forms';
import { toFormErrors } from '$lib/server/form-errors';
import type { Actions, PageServerLoad } from './$types';

// The API lists users only as a whole (for the admin pages); one person is found in that list.
export const load: PageServerLoad = async ({ locals, params }) => {
  const { users } = await query(locals.api, WebUsersDocument, {});
  const user = users.find((u) => u.id === params.id);
  if (!user) error(404, { message: 'There is no such user.' });
  return { user };
};

export const actions: Actions = {
  default: async ({ locals, params, request }) => {
    const form = new FormReader(await request.formData());
    // The change confirmed on the page; the version says which state the person saw.
    const active = form.text('active') === 'true';
    const result = await locals.api
      .mutation(WebSetUserActiveDocument, { id: params.id, version: Number(form.text('version')), active })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.some((e) => e.code === 'CONFLICT')) {
      return fail(409, {
        conflict: true,
        errors: [
          {
            message:
              'Someone else changed this person while you were deciding. Check what the page now shows before you confirm again.',
          },
        ],
      });
    }
    if (errors.length) return fail(400, { conflict: false, errors: toFormErrors(errors, []) });
    redirect(303, `/admin/users?saved=${active ? 'reactivated' : 'deactivated'}&user=${params.id}`);
  },
};
