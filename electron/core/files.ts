/**
 * Paths the user chose (a backup file picked in a dialog, the folder of a U盘),
 * opened only when they are what they claim to be: a regular file, a real
 * folder. Anything else (a pipe, a device such as /dev/zero, a socket, a
 * symbolic link, a folder named x.ledgerbak) is refused with a sentence for the
 * user before anything is opened: opening a pipe for reading blocks until a
 * writer comes, and the whole app with it; a device never ends.
 *
 * A file is looked at with lstat first, then opened with O_NONBLOCK|O_NOFOLLOW
 * (where the platform has them: not on Windows, which has neither pipes nor
 * links of this kind in a folder) and the open descriptor fstat'ed, so that a
 * file swapped for a pipe or a link between the lstat and the open is refused
 * too, and never blocks.
 *
 * Symbolic links are refused, not followed: a link may point anywhere (a
 * device, the data dir itself, a loop), and following it safely means checking
 * again what it points to; the file dialogs hand over the real path, and a U盘
 * (FAT32, exFAT) has no links at all.
 *
 * Plain Node, no electron.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ErrorCode } from '../../shared/result.js';
import { AppError } from './errors.js';

const { O_RDONLY } = fs.constants;
const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/** What is at a path, as lstat tells it (a link is a link, not what it points to). */
export type EntryKind = 'file' | 'folder' | 'link' | 'fifo' | 'device' | 'socket' | 'other';

const KIND_NAMES: Record<Exclude<EntryKind, 'file'>, string> = {
  folder: '文件夹',
  link: '链接',
  fifo: '管道',
  device: '设备',
  socket: '套接字',
  other: '特殊文件',
};

export function kindOf(st: fs.Stats | fs.Dirent): EntryKind {
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'folder';
  if (st.isSymbolicLink()) return 'link';
  if (st.isFIFO()) return 'fifo';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'device';
  if (st.isSocket()) return 'socket';
  return 'other';
}

/** What is at `p` (not following a link), or null when nothing is. Other errors (EACCES) are thrown. */
export function entryKind(p: string): EntryKind | null {
  try {
    return kindOf(fs.lstatSync(p));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw e;
  }
}

/** What a file is opened for: the error code of a refusal, and the end of its sentence (无法作为备份读取). */
export interface FileUse {
  code: ErrorCode;
  /** 作为备份读取 */
  use: string;
  /** 备份文件: said when nothing is there (找不到备份文件：…) */
  what: string;
}

const notRegular = (p: string, kind: EntryKind, u: FileUse) =>
  new AppError(u.code, `所选的“${path.basename(p) || p}”不是普通文件（是${KIND_NAMES[kind as Exclude<EntryKind, 'file'>]}），无法${u.use}。`);

/** Why `file` cannot be opened as a regular file (missing, or something else), or null when it can. Never opens it. */
export function regularFileProblem(file: string, u: FileUse): AppError | null {
  const kind = entryKind(file);
  if (kind === null) return new AppError('NOT_FOUND', `找不到${u.what}：${file}`);
  return kind === 'file' ? null : notRegular(file, kind, u);
}

/**
 * Open a regular file for reading, refusing anything else (see the top):
 * lstat, open without following a link and without blocking, fstat the
 * descriptor. The caller closes the descriptor.
 */
export function openRegularFile(file: string, u: FileUse): number {
  const problem = regularFileProblem(file, u);
  if (problem) throw problem;
  let fd: number;
  try {
    fd = fs.openSync(file, O_RDONLY | O_NONBLOCK | O_NOFOLLOW);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // swapped since the lstat: for a link (ELOOP with O_NOFOLLOW), or gone
    if (code === 'ELOOP') throw notRegular(file, 'link', u);
    if (code === 'ENOENT') throw new AppError('NOT_FOUND', `找不到${u.what}：${file}`);
    throw e;
  }
  let kind: EntryKind;
  try {
    kind = kindOf(fs.fstatSync(fd));
  } catch (e) {
    fs.closeSync(fd);
    throw e;
  }
  if (kind !== 'file') {
    fs.closeSync(fd);
    throw notRegular(file, kind, u);
  }
  return fd;
}

/** `fn` with a descriptor of the regular file `file` (openRegularFile), closed afterwards. */
export async function withRegularFile<T>(file: string, u: FileUse, fn: (fd: number) => T | Promise<T>): Promise<T> {
  const fd = openRegularFile(file, u);
  try {
    return await fn(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Why `folder` is not a folder the app may write into or read from (missing:
 * NOT_FOUND with the U盘 in mind; a file, a pipe, a link: said so), or null.
 * `use` ends the sentence: 在其中保存, 在其中查找备份.
 */
export function folderProblem(folder: string, use: string): AppError | null {
  let kind: EntryKind | null;
  try {
    kind = entryKind(folder);
  } catch {
    kind = null; // not readable: said as not there, as before
  }
  if (kind === null) return new AppError('NOT_FOUND', `找不到文件夹：${folder}。请检查U盘是否已插好。`);
  if (kind === 'folder') return null;
  const what = kind === 'file' ? '文件' : KIND_NAMES[kind];
  return new AppError('NOT_FOUND', `所选的“${path.basename(folder) || folder}”不是文件夹（是${what}），无法${use}。请选择一个文件夹。`);
}
