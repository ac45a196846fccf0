import { actionImportUploadPath, type ActionImportAnswer } from '@throughline/sdk';
import { postToApi } from './api-upload';

/**
 * Sends an uploaded action plan to the API's upload route (multipart, as the browser sent it to us) with
 * the person's session as a Bearer token, and returns the API's answer.
 */
export async function uploadActionPlan(opts: {
  token: string | null;
  clientAddress?: string;
  strategyId: string;
  file: File;
  defaultGroupId: string | null;
}): Promise<{ status: number; answer: ActionImportAnswer }> {
  const form = new FormData();
  form.append('file', opts.file, opts.file.name);
  if (opts.defaultGroupId) form.append('defaultGroupId', opts.defaultGroupId);
  return postToApi<ActionImportAnswer>({
    path: actionImportUploadPath(opts.strategyId),
    form,
    token: opts.token,
    clientAddress: opts.clientAddress,
  });
}
