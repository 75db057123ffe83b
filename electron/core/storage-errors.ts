/**
 * A full disk and a data dir that cannot be written: the one place where what
 * SQLite (better-sqlite3's SqliteError codes) and Node's fs (errno codes) say
 * about a failed write becomes an AppError the user can act on, DISK_FULL or
 * READ_ONLY. dispatch maps every call's error through storageError, openCore
 * the errors of opening the data dir.
 *
 * Some codes say it outright (SQLITE_FULL, ENOSPC, SQLITE_READONLY, EROFS).
 * Others only say that a write failed: SQLite reports a write refused by a
 * read-only file system as SQLITE_IOERR_WRITE, and EACCES/EPERM may be a file
 * locked by a virus scanner as well as a folder without write permission. For
 * those a small test file in the data dir tells which it is, and an error
 * that is neither stays what it was (INTERNAL, with its own message).
 *
 * Plain Node, no electron.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from './errors.js';

/** A test file written (and removed at once) in the data dir to tell a full disk from a read-only one. */
export const WRITE_TEST_FILE = '.write-test';
/** Below this much free space the disk counts as full when a write failed with an I/O error. */
const NEARLY_FULL_BYTES = 1024 * 1024;

type Storage = 'DISK_FULL' | 'READ_ONLY';
/** What the user was doing: opening the data dir at start, or saving a change. */
type When = 'open' | 'write';

const FULL_ERRNO = new Set(['ENOSPC', 'EDQUOT']);
const READ_ONLY_ERRNO = new Set(['EROFS']);
const DENIED_ERRNO = new Set(['EACCES', 'EPERM']);

function message(kind: Storage, when: When, dataDir: string | null): string {
  const where = dataDir ? `（数据目录：${dataDir}）` : '';
  if (kind === 'DISK_FULL') {
    return when === 'open'
      ? `磁盘空间不足，无法打开数据目录${where}。已保存的数据没有受影响。请清理该磁盘的空间后重新打开本程序。`
      : `磁盘空间不足，本次保存没有完成，已保存的数据没有受影响。请清理数据目录所在磁盘的空间后重试${where}。`;
  }
  const dir = dataDir ? `：${dataDir}` : '';
  return when === 'open'
    ? `数据目录只读，无法打开${dir}。本程序需要在数据目录中保存记录。请检查该文件夹所在的磁盘（如U盘的写保护开关、光盘、网络盘）和文件夹的权限，或把数据目录复制到可以写入的位置后再打开。`
    : `数据目录只读，无法保存${dir}。本次修改没有保存，已保存的数据没有受影响。请检查该文件夹所在的磁盘（如U盘的写保护开关、网络盘是否断开）和文件夹的权限，处理后重试；如仍不行，请重新打开本程序。`;
}

export function storageAppError(kind: Storage, when: When, dataDir: string | null): AppError {
  return new AppError(kind, message(kind, when, dataDir));
}

/** What an fs errno says of the disk it was on: full, read-only, denied, or nothing of the kind. */
export function errnoKind(code: string): Storage | 'DENIED' | null {
  if (FULL_ERRNO.has(code)) return 'DISK_FULL';
  if (READ_ONLY_ERRNO.has(code)) return 'READ_ONLY';
  if (DENIED_ERRNO.has(code)) return 'DENIED';
  return null;
}

/**
 * Try to write in the data dir: a test file, `bytes` long, synced and removed.
 * Returns what stopped it, or null when it could be written (and removed).
 */
export function probeDataDir(dataDir: string, bytes = 4096): Storage | null {
  const file = path.join(dataDir, WRITE_TEST_FILE);
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'w');
    if (bytes > 0) {
      fs.writeSync(fd, Buffer.alloc(bytes));
      fs.fsyncSync(fd);
    }
  } catch (e) {
    const kind = errnoKind(String((e as NodeJS.ErrnoException).code));
    return kind === 'DENIED' ? 'READ_ONLY' : kind;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
    try {
      fs.rmSync(file, { force: true });
    } catch {
      // a read-only dir never had it
    }
  }
  try {
    const s = fs.statfsSync(dataDir);
    if (bytes > 0 && s.bavail * s.bsize < NEARLY_FULL_BYTES) return 'DISK_FULL';
  } catch {
    // no statfs here: the write test said enough
  }
  return null;
}

/**
 * The AppError for a write that failed because the disk is full or the data
 * dir cannot be written, or null for any other error. Without `dataDir` only
 * the codes that say it outright are mapped.
 */
export function storageError(e: unknown, dataDir: string | null, when: When = 'write'): AppError | null {
  if (e instanceof AppError) return null;
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_FULL') return storageAppError('DISK_FULL', when, dataDir);
  // DBMOVED: the database file was deleted or moved away while open, which is not a read-only disk.
  if (code.startsWith('SQLITE_READONLY') && code !== 'SQLITE_READONLY_DBMOVED') return storageAppError('READ_ONLY', when, dataDir);
  const errno = errnoKind(code);
  if (errno && errno !== 'DENIED') return storageAppError(errno, when, dataDir);
  const unclear =
    errno === 'DENIED' ||
    (code.startsWith('SQLITE_IOERR') && code !== 'SQLITE_IOERR_NOMEM') ||
    code === 'SQLITE_CANTOPEN' ||
    code === 'EIO' ||
    // Node's recursive mkdir reports a read-only file system as ENOENT.
    (code === 'ENOENT' && (e as NodeJS.ErrnoException).syscall === 'mkdir');
  if (!unclear || !dataDir) return null;
  const found = probeDataDir(dataDir);
  return found ? storageAppError(found, when, dataDir) : null;
}

/**
 * `fs.mkdirSync(dir, { recursive: true })`, failing with the real reason:
 * Node's recursive mkdir reports a read-only file system as ENOENT. Then
 * each missing level is made on its own, and the first that fails says why.
 */
function makeDirs(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    const missing: string[] = [];
    for (let d = path.resolve(dir); !fs.existsSync(d) && path.dirname(d) !== d; d = path.dirname(d)) missing.unshift(d);
    for (const d of missing) fs.mkdirSync(d);
  }
}

/**
 * Before opening: create the data dir if needed and check that a file can be
 * made in it, so that a read-only dir is refused with READ_ONLY before SQLite
 * opens anything read-only without saying so. A full disk does not stop the
 * opening here (the data can still be read); a write that needs space then
 * fails with DISK_FULL.
 */
export function prepareDataDir(dataDir: string): void {
  try {
    makeDirs(dataDir);
  } catch (e) {
    const kind = errnoKind(String((e as NodeJS.ErrnoException).code));
    if (kind) throw storageAppError(kind === 'DENIED' ? 'READ_ONLY' : kind, 'open', dataDir);
    throw e;
  }
  if (probeDataDir(dataDir, 0) === 'READ_ONLY') throw storageAppError('READ_ONLY', 'open', dataDir);
}
