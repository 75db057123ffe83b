/**
 * Where the data lives, and making sure only one running app uses it.
 * Plain Node: used by the Electron main process and the web host alike.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from './errors.js';

export const APP_DIR_NAME = 'branch-ledger';
export const DATA_DIR_ENV = 'BRANCH_LEDGER_DATA_DIR';

/** The path functions of a platform: Windows paths (drive letters, backslashes) on win32, POSIX paths elsewhere. */
const pathOf = (platform: NodeJS.Platform): path.PlatformPath => (platform === 'win32' ? path.win32 : path.posix);

/**
 * A folder as typed for --data-dir or the environment: on Windows without the
 * double quotes that cmd.exe keeps (`set BRANCH_LEDGER_DATA_DIR="D:\支部 数据"`
 * stores them) or that a shortcut's `--data-dir="D:\支部 数据\"` leaves at the
 * end (the C runtime reads \" as a quote inside the argument); no Windows name
 * holds a double quote. Empty when nothing is left.
 */
function typedFolder(value: string, platform: NodeJS.Platform): string {
  const v = value.trim();
  return platform === 'win32' ? v.replace(/^"+|"+$/g, '').trim() : v;
}

/**
 * `--data-dir DIR` or `--data-dir=DIR` from argv, then the environment
 * (BRANCH_LEDGER_DATA_DIR), then `fallback` (defaultDataDir, in both shells). A
 * relative folder is resolved against the working directory; an empty one
 * (`--data-dir=`, `--data-dir ""`, a variable set to nothing) counts as none.
 * Chinese names and spaces are taken as they are: argv and the environment
 * reach Node as UTF-16 on Windows, never through the ANSI code page.
 */
export function resolveDataDir(argv: readonly string[], env: NodeJS.ProcessEnv, fallback: () => string, platform: NodeJS.Platform = process.platform): string {
  const p = pathOf(platform);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = a === '--data-dir' ? argv[i + 1] : a.startsWith('--data-dir=') ? a.slice('--data-dir='.length) : undefined;
    const dir = value === undefined ? '' : typedFolder(value, platform);
    if (dir) return p.resolve(dir);
  }
  const fromEnv = typedFolder(env[DATA_DIR_ENV] ?? '', platform);
  if (fromEnv) return p.resolve(fromEnv);
  return fallback();
}

/**
 * The OS app-data folder, the data's default in both shells (the Electron window
 * and the web host find the same data; Electron's own profile, its userData, stays apart):
 * %APPDATA%\branch-ledger on Windows (the roaming AppData of the user,
 * %USERPROFILE%\AppData\Roaming when APPDATA is not set), ~/Library/Application
 * Support on macOS, $XDG_DATA_HOME or ~/.local/share elsewhere. A variable that
 * is empty or relative is passed over (the XDG spec says so; a relative
 * APPDATA would put the data wherever the app was started from).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  const p = pathOf(platform);
  const absolute = (v: string | undefined) => (v && p.isAbsolute(v) ? v : undefined);
  if (platform === 'win32') {
    const appData = absolute(typedFolder(env.APPDATA ?? '', platform)) ?? p.join(absolute(env.USERPROFILE) ?? home, 'AppData', 'Roaming');
    return p.join(appData, APP_DIR_NAME);
  }
  if (platform === 'darwin') return p.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return p.join(absolute(env.XDG_DATA_HOME) ?? p.join(home, '.local', 'share'), APP_DIR_NAME);
}

/**
 * The longest path the app gives SQLite inside the data dir, separators
 * included: backups/saved-before-restore/.tmp-20261121-103000-123/ledger.sqlite3-journal.
 */
export const LONGEST_DB_PATH_INSIDE = 80;

/**
 * Why SQLite could not open the database in `dir` because the path is too
 * long, or null. SQLite opens files by their plain path: at most 259 UTF-16
 * units on Windows (MAX_PATH, 260 with the terminating NUL; the long-path
 * prefix \\?\ that Node's fs adds by itself SQLite never gets), 511 bytes of
 * UTF-8 elsewhere (its unix VFS's MAX_PATHNAME, 512). Told before anything is
 * opened, instead of SQLite's “unable to open database file”.
 */
export function dataDirPathProblem(dir: string, platform: NodeJS.Platform = process.platform): AppError | null {
  const win = platform === 'win32';
  const length = win ? dir.length : Buffer.byteLength(dir, 'utf8');
  const max = (win ? 259 : 511) - LONGEST_DB_PATH_INSIDE;
  if (length <= max) return null;
  const measure = win ? `${dir.length}个字符，最多${max}个` : `${length}字节，最多${max}字节`;
  return new AppError(
    'VALIDATION',
    `数据目录的路径太长（${measure}），数据文件无法在其中打开：${dir}。请把数据目录放在路径较短的文件夹中（如 ${win ? 'D:\\支部四本一档数据' : '~/支部四本一档数据'}），或用 --data-dir 指定较短的路径后再打开。`,
  );
}

export interface DataDirLock {
  release(): void;
}

/**
 * Hold an exclusive SQLite lock on DIR/instance.lock for as long as the app runs.
 * The operating system drops it when the process ends, even after a crash, so
 * there is never a stale lock to clear by hand.
 */
export function lockDataDir(dir: string, nativeBinding?: string): DataDirLock {
  fs.mkdirSync(dir, { recursive: true });
  const lock = new Database(path.join(dir, 'instance.lock'), { timeout: 0, nativeBinding });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('BEGIN EXCLUSIVE');
  } catch (e) {
    lock.close();
    if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new AppError(
        'DATA_DIR_LOCKED',
        `数据目录正被另一个已打开的“支部四本一档”使用：${dir}。请切换到已打开的窗口，或先关闭它。`,
      );
    }
    throw e;
  }
  return {
    release() {
      if (!lock.open) return;
      lock.exec('ROLLBACK');
      lock.close();
    },
  };
}
