/**
 * The app password in the renderer. Asks auth.status first (branch.get is
 * refused while locked) and locks a session left open, so a window that
 * (re)loads starts locked like the app: then only the lock screen shows; once
 * open, the app stays mounted and a lock (idle without mouse or keyboard,
 * 立即锁定, or any call answered LOCKED) covers it with the lock screen.
 * The core enforces the lock on its own (electron/core/auth/session.ts).
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Button, Result, Spin } from 'antd';
import type { AuthStatus } from '../../../../shared/methods/auth';
import { call, onLocked } from '../../api';
import { AuthContext, type AuthControl } from './auth';
import { LockScreen } from './LockScreen';
import { useIdleLock } from './useIdleLock';

export function LockGate({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  /** The app has been shown: it stays mounted under later locks. */
  const [shown, setShown] = useState(false);

  useEffect(() => {
    // A window that (re)loads starts locked, as the app does: F5 or a new tab asks for the password too.
    const start = async () => {
      const s = await call('auth.status');
      // (Locked by the core in between: auth.lock answers LOCKED, and the status says so.)
      return s.passwordSet && !s.locked ? call('auth.lock').catch(() => call('auth.status')) : s;
    };
    start().then(setStatus, (e: Error) => setFailure(e.message));
    return onLocked(() => setStatus((s) => s && { ...s, passwordSet: true, locked: true }));
  }, []);
  useEffect(() => {
    if (status && !status.locked) setShown(true);
  }, [status]);

  const lock = useCallback(async () => {
    try {
      setStatus(await call('auth.lock'));
    } catch {
      setStatus((s) => s && { ...s, locked: true });
    }
  }, []);
  useIdleLock(status?.passwordSet && !status.locked ? status.idleMinutes : 0, lock);
  const control = useMemo<AuthControl | null>(() => (status ? { status, setStatus, lock } : null), [status, lock]);

  if (failure) return <Result status="error" title="无法读取数据" subTitle={failure} extra={<Button onClick={() => location.reload()}>重试</Button>} />;
  if (!control || !status) return <Spin fullscreen description="正在打开…" />;
  return (
    <AuthContext.Provider value={control}>
      {(shown || !status.locked) && (
        <div className="lock-gate-app" inert={status.locked}>
          {children}
        </div>
      )}
      {status.locked && <LockScreen branchName={status.branchName} onUnlocked={setStatus} />}
    </AuthContext.Provider>
  );
}
