/**
 * The optional app password (merged in shared/contract.ts). With a password
 * set the session starts locked, and locks again on auth.lock or after
 * `idleMinutes` without a call; while locked the core answers only app.info,
 * auth.status and auth.unlock (every other method: LOCKED). The password
 * cannot be recovered: the app has no network and no reset. It keeps others
 * from browsing the books on this PC; the data folder itself is not encrypted.
 */
import { z } from 'zod';
import { method, noInput } from './method.js';

/** The shortest password auth.set accepts. */
export const MIN_PASSWORD_LENGTH = 6;
const MAX_PASSWORD_LENGTH = 128;
/** The longest idle time that can be set, in minutes (a day). */
export const MAX_IDLE_MINUTES = 1440;

export interface AuthStatus {
  passwordSet: boolean;
  /** Locked now: only app.info, auth.status and auth.unlock answer. Never true without a password. */
  locked: boolean;
  /** Lock after this many minutes without use; 0: only at start and on auth.lock. */
  idleMinutes: number;
  /** For the lock screen (branch.get is refused while locked); null before the first-run setup. */
  branchName: string | null;
}

const password = (label: string) => z.string({ error: `${label}应为文字` }).max(MAX_PASSWORD_LENGTH, `${label}不能超过${MAX_PASSWORD_LENGTH}个字符`);

export const AUTH_METHODS = {
  'auth.status': method<AuthStatus>({ openWhileLocked: true, openWhenDamaged: true })(noInput),
  /** Wrong password: WRONG_PASSWORD; after 5 wrong ones in a row each try waits (shared in the message). */
  'auth.unlock': method<AuthStatus>({ openWhileLocked: true })(z.strictObject({ password: password('密码') })),
  'auth.lock': method<AuthStatus>()(noInput),
  /** The user is at work (typing a long form, say): counts as use, like any other call, so the idle lock waits. */
  'auth.touch': method<AuthStatus>()(noInput),
  /**
   * Set, change or remove the password, and the idle minutes. `current` is checked when a
   * password is set ('' otherwise); `password`: a new one, '' to remove it, null to keep it.
   */
  'auth.set': method<AuthStatus>()(
    z.strictObject({
      current: password('当前密码'),
      password: password('新密码')
        .refine((s) => s === '' || s.length >= MIN_PASSWORD_LENGTH, `新密码至少${MIN_PASSWORD_LENGTH}个字符`)
        .nullable(),
      idleMinutes: z
        .number({ error: '空闲锁定分钟数应为数字' })
        .int('空闲锁定分钟数应为整数')
        .min(0, '空闲锁定分钟数不能为负')
        .max(MAX_IDLE_MINUTES, `空闲锁定分钟数不能超过${MAX_IDLE_MINUTES}`),
    }),
  ),
} as const;
