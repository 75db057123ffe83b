/**
 * The only reader of window.api. In Electron the preload provides it; in a
 * browser the same methods go to the loopback web host over fetch.
 */
import type { WindowApi } from '../../shared/api';
import { METHOD_NAMES, type InputOf, type MethodName, type OutputOf } from '../../shared/contract';
import type { ApiError, FieldIssue, Result } from '../../shared/result';

declare global {
  interface Window {
    api?: WindowApi;
  }
}

function httpApi(): WindowApi {
  const entries = METHOD_NAMES.map((m) => [
    m,
    async (input: unknown): Promise<Result<unknown>> => {
      let res: Response;
      try {
        res = await fetch(`/api/${m}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: '无法连接本机服务，程序可能已经关闭。' } };
      }
      try {
        return (await res.json()) as Result<unknown>;
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: `本机服务返回了无法识别的内容（${res.status}）` } };
      }
    },
  ]);
  return Object.fromEntries(entries) as WindowApi;
}

export const api: WindowApi = window.api ?? httpApi();

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
  get fields(): FieldIssue[] {
    return this.error.fields ?? [];
  }
}

const lockedListeners = new Set<() => void>();

/** Called whenever the core answers LOCKED (the app password's lock; features/lock shows the lock screen). */
export function onLocked(listener: () => void): () => void {
  lockedListeners.add(listener);
  return () => lockedListeners.delete(listener);
}

/** Call a method and return its value, or throw ApiCallError with the typed error. */
export async function call<M extends MethodName>(method: M, input?: InputOf<M>): Promise<OutputOf<M>> {
  const r = (await api[method](input as never)) as Result<OutputOf<M>>;
  if (!r.ok) {
    if (r.error.code === 'LOCKED') for (const l of lockedListeners) l();
    throw new ApiCallError(r.error);
  }
  return r.value;
}
