/**
 * The boundary both transports go through: look up the method, scrub every string
 * of the input (shared/validation.ts scrubInput: invisible controls dropped, text
 * no field can keep refused), parse it with its contract schema, run the handler,
 * and turn every outcome into a Result. Nothing thrown ever crosses to the renderer raw.
 */
import { contract, type MethodName } from '../../shared/contract.js';
import type { Dispatch, FieldIssue } from '../../shared/result.js';
import { inputPathLabel } from '../../shared/books/paths.js';
import { parseInput, validationMessage } from '../../shared/validation.js';
import { AppError } from './errors.js';
import type { Handlers } from './context.js';
import { storageError } from './storage-errors.js';

function isMethod(name: string): name is MethodName {
  return Object.hasOwn(contract, name);
}

/** The fields at fault, and a message naming the first in words (a record's field by its label). */
function validationError(fields: FieldIssue[], input: unknown): AppError {
  return new AppError('VALIDATION', validationMessage(fields, (path) => inputPathLabel(input, path)), fields);
}


/** `dataDir` lets a failed write be told apart as a full disk or a read-only data dir (storage-errors.ts). */
export function createDispatch(handlers: Handlers, log: (e: unknown) => void = console.error, dataDir: string | null = null): Dispatch {
  return async (method, input) => {
    if (!isMethod(method)) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `未知的接口：${method.slice(0, 60)}` } };
    const parsed = parseInput(contract[method].input, input);
    if (!parsed.success) return { ok: false, error: validationError(parsed.issues, input).toJSON() };
    try {
      const handler = handlers[method] as (i: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value: value ?? null };
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: e.toJSON() };
      const storage = storageError(e, dataDir);
      if (storage) return { ok: false, error: storage.toJSON() };
      log(e);
      return { ok: false, error: { code: 'INTERNAL', message: `程序内部错误，操作未完成：${(e as Error)?.message ?? String(e)}` } };
    }
  };
}
