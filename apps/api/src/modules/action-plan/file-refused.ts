import { AppError } from '../../errors/errors';

/** Why a whole uploaded file is refused; each maps to the HTTP status the upload route answers. */
export type RefusalReason = 'missing' | 'too-large' | 'unsupported-type' | 'unreadable' | 'too-many-rows';

const STATUS: Record<RefusalReason, number> = {
  missing: 400,
  'too-large': 413,
  'unsupported-type': 415,
  unreadable: 422,
  'too-many-rows': 422,
};

/** The file as a whole cannot be imported: BAD_USER_INPUT on the `file` field, with the reason. */
export class FileRefusedError extends AppError {
  readonly httpStatus: number;
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super('BAD_USER_INPUT', message, { field: 'file', reason });
    this.httpStatus = STATUS[reason];
  }
}
