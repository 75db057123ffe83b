/**
 * Folders the app writes into: making a rename or removal in one durable; and
 * a folder the user chose, a U盘 most often: that it is there, and what a
 * failed write there means (the names its file system takes: shared/filenames.ts). The backup file
 * (备份到U盘) and the year's archive (全部保存到…) both write there.
 *
 * Plain Node, no electron.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from './errors.js';
import { folderProblem } from './files.js';
import { errnoKind } from './storage-errors.js';

/** Best effort: make a rename or unlink in `dir` durable. Directories cannot be fsynced on Windows. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // not supported on this platform
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * The folder, which must exist and be a real folder (not a link, a file or a
 * pipe: files.ts): NOT_FOUND with the U盘 in mind otherwise. `use` ends the
 * sentence said of something that is not a folder.
 */
export function requireFolder(folder: string, use = '在其中保存'): void {
  const problem = folderProblem(folder, use);
  if (problem) throw problem;
}

/**
 * A write into `folder` that failed because its disk (the U盘) is full,
 * write-protected or was pulled out, as an error said of that folder (not of
 * the data dir); `unfinished` says what was left undone and removed. Any other
 * error is returned as it was.
 */
export function targetFolderError(e: unknown, folder: string, unfinished: string): unknown {
  if (e instanceof AppError) return e;
  const code = (e as NodeJS.ErrnoException | null)?.code ?? '';
  const kind = errnoKind(code);
  if (kind === 'DISK_FULL') return new AppError('DISK_FULL', `目标文件夹所在的磁盘空间不足，${unfinished}：${folder}。请换一个U盘或清理空间后重试。`);
  if (kind === 'READ_ONLY' || kind === 'DENIED') return new AppError('READ_ONLY', `无法写入目标文件夹：${folder}。请检查U盘的写保护开关和文件夹权限。`);
  if (code === 'EIO' || code === 'ENOENT' || code === 'ENODEV') return new AppError('NOT_FOUND', `写入过程中无法访问目标文件夹：${folder}。U盘是否被拔出？请插好后重试。`);
  return e;
}

/** A new file (it must not exist) with `bytes`, on disk before this returns (fsync). */
export function writeBytes(file: string, bytes: Uint8Array) {
  const fd = fs.openSync(file, 'wx');
  try {
    fs.writeFileSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Replace `file` whole or not at all: a temp file beside it, fsync, rename, fsync of the folder. */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp`;
  fs.rmSync(tmp, { force: true });
  writeBytes(tmp, Buffer.from(text));
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}
