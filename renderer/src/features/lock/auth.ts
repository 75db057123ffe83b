/** The app password's state for the pages (支部设置 changes it; LockGate provides it). */
import { createContext, useContext } from 'react';
import type { AuthStatus } from '../../../../shared/methods/auth';

export interface AuthControl {
  status: AuthStatus;
  /** After auth.set: the new settings (idle minutes, whether a password is set). */
  setStatus(s: AuthStatus): void;
  /** Lock now and show the lock screen. */
  lock(): Promise<void>;
}

export const AuthContext = createContext<AuthControl | null>(null);

export function useAuth(): AuthControl {
  const a = useContext(AuthContext);
  if (!a) throw new Error('useAuth outside LockGate');
  return a;
}
