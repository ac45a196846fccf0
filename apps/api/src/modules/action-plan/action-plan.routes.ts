import express, { type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import type { Logger } from 'pino';
import { AppError, BadInputError, ForbiddenError, UnauthenticatedError } from '../../errors/errors';
import type { Viewer } from '../../graphql/context';
import type { Services } from '../../graphql/services';
import { currentRequestId } from '../../logging/request-context';
import { sessionTokenFrom } from '../identity/session-cookie';
import { Role } from '../identity/user.entity';
import { IMPORT_LIMITS } from './action-import.service';
import { FileRefusedError } from './file-refused';

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
 * shape ({ errors: [{ message, extensions: { code, field } }] }) and the matching HTTP status.
 */
export function actionPlanRoutes(opts: { services: Services; logger: Logger; production: boolean }) {
  const { services, logger, production } = opts;
  const router = express.Router();

  // Who is asking, before any body is read: strangers never get to upload 2 MB.
  const authenticate = sessionAuth(services, production);

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

  const upload = multer({
    storage: multer.memoryStorage(),
    // busboy stops reading at these: one file of at most 2 MB, a handful of small fields.
    limits: {
      fileSize: IMPORT_LIMITS.maxFileBytes,
      files: 1,
      fields: 5,
      fieldSize: 1024,
      parts: 6,
      headerPairs: 50,
    },
  });

  router.post(
    '/strategies/:strategyId/action-imports',
    authenticate,
    refuseCrossSite,
    (_req, res, next) => {
      const viewer = viewerOf(res);
      next(
        viewer.roles.includes(Role.ADMIN)
          ? undefined
          : new ForbiddenError('Only an admin may import actions.'),
      );
    },
    (req, res, next) => {
      if (!req.is('multipart/form-data')) {
        next(
          new FileRefusedError(
            'unsupported-type',
            'Send the file as multipart/form-data, in a field named "file".',
          ),
        );
        return;
      }
      upload.single('file')(req, res, next);
    },
    async (req, res, next) => {
      try {
        if (!req.file) throw new FileRefusedError('missing', 'Select a file.');
        const defaultGroupId = typeof req.body?.defaultGroupId === 'string' ? req.body.defaultGroupId : '';
        const preview = await services.actionImports.preview(
          viewerOf(res),
          String(req.params.strategyId),
          // busboy decodes file names as latin1; browsers send UTF-8.
          { fileName: Buffer.from(req.file.originalname, 'latin1').toString('utf8'), bytes: req.file.buffer },
          { defaultGroupId: defaultGroupId || null },
        );
        res.setHeader('Cache-Control', 'no-store');
        res.status(preview.id ? 201 : 422).json({ preview });
      } catch (e) {
        next(e);
      }
    },
  );

  router.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    void next;
    const { status, body } = toHttpError(err, logger, req);
    res.status(status).json(body);
  });
  return router;
}

/** Middleware: the session (Bearer token or cookie, as GraphQL) in res.locals.viewer, or 401. */
export function sessionAuth(services: Services, production: boolean) {
  return async (req: Request, res: Response, next: NextFunction) => {
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
}

export function viewerOf(res: Response): Viewer {
  return res.locals.viewer as Viewer;
}

/**
 * CSRF: multipart/form-data is a "simple" request browsers send cross-site with cookies and without
 * asking. A cookie-borne session must therefore come with a header no other site can add without a
 * CORS preflight (which this server never grants), and never from a cross-site fetch. Bearer tokens
 * are not sent by browsers on their own, so they need neither.
 */
function refuseCrossSite(req: Request, _res: Response, next: NextFunction) {
  const bearer = /^Bearer\s/i.test(req.get('authorization') ?? '');
  if (req.get('sec-fetch-site') === 'cross-site') {
    next(new ForbiddenError('Cross-site requests are refused.'));
  } else if (!bearer && !req.get('x-requested-with')) {
    next(new ForbiddenError('Send the header X-Requested-With with a session cookie (CSRF protection).'));
  } else {
    next();
  }
}

const STATUS_BY_CODE: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
};

/** An error as GraphQL-shaped JSON with the matching HTTP status. */
export function toHttpError(err: unknown, logger: Logger, req: Request) {
  const requestId = currentRequestId();
  const one = (status: number, message: string, extensions: Record<string, unknown>) => ({
    status,
    body: { errors: [{ message, extensions }] },
  });
  if (err instanceof FileRefusedError) return one(err.httpStatus, err.message, err.extensions);
  if (err instanceof AppError) {
    return one(STATUS_BY_CODE[String(err.extensions.code)] ?? 400, err.message, err.extensions);
  }
  if (err instanceof multer.MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE') {
      return one(413, 'The selected file must be smaller than 2 MB.', {
        code: 'BAD_USER_INPUT',
        field: 'file',
        reason: 'too-large',
      });
    }
    return one(400, 'Send one file, in a field named "file", and no other files.', {
      code: 'BAD_USER_INPUT',
      field: 'file',
      reason: 'missing',
    });
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
