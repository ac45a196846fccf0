import { fail, redirect } from '@sveltejs/kit';
import {
  ACTION_IMPORT_MAX_BYTES,
  WebImportChoicesDocument,
  type ActionImportPreview,
} from '@throughline/sdk';
import { load as query } from '$lib/graphql/server-client';
import type { FormError } from '$lib/forms';
import { uploadActionPlan } from '$lib/server/action-plan';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { strategies, operationalGroups } = await query(locals.api, WebImportChoicesDocument, {});
  return { strategies, groups: operationalGroups, strategyId: url.searchParams.get('strategy') ?? '' };
};

interface ImportFormState {
  values: { strategyId?: string; defaultGroupId?: string };
  errors: FormError[];
  /** The problems found in the file, when it was read but is not fit to import. */
  preview: ActionImportPreview | null;
}

function failed(status: number, state: Partial<ImportFormState> & Pick<ImportFormState, 'errors'>) {
  return fail(status, { values: {}, preview: null, ...state } satisfies ImportFormState);
}

/** Room for the form's other fields and multipart boundaries around a file of the largest size. */
const FORM_OVERHEAD = 64 * 1024;

/** The most problems listed one by one in the error summary; the table below lists them all. */
const SUMMARY_PROBLEMS = 10;

export const actions: Actions = {
  default: async ({ locals, request, getClientAddress }) => {
    // Too big to be a plan we accept: say so without reading it (the server's body limit is near).
    const tooLarge = { errors: [{ field: 'file', message: 'The selected file must be smaller than 2MB' }] };
    if (Number(request.headers.get('content-length') ?? 0) > ACTION_IMPORT_MAX_BYTES + FORM_OVERHEAD) {
      return failed(413, tooLarge);
    }
    let data: FormData;
    try {
      data = await request.formData();
    } catch {
      return failed(413, tooLarge);
    }
    const strategyId = String(data.get('strategyId') ?? '');
    const defaultGroupId = String(data.get('defaultGroupId') ?? '');
    const file = data.get('file');
    const values = { strategyId, defaultGroupId };
    const errors: FormError[] = [];
    if (!strategyId) errors.push({ field: 'strategyId', message: 'Select the strategy to import into' });
    // GOV.UK file upload pattern messages.
    if (!(file instanceof File) || file.name === '') {
      errors.push({ field: 'file', message: 'Select an XLSX or CSV file' });
    } else if (!/\.(xlsx|csv)$/i.test(file.name)) {
      errors.push({ field: 'file', message: 'The selected file must be an XLSX or CSV' });
    } else if (file.size === 0) {
      errors.push({ field: 'file', message: 'The selected file is empty' });
    } else if (file.size > ACTION_IMPORT_MAX_BYTES) {
      errors.push({ field: 'file', message: 'The selected file must be smaller than 2MB' });
    }
    if (errors.length) return failed(400, { values, errors });

    const { status, answer } = await uploadActionPlan({
      token: locals.sessionToken,
      clientAddress: getClientAddress(),
      strategyId,
      file: file as File,
      defaultGroupId: defaultGroupId || null,
    });
    if ('preview' in answer && answer.preview.id) redirect(303, `/admin/import/${answer.preview.id}`);
    if ('preview' in answer)
      return failed(422, { values, errors: summary(answer.preview), preview: answer.preview });
    const fields: Record<string, string> = {
      file: 'file',
      defaultGroupId: 'defaultGroupId',
      strategyId: 'strategyId',
    };
    return failed(status, {
      values,
      errors: answer.errors.map((e) => ({
        field: e.extensions.field
          ? fields[e.extensions.field]
          : e.extensions.code === 'NOT_FOUND'
            ? 'strategyId'
            : undefined,
        message: e.extensions.code === 'FORBIDDEN' ? 'You do not have permission to do this.' : e.message,
      })),
    });
  },
};

/** The error summary: the first problems, each linking to its line in the problems table. */
function summary(p: ActionImportPreview): FormError[] {
  const listed = p.problems.slice(0, SUMMARY_PROBLEMS).map((e, i) => ({
    field: `problem-${i + 1}`,
    message: `${e.row ? `Row ${e.row}` : 'The file'}${e.column ? `, ${e.column}` : ''}: ${e.message}`,
  }));
  const more = p.problemCount - listed.length;
  if (more > 0) {
    listed.push({
      field: 'problems',
      message: `And ${more} more ${more === 1 ? 'problem' : 'problems'}: see the list below`,
    });
  }
  return listed;
}
