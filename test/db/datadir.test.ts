import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_DIR_NAME, DATA_DIR_ENV, defaultDataDir, resolveDataDir } from '../../electron/core/datadir.js';
import { call, openTestCore } from '../fixtures/core.js';
import { REPO_ROOT, useTempDir } from '../fixtures/tmp.js';

describe('resolveDataDir', () => {
  const fallback = () => '/fallback/dir';
  const env = { [DATA_DIR_ENV]: '/from/env' };

  it.each([
    ['--data-dir X', ['--data-dir', '/from/argv'], env, '/from/argv'],
    ['--data-dir=X', ['--data-dir=/from/argv-eq'], env, '/from/argv-eq'],
    ['a relative --data-dir, resolved against cwd', ['--data-dir', 'rel/dir'], {}, path.resolve('rel/dir')],
    ['other arguments around it', ['--no-open', '--port', '0', '--data-dir=/x/y'], {}, '/x/y'],
    ['the environment when argv has none', ['--no-open'], env, '/from/env'],
    ['the environment when --data-dir has no value', ['--data-dir'], env, '/from/env'],
    ['the fallback when neither is set', [], {}, '/fallback/dir'],
    ['the fallback when the environment variable is empty', [], { [DATA_DIR_ENV]: '' }, '/fallback/dir'],
  ])('takes %s', (_label, argv, environment, expected) => {
    expect(resolveDataDir(argv, environment, fallback)).toBe(expected);
  });
});

describe('defaultDataDir', () => {
  const home = os.homedir();
  it.each([
    ['win32 with APPDATA', 'win32', { APPDATA: 'C:/Users/a/AppData/Roaming' }, path.join('C:/Users/a/AppData/Roaming', APP_DIR_NAME)],
    ['win32 without APPDATA', 'win32', {}, path.join(home, 'AppData', 'Roaming', APP_DIR_NAME)],
    ['darwin', 'darwin', { XDG_DATA_HOME: '/ignored' }, path.join(home, 'Library', 'Application Support', APP_DIR_NAME)],
    ['linux with XDG_DATA_HOME', 'linux', { XDG_DATA_HOME: '/xdg/data' }, path.join('/xdg/data', APP_DIR_NAME)],
    ['linux without XDG_DATA_HOME', 'linux', {}, path.join(home, '.local', 'share', APP_DIR_NAME)],
  ] as const)('%s', (_label, platform, environment, expected) => {
    expect(defaultDataDir(environment, platform)).toBe(expected);
  });
});

/**
 * A separate Node process that takes (or tries to take) the same SQLite lock as
 * lockDataDir. It prints BUSY when refused, or HELD and then keeps the lock until killed.
 */
function lockingChild(dir: string): ChildProcess {
  const script = `
    const Database = require(${JSON.stringify(path.join(REPO_ROOT, 'node_modules', 'better-sqlite3'))});
    const db = new Database(${JSON.stringify(path.join(dir, 'instance.lock'))}, { timeout: 0 });
    db.pragma('locking_mode = EXCLUSIVE');
    try { db.exec('BEGIN EXCLUSIVE'); } catch (e) { console.log(e.code === 'SQLITE_BUSY' ? 'BUSY' : 'ERROR ' + e.code); process.exit(0); }
    console.log('HELD');
    setInterval(() => {}, 1000);
  `;
  return spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
}

/** The first line the child prints. */
function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!.trim());
    });
    child.once('error', reject);
    // 'close' comes after stdout is drained, so a line printed just before exiting is never missed.
    child.once('close', (code) => reject(new Error(`child exited with ${code} before printing a line (${out})`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

describe('one app per data dir', () => {
  const tempDir = useTempDir('datadir');
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const c of children.splice(0)) {
      if (c.exitCode === null && c.signalCode === null) c.kill();
      await exited(c);
    }
  });
  const startChild = (dir: string) => {
    const c = lockingChild(dir);
    children.push(c);
    return c;
  };

  it('refuses a second core on the same data dir until the first is closed', async () => {
    const first = openTestCore(tempDir());
    await call(first, 'branch.setup', { name: '第一支部', parentOrg: '机关党委', fondsNo: '', groups: [], committee: [] });
    expect(() => openTestCore(tempDir())).toThrow(expect.objectContaining({ name: 'AppError', code: 'DATA_DIR_LOCKED' }));
    first.close();

    const second = openTestCore(tempDir());
    try {
      expect((await call(second, 'branch.get'))?.name).toBe('第一支部');
    } finally {
      second.close();
    }
  });

  it('gives the lock message in Chinese, naming the directory', () => {
    const first = openTestCore(tempDir());
    try {
      openTestCore(tempDir());
      expect.unreachable('second openCore should throw');
    } catch (e) {
      expect((e as Error).message).toContain('另一个已打开');
      expect((e as Error).message).toContain(tempDir());
    } finally {
      first.close();
    }
  });

  it('refuses another process while the core holds the data dir, and lets it in after close', async () => {
    const core = openTestCore(tempDir());
    try {
      expect(await firstLine(startChild(tempDir()))).toBe('BUSY');
    } finally {
      core.close();
    }
    expect(await firstLine(startChild(tempDir()))).toBe('HELD');
  });

  it('refuses the core while another process holds the data dir, and opens once that process is gone', async () => {
    const holder = startChild(tempDir());
    expect(await firstLine(holder)).toBe('HELD');
    expect(() => openTestCore(tempDir())).toThrow(expect.objectContaining({ code: 'DATA_DIR_LOCKED' }));

    // The OS drops the lock when the holder dies, even without a clean shutdown.
    holder.kill('SIGKILL');
    await exited(holder);
    const core = openTestCore(tempDir());
    core.close();
  });
});

describe('opening a data dir', () => {
  const tempDir = useTempDir('sweep');

  it('sweeps attachment files that no record uses (left by a crash before their commit)', () => {
    const dir = tempDir();
    openTestCore(dir).close();
    const stray = path.join(dir, 'attachments', 'ab', `ab${'0'.repeat(62)}`);
    fs.mkdirSync(path.dirname(stray), { recursive: true });
    fs.writeFileSync(stray, 'left behind');
    const keep = path.join(dir, 'attachments', 'notes.txt');
    fs.writeFileSync(keep, 'not ours to remove');
    openTestCore(dir).close();
    expect(fs.existsSync(stray)).toBe(false);
    expect(fs.existsSync(keep)).toBe(true);
  });
});
