import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_DIR_NAME, DATA_DIR_ENV, dataDirPathProblem, defaultDataDir, LONGEST_DB_PATH_INSIDE, resolveDataDir } from '../../electron/core/datadir.js';
import { call, openTestCore } from '../fixtures/core.js';
import { REPO_ROOT, useTempDir } from '../fixtures/tmp.js';

describe('resolveDataDir', () => {
  const fallback = () => '/fallback/dir';
  const env = { [DATA_DIR_ENV]: '/from/env' };

  it.each([
    ['--data-dir X', ['--data-dir', '/from/argv'], env, '/from/argv'],
    ['--data-dir=X', ['--data-dir=/from/argv-eq'], env, '/from/argv-eq'],
    ['a relative --data-dir, resolved against cwd', ['--data-dir', 'rel/dir'], {}, path.posix.resolve('rel/dir')],
    ['other arguments around it', ['--no-open', '--port', '0', '--data-dir=/x/y'], {}, '/x/y'],
    ['the environment when argv has none', ['--no-open'], env, '/from/env'],
    ['the environment when --data-dir has no value', ['--data-dir'], env, '/from/env'],
    ['the environment when --data-dir= is empty (not the working directory)', ['--data-dir='], env, '/from/env'],
    ['the environment when --data-dir is given an empty string', ['--data-dir', ''], env, '/from/env'],
    ['the fallback when neither is set', [], {}, '/fallback/dir'],
    ['the fallback when the environment variable is empty', [], { [DATA_DIR_ENV]: '' }, '/fallback/dir'],
    ['the fallback when the environment variable is only spaces', [], { [DATA_DIR_ENV]: '  ' }, '/fallback/dir'],
    ['a folder with Chinese and spaces', ['--data-dir', '/home/王书记/支部 数据/2025 年'], env, '/home/王书记/支部 数据/2025 年'],
  ])('takes %s', (_label, argv, environment, expected) => {
    expect(resolveDataDir(argv, environment, fallback, 'linux')).toBe(expected);
  });

  // Windows paths, with the Windows path functions: drive letters, UNC shares, the quotes cmd.exe and shortcuts leave.
  it.each([
    ['a drive path with Chinese and spaces', ['--data-dir', 'D:\\支部 数据\\第一党支部'], {}, 'D:\\支部 数据\\第一党支部'],
    ['--data-dir= with forward slashes and a trailing one', ['--data-dir=D:/支部 数据/第一党支部/'], {}, 'D:\\支部 数据\\第一党支部'],
    ['a shortcut’s --data-dir="D:\\支部 数据\\" (its \\" read as a quote)', ['--data-dir=D:\\支部 数据"'], {}, 'D:\\支部 数据'],
    ['a quoted value left whole', ['--data-dir', '"E:\\U盘 备份\\支部四本一档"'], {}, 'E:\\U盘 备份\\支部四本一档'],
    ['a UNC share', ['--data-dir', '\\\\服务器\\共享 文件夹\\支部'], {}, '\\\\服务器\\共享 文件夹\\支部'],
    ['the environment as `set VAR="D:\\我的 数据"` stores it, quotes and all', [], { [DATA_DIR_ENV]: '"D:\\我的 数据"' }, 'D:\\我的 数据'],
    ['the environment, dots resolved', [], { [DATA_DIR_ENV]: 'C:\\Users\\张三\\..\\公用\\支部 数据' }, 'C:\\Users\\公用\\支部 数据'],
    ['argv over the environment', ['--data-dir', 'D:\\甲'], { [DATA_DIR_ENV]: 'D:\\乙' }, 'D:\\甲'],
    ['the fallback when the variable holds only quotes', [], { [DATA_DIR_ENV]: '""' }, 'C:\\Users\\a\\AppData\\Roaming\\支部四本一档'],
  ])('takes %s on Windows', (_label, argv, environment, expected) => {
    expect(resolveDataDir(argv, environment, () => 'C:\\Users\\a\\AppData\\Roaming\\支部四本一档', 'win32')).toBe(expected);
  });

  it('keeps a double quote on Linux, where a name may hold one', () => {
    expect(resolveDataDir(['--data-dir', '/data/"x"'], {}, fallback, 'linux')).toBe('/data/"x"');
  });
});

describe('defaultDataDir', () => {
  const home = os.homedir();
  it.each([
    ['win32 with APPDATA', 'win32', { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'C:\\Users\\a\\AppData\\Roaming\\branch-ledger'],
    ['win32 with a Chinese user name with a space', 'win32', { APPDATA: 'C:\\Users\\王 书记\\AppData\\Roaming' }, 'C:\\Users\\王 书记\\AppData\\Roaming\\branch-ledger'],
    ['win32 with APPDATA in forward slashes', 'win32', { APPDATA: 'C:/Users/a/AppData/Roaming' }, 'C:\\Users\\a\\AppData\\Roaming\\branch-ledger'],
    ['win32 without APPDATA: USERPROFILE', 'win32', { USERPROFILE: 'D:\\Users\\李四' }, 'D:\\Users\\李四\\AppData\\Roaming\\branch-ledger'],
    ['win32 with an empty APPDATA (not a relative folder)', 'win32', { APPDATA: '', USERPROFILE: 'C:\\Users\\a' }, 'C:\\Users\\a\\AppData\\Roaming\\branch-ledger'],
    ['win32 with a relative APPDATA', 'win32', { APPDATA: 'Roaming', USERPROFILE: 'C:\\Users\\a' }, 'C:\\Users\\a\\AppData\\Roaming\\branch-ledger'],
    ['win32 with neither: the home folder', 'win32', {}, 'C:\\Users\\home\\AppData\\Roaming\\branch-ledger'],
    ['darwin', 'darwin', { XDG_DATA_HOME: '/ignored' }, '/Users/home/Library/Application Support/branch-ledger'],
    ['linux with XDG_DATA_HOME', 'linux', { XDG_DATA_HOME: '/xdg/data' }, '/xdg/data/branch-ledger'],
    ['linux with a relative XDG_DATA_HOME (passed over, as the spec says)', 'linux', { XDG_DATA_HOME: 'xdg' }, '/Users/home/.local/share/branch-ledger'],
    ['linux with an empty XDG_DATA_HOME', 'linux', { XDG_DATA_HOME: '' }, '/Users/home/.local/share/branch-ledger'],
    ['linux without XDG_DATA_HOME', 'linux', {}, '/Users/home/.local/share/branch-ledger'],
  ] as const)('%s', (_label, platform, environment, expected) => {
    const homeOf = platform === 'win32' ? 'C:\\Users\\home' : '/Users/home';
    expect(defaultDataDir(environment, platform, homeOf)).toBe(expected);
    expect(expected.endsWith(APP_DIR_NAME)).toBe(true);
  });

  it('defaults to the home folder of this machine', () => {
    expect(defaultDataDir({}, 'linux')).toBe(path.posix.join(home, '.local', 'share', APP_DIR_NAME));
    expect(defaultDataDir({}, 'win32')).toBe(path.win32.join(home, 'AppData', 'Roaming', APP_DIR_NAME));
  });

  it('is where this machine would put it, with its own path functions', () => {
    const here = defaultDataDir();
    expect(path.isAbsolute(here)).toBe(true);
    expect(path.basename(here)).toBe(APP_DIR_NAME);
  });
});

describe('dataDirPathProblem', () => {
  it('takes a Windows data dir whose database copies stay under MAX_PATH, and refuses one a character longer', () => {
    const ok = `C:\\Users\\王 书记\\${'支'.repeat(179 - 'C:\\Users\\王 书记\\'.length)}`;
    expect(ok).toHaveLength(179);
    expect(ok.length + LONGEST_DB_PATH_INSIDE).toBeLessThan(260);
    expect(dataDirPathProblem(ok, 'win32')).toBeNull();
    const e = dataDirPathProblem(`${ok}x`, 'win32');
    expect(e).toMatchObject({ code: 'VALIDATION' });
    expect(e!.message).toBe(`数据目录的路径太长（180个字符，最多179个），数据文件无法在其中打开：${ok}x。请把数据目录放在路径较短的文件夹中（如 D:\\支部四本一档数据），或用 --data-dir 指定较短的路径后再打开。`);
  });

  it('counts bytes of UTF-8 elsewhere (SQLite’s 512)', () => {
    const ok = `/home/a/${'支'.repeat(141)}`;
    expect(Buffer.byteLength(ok)).toBe(431);
    expect(dataDirPathProblem(ok, 'linux')).toBeNull();
    expect(dataDirPathProblem(`${ok}x`, 'linux')?.message).toMatch(/^数据目录的路径太长（432字节，最多431字节）/);
    // the same 150 characters are fine on Windows
    expect(dataDirPathProblem(`C:\\${'支'.repeat(146)}`, 'win32')).toBeNull();
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
