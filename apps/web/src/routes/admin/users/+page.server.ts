import { fail, redirect } from '@sveltejs/kit';
import {
  AdminCreateUserDocument,
  WebUpdateUserRolesDocument,
  WebUsersDocument,
  type Role,
} from '@throughline/sdk';
import { apiErrors, load as query } from '$lib/graphql/server-client';
import { FormReader } from '$lib/forms';
import { scopedFailure } from '$lib/server/scoped-form';
import type { Actions, PageServerLoad } from './$types';

const ROLES: readonly Role[] = ['ADMIN', 'BOARD', 'DHR_PANEL', 'FACILITATOR'];

export const load: PageServerLoad = async ({ locals, url }) => {
  const { users } = await query(locals.api, WebUsersDocument, {});
  return { users, saved: url.searchParams.get('saved'), savedUser: url.searchParams.get('user') };
};

function roles(form: FormReader): Role[] {
  return form.all('roles').filter((r): r is Role => (ROLES as readonly string[]).includes(r));
}

export const actions: Actions = {
  create: async ({ locals, request }) => {
    const form = new FormReader(await request.formData());
    const input = {
      name: form.text('name'),
      email: form.text('email'),
      password: form.text('password'),
      roles: roles(form),
    };
    delete form.values.password;
    const result = await locals.api.mutation(AdminCreateUserDocument, { input }).toPromise();
    const errors = apiErrors(result);
    if (errors.length) {
      return fail(400, {
        scoped: {
          ...scopedFailure('user', form, ['name', 'email', 'password', 'roles'], errors),
          roles: input.roles,
        },
      });
    }
    redirect(303, '/admin/users?saved=user');
  },
  roles: async ({ locals, request }) => {
    const form = new FormReader(await request.formData());
    const id = form.text('userId');
    const result = await locals.api
      .mutation(WebUpdateUserRolesDocument, { id, roles: roles(form), version: Number(form.text('version')) })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.some((e) => e.code === 'CONFLICT')) {
      form.errors.push({
        message: "This person's roles were changed by someone else. Check them below and try again.",
      });
      // null: show the roles as they are now.
      return fail(409, { scoped: { ...scopedFailure(`roles-${id}`, form, ['roles']), roles: null } });
    }
    if (errors.length)
      return fail(400, {
        scoped: { ...scopedFailure(`roles-${id}`, form, ['roles'], errors), roles: roles(form) },
      });
    redirect(303, '/admin/users?saved=roles');
  },
};
