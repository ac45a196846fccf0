import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { UnauthenticatedError } from '../../errors/errors';
import { httpError } from '../../errors/http-error';
import type { Viewer } from '../../shared/viewer';
import type { Services } from '../../graphql/services';
import { sessionTokenFrom } from '../identity';
import { buildPackDocument } from './board-pack.content';
import { DOCX_CONTENT_TYPE, writePackDocx } from './board-pack.docx';
import { PDF_CONTENT_TYPE, writePackPdf } from './board-pack.pdf';
import { BoardPackService, packFileName } from './board-pack.service';

/**
 * GET /reports/board-pack?strategy=<id>&asOf=<YYYY-MM-DD>&format=pdf|docx (docs/decisions/0011-board-pack.md): the
 * board pack, made on request for anyone signed in (Bearer token or session cookie, as GraphQL) and
 * holding only what its reader may see. A GET that changes nothing but the audit trail: no CSRF check.
 * Errors have GraphQL's shape and the matching HTTP status (400 names the parameter).
 */
export function boardPackRoutes(opts: {
  services: Services;
  logger: Logger;
  production: boolean;
  /** THROUGHLINE_FAST_PATHS (src/fast-paths.ts): how the PDF is made. */
  fastPaths: boolean;
}) {
  const { services, logger, production, fastPaths } = opts;
  const router = express.Router();

  router.get('/board-pack', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const token = sessionTokenFrom(req, production);
      const viewer: Viewer | null = token ? await services.identity.authenticate(token) : null;
      if (!viewer) throw new UnauthenticatedError();
      const request = BoardPackService.parseRequest(req.query as Record<string, unknown>);
      const pack = await services.boardPack.forStrategy(viewer, request);
      const document = buildPackDocument(pack);
      const fileName = packFileName(pack, request.format);
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
      if (request.format === 'pdf') {
        res.setHeader('Content-Type', PDF_CONTENT_TYPE);
        await writePackPdf(document, res, { fastPaths });
      } else {
        res.setHeader('Content-Type', DOCX_CONTENT_TYPE);
        await writePackDocx(document, res);
      }
    } catch (e) {
      if (res.headersSent) {
        logger.warn({ err: e, path: req.path }, 'board pack stopped part way');
        res.destroy();
        return;
      }
      next(e);
    }
  });

  router.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    void next;
    const { status, body } = httpError(err, logger, req, 'the board pack');
    res.status(status).json(body);
  });
  return router;
}
