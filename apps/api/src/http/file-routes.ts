import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import type { Logger } from 'pino';
import { ForbiddenError, UnauthenticatedError } from '../errors/errors';
import { httpError } from '../errors/http-error';
import type { Viewer } from '../shared/viewer';
import type { Services } from '../graphql/services';
import { FileRefusedError } from '../modules/action-plan/file-refused';
import { IMPORT_LIMITS } from '../modules/action-plan/action-import.service';
import { sessionTokenFrom } from '../modules/identity/session-cookie';

/**
 * What the file routes beside /graphql share (spreadsheets, review exports, the board pack, the
 * survivor-voice digest): the session check, CSRF refusal, the bounded multipart upload of one file,
 * sending a file as an attachment, and errors in GraphQL's shape with the matching HTTP status.
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

/** The last handler of a file router: `what` names the route in the log of an unexpected error. */
export function routeErrors(logger: Logger, what: string) {
  return (err: unknown, req: Request, res: Response, next: NextFunction) => {
    void next;
    const { status, body } = toHttpError(err, logger, req, what);
    res.status(status).json(body);
  };
}

/** A file sent whole, as a download no cache keeps (it holds what this reader may see). */
export function sendAttachment(
  res: Response,
  file: { fileName: string; contentType: string; body: Buffer | string },
): void {
  attachmentHeaders(res, file.fileName, file.contentType);
  res.send(file.body);
}

export function attachmentHeaders(res: Response, fileName: string, contentType: string): void {
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  res.setHeader('Cache-Control', 'no-store');
}

/**
 * Runs a handler that streams its file. Before the first byte an error is answered as usual; after
 * it the status is sent, so the connection is cut and the client sees a broken download, never a
 * file that looks whole.
 */
export function streamed(
  logger: Logger,
  what: string,
  handler: (req: Request, res: Response) => Promise<void>,
) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      await handler(req, res);
    } catch (e) {
      if (res.headersSent) {
        logger.warn({ err: e, path: req.path }, `${what} stopped part way`);
        res.destroy();
        return;
      }
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

function toHttpError(err: unknown, logger: Logger, req: Request, what: string) {
  const one = (status: number, message: string, extensions: Record<string, unknown>) => ({
    status,
    body: { errors: [{ message, extensions }] },
  });
  if (err instanceof FileRefusedError) return one(err.httpStatus, err.message, err.extensions);
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
  return httpError(err, logger, req, what);
}
