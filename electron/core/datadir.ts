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

/** `--data-dir DIR` or `--data-dir=DIR` from argv, then the environment, then `fallback`. */
export function resolveDataDir(argv: readonly string[], env: NodeJS.ProcessEnv, fallback: () => string): string {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--data-dir' && argv[i + 1]) return path.resolve(argv[i + 1]!);
    if (a.startsWith('--data-dir=')) return path.resolve(a.slice('--data-dir='.length));
  }
  if (env[DATA_DIR_ENV]) return path.resolve(env[DATA_DIR_ENV]!);
  return fallback();
}

/** The OS app-data folder, used when Electron (and its userData) is not running. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'), APP_DIR_NAME);
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
