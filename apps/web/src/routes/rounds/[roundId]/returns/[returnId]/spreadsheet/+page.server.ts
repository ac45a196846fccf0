import { error, fail, redirect } from '@sveltejs/kit';
import {
  RETURN_SHEET_MAX_BYTES,
  WebGroupReturnDocument,
  type ReturnSheetAnswer,
  type ReturnSheetProblem,
  type ReturnSheetRow,
} from '@throughline/sdk';
import { load as query } from '$lib/graphql/server-client';
import type { FormError } from '$lib/forms';
import { uploadReturnSheet } from '$lib/server/return-sheet';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
  const { groupReturn } = await query(locals.api, WebGroupReturnDocument, { id: params.returnId });
  if (!groupReturn || groupReturn.round.id !== params.roundId) {
    error(404, { message: 'There is no such return, or you cannot see it.' });
  }
  return { groupReturn };
};

/**
 * What the upload hands back to the page: the problems (nothing made), or the preview with the file
 * itself, carried in the confirmation form so that confirming needs neither JavaScript nor a copy kept
 * on the server. The API reads it again on confirmation and checks every row again (decision 0015).
 */
export interface SheetState {
  errors: FormError[];
  problems: ReturnSheetProblem[];
  rows: ReturnSheetRow[];
  fileName: string;
  /** The uploaded file, base64, for the confirmation form; empty when there is nothing to confirm. */
  fileData: string;
}

const state = (s: Partial<SheetState>): { sheet: SheetState } => ({
  sheet: { errors: [], problems: [], rows: [], fileName: '', fileData: '', ...s },
});

/** Room for the form's other fields and multipart boundaries around a file of the largest size. */
const FORM_OVERHEAD = 64 * 1024;
/** The most problems listed one by one in the error summary; the table lists them all. */
const SUMMARY_PROBLEMS = 10;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The error summary: each problem by row and column, linking to its line in the problems table. */
function summary(problems: ReturnSheetProblem[]): FormError[] {
  const listed = problems.slice(0, SUMMARY_PROBLEMS).map((p, i) => ({
    field: `sheet-problem-${i + 1}`,
    message: `${p.row ? `Row ${p.row}` : 'The file'}${p.column ? `, ${p.column}` : ''}: ${p.message}`,
  }));
  const more = problems.length - listed.length;
  if (more > 0) listed.push({ field: 'sheet-problems', message: `And ${more} more: see the list below` });
  return listed;
}

/** The API's answer as the page's state, or the status to fail with. */
function answered(status: number, answer: ReturnSheetAnswer, fileName: string) {
  if ('result' in answer) {
    const { rows, problems } = answer.result;
    return { status, ...state({ rows, problems, fileName, errors: summary(problems) }) };
  }
  const errors = answer.errors.map((e) => ({
    field: e.extensions.field === 'file' ? 'sheetFile' : undefined,
    message: e.extensions.code === 'FORBIDDEN' ? 'You do not have permission to do this.' : e.message,
  }));
  return { status, ...state({ fileName, errors }) };
}

async function send(event: RequestEvent, file: Blob, fileName: string, confirm: boolean) {
  return uploadReturnSheet({
    token: event.locals.sessionToken,
    clientAddress: event.getClientAddress(),
    returnId: event.params.returnId,
    file,
    fileName,
    confirm,
  });
}

export const actions: Actions = {
  /** Reads the file and shows what it would do; nothing is made. */
  upload: async (event) => {
    const tooLarge = state({
      errors: [{ field: 'sheetFile', message: 'The selected file must be smaller than 2MB' }],
    });
    if (Number(event.request.headers.get('content-length') ?? 0) > RETURN_SHEET_MAX_BYTES + FORM_OVERHEAD) {
      return fail(413, tooLarge);
    }
    let data: FormData;
    try {
      data = await event.request.formData();
    } catch {
      return fail(413, tooLarge);
    }
    const file = data.get('sheetFile');
    // GOV.UK file upload pattern messages.
    let message: string | null = null;
    if (!(file instanceof File) || file.name === '') message = 'Select the filled-in return (an XLSX file)';
    else if (!/\.xlsx$/i.test(file.name)) message = 'The selected file must be an XLSX spreadsheet';
    else if (file.size === 0) message = 'The selected file is empty';
    else if (file.size > RETURN_SHEET_MAX_BYTES) message = 'The selected file must be smaller than 2MB';
    if (message) return fail(400, state({ errors: [{ field: 'sheetFile', message }] }));
    const f = file as File;
    const { status, answer } = await send(event, f, f.name, false);
    const a = answered(status, answer, f.name);
    if (a.status !== 200) return fail(a.status, { sheet: a.sheet });
    if (a.sheet.rows.length === 0) {
      return fail(
        400,
        state({
          fileName: f.name,
          errors: [{ field: 'sheetFile', message: 'The selected file has no actions in it' }],
        }),
      );
    }
    const fileData = Buffer.from(await f.arrayBuffer()).toString('base64');
    return { sheet: { ...a.sheet, fileData } };
  },

  /** Makes the previewed updates from the same file (sent back by the confirmation form). */
  confirm: async (event) => {
    const data = await event.request.formData();
    const fileName = String(data.get('fileName') ?? '');
    const fileData = String(data.get('fileData') ?? '');
    if (!fileName || !fileData) {
      return fail(
        400,
        state({ errors: [{ field: 'sheetFile', message: 'Upload the filled-in return again' }] }),
      );
    }
    const bytes = Buffer.from(fileData, 'base64');
    const { status, answer } = await send(event, new Blob([bytes], { type: XLSX }), fileName, true);
    const a = answered(status, answer, fileName);
    if (a.status !== 200 || !('result' in answer) || !answer.result.applied) {
      return fail(a.status === 200 ? 409 : a.status, { sheet: a.sheet });
    }
    const made = answer.result.rows.filter((r) => r.outcome === 'update').length;
    const conflicts = answer.result.rows.filter((r) => r.outcome === 'conflict').map((r) => r.ref);
    const q = new URLSearchParams({ done: 'sheet', made: String(made) });
    if (conflicts.length) q.set('conflicts', conflicts.join(','));
    redirect(303, `/rounds/${event.params.roundId}/returns/${event.params.returnId}?${q}`);
  },
};
