/**
 * The lock of one running core. With a password set (store.ts) the session
 * is locked at start, on auth.lock, and when no call has come for the idle
 * minutes; while locked `lockGate` lets through only OPEN_WHILE_LOCKED and
 * answers LOCKED to everything else, before the input is even parsed. The
 * settings are read from the database on each call, so a password set by any
 * path (or a database put back from a backup) takes effect at once.
 *
 * Wrong passwords: after MAX_FAILURES in a row each further try waits
 * RETRY_DELAY_MS; tries run one at a time, so parallel guesses gain nothing.
 * The count lives in memory (restarting the app takes longer than the wait).
 */
import type { AuthStatus } from '../../../shared/methods/auth.js';
import { contract, METHOD_NAMES, type ParsedInputOf } from '../../../shared/contract.js';
import type { ApiError } from '../../../shared/result.js';
import { getBranch } from '../branch/service.js';
import type { Db } from '../db/sql.js';
import type { Dispatch } from '../../../shared/result.js';
import { AppError } from '../errors.js';
import { hashPassword, verifyPassword } from './password.js';
import { readLockSettings, writeLockSettings, type LockSettings } from './store.js';

/** What a locked session still answers: enough to show the lock screen and unlock (declared with the methods: openWhileLocked). */
export const OPEN_WHILE_LOCKED: ReadonlySet<string> = new Set(METHOD_NAMES.filter((m) => contract[m].props.openWhileLocked));
/** Calls that only look, and so do not count as use for the idle lock. */
const NOT_USE: ReadonlySet<string> = new Set(['app.info', 'auth.status']);

export const MAX_FAILURES = 5;
export const RETRY_DELAY_MS = 30_000;

const LOCKED: ApiError = { code: 'LOCKED', message: '程序已锁定，请输入开启密码解锁。' };

export class AuthSession {
  private locked = true;
  private lastUse: number;
  private failures = 0;
  private retryAt = 0;
  /** The try in progress: the next waits for it. */
  private trying: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.lastUse = now();
  }

  /** Whether the session is locked now, locking it when it has been idle too long. */
  private isLocked(s: LockSettings): boolean {
    if (!s.hash) return false;
    if (!this.locked && s.idleMinutes > 0 && this.now() - this.lastUse >= s.idleMinutes * 60_000) this.locked = true;
    return this.locked;
  }

  private open() {
    this.locked = false;
    this.lastUse = this.now();
  }

  /** Run before every call: the error to answer instead, or null to go on. */
  gate(method: string): ApiError | null {
    if (this.isLocked(readLockSettings(this.db))) return OPEN_WHILE_LOCKED.has(method) ? null : LOCKED;
    if (!NOT_USE.has(method)) this.lastUse = this.now();
    return null;
  }

  status(): AuthStatus {
    const s = readLockSettings(this.db);
    return { passwordSet: s.hash !== null, locked: this.isLocked(s), idleMinutes: s.idleMinutes, branchName: getBranch(this.db)?.name ?? null };
  }

  lock(): AuthStatus {
    this.locked = true;
    return this.status();
  }

  async unlock(password: string): Promise<AuthStatus> {
    const { hash } = readLockSettings(this.db);
    if (hash) await this.check(password, hash, '密码不正确');
    this.open();
    return this.status();
  }

  /** Set, change or remove the password (the current one first, when there is one) and the idle minutes. */
  async set({ current, password, idleMinutes }: ParsedInputOf<'auth.set'>): Promise<AuthStatus> {
    const s = readLockSettings(this.db);
    if (s.hash) await this.check(current, s.hash, '当前密码不正确');
    const hash = password === null ? s.hash : password === '' ? null : await hashPassword(password);
    writeLockSettings(this.db, { hash, idleMinutes });
    this.open();
    return this.status();
  }

  /** Compare a password with the hash, one try at a time; throws WRONG_PASSWORD. */
  private check(password: string, hash: string, wrong: string): Promise<void> {
    const attempt = this.trying.then(async () => {
      const wait = this.retryAt - this.now();
      if (wait > 0) throw new AppError('WRONG_PASSWORD', `密码已连续输错${this.failures}次，请${Math.ceil(wait / 1000)}秒后再试。`);
      if (await verifyPassword(password, hash)) {
        this.failures = 0;
        this.retryAt = 0;
        return;
      }
      this.failures += 1;
      if (this.failures >= MAX_FAILURES) {
        this.retryAt = this.now() + RETRY_DELAY_MS;
        throw new AppError('WRONG_PASSWORD', `${wrong}。已连续输错${this.failures}次，请${RETRY_DELAY_MS / 1000}秒后再试。`);
      }
      const left = MAX_FAILURES - this.failures;
      throw new AppError('WRONG_PASSWORD', `${wrong}，请重新输入（再输错${left}次须等待${RETRY_DELAY_MS / 1000}秒）。`);
    });
    this.trying = attempt.catch(() => undefined);
    return attempt;
  }
}

/** The dispatch behind the lock: a separate step in front of the contract's one (electron/core/dispatch.ts). */
export function lockGate(session: AuthSession, dispatch: Dispatch): Dispatch {
  return async (method, input) => {
    let refused: ApiError | null;
    try {
      refused = session.gate(method);
    } catch (e) {
      // The settings could not be read (the database is gone, say): refuse rather than let the call through.
      console.error(e);
      refused = { code: 'INTERNAL', message: `无法读取开启密码设置，操作未完成：${(e as Error)?.message ?? String(e)}` };
    }
    return refused ? { ok: false, error: refused } : dispatch(method, input);
  };
}
