/**
 * Hostile input to every API method through both transports: the dispatch itself,
 * Electron's IPC call (electron/main/ipc.ts, after the structured clone Electron applies),
 * and the real web host over HTTP. Thousands of seeded payloads (FUZZ_SEED=<n> replays a
 * run; the seed is in every failure message). Each transport starts from the same seeded
 * branch in a data dir of its own.
 *
 * Every call must answer a Result: a value, or a typed error (a code of ErrorCode, never
 * INTERNAL, with a Chinese message). A refused call writes nothing to the database; the
 * host keeps answering; no file appears outside the data dirs; nothing is polluted.
 * The totals are printed for the record.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core/app.js';
import { startHost, type Host } from '../../electron/host/server.js';
import { ipcCall } from '../../electron/main/ipc.js';
import { contract, METHOD_NAMES, type MethodName } from '../../shared/contract.js';
import type { Result } from '../../shared/result.js';
import { seedEverything, VALID } from '../fixtures/contract-inputs.js';
import { call, dbDigest, tableNames, TEST_VERSION } from '../fixtures/core.js';
import {
  cloneOnlyPayloads,
  deepJson,
  describePayload,
  fuzzSeed,
  MB,
  ordered,
  payloads,
  resultProblem,
  rng,
  Tally,
  TRAVERSAL_TARGETS,
  type Payload,
} from '../fixtures/fuzz.js';
import { makeTempDir, removeDir } from '../fixtures/tmp.js';

const SEED = fuzzSeed();

/**
 * The sentinel: every data dir sits three levels down in it, so `../..` from a data dir
 * lands inside and is seen; the working directory is in it too (a relative path lands
 * there), and so is the "USB stick" backup.toFolder may write to.
 */
let root: string;
let usb: string;
let staticDir: string;
const cwd = process.cwd();
/** backup.toFolder and archive.saveAll payloads naming an existing folder outside the sentinel, sent to the USB stick instead. */
let confined = 0;
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
const escapeFile = path.join(os.tmpdir(), 'fuzz-escape.txt');
const escapeFileExisted = fs.existsSync(escapeFile);

const tallies = { dispatch: new Tally(), ipc: new Tally(), 'ipc (untrusted sender)': new Tally(), http: new Tally() };
let notCloneable = 0;
/** Refused calls that wrote rows and rolled them back (the digest shows the database the same). */
let rolledBack = 0;

/** A seeded core on a data dir of its own, and what the database was after the last call. */
interface Bench {
  core: Core;
  dataDir: string;
  tables: string[];
  digest: string;
  /** SQLite's total_changes() when `digest` was taken. */
  changes: number;
}
const benches: Bench[] = [];

/** Rows written on the connection since it opened (triggers and rolled-back writes included). */
function totalChanges(core: Core): number {
  return (core.db.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}

async function openBench(name: string): Promise<Bench> {
  const dataDir = path.join(root, name, 'outer', 'inner', 'data');
  const core = openCore({
    dataDir,
    version: TEST_VERSION,
    // An export the fuzz happens to start never launches a browser.
    pdfPrinter: () => Promise.reject(new Error('测试中不打印 PDF')),
  });
  await seedEverything(core);
  // Something for the file writers to write to: a 发展党员 case with its first step (step files)
  // and a 定稿 of 2025 (the year's archive export).
  const people = await call(core, 'people.list');
  const candidate = people.find((x) => x.politicalStatus === '群众') ?? people.at(-1)!;
  const devCase = await call(core, 'development.open', { personId: candidate.id });
  await call(core, 'development.saveStep', { caseId: devCase.id, step: 1, date: '2025-01-10', people: {}, details: {}, notes: '', recordId: null, motionIndex: null });
  await call(core, 'records.create', { ...VALID['records.create'], date: '2025-06-01' });
  const bench = { core, dataDir, tables: tableNames(core.db), digest: dbDigest(core.db), changes: totalChanges(core) };
  benches.push(bench);
  return bench;
}

beforeAll(() => {
  root = makeTempDir('fuzz');
  usb = path.join(root, 'usb');
  fs.mkdirSync(usb);
  fs.mkdirSync(path.join(root, 'cwd'));
  process.chdir(path.join(root, 'cwd'));
  staticDir = makeTempDir('fuzz-static');
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>支部四本一档</title>');
});

afterAll(() => {
  process.chdir(cwd);
  for (const [name, t] of Object.entries(tallies)) console.log(`[fuzz] ${t.line(name)}`);
  console.log(`[fuzz] ${confined} backup.toFolder and archive.saveAll payloads named an existing folder outside the sentinel (/, say) and went to its USB stick`);
  console.log(`[fuzz] ${rolledBack} refused calls wrote rows and rolled them back: the database was the same after each`);
  console.log(`[fuzz] seed ${SEED}; ${notCloneable} IPC payloads were too deep for structured clone and went to ipcCall as they were`);
  for (const b of benches) b.core.close();
  if (root) removeDir(root);
  if (staticDir) removeDir(staticDir);
});

/**
 * backup.toFolder and archive.saveAll write into the folder they are given, by design (a
 * USB stick, any folder the user picks): one that names an existing folder outside the
 * sentinel (`/`, say) is sent to the sentinel's USB stick instead.
 */
function confine(p: Payload): Payload {
  const input = p.input as { folder?: unknown } | null;
  if (!['backup.toFolder', 'archive.saveAll'].includes(p.method) || typeof input?.folder !== 'string') return p;
  const folder = path.resolve(input.folder.trim());
  const inside = folder === root || folder.startsWith(root + path.sep);
  if (inside || !fs.existsSync(folder)) return p;
  confined++;
  return { ...p, input: { ...input, folder: usb } };
}

/**
 * Send one payload, check its answer, and check that a refused call left the database
 * as it was. The full digest is taken whenever a call wrote any row on the connection:
 * an accepted call may write (a record whose name is SQL text, say) and the digest moves
 * on with it; a refused one that wrote must have rolled back to the same digest.
 */
async function check(b: Bench, tally: Tally, p: Payload, send: () => Promise<unknown>): Promise<Result<unknown>> {
  const r = (await send()) as Result<unknown>;
  const where = describePayload(p, SEED);
  expect(resultProblem(r), where).toBeNull();
  if (totalChanges(b.core) !== b.changes) {
    const after = dbDigest(b.core.db);
    if (!r.ok) {
      expect(after, `refused, but the database changed: ${where}`).toBe(b.digest);
      rolledBack++;
    }
    b.digest = after;
    b.changes = totalChanges(b.core);
  }
  tally.add(p.method, r);
  // An export the fuzz started runs in the background: stop it before the next call.
  if (r.ok && p.method === 'archive.start') await b.core.dispatch('archive.cancel', { id: (r.value as { id: string }).id });
  // A random password set, or the session locked, would answer LOCKED to everything after: take the
  // password away again (as a restored copy without one would) so that the next calls reach their methods.
  if (r.ok && (p.method === 'auth.set' || p.method === 'auth.lock')) {
    b.core.db.sqlite.exec('DELETE FROM app_lock');
    b.digest = dbDigest(b.core.db);
    b.changes = totalChanges(b.core);
  }
  return r;
}

/** What Electron does to an IPC argument: a structured clone (an input too deep for it could not be sent at all). */
function overIpc(input: unknown): unknown {
  try {
    return structuredClone(input);
  } catch {
    notCloneable++;
    return input;
  }
}

function post(host: Host, method: string, body: string | Uint8Array) {
  return fetch(`http://127.0.0.1:${host.port}/api/${encodeURIComponent(method)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ledger-token': host.token },
    body,
  });
}

/** POST over HTTP and return the JSON answer; every answer, whatever its status, is a JSON Result. */
async function overHttp(host: Host, method: string, body: string | Uint8Array): Promise<unknown> {
  const res = await post(host, method, body);
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect([200, 400, 413]).toContain(res.status);
  const json = (await res.json()) as Result<unknown>;
  if (res.status !== 200) expect(json).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  return json;
}

const jsonBody = (input: unknown) => (input === undefined ? '' : JSON.stringify(input));

async function hostAnswers(host: Host) {
  const r = await post(host, 'app.info', '{}');
  expect(r.status).toBe(200);
  expect(await r.json()).toMatchObject({ ok: true, value: { version: TEST_VERSION } });
}

/** A 10 MB text where the contract allows 100 000 characters, and as files. */
const TEN_MB: [string, unknown][] = [
  ['rules.update', { ...VALID['rules.update'], body: 'A'.repeat(10 * MB) }],
  ['attachments.add', { ...VALID['attachments.add'], base64: 'A'.repeat(10 * MB) }],
  ['members.importPreview', { base64: 'A'.repeat(10 * MB) }],
];

describe(`fuzz of every API method (seed ${SEED})`, () => {
  it('through the dispatch', { timeout: 120_000 }, async () => {
    const b = await openBench('dispatch');
    const r = rng(SEED);
    const all = ordered(r, payloads(r, { perMethod: 30, systematic: true, hugeStrings: true })).map(confine);
    for (const m of METHOD_NAMES) expect(all.some((p) => p.method === m), m).toBe(true);
    for (const p of all) await check(b, tallies.dispatch, p, () => b.core.dispatch(p.method, p.input));
    for (const [method, input] of TEN_MB) {
      const res = await check(b, tallies.dispatch, { method, label: '10 MB text', input }, () => b.core.dispatch(method, input));
      expect(res.ok, method).toBe(false);
    }
  });

  it('through the IPC call with a trusted sender', { timeout: 120_000 }, async () => {
    const b = await openBench('ipc');
    const r = rng(SEED + 1);
    const all = ordered(r, [...payloads(r, { perMethod: 12, systematic: true, hugeStrings: false }), ...cloneOnlyPayloads(r, 3)]).map(confine);
    for (const p of all) await check(b, tallies.ipc, p, () => ipcCall(b.core.dispatch, 'app://ledger/index.html', p.method, overIpc(p.input)));
  });

  it('through the IPC call from any other sender: FORBIDDEN, and the method never runs', async () => {
    const b = await openBench('ipc-untrusted');
    const senders = [
      null,
      undefined,
      '',
      'app://ledger.evil/index.html',
      'app://evil/index.html',
      'app://user@ledger/index.html',
      'app://ledger:8080/index.html',
      'http://localhost/',
      'http://127.0.0.1:5173/',
      'https://ledger/index.html',
      'file:///work/dist/renderer/index.html',
      'blob:app://ledger/0f6c3f5e-1b7a-4c1e-9d55-1c2b3a4d5e6f',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'about:blank',
      'devtools://devtools/bundled/inspector.html',
    ];
    let ran = 0;
    const spy = (m: string, i: unknown) => {
      ran++;
      return b.core.dispatch(m, i);
    };
    for (const sender of senders) {
      for (const method of METHOD_NAMES) {
        const p = { method, label: `valid input from ${String(sender)}`, input: VALID[method] };
        const res = await check(b, tallies['ipc (untrusted sender)'], p, () => ipcCall(spy, sender, method, VALID[method]));
        expect(res, describePayload(p, SEED)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
    }
    expect(ran).toBe(0);
  });

  it('through the web host over HTTP', { timeout: 120_000 }, async () => {
    const b = await openBench('http');
    const host = await startHost({ dispatch: b.core.dispatch, staticDir });
    try {
      const r = rng(SEED + 2);
      const all = ordered(r, payloads(r, { perMethod: 4, systematic: false, hugeStrings: true })).map(confine);
      for (const p of all) await check(b, tallies.http, p, () => overHttp(host, p.method, jsonBody(p.input)));

      // Bodies JSON.stringify cannot make, or that are not JSON at all.
      const raw: [string, string | Uint8Array][] = [
        ['deep arrays 10 000', deepJson(10_000)],
        ['deep objects 10 000', deepJson(10_000, 'object')],
        ['deep arrays 1 000 000', deepJson(1_000_000)],
        ['deep in a field', `{"id":${deepJson(10_000)}}`],
        ['own __proto__', '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'],
        ['duplicate keys', '{"id":1,"id":"../../etc/passwd"}'],
        ['a byte-order mark', '\uFEFF{}'],
        ['truncated', '{"id":'],
        ['NaN', 'NaN'],
        ['a NUL', '\0'],
        ['lone surrogate', '"\\ud800"'],
        ['not UTF-8', new Uint8Array([0xff, 0xfe, 0x7b, 0x7d])],
      ];
      for (const method of ['app.info', 'records.get', 'records.create', 'attachments.add', 'members.importCommit', 'archive.file']) {
        for (const [label, body] of raw) await check(b, tallies.http, { method, label, input: label }, () => overHttp(host, method, body));
      }
      // Under the host's 64 MB limit: a 10 MB body reaches the schema, which refuses it.
      for (const [method, input] of TEN_MB) {
        const res = await check(b, tallies.http, { method, label: '10 MB text', input: '10 MB' }, () => overHttp(host, method, JSON.stringify(input)));
        expect(res.ok, method).toBe(false);
      }
      await hostAnswers(host);
    } finally {
      await host.close();
    }
  });

  it('wrote nothing outside the data dirs, dropped no table, polluted no prototype', () => {
    // The file writers did run, with hostile names among their inputs.
    const writers = ['attachments.add', 'development.addStepFile', 'members.importCommit', 'rules.update', 'archive.start', 'backup.toFolder'];
    const accepted = Object.fromEntries(writers.map((m) => [m, Object.values(tallies).reduce((n, t) => n + (t.acceptedBy[m] ?? 0), 0)]));
    console.log(`[fuzz] accepted calls of the methods that write: ${JSON.stringify(accepted)}`);
    for (const m of writers) expect(accepted[m], m).toBeGreaterThan(0);

    for (const b of benches) expect(tableNames(b.core.db)).toEqual(b.tables);
    const outside: string[] = [];
    const targets: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (TRAVERSAL_TARGETS.includes(e.name)) targets.push(full);
        if (e.isDirectory()) walk(full);
        else if (!benches.some((b) => full.startsWith(b.dataDir + path.sep)) && !(path.dirname(full) === usb && full.endsWith('.ledgerbak'))) outside.push(full);
      }
    };
    walk(root);
    expect(outside).toEqual([]);
    expect(targets).toEqual([]);
    if (!escapeFileExisted) expect(fs.existsSync(escapeFile)).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  });
});

describe('what the fuzz found', () => {
  // backup.toFolder wrote its file under the working directory when given '.' or '..'
  it.each<[string, unknown, boolean]>([
    ['backup.toFolder', { folder: '.' }, false],
    ['backup.toFolder', { folder: '..' }, false],
    ['backup.toFolder', { folder: '备份' }, false],
    ['backup.toFolder', { folder: 'E:' }, false],
    ['backup.toFolder', { folder: '/media/U盘' }, true],
    ['backup.toFolder', { folder: 'E:\\' }, true],
    ['backup.toFolder', { folder: 'E:/备份' }, true],
    ['backup.toFolder', { folder: '\\\\server\\share\\备份' }, true],
    ['archive.saveAll', { year: 2025, exportId: '20260105-093000', folder: '.' }, false],
    ['archive.saveAll', { year: 2025, exportId: '20260105-093000', folder: 'E:\\' }, true],
    ['archive.saveTarget', { year: 2025, folder: 'U盘' }, false],
    ['backup.scan', { folder: './' }, false],
    ['backup.scan', { folder: ' /media/U盘 ' }, true],
    ['backup.restore', { kind: 'file', id: '../备份.ledgerbak' }, false],
    ['backup.restore', { kind: 'file', id: '/media/U盘/备份.ledgerbak' }, true],
    ['backup.verify', { kind: 'file', id: '备份.ledgerbak' }, false],
    ['backup.verify', { kind: 'auto', id: '20260101-093000-000' }, true],
  ])('%s %j: a full path only (%s)', (method, input, ok) => {
    const parsed = contract[method as MethodName].input.safeParse(input);
    expect(parsed.success).toBe(ok);
    if (!parsed.success) expect(parsed.error.issues[0]?.message).toMatch(/完整路径/);
  });
});

describe('the fuzz checks', () => {
  it.each<[string, unknown, string | null]>([
    ['a value', { ok: true, value: null }, null],
    ['a typed refusal', { ok: false, error: { code: 'NOT_FOUND', message: '记录不存在' } }, null],
    ['INTERNAL', { ok: false, error: { code: 'INTERNAL', message: '程序内部错误' } }, 'INTERNAL: 程序内部错误'],
    ['an unknown code', { ok: false, error: { code: 'OOPS', message: '错' } }, 'unknown error code: {"code":"OOPS","message":"错"}'],
    ['an English message', { ok: false, error: { code: 'VALIDATION', message: 'bad input' } }, 'message not in Chinese: "bad input"'],
    ['no value', { ok: true }, 'ok without a value'],
    ['not a Result', 'x', 'not a Result: x'],
  ])('tell %s', (_label, r, problem) => {
    expect(resultProblem(r)).toBe(problem);
  });
});
