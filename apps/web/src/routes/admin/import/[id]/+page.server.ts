import { error, fail, redirect } from '@sveltejs/kit';
import { WebActionImportDocument, WebImportActionsDocument } from '@throughline/sdk';
import { apiErrors, load as query } from '$lib/graphql/server-client';
import { toFormErrors } from '$lib/server/form-errors';
import type { Actions, PageServerLoad } from './$types';

/** Rows shown in the preview table; the count says how many the file holds. */
const SHOWN_ROWS = 500;

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const { actionImport } = await query(locals.api, WebActionImportDocument, {
    id: params.id,
    first: SHOWN_ROWS,
  });
  if (!actionImport) error(404, { message: 'Page not found' });
  return { preview: actionImport, imported: url.searchParams.get('imported') === '1' };
};

export const actions: Actions = {
  default: async ({ locals, params }) => {
    const result = await locals.api
      .mutation(WebImportActionsDocument, { input: { importId: params.id } })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.length)
      return fail(errors[0].code === 'CONFLICT' ? 409 : 400, { errors: toFormErrors(errors, []) });
    redirect(303, `/admin/import/${params.id}?imported=1`);
  },
};
