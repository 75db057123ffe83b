/** The app_lock row (migration 0009): the password hash and the idle minutes. */
import { first, now, q, run, type Db } from '../db/sql.js';

export const DEFAULT_IDLE_MINUTES = 10;

export interface LockSettings {
  /** null: no password */
  hash: string | null;
  idleMinutes: number;
}

export function readLockSettings(db: Db): LockSettings {
  const r = first(db, q.selectFrom('app_lock').select(['password_hash', 'idle_minutes']).where('id', '=', 1));
  return { hash: r?.password_hash ?? null, idleMinutes: r?.idle_minutes ?? DEFAULT_IDLE_MINUTES };
}

export function writeLockSettings(db: Db, s: LockSettings): void {
  const row = { password_hash: s.hash, idle_minutes: s.idleMinutes, updated_at: now() };
  run(db, q.insertInto('app_lock').values({ id: 1, ...row }).onConflict((oc) => oc.column('id').doUpdateSet(row)));
}
