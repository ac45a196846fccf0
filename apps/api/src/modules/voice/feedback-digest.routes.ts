import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { BadInputError, UnauthenticatedError } from '../../errors/errors';
import { httpError } from '../../errors/http-error';
import type { Services } from '../../graphql/services';
import { DOCX_CONTENT_TYPE, PDF_CONTENT_TYPE, packDocx, writePackPdf } from '../board-pack';
import { sessionTokenFrom } from '../identity';
import { buildDigestDocument, digestFileName } from './feedback-digest.document';

/**
 * GET /reports/feedback-digest/:id?format=pdf|docx: a released "you said, we did" digest as a tagged
 * PDF or a Word document, for facilitators and strategic leads (docs/decisions/0019-survivor-voice-loop.md).
 * A draft is NOT_FOUND (404) to everyone. Errors have GraphQL's shape and the matching HTTP status.
 */
export function feedbackDigestRoutes(opts: {
  services: Services;
  logger: Logger;
  production: boolean;
  /** THROUGHLINE_FAST_PATHS (src/fast-paths.ts): how the PDF is made. */
  fastPaths: boolean;
}) {
  const { services, logger, production, fastPaths } = opts;
  const router = express.Router();

  router.get('/feedback-digest/:id', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const token = sessionTokenFrom(req, production);
      const viewer = token ? await services.identity.authenticate(token) : null;
      if (!viewer) throw new UnauthenticatedError();
      const format = req.query.format ?? 'pdf';
      if (format !== 'pdf' && format !== 'docx') {
        throw new BadInputError('format', '"format" must be "pdf" or "docx".');
      }
      const content = await services.feedbackDigests.forDownload(viewer, String(req.params.id));
      const document = buildDigestDocument(content, `${req.protocol}://${req.get('host')}`);
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Disposition', `attachment; filename="${digestFileName(content, format)}"`);
      if (format === 'pdf') {
        res.setHeader('Content-Type', PDF_CONTENT_TYPE);
        await writePackPdf(document, res, { fastPaths });
      } else {
        res.setHeader('Content-Type', DOCX_CONTENT_TYPE);
        res.send(await packDocx(document));
      }
    } catch (e) {
      if (res.headersSent) {
        logger.warn({ err: e, path: req.path }, 'digest stopped part way');
        res.destroy();
        return;
      }
      next(e);
    }
  });

  router.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    void next;
    const { status, body } = httpError(err, logger, req, 'the digest');
    res.status(status).json(body);
  });
  return router;
}
