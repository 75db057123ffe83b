/**
 * One IPC call as the main process handles it: the sender frame must be a page of our
 * own bundle (security.ts), then the call goes through the same dispatch as the web
 * host. No electron import: main.ts's registerIpc passes the frame's URL, and the fuzz
 * (test/unit/fuzz.test.ts) calls this directly.
 */
import type { Result } from '../../shared/result.js';
import type { Dispatch } from '../../shared/result.js';
import { isTrustedUrl } from './security.js';

export const FORBIDDEN_SENDER_MESSAGE = '拒绝来自未知页面的请求';

/**
 * `senderUrl` is the sender frame's URL, or null when the frame is gone. A call from any
 * page but ours (another origin, a PDF viewer, a destroyed frame) is FORBIDDEN.
 */
export function ipcCall(dispatch: Dispatch, senderUrl: string | null | undefined, method: string, input: unknown): Promise<Result<unknown>> {
  if (typeof senderUrl !== 'string' || !isTrustedUrl(senderUrl)) {
    return Promise.resolve({ ok: false, error: { code: 'FORBIDDEN', message: FORBIDDEN_SENDER_MESSAGE } });
  }
  return dispatch(method, input);
}
