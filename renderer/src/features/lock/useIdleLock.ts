import { useEffect } from 'react';
import { call } from '../../api';

/** What counts as the user at the PC. */
const USE_EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;
const CHECK_EVERY_MS = 5_000;

/**
 * Calls `onIdle` after `idleMinutes` without mouse or keyboard (0: never).
 * While the user is at work but the page makes no call (typing a long
 * record), auth.touch tells the core now and then, so its own idle lock
 * (which counts calls) does not close the session under their hands.
 */
export function useIdleLock(idleMinutes: number, onIdle: () => void) {
  useEffect(() => {
    if (idleMinutes <= 0) return;
    const idleMs = idleMinutes * 60_000;
    const touchEvery = Math.min(60_000, idleMs / 4);
    let lastUse = Date.now();
    let lastTouch = lastUse;
    const used = () => {
      lastUse = Date.now();
    };
    for (const e of USE_EVENTS) window.addEventListener(e, used, { capture: true, passive: true });
    const timer = setInterval(() => {
      const now = Date.now();
      if (now - lastUse >= idleMs) onIdle();
      else if (lastUse > lastTouch && now - lastTouch >= touchEvery) {
        lastTouch = now;
        call('auth.touch').catch(() => undefined); // LOCKED shows the lock screen through onLocked
      }
    }, CHECK_EVERY_MS);
    return () => {
      clearInterval(timer);
      for (const e of USE_EVENTS) window.removeEventListener(e, used, { capture: true });
    };
  }, [idleMinutes, onIdle]);
}
