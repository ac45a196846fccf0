import express from 'express';
import type { Logger } from 'pino';
import type { Services } from '../../graphql/services';
import { authenticate as sessionAuth, routeErrors, sendAttachment, viewerOf } from '../../http/file-routes';

/**
 * Review action plans and the oversight summary as files, beside /graphql like the action plan's
 * spreadsheet (same session: Bearer token or cookie; errors in GraphQL's shape):
 *
 *   GET /api/reviews/:reviewId/action-plan.xlsx|.docx  one review's plan (NOT_FOUND when not visible)
 *   GET /api/reviews/action-plans.xlsx|.docx           every visible review's plan
 *   GET /api/reviews/oversight.csv|.json               ADMIN, DHR_PANEL: the anonymised oversight summary
 */
export function reviewExportRoutes(opts: { services: Services; logger: Logger; production: boolean }) {
  const { services, logger, production } = opts;
  const router = express.Router();
  const authenticate = sessionAuth(services, production);

  for (const format of ['xlsx', 'docx'] as const) {
    router.get(`/reviews/action-plans.${format}`, authenticate, async (_req, res, next) => {
      try {
        sendAttachment(res, await services.reviewExports.exportPlan(viewerOf(res), null, format));
      } catch (e) {
        next(e);
      }
    });
    router.get(`/reviews/:reviewId/action-plan.${format}`, authenticate, async (req, res, next) => {
      try {
        sendAttachment(
          res,
          await services.reviewExports.exportPlan(viewerOf(res), String(req.params.reviewId), format),
        );
      } catch (e) {
        next(e);
      }
    });
  }

  for (const format of ['csv', 'json'] as const) {
    router.get(`/reviews/oversight.${format}`, authenticate, async (_req, res, next) => {
      try {
        const summary = await services.oversight.summary(viewerOf(res));
        const csv = format === 'csv';
        sendAttachment(res, {
          fileName: `recommendation-oversight-${summary.generatedOn}.${format}`,
          contentType: csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
          body: csv ? services.oversight.toCsv(summary) : JSON.stringify(summary, null, 2),
        });
      } catch (e) {
        next(e);
      }
    });
  }

  router.use(routeErrors(logger, 'the review export routes'));
  return router;
}
