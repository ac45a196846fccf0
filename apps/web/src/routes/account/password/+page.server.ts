import { fail, redirect } from '@sveltejs/kit';
import { ChangePasswordDocument } from '@throughline/sdk';
import { apiErrors } from '$lib/graphql/server-client';
import { FormReader } from '$lib/forms';
import { toFormErrors } from '$lib/server/form-errors';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = ['currentPassword', 'newPassword'] as const;

export const load: PageServerLoad = ({ url }) => ({ changed: url.searchParams.get('changed') === '1' });

export const actions: Actions = {
  default: async ({ request, locals }) => {
    const form = new FormReader(await request.formData());
    // Passwords are never sent back to the page, not even after an error.
    // Trimmed, as the sign-in page trims what it sends.
    const currentPassword = form.text('currentPassword');
    const newPassword = form.text('newPassword');
    delete form.values.currentPassword;
    delete form.values.newPassword;
    if (!currentPassword)
      form.errors.push({ field: 'currentPassword', message: 'Enter your current password' });
    if (!newPassword) form.errors.push({ field: 'newPassword', message: 'Enter a new password' });
    if (!form.ok) return fail(400, form.state());

    const result = await locals.api
      .mutation(ChangePasswordDocument, { currentPassword, newPassword })
      .toPromise();
    const errors = apiErrors(result);
    const throttled = errors.find((e) => e.code === 'TOO_MANY_REQUESTS');
    if (throttled) {
      const minutes = Math.max(1, Math.ceil(Number(throttled.extensions.retryAfterSeconds ?? 60) / 60));
      return fail(429, {
        errors: [
          {
            field: 'currentPassword',
            message: `Too many wrong passwords. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again`,
          },
        ],
        values: form.values,
      });
    }
    if (errors.length || !result.data) return fail(400, form.state(toFormErrors(errors, FIELDS)));
    redirect(303, '/account/password?changed=1');
  },
};
