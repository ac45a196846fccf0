import express from 'express';
import type { Logger } from 'pino';
import type { Services } from '../../graphql/services';
import { authenticate, routeErrors, streamed, viewerOf } from '../../http/file-routes';
import { buildPackDocument } from './board-pack.content';
import { sendPackFile } from './board-pack.download';
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

  router.get(
    '/board-pack',
    authenticate(services, production),
    streamed(logger, 'board pack', async (req, res) => {
      const request = BoardPackService.parseRequest(req.query as Record<string, unknown>);
      const pack = await services.boardPack.forStrategy(viewerOf(res), request);
      const file = { format: request.format, fileName: packFileName(pack, request.format) };
      await sendPackFile(res, buildPackDocument(pack), file, { fastPaths });
    }),
  );

  router.use(routeErrors(logger, 'the board pack'));
  return router;
}
