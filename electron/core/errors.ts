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

/** Why an imported workbook was not read (the tests and the bench tell the cases apart by it). */
export type WorkbookProblem =
  | 'not-xlsx'
  | 'old-xls'
  | 'damaged'
  | 'encrypted'
  | 'too-many-parts'
  | 'too-large'
  | 'compression-ratio'
  | 'size-mismatch'
  | 'too-many-rows'
  | 'too-many-cells'
  | 'shared-strings'
  | 'structure'
  | 'out-of-memory'
  | 'timeout';

/** A workbook refused before or while it is read: a VALIDATION error on `base64`, with its problem. */
export class WorkbookRefused extends AppError {
  constructor(
    readonly problem: WorkbookProblem,
    message: string,
    short: string,
  ) {
    super('VALIDATION', message, [{ path: 'base64', message: short }]);
    this.name = 'WorkbookRefused';
  }
}
