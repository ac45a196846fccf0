import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { AppError, BadInputError, UnauthenticatedError } from '../../errors/errors';
import type { Viewer } from '../../graphql/context';
import type { Services } from '../../graphql/services';
import { currentRequestId } from '../../logging/request-context';
import { sessionTokenFrom } from '../identity/session-cookie';

/**
 * The action plan's spreadsheet routes, beside /graphql because files do not fit GraphQL here (no
 * uploads in Apollo Server 5, 100 KiB bodies):
 *
 *   GET  /api/strategies/:strategyId/action-plan.xlsx[?groupId=]  anyone signed in: the plan as XLSX
 *
 * The session is the same as GraphQL's: the Bearer token or the session cookie. Errors have GraphQL's
 * shape ({ errors: [{ message, extensions: { code, field } }] }) and the matching HTTP status.
 */
export function actionPlanRoutes(opts: { services: Services; logger: Logger; production: boolean }) {
  const { services, logger, production } = opts;
  const router = express.Router();

  const authenticate = async (req: Request, res: Response, next: NextFunction) => {
    try {
      const token = sessionTokenFrom(req, production);
      const viewer = token ? await services.identity.authenticate(token) : null;
      if (!viewer) throw new UnauthenticatedError();
      res.locals.viewer = viewer;
      next();
    } catch (e) {
      next(e);
    }
  };

  router.get('/strategies/:strategyId/action-plan.xlsx', authenticate, async (req, res, next) => {
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
      res.setHeader('Content-Type', file.contentType);
      res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
      res.setHeader('Cache-Control', 'no-store');
      res.send(file.body);
    } catch (e) {
      next(e);
    }
  });

  router.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    void next;
    const { status, body } = toHttpError(err, logger, req);
    res.status(status).json(body);
  });
  return router;
}

function viewerOf(res: Response): Viewer {
  return res.locals.viewer as Viewer;
}

const STATUS_BY_CODE: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
};

function toHttpError(err: unknown, logger: Logger, req: Request) {
  const requestId = currentRequestId();
  const one = (status: number, message: string, extensions: Record<string, unknown>) => ({
    status,
    body: { errors: [{ message, extensions }] },
  });
  if (err instanceof AppError) {
    return one(STATUS_BY_CODE[String(err.extensions.code)] ?? 400, err.message, err.extensions);
  }
  const status = (err as { status?: number })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return one(status, 'Bad request.', { code: 'BAD_REQUEST' });
  }
  logger.error({ err, path: req.path, requestId }, 'unhandled error in a spreadsheet route');
  return one(500, `Something went wrong. Quote reference ${requestId ?? 'unknown'}`, {
    code: 'INTERNAL_SERVER_ERROR',
    requestId,
  });
}
