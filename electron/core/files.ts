/**
 * Opening a path the user chose (a backup file on a U盘, a folder to scan or
 * write into, an attachment to add) without ever blocking on it or reading
 * through it into something else: `lstat` first, and only a regular file (not
 * a symlink, FIFO, socket, device or directory) is opened, with O_NONBLOCK and
 * O_NOFOLLOW where the platform has them, and checked again on the open
 * descriptor (the path may have been swapped in between). A FIFO named
 * *.ledgerbak would otherwise stop the whole app in a synchronous open.
 *
 * Plain Node, no electron. Errors are AppErrors with a Chinese message, the
 * code chosen by the caller (BACKUP_INVALID for a backup, VALIDATION otherwise).
 */
import fs from 'node:fs';
import type { ErrorCode } from '../../shared/result.js';
import { AppError } from './errors.js';

export interface RegularOptions {
  /** The code of the error for a path that is not a regular file (VALIDATION by default). */
  code?: ErrorCode;
  /** What the file is, for the message: 备份文件, 附件文件… (文件 by default). */
  what?: string;
}

const KIND: [(s: fs.Stats) => boolean, string][] = [
  [(s) => s.isSymbolicLink(), '快捷方式（符号链接）'],
  [(s) => s.isDirectory(), '文件夹'],
  [(s) => s.isFIFO(), '管道'],
  [(s) => s.isSocket(), '套接字'],
  [(s) => s.isCharacterDevice() || s.isBlockDevice(), '设备'],
  [(s) => s.isFile(), '文件'],
];

const kindOf = (s: fs.Stats) => KIND.find(([is]) => is(s))?.[1] ?? '特殊文件';

function notRegular(file: string, s: fs.Stats, o: RegularOptions): AppError {
  return new AppError(o.code ?? 'VALIDATION', `${file} 是${kindOf(s)}，不是普通${o.what ?? '文件'}，已跳过。`);
}

/** Whether `file` is a regular file itself (lstat: a symlink is not); false when it is not there. */
export function isRegularFile(file: string): boolean {
  try {
    return fs.lstatSync(file).isFile();
  } catch {
    return false;
  }
}

/** The lstat of `file`, which must be a regular file: NOT_FOUND when missing, `o.code` when anything else. */
export function assertRegularFile(file: string, o: RegularOptions = {}): fs.Stats {
  let s: fs.Stats;
  try {
    s = fs.lstatSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') throw new AppError('NOT_FOUND', `找不到${o.what ?? '文件'}：${file}`);
    throw e;
  }
  if (!s.isFile()) throw notRegular(file, s, o);
  return s;
}

const { O_RDONLY, O_NONBLOCK = 0, O_NOFOLLOW = 0 } = fs.constants as typeof fs.constants & { O_NONBLOCK?: number; O_NOFOLLOW?: number };

/**
 * Open a regular file for reading, never blocking and never through a link:
 * lstat first, then open with O_NONBLOCK | O_NOFOLLOW, then fstat the
 * descriptor (same file, still regular). The caller closes the descriptor.
 */
export function openRegularFile(file: string, o: RegularOptions = {}): number {
  const before = assertRegularFile(file, o);
  let fd: number;
  try {
    fd = fs.openSync(file, O_RDONLY | O_NONBLOCK | O_NOFOLLOW);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'ENXIO') throw notRegular(file, fs.lstatSync(file), o);
    if (code === 'ENOENT') throw new AppError('NOT_FOUND', `找不到${o.what ?? '文件'}：${file}`);
    throw e;
  }
  const s = fs.fstatSync(fd);
  if (!s.isFile() || s.ino !== before.ino || s.dev !== before.dev) {
    fs.closeSync(fd);
    throw notRegular(file, s, o);
  }
  return fd;
}

/**
 * The folder, which must be a directory: NOT_FOUND (with the U盘 in mind) when
 * missing, VALIDATION when it is a file, FIFO or anything else. A symlink is
 * followed (文档 and 桌面 are often links), but must end at a directory.
 */
export function assertDirectory(folder: string): void {
  let s: fs.Stats;
  try {
    s = fs.lstatSync(folder);
    if (s.isSymbolicLink()) s = fs.statSync(folder);
  } catch {
    throw new AppError('NOT_FOUND', `找不到文件夹：${folder}。请检查U盘是否已插好。`);
  }
  if (!s.isDirectory()) throw new AppError('VALIDATION', `${folder} 是${kindOf(s)}，不是文件夹。请选择一个文件夹。`);
}
