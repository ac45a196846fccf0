import { fail, redirect } from '@sveltejs/kit';
import { LoginDocument } from '@throughline/sdk';
import { apiErrors } from '$lib/graphql/server-client';
import { FormReader } from '$lib/forms';
import { safeReturn } from '$lib/server/return-to';
import { setSession } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.viewer) redirect(303, safeReturn(url.searchParams.get('returnTo'), url.origin));
  return { returnTo: safeReturn(url.searchParams.get('returnTo'), url.origin) };
};

export const actions: Actions = {
  default: async ({ request, locals, cookies, url }) => {
    const form = new FormReader(await request.formData());
    const email = form.text('email');
    const password = form.text('password');
    if (!email) form.errors.push({ field: 'email', message: 'Enter your email address' });
    if (!password) form.errors.push({ field: 'password', message: 'Enter your password' });
    delete form.values.password;
    if (!form.ok) return fail(400, form.state());

    const result = await locals.api.mutation(LoginDocument, { email, password }).toPromise();
    const errors = apiErrors(result);
    if (errors.length || !result.data) {
      const tooMany = errors.some((e) => e.code === 'TOO_MANY_REQUESTS');
      return fail(tooMany ? 429 : 400, {
        errors: [
          {
            field: 'email',
            message: tooMany
              ? 'Too many attempts to sign in. Wait a few minutes and try again.'
              : errors[0]?.code === 'NETWORK'
                ? errors[0].message
                : 'Enter a correct email address and password',
          },
        ],
        values: form.values,
      });
    }
    setSession(cookies, result.data.login.token, result.data.login.expiresAt);
    redirect(303, safeReturn(form.text('returnTo') || url.searchParams.get('returnTo'), url.origin));
  },
};
