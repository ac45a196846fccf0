import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import type { Logger } from 'pino';
import { AppError, ForbiddenError, UnauthenticatedError } from '../errors/errors';
import type { Viewer } from '../shared/viewer';
import type { Services } from '../graphql/services';
import { currentRequestId } from '../logging/request-context';
import { FileRefusedError } from '../modules/action-plan/file-refused';
import { IMPORT_LIMITS } from '../modules/action-plan/action-import.service';
import { sessionTokenFrom } from '../modules/identity/session-cookie';

/**
 * What the spreadsheet routes beside /graphql share (the action plan's and the reporting rounds'):
 * the session check, CSRF refusal, the bounded multipart upload of one file, and errors in GraphQL's
 * shape with the matching HTTP status.
 */

/** Who is asking, before any body is read: strangers never get to upload 2 MB. */
export function authenticate(services: Services, production: boolean) {
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

/** One file of at most 2 MB in the multipart field "file", and a handful of small fields. */
export function uploadOneFile() {
  const upload = multer({
    storage: multer.memoryStorage(),
    // busboy stops reading at these.
    limits: {
      fileSize: IMPORT_LIMITS.maxFileBytes,
      files: 1,
      fields: 5,
      fieldSize: 1024,
      parts: 6,
      headerPairs: 50,
    },
  });
  return (req: Request, res: Response, next: NextFunction) => {
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
  };
}

/** The uploaded file's name (busboy decodes names as latin1; browsers send UTF-8) and bytes. */
export function uploadedFile(req: Request): { fileName: string; bytes: Buffer } {
  if (!req.file) throw new FileRefusedError('missing', 'Select a file.');
  return { fileName: Buffer.from(req.file.originalname, 'latin1').toString('utf8'), bytes: req.file.buffer };
}

/** The last handler of a spreadsheet router. */
export function sheetErrors(logger: Logger) {
  return (err: unknown, req: Request, res: Response, next: NextFunction) => {
    void next;
    const { status, body } = toHttpError(err, logger, req);
    res.status(status).json(body);
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
export function refuseCrossSite(req: Request, _res: Response, next: NextFunction) {
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

function toHttpError(err: unknown, logger: Logger, req: Request) {
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
