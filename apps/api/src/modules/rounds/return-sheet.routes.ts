import express from 'express';
import type { Logger } from 'pino';
import type { Services } from '../../graphql/services';
import {
  authenticate,
  refuseCrossSite,
  routeErrors,
  sendAttachment,
  uploadedFile,
  uploadOneFile,
  viewerOf,
} from '../../http/file-routes';

/**
 * The spreadsheet return, beside /graphql like the action plan's files (decision 0007):
 *
 *   GET  /api/returns/:returnId/return.xlsx   anyone signed in: the group's return to fill in offline
 *   POST /api/returns/:returnId/return-sheet  a member of the group or an admin: multipart `file`, and
 *        `confirm=yes` to make the updates. Answers { result: { rows, problems, applied } }: 200, or
 *        422 when the file has problems (nothing is made then).
 */
export function returnSheetRoutes(opts: { services: Services; logger: Logger; production: boolean }) {
  const { services, logger, production } = opts;
  const router = express.Router();
  const signedIn = authenticate(services, production);

  router.get('/returns/:returnId/return.xlsx', signedIn, async (req, res, next) => {
    try {
      sendAttachment(res, await services.returnSheets.download(viewerOf(res), String(req.params.returnId)));
    } catch (e) {
      next(e);
    }
  });

  router.post(
    '/returns/:returnId/return-sheet',
    signedIn,
    refuseCrossSite,
    uploadOneFile(),
    async (req, res, next) => {
      try {
        const confirm = req.body?.confirm === 'yes';
        const result = await services.returnSheets.upload(
          viewerOf(res),
          String(req.params.returnId),
          uploadedFile(req),
          confirm,
        );
        res.setHeader('Cache-Control', 'no-store');
        res.status(result.problems.length ? 422 : 200).json({ result });
      } catch (e) {
        next(e);
      }
    },
  );

  router.use(routeErrors(logger, 'the spreadsheet return routes'));
  return router;
}
