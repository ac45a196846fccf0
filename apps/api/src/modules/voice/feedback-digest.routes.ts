import express from 'express';
import type { Logger } from 'pino';
import { BadInputError } from '../../errors/errors';
import type { Services } from '../../graphql/services';
import { authenticate, routeErrors, streamed, viewerOf } from '../../http/file-routes';
import { sendPackFile } from '../board-pack';
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

  router.get(
    '/feedback-digest/:id',
    authenticate(services, production),
    streamed(logger, 'digest', async (req, res) => {
      const format = req.query.format ?? 'pdf';
      if (format !== 'pdf' && format !== 'docx') {
        throw new BadInputError('format', '"format" must be "pdf" or "docx".');
      }
      const content = await services.feedbackDigests.forDownload(viewerOf(res), String(req.params.id));
      const document = buildDigestDocument(content, `${req.protocol}://${req.get('host')}`);
      const file = { format, fileName: digestFileName(content, format) } as const;
      await sendPackFile(res, document, file, { fastPaths });
    }),
  );

  router.use(routeErrors(logger, 'the digest'));
  return router;
}
