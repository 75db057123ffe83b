/**
 * The app password (issue 7): set, unlock, wrong passwords and the wait after
 * five, the idle lock on a clock the test moves, a restart that starts locked,
 * changing and removing the password. The lock is the core's, through the
 * dispatch; which methods a locked session refuses is in test/unit/contract.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core/app.js';
import { hashPassword, verifyPassword } from '../../electron/core/auth/password.js';
import { MAX_FAILURES, RETRY_DELAY_MS } from '../../electron/core/auth/session.js';
import { call, callError, rows } from '../fixtures/core.js';
import { BRANCH_NAME, seedBranch } from '../fixtures/seed.js';
import { useTempDir } from '../fixtures/tmp.js';

const MINUTE = 60_000;

describe('app password', () => {
  const dir = useTempDir('auth');
  /** A core whose idle lock reads `clock.t`. */
  function open(clock = { t: Date.UTC(2026, 2, 5, 9) }): { core: Core; clock: { t: number } } {
    return { core: openCore({ dataDir: dir(), version: 'test', clock: () => clock.t }), clock };
  }
  async function withCore<T>(fn: (core: Core, clock: { t: number }) => Promise<T>, clock?: { t: number }): Promise<T> {
    const { core, clock: c } = open(clock);
    try {
      return await fn(core, c);
    } finally {
      core.close();
    }
  }

  it('opens as before with no password: unlocked, 10 idle minutes, nothing stored', async () => {
    await withCore(async (core) => {
      expect(await call(core, 'auth.status')).toEqual({ passwordSet: false, locked: false, idleMinutes: 10, branchName: null });
      await seedBranch(core);
      expect(await call(core, 'auth.lock')).toMatchObject({ passwordSet: false, locked: false, branchName: BRANCH_NAME });
      expect((await call(core, 'branch.get'))?.name).toBe(BRANCH_NAME);
      expect(rows(core.db, 'SELECT * FROM app_lock')).toEqual([]);
    });
  });

  it('stores a salted scrypt hash with its parameters, never the password; starts locked after a restart', async () => {
    await withCore(async (core) => {
      await seedBranch(core);
      expect(await call(core, 'auth.set', { current: '', password: '党支部2026', idleMinutes: 15 })).toEqual({
        passwordSet: true,
        locked: false,
        idleMinutes: 15,
        branchName: BRANCH_NAME,
      });
      const [row] = rows<{ password_hash: string; idle_minutes: number }>(core.db, 'SELECT password_hash, idle_minutes FROM app_lock');
      expect(row!.idle_minutes).toBe(15);
      expect(row!.password_hash).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
      expect(row!.password_hash).not.toContain('党支部2026');
      // The session that set it stays open.
      expect((await call(core, 'people.list')).length).toBeGreaterThan(0);
    });
    await withCore(async (core) => {
      expect(await call(core, 'auth.status')).toEqual({ passwordSet: true, locked: true, idleMinutes: 15, branchName: BRANCH_NAME });
      expect(await callError(core, 'branch.get', {})).toEqual({ code: 'LOCKED', message: '程序已锁定，请输入开启密码解锁。' });
      expect(await call(core, 'auth.unlock', { password: '党支部2026' })).toMatchObject({ locked: false });
      expect((await call(core, 'branch.get'))?.name).toBe(BRANCH_NAME);
    });
  });

  it('salts each hash and reads its parameters from the stored string', async () => {
    const [a, b] = [await hashPassword('secret1'), await hashPassword('secret1')];
    expect(a).not.toBe(b);
    expect(await verifyPassword('secret1', a)).toBe(true);
    expect(await verifyPassword('secret2', a)).toBe(false);
    const light = await hashPassword('secret1', { ln: 10, r: 4, p: 1 });
    expect(light).toMatch(/^\$scrypt\$ln=10,r=4,p=1\$/);
    expect(await verifyPassword('secret1', light)).toBe(true);
    for (const bad of ['', 'secret1', '$scrypt$ln=99,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA', a.replace('ln=15', 'ln=14')]) {
      expect(await verifyPassword('secret1', bad), bad).toBe(false);
    }
  });

  it('refuses a wrong password with a message, and waits 30 s after five in a row', async () => {
    await withCore(async (core, clock) => {
      await seedBranch(core);
      await call(core, 'auth.set', { current: '', password: 'secret1', idleMinutes: 10 });
      await call(core, 'auth.lock');
      for (let i = 1; i < MAX_FAILURES; i++) {
        expect(await callError(core, 'auth.unlock', { password: `wrong${i}` })).toEqual({
          code: 'WRONG_PASSWORD',
          message: `密码不正确，请重新输入（再输错${MAX_FAILURES - i}次须等待30秒）。`,
        });
      }
      expect(await callError(core, 'auth.unlock', { password: 'wrong5' })).toEqual({
        code: 'WRONG_PASSWORD',
        message: '密码不正确。已连续输错5次，请30秒后再试。',
      });
      // Even the right password waits.
      clock.t += 10_000;
      expect(await callError(core, 'auth.unlock', { password: 'secret1' })).toEqual({
        code: 'WRONG_PASSWORD',
        message: '密码已连续输错5次，请20秒后再试。',
      });
      expect(await call(core, 'auth.status')).toMatchObject({ locked: true });
      // After the wait a wrong one waits again …
      clock.t += RETRY_DELAY_MS;
      expect((await callError(core, 'auth.unlock', { password: 'wrong6' })).message).toBe('密码不正确。已连续输错6次，请30秒后再试。');
      // … and the right one opens, and the count starts again.
      clock.t += RETRY_DELAY_MS;
      expect(await call(core, 'auth.unlock', { password: 'secret1' })).toMatchObject({ locked: false });
      await call(core, 'auth.lock');
      expect((await callError(core, 'auth.unlock', { password: 'wrong' })).message).toContain('再输错4次');
    });
  });

  it('takes parallel guesses one at a time: the sixth waits for the fifth', async () => {
    await withCore(async (core) => {
      await call(core, 'auth.set', { current: '', password: 'secret1', idleMinutes: 10 });
      await call(core, 'auth.lock');
      const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => callError(core, 'auth.unlock', { password: `guess${i}` })));
      expect(answers.map((a) => a.code)).toEqual(Array(8).fill('WRONG_PASSWORD'));
      expect(answers.slice(5).map((a) => a.message)).toEqual(Array(3).fill('密码已连续输错5次，请30秒后再试。'));
    });
  });

  it('locks after the idle minutes without a call; auth.status does not count as use, other calls do', async () => {
    await withCore(async (core, clock) => {
      await seedBranch(core);
      await call(core, 'auth.set', { current: '', password: 'secret1', idleMinutes: 10 });
      clock.t += 9 * MINUTE;
      await call(core, 'people.list'); // use: the ten minutes start again
      clock.t += 9 * MINUTE;
      await call(core, 'auth.touch'); // the renderer's heartbeat while the user types
      clock.t += 9 * MINUTE;
      expect(await call(core, 'auth.status')).toMatchObject({ locked: false });
      clock.t += MINUTE - 1;
      expect(await call(core, 'auth.status')).toMatchObject({ locked: false }); // looking only: not use
      clock.t += 1;
      expect(await call(core, 'auth.status')).toMatchObject({ locked: true });
      expect((await callError(core, 'records.counts', { year: 2026 })).code).toBe('LOCKED');
      expect((await callError(core, 'auth.touch', {})).code).toBe('LOCKED');
      await call(core, 'auth.unlock', { password: 'secret1' });
      clock.t += 10 * MINUTE;
      expect((await callError(core, 'people.list', {})).code).toBe('LOCKED'); // found idle by the call itself
    });
  });

  it('never idles out with 0 minutes, but still locks on auth.lock and at start', async () => {
    await withCore(async (core, clock) => {
      await call(core, 'auth.set', { current: '', password: 'secret1', idleMinutes: 0 });
      clock.t += 365 * 24 * 60 * MINUTE;
      expect(await call(core, 'auth.status')).toMatchObject({ locked: false, idleMinutes: 0 });
      await call(core, 'people.list');
      expect(await call(core, 'auth.lock')).toMatchObject({ locked: true });
      expect((await callError(core, 'people.list', {})).code).toBe('LOCKED');
    });
  });

  it('changes the password and the idle minutes only with the current password', async () => {
    await withCore(async (core) => {
      await call(core, 'auth.set', { current: '', password: 'secret1', idleMinutes: 10 });
      expect(await callError(core, 'auth.set', { current: 'nope', password: 'secret2', idleMinutes: 10 })).toMatchObject({
        code: 'WRONG_PASSWORD',
        message: expect.stringMatching(/^当前密码不正确，/),
      });
      expect(await callError(core, 'auth.set', { current: '', password: null, idleMinutes: 0 })).toMatchObject({ code: 'WRONG_PASSWORD' });
      // The idle minutes alone (password null keeps it).
      expect(await call(core, 'auth.set', { current: 'secret1', password: null, idleMinutes: 3 })).toMatchObject({ passwordSet: true, idleMinutes: 3 });
      expect(await call(core, 'auth.set', { current: 'secret1', password: 'secret2', idleMinutes: 3 })).toMatchObject({ passwordSet: true });
      await call(core, 'auth.lock');
      expect((await callError(core, 'auth.unlock', { password: 'secret1' })).code).toBe('WRONG_PASSWORD');
      expect(await call(core, 'auth.unlock', { password: 'secret2' })).toMatchObject({ locked: false, idleMinutes: 3 });
    });
  });

  it('refuses a password shorter than 6 characters and idle minutes out of range', async () => {
    await withCore(async (core) => {
      expect(await callError(core, 'auth.set', { current: '', password: '12345', idleMinutes: 10 })).toMatchObject({
        code: 'VALIDATION',
        fields: [{ path: 'password', message: '新密码至少6个字符' }],
      });
      expect((await callError(core, 'auth.set', { current: '', password: 'secret1', idleMinutes: 1441 })).fields).toEqual([
        { path: 'idleMinutes', message: '空闲锁定分钟数不能超过1440' },
      ]);
      expect((await callError(core, 'auth.set', { current: '', password: 'secret1', idleMinutes: 2.5 })).code).toBe('VALIDATION');
      expect(await call(core, 'auth.status')).toMatchObject({ passwordSet: false });
    });
  });

  it('removes the password: the app opens as before, even after a restart', async () => {
    await withCore(async (core) => {
      await seedBranch(core);
      await call(core, 'auth.set', { current: '', password: 'secret1', idleMinutes: 5 });
      expect(await call(core, 'auth.set', { current: 'secret1', password: '', idleMinutes: 5 })).toEqual({
        passwordSet: false,
        locked: false,
        idleMinutes: 5,
        branchName: BRANCH_NAME,
      });
      expect(await call(core, 'auth.lock')).toMatchObject({ locked: false });
      expect(rows(core.db, 'SELECT password_hash, idle_minutes FROM app_lock')).toEqual([{ password_hash: null, idle_minutes: 5 }]);
    });
    await withCore(async (core) => {
      expect(await call(core, 'auth.status')).toMatchObject({ passwordSet: false, locked: false });
      expect((await call(core, 'branch.get'))?.name).toBe(BRANCH_NAME);
    });
  });
});
