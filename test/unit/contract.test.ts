/**
 * Contract coverage: every method has a schema and a handler, and malformed
 * input to any method is refused at the boundary without touching the database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { Core } from '../../electron/core/app.js';
import { createDispatch } from '../../electron/core/dispatch.js';
import { ArchiveJobs } from '../../electron/core/archive/jobs.js';
import { createHandlers } from '../../electron/core/handlers.js';
import { OPEN_WHILE_LOCKED } from '../../electron/core/auth/session.js';
import { contract, METHOD_NAMES, type InputOf, type MethodName } from '../../shared/contract.js';
import { call, dbDigest, useCore } from '../fixtures/core.js';
import { BRANCH_NAME, createMeeting, meetingInput, personInput, sampleMeeting, seedBranch, setupInput } from '../fixtures/seed.js';
import { REPO_ROOT } from '../fixtures/tmp.js';
import { simpleRosterBuffer } from '../fixtures/roster.js';

/** A 1×1 PNG. */
const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
/** A regulation text shipped in resources/texts (rules.update and rules.reset need one that exists). */
const RULE_ID = 'sanhui-yike';
const TEXTS_DIR = path.join(REPO_ROOT, 'resources', 'texts');
/** A folder that does not exist: the backup methods that write or read files there answer NOT_FOUND. */
const NO_FOLDER = path.join(REPO_ROOT, '.cache', 'no-such-folder');

const ATTENDANCE = [
  { personId: 1, name: '王书记', membership: '正式', title: '书记', present: true, absenceReason: '' },
  { personId: 2, name: '吴预备', membership: '预备', title: '', present: false, absenceReason: '病假' },
] as const;

/** A small 党员花名册 workbook (members.importPreview and importCommit read it). */
const ROSTER_XLSX = (await simpleRosterBuffer()).toString('base64');

/** One schema-valid input per method (the compiler insists on an entry for each). */
const VALID: { [M in MethodName]: InputOf<M> } = {
  'app.info': {},
  'branch.get': {},
  'branch.setup': setupInput(),
  'branch.update': {
    name: '第一支部',
    parentOrg: '机关党委',
    fondsNo: '',
    groups: [{ id: 1, name: '第一党小组' }, { name: '新党小组' }],
    committee: [{ personId: 1, role: '书记' }],
  },
  'people.list': {},
  'people.create': personInput('甲', { groupId: 1, birthDate: '1980-01-31', phone: '13800000000' }),
  'people.update': { ...personInput('甲', { groupId: 1 }), id: 1 },
  'people.remove': { id: 1 },
  'records.expected': { type: 'group-meeting', groupId: 1 },
  'records.list': { year: 2026, type: 'branch-assembly', book: null },
  'records.counts': { year: 2026 },
  'records.get': { id: 1 },
  // A 党课: an object field (lecture), attendance with an absentee, a list.
  'records.create': sampleMeeting([...ATTENDANCE], { type: 'party-lecture', data: { observers: ['列席人'] } }),
  // A 支部党员大会: motions and a 决议.
  'records.update': {
    id: 1,
    record: sampleMeeting([...ATTENDANCE], {
      status: 'final',
      data: { motions: [{ title: '表决事项', for: 1, against: 0, abstain: 0 }], resolution: '同意。' },
    }),
  },
  'records.remove': { id: 1 },
  'records.trash': {},
  'records.restore': { id: 1 },
  'records.purge': { id: 1 },
  'records.exportDocx': { id: 1, fullIds: false },
  'records.revisions': { id: 1 },
  'records.revision': { id: 1 },
  'records.restoreRevision': { id: 1 },
  'attachments.list': { recordId: 1 },
  'attachments.add': { recordId: 1, name: '签到表.png', base64: TINY_PNG, thumbBase64: null },
  'attachments.get': { id: 1, thumb: false },
  'attachments.remove': { id: 1 },
  'search.query': { text: '党课', limit: 20 },
  'rules.list': {},
  'rules.update': { id: RULE_ID, body: '一、本支部的三会一课制度。' },
  'rules.reset': { id: RULE_ID },
  // 党员花名册: person 1 is 王书记; the workbook's 党小组 exists in the seeded branch.
  'members.revealId': { id: 1 },
  'members.statusHistory': { id: 1 },
  'members.importPreview': { base64: ROSTER_XLSX },
  'members.importCommit': {
    base64: ROSTER_XLSX,
    sheet: 'Sheet1',
    headerRow: 1,
    mapping: { '1': 'name', '2': 'gender', '3': 'birthDate', '4': 'idNumber', '5': 'joinDate', '6': 'fullDate', '7': 'group', '8': null },
  },
  'members.exportXlsx': { fullId: false },
  // 发展党员: the seeded branch has no case yet (get, saveStep … answer NOT_FOUND); person 1 is 王书记.
  'development.list': {},
  'development.get': { id: 1 },
  'development.open': { personId: 1 },
  'development.saveStep': {
    caseId: 1,
    step: 23,
    date: '2026-03-05',
    people: {},
    details: { outcome: '延长预备期', extensionMonths: 6, fullDate: '' },
    notes: '延长预备期半年。',
    recordId: 1,
    motionIndex: 0,
  },
  'development.removeStep': { caseId: 1, step: 2 },
  'development.stepFiles': { caseId: 1, step: 1 },
  'development.addStepFile': { caseId: 1, step: 1, name: '入党申请书.png', base64: TINY_PNG, thumbBase64: null },
  'development.getStepFile': { id: 1, thumb: false },
  'development.removeStepFile': { id: 1 },
  'development.addReview': { caseId: 1, date: '2026-03-05', kind: '考察', reviewer: '赵组织', content: '表现良好。' },
  'development.removeReview': { id: 1 },
  'development.close': { id: 1, reason: '不再发展' },
  'development.reopen': { id: 1 },
  'development.assemblies': { year: 2026 },
  'development.transfers': {},
  // 党费: person 1 is 王书记 (中共党员); 2025 lies wholly in the past.
  'dues.year': { year: 2025 },
  'dues.setupYear': { year: 2025, entries: [{ personId: 1, category: '在职', base: 3000, amount: null }] },
  'dues.refix': { year: 2025, personId: 1, category: '农民', base: 0, amount: 0.5, reason: '回乡务农' },
  'dues.unfix': { year: 2025, personId: 1 },
  'dues.pay': { year: 2025, personId: 1, months: [1, 2, 3], amount: 45, paidDate: '2025-03-31', collector: '赵组织' },
  'dues.undo': { year: 2025, personId: 1, months: [3] },
  'dues.exportXlsx': { year: 2025 },
  // 台账: the year's registers (one, for the print view) and the workbook of all nine
  'registers.get': { year: 2025, key: 'meetings', fullIds: false },
  'registers.exportXlsx': { year: 2025, fullIds: false },
  // 年度归档前的完整性检查
  'completeness.check': { year: 2025 },
  // 年度封存: 2026 is not sealed and has no export folder.
  'seal.status': { year: 2026 },
  'seal.seal': { year: 2026, exportId: '20270105-093000' },
  'seal.unseal': { year: 2026, reason: '补录遗漏的会议记录' },
  'seal.verify': { year: 2026 },
  // 年度归档: the seeded record is dated 2025
  'archive.preview': { year: 2025, mode: 'books' },
  'archive.start': { year: 2025, mode: 'single', fullIds: false, pdf: false, compiler: '赵组织', checker: '钱书记' },
  'archive.job': { id: '20260105-093000' },
  'archive.cancel': { id: '20260105-093000' },
  'archive.exports': { year: 2025 },
  'archive.file': { year: 2025, exportId: '20260105-093000', name: '2025年度_台账汇总.xlsx' },
  // 活动频次: 党课 once a year instead of once a quarter
  'cadence.list': {},
  'cadence.year': { year: 2025 },
  'cadence.talks': { year: 2025 },
  'cadence.update': { typeId: 'party-lecture', enabled: true, period: 'year' },
  'cadence.setStart': { date: '2020-01-01' },
  'backup.status': {},
  'backup.now': {},
  'backup.destinations': {},
  'backup.toFolder': { folder: NO_FOLDER },
  'backup.scan': { folder: NO_FOLDER },
  'backup.verify': { kind: 'auto', id: '20260101-093000-000' },
  'backup.restore': { kind: 'file', id: path.join(NO_FOLDER, '备份.ledgerbak') },
  // 开启密码: none is set on the seeded branch, so unlock opens at once and set needs no current one.
  'auth.status': {},
  'auth.unlock': { password: 'secret1' },
  'auth.lock': {},
  'auth.touch': {},
  'auth.set': { current: '', password: 'secret1', idleMinutes: 10 },
};

/**
 * A branch with a record (id 1) that has an attachment (id 1) and a revision
 * (id 1): something for every method's valid input to find.
 */
async function seedEverything(core: Core) {
  await seedBranch(core);
  const rec = await createMeeting(core);
  await call(core, 'records.update', { id: rec.id, record: await meetingInput(core, { data: { location: '二楼会议室' } }) });
  await call(core, 'attachments.add', { recordId: rec.id, name: '签到表.png', base64: TINY_PNG, thumbBase64: null });
  await call(core, 'rules.update', { id: RULE_ID, body: '一、本支部的规定。' });
}

type Path = (string | number)[];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every path below the root: each key of each object and each element of each array. */
function paths(v: unknown, at: Path = []): Path[] {
  const children: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : isObject(v) ? Object.entries(v) : [];
  return children.flatMap(([k, x]) => [[...at, k], ...paths(x, [...at, k])]);
}

function valueAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], root);
}

function withChange(root: unknown, path: Path, change: (parent: Record<string | number, unknown>, key: string | number) => void): unknown {
  const copy = structuredClone(root);
  change(valueAt(copy, path.slice(0, -1)) as Record<string | number, unknown>, path.at(-1)!);
  return copy;
}

/** Keys that the contract allows to be left out, by method. */
const OPTIONAL_KEYS: Partial<Record<MethodName, RegExp[]>> = {
  'branch.update': [/^groups\.\d+\.id$/],
  'search.query': [/^limit$/],
  'members.importCommit': [/^mapping\.\d+$/], // a column left out of the mapping is not imported
  'members.exportXlsx': [/^fullId$/],
  'records.exportDocx': [/^fullIds$/],
};

/**
 * Malformed variants of a valid input, each with a label. A wrong type is a
 * number for a string, `true` for a null (a string could be valid where null is),
 * and a string for anything else.
 */
function malformed(method: MethodName, valid: unknown): [string, unknown][] {
  const cases: [string, unknown][] = [
    ['null', null],
    ['a number', 42],
    ['a string', 'x'],
    ['an array', []],
    ['a boolean', true],
    ['an unknown extra key', { ...(valid as object), __proto__pollution: 1 }],
    ['an own __proto__ key', { ...(valid as object), ...JSON.parse('{"__proto__": {"polluted": true}}') }],
    ['an unknown key only', { __proto__pollution: 1 }],
  ];
  for (const path of paths(valid)) {
    const name = path.join('.');
    const value = valueAt(valid, path);
    const wrong = typeof value === 'string' ? 12345 : value === null ? true : 'x';
    cases.push([`${name} of the wrong type`, withChange(valid, path, (p, k) => (p[k] = wrong))]);
    if (typeof path.at(-1) === 'string' && !(OPTIONAL_KEYS[method] ?? []).some((re) => re.test(name))) {
      cases.push([`${name} missing`, withChange(valid, path, (p, k) => delete p[k])]);
    }
  }
  return cases;
}

describe('contract coverage', () => {
  const h = useCore();

  it('has a handler for every method and none for anything else', () => {
    const data = createHandlers({ db: h.core.db, dataDir: h.dir, textsDir: TEXTS_DIR, version: 'test', archive: new ArchiveJobs(null, null) });
    expect(Object.keys(data).sort()).toEqual(METHOD_NAMES.filter((m) => !m.startsWith('backup.')).sort());
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
    'archive.file': 'NOT_FOUND',
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
      expect(r.error.fields?.length, `${method} with ${label}: no field issues`).toBeGreaterThan(0);
      for (const f of r.error.fields ?? []) expect(f.message, `${method} with ${label}: ${f.message}`).toMatch(/\p{Script=Han}/u);
    }
    expect(dbDigest(h.core.db)).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names the field at fault', async () => {
    const r = await h.core.dispatch('records.create', { ...VALID['records.create'], date: '2026-02-30' });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'date', message: '日期无效，应为有效的年-月-日' }] } });
    expect(r.ok || r.error.message).toContain('（date）');
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
