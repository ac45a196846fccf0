import { GraphQLError } from 'graphql';
import { messageInWords } from './field-words';

/** The error codes of the public contract (docs/graphql-contract.md), carried in extensions.code. */
export type ErrorCode =
  'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'CONFLICT' | 'TOO_MANY_REQUESTS';

/** A domain error with a stable code; anything that is not an AppError reaches clients masked. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extensions } });
    this.name = 'AppError';
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'You must be signed in.') {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You do not have permission to do that.') {
    super('FORBIDDEN', message);
  }
}

export class NotFoundError extends AppError {
  /** Also used for records the reader may not see, so that their existence is not revealed. */
  constructor(entity: string, id?: string) {
    super('NOT_FOUND', `${entity} not found.`, { entity, ...(id ? { id } : {}) });
  }
}

/**
 * Bad input, naming the offending field (dotted path within the input, e.g. "input.dueOn") in
 * extensions.field; the message names fields in words ("Due date cannot be before start date.").
 */
export class BadInputError extends AppError {
  constructor(field: string, message: string, extra: Record<string, unknown> = {}) {
    super('BAD_USER_INPUT', messageInWords(message), { field, ...extra });
  }
}

export class ConflictError extends AppError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super('CONFLICT', message, extra);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(message: string, retryAfterSeconds: number, extra: Record<string, unknown> = {}) {
    super('TOO_MANY_REQUESTS', message, { retryAfterSeconds, ...extra });
  }
}
