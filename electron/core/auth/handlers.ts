import type { AUTH_METHODS } from '../../../shared/methods/auth.js';
import type { CoreContext, HandlersOf } from '../context.js';
import { AuthSession } from './session.js';

/** The session is the one `lockGate` guards the dispatch with (electron/core/app.ts); a context without one gets its own. */
export function authHandlers({ db, auth = new AuthSession(db) }: CoreContext): HandlersOf<keyof typeof AUTH_METHODS> {
  return {
    'auth.status': () => auth.status(),
    'auth.unlock': ({ password }) => auth.unlock(password),
    'auth.lock': () => auth.lock(),
    'auth.touch': () => auth.status(),
    'auth.set': (input) => auth.set(input),
  };
}
