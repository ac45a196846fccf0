import type { Request } from 'express';
import type { Logger } from 'pino';
import { currentRequestId } from '../logging/request-context';
import { AppError } from './errors';

const STATUS_BY_CODE: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
};

/**
 * An error of a REST route (files: spreadsheets, the board pack) as GraphQL's error shape
 * ({ errors: [{ message, extensions: { code, field } }] }) with the matching HTTP status. Anything
 * unexpected is logged and answered with a reference to quote, never a stack.
 */
export function httpError(err: unknown, logger: Logger, req: Request, where: string) {
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
  logger.error({ err, path: req.path, requestId }, `unhandled error in ${where}`);
  return one(500, `Something went wrong. Quote reference ${requestId ?? 'unknown'}`, {
    code: 'INTERNAL_SERVER_ERROR',
    requestId,
  });
}
