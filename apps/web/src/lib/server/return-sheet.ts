import { returnSheetUploadPath, type ReturnSheetAnswer } from '@throughline/sdk';
import { postToApi } from './api-upload';

/**
 * Sends a filled-in return spreadsheet to the API: a preview (nothing made), or with `confirm` the
 * updates themselves (all rows or none; rows whose action changed since the download are not made).
 */
export function uploadReturnSheet(opts: {
  token: string | null;
  clientAddress?: string;
  returnId: string;
  file: Blob;
  fileName: string;
  confirm: boolean;
}): Promise<{ status: number; answer: ReturnSheetAnswer }> {
  const form = new FormData();
  if (opts.confirm) form.append('confirm', 'yes');
  form.append('file', opts.file, opts.fileName);
  return postToApi<ReturnSheetAnswer>({
    path: returnSheetUploadPath(opts.returnId),
    form,
    token: opts.token,
    clientAddress: opts.clientAddress,
  });
}
