/**
 * Contract coverage: every method has a schema and a handler, and malformed
 * input to any method is refused at the boundary without touching the database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createDispatch } from '../../electron/core/dispatch.js';
import { ArchiveJobs } from '../../electron/core/archive/jobs.js';
import { createHandlers } from '../../electron/core/handlers.js';
import { contract, METHOD_NAMES, type MethodName } from '../../shared/contract.js';
import { OPEN_WHILE_LOCKED } from '../../electron/core/auth/session.js';
import { call, dbDigest, useCore } from '../fixtures/core.js';
import { BRANCH_NAME } from '../fixtures/seed.js';
import { malformed, RULE_ID, seedEverything, TEXTS_DIR, VALID } from '../fixtures/contract-inputs.js';

describe('contract coverage', () => {
  const h = useCore();

  it('has a handler for every method and none for anything else', () => {
    const data = createHandlers({ db: h.core.db, dataDir: h.dir, textsDir: TEXTS_DIR, version: 'test', archive: new ArchiveJobs(null, null) });
    // the domains answer all but backup.* and app.info, which the core's lifecycle answers (app.ts)
    expect(Object.keys(data).sort()).toEqual(METHOD_NAMES.filter((m) => !m.startsWith('backup.') && m !== 'app.info').sort());
    expect(Object.keys(h.core.handlers).sort()).toEqual([...METHOD_NAMES].sort());
    for (const m of METHOD_NAMES) expect(typeof h.core.handlers[m]).toBe('function');
  });

  it('has a zod input schema for every method, and the test inputs above are valid', () => {
    expect(Object.keys(VALID).sort()).toEqual([...METHOD_NAMES].sort());
    expect(new Set(METHOD_NAMES).size).toBe(METHOD_NAMES.length);
    for (const m of METHOD_NAMES) {
      expect(contract[m].input, m).toBeInstanceOf(z.ZodType);
      const parsed = contract[m].input.safeParse(VALID[m]);
      expect(parsed.success, `${m}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });

  it(`uses a regulation text that ships (${RULE_ID})`, () => {
    expect(fs.existsSync(path.join(TEXTS_DIR, `${RULE_ID}.md`))).toBe(true);
  });

  /** On the seeded branch these valid inputs meet a rule of the service instead. */
  const REFUSED: Partial<Record<MethodName, string>> = {
    'branch.setup': 'CONFLICT', // set up already
    'people.remove': 'CONFLICT', // person 1 is the 书记
    'records.restore': 'NOT_FOUND', // record 1 is not in the 回收站
    'records.purge': 'NOT_FOUND',
    'development.get': 'NOT_FOUND', // no 发展党员 case yet
    'development.saveStep': 'NOT_FOUND',
    'development.removeStep': 'NOT_FOUND',
    'development.stepFiles': 'NOT_FOUND',
    'development.addStepFile': 'NOT_FOUND',
    'development.getStepFile': 'NOT_FOUND', // no step files either
    'development.removeStepFile': 'NOT_FOUND',
    'development.addReview': 'NOT_FOUND',
    'development.removeReview': 'NOT_FOUND',
    'development.close': 'NOT_FOUND',
    'development.reopen': 'NOT_FOUND',
    'dues.unfix': 'NOT_FOUND', // nothing fixed for 2025 yet
    'dues.pay': 'CONFLICT', // the year is not set up
    'dues.undo': 'NOT_FOUND', // nothing paid
    'seal.seal': 'NOT_FOUND', // no export folder for 2026
    'seal.unseal': 'CONFLICT', // 2026 is not sealed
    'seal.verify': 'CONFLICT',
    'archive.start': 'VALIDATION', // the seeded record is a 草稿: nothing to bind
    'archive.job': 'NOT_FOUND', // no export started
    'archive.cancel': 'NOT_FOUND',
    'archive.retry': 'NOT_FOUND',
    'archive.file': 'NOT_FOUND',
    'archive.saveTarget': 'NOT_FOUND', // the folder does not exist
    'archive.saveAll': 'NOT_FOUND', // no such export
    'archive.saveJob': 'NOT_FOUND', // no save started
    'archive.saveCancel': 'NOT_FOUND',
    'backup.toFolder': 'NOT_FOUND', // the folder does not exist
    'backup.scan': 'NOT_FOUND',
    'backup.verify': 'NOT_FOUND', // no such automatic backup
    'backup.restore': 'NOT_FOUND', // no such file
  };

  it.each(METHOD_NAMES)('%s answers its valid input through the dispatch', async (method) => {
    await seedEverything(h.core);
    const r = await h.core.dispatch(method, VALID[method]);
    const refused = REFUSED[method];
    if (refused) expect(r).toMatchObject({ ok: false, error: { code: refused } });
    else expect(r.ok, JSON.stringify(r).slice(0, 500)).toBe(true);
  });
});

describe('malformed input is refused at the boundary and writes nothing', () => {
  const h = useCore();

  it.each(METHOD_NAMES)('%s', async (method) => {
    await seedEverything(h.core);
    const before = dbDigest(h.core.db);
    const cases = malformed(method, VALID[method]);
    expect(cases.length).toBeGreaterThanOrEqual(8);

    for (const [label, input] of cases) {
      const r = await h.core.dispatch(method, input);
      expect(r.ok, `${method} with ${label} was accepted`).toBe(false);
      if (r.ok) continue;
      expect(r.error.code, `${method} with ${label}`).toBe('VALIDATION');
      expect(r.error.message).toMatch(/^输入有误：/);
      // fields are named in words, never by a code path such as （data.motions.0.for）
      expect(r.error.message, `${method} with ${label}`).not.toMatch(/（[A-Za-z][\w.]*）/);
      expect(r.error.fields?.length, `${method} with ${label}: no field issues`).toBeGreaterThan(0);
      for (const f of r.error.fields ?? []) expect(f.message, `${method} with ${label}: ${f.message}`).toMatch(/\p{Script=Han}/u);
    }
    expect(dbDigest(h.core.db)).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names the field at fault', async () => {
    const r = await h.core.dispatch('records.create', { ...VALID['records.create'], date: '2026-02-30' });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'date', message: '日期“2026-02-30”不存在' }] } });
    // in words, never a code path
    expect(r.ok || r.error.message).toBe('输入有误：会议日期：日期“2026-02-30”不存在');
  });

  it('names a field inside a record in the words of its form', async () => {
    const input = VALID['records.update'] as { id: number; record: { data: Record<string, unknown> } };
    const motions = [{ title: '甲', for: 1, against: 0, abstain: 0 }, { title: '乙', for: 1.5, against: 0, abstain: 0 }];
    const r = await h.core.dispatch('records.update', { ...input, record: { ...input.record, data: { ...input.record.data, motions } } });
    expect(r.ok || r.error.message).toMatch(/^输入有误：第2项表决的赞成票：票数应为整数/);
    expect(r.ok || r.error.message).not.toMatch(/[a-z]+\.\d/);
  });

  it('accepts no input at all for methods that take none', async () => {
    for (const m of ['app.info', 'branch.get', 'people.list', 'records.trash', 'rules.list'] as const) {
      expect((await h.core.dispatch(m, undefined)).ok, m).toBe(true);
    }
    expect(await call(h.core, 'app.info')).toMatchObject({ version: '0.0.0-test', dataDir: h.dir });
  });
});

describe('dispatch', () => {
  const h = useCore();

  it.each(['records.drop', '', 'app', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'api:app.info'])(
    'refuses the unknown method %j with UNKNOWN_METHOD',
    async (name) => {
      const before = dbDigest(h.core.db);
      const r = await h.core.dispatch(name, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
      expect(r.ok || r.error.message).toMatch(/^未知的接口/);
      expect(dbDigest(h.core.db)).toBe(before);
    },
  );

  it('turns an unexpected exception into INTERNAL and logs it', async () => {
    const log = vi.fn();
    const handlers = { ...h.core.handlers, 'app.info': () => { throw new Error('磁盘坏了'); } };
    const r = await createDispatch(handlers, log)('app.info', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(r.ok || r.error.message).toContain('磁盘坏了');
    expect(log).toHaveBeenCalledOnce();
  });
});

describe('a locked session (app password set)', () => {
  const h = useCore();

  async function seedAndLock() {
    await seedEverything(h.core);
    await call(h.core, 'auth.set', { current: '', password: 'secret1', idleMinutes: 10 });
    await call(h.core, 'auth.lock');
  }

  it.each(METHOD_NAMES.filter((m) => !OPEN_WHILE_LOCKED.has(m)))('refuses %s with its valid input: LOCKED, nothing written', async (method) => {
    await seedAndLock();
    const before = dbDigest(h.core.db);
    expect(await h.core.dispatch(method, VALID[method])).toEqual({ ok: false, error: { code: 'LOCKED', message: '程序已锁定，请输入开启密码解锁。' } });
    // Before the input is parsed: malformed input gets LOCKED too, never a VALIDATION that tells about it.
    expect(await h.core.dispatch(method, { __proto__pollution: 1 })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(dbDigest(h.core.db)).toBe(before);
  });

  it('answers app.info, auth.status and auth.unlock, and then everything again', async () => {
    await seedAndLock();
    expect([...OPEN_WHILE_LOCKED].sort()).toEqual(['app.info', 'auth.status', 'auth.unlock']);
    expect(await call(h.core, 'app.info')).toMatchObject({ version: '0.0.0-test' });
    expect(await call(h.core, 'auth.status')).toEqual({ passwordSet: true, locked: true, idleMinutes: 10, branchName: BRANCH_NAME });
    expect(await call(h.core, 'auth.unlock', { password: 'secret1' })).toMatchObject({ locked: false });
    // Every method but the lock's own (auth.lock would lock again, auth.set needs the current password).
    for (const m of METHOD_NAMES.filter((x) => !x.startsWith('auth.'))) {
      const r = await h.core.dispatch(m, VALID[m]);
      expect(r.ok || r.error.code, m).not.toBe('LOCKED');
    }
  });
});
