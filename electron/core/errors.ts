import type { ApiError, ErrorCode, FieldIssue } from '../../shared/result.js';

/** An expected failure with a message for the user; crosses the boundary as `{ok:false,error}`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldIssue[],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toJSON(): ApiError {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what}不存在或已被删除`);
