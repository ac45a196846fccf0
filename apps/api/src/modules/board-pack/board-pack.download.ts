import type { Response } from 'express';
import { attachmentHeaders } from '../../http/file-routes';
import type { PackDocument } from './board-pack.content';
import { DOCX_CONTENT_TYPE, writePackDocx } from './board-pack.docx';
import { PDF_CONTENT_TYPE, type PdfOptions, writePackPdf } from './board-pack.pdf';

/**
 * A pack-shaped document (the board pack, the survivor-voice digest) sent as the file its reader asked
 * for, streamed as it is made: the PDF page by page, the Word document part by part.
 */
export async function sendPackFile(
  res: Response,
  document: PackDocument,
  file: { format: 'pdf' | 'docx'; fileName: string },
  options: PdfOptions,
): Promise<void> {
  if (file.format === 'pdf') {
    attachmentHeaders(res, file.fileName, PDF_CONTENT_TYPE);
    await writePackPdf(document, res, options);
  } else {
    attachmentHeaders(res, file.fileName, DOCX_CONTENT_TYPE);
    await writePackDocx(document, res);
  }
}
