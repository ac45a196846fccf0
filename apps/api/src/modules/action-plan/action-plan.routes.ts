import express from 'express';
import type { Logger } from 'pino';
import { BadInputError } from '../../errors/errors';
import { requireAccess } from '../../access';
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
 * The action plan's spreadsheet routes, beside /graphql because files do not fit GraphQL here (no
 * uploads in Apollo Server 5, 100 KiB bodies; docs/decisions/0007-action-plan-spreadsheets.md):
 *
 *   GET  /api/strategies/:strategyId/action-plan.xlsx[?groupId=]  anyone signed in: the plan as XLSX
 *   POST /api/strategies/:strategyId/action-imports               ADMIN: multipart `file` (XLSX or CSV,
 *        at most 2 MB) and optional `defaultGroupId`; answers the preview as JSON: 201 with its id when
 *        the file is fit to import, 422 with the problems by row and column when not.
 *
 * The session is the same as GraphQL's: the Bearer token or the session cookie. Errors have GraphQL's
 * shape ({ errors: [{ message, extensions: { code, field } }] }) and the matching HTTP status
 * (src/http/file-routes.ts, shared with the reporting rounds' spreadsheet return).
 */
export function actionPlanRoutes(opts: { services: Services; logger: Logger; production: boolean }) {
  const { services, logger, production } = opts;
  const router = express.Router();
  const signedIn = authenticate(services, production);

  router.get('/strategies/:strategyId/action-plan.xlsx', signedIn, async (req, res, next) => {
    try {
      const groupId = req.query.groupId;
      if (groupId !== undefined && typeof groupId !== 'string') {
        throw new BadInputError('groupId', 'Give at most one groupId.');
      }
      const file = await services.actionPlan.exportPlan(
        viewerOf(res),
        String(req.params.strategyId),
        groupId,
      );
      sendAttachment(res, file);
    } catch (e) {
      next(e);
    }
  });

  router.post(
    '/strategies/:strategyId/action-imports',
    signedIn,
    refuseCrossSite,
    (_req, res, next) => {
      const viewer = viewerOf(res);
      try {
        requireAccess(viewer, 'plan.import');
        next();
      } catch (e) {
        next(e);
      }
    },
    uploadOneFile(),
    async (req, res, next) => {
      try {
        const defaultGroupId = typeof req.body?.defaultGroupId === 'string' ? req.body.defaultGroupId : '';
        const preview = await services.actionImports.preview(
          viewerOf(res),
          String(req.params.strategyId),
          uploadedFile(req),
          { defaultGroupId: defaultGroupId || null },
        );
        res.setHeader('Cache-Control', 'no-store');
        res.status(preview.id ? 201 : 422).json({ preview });
      } catch (e) {
        next(e);
      }
    },
  );

  router.use(routeErrors(logger, 'the action plan spreadsheet routes'));
  return router;
}
