/**
 * 全部保存到…: every file of one year-end export copied into a new folder in
 * the folder the user chose (a U盘), named <支部名称>-<年度>年度归档, or （2）,
 * （3）… when a folder of that name is there: never over anything.
 *
 * The folder appears whole and checked, or not at all. The files are written
 * into a sibling `.<name>.part-<random>`, each one streamed (a large PDF never
 * sits in memory, and the window keeps its answers) and fsync'd; then every
 * one is read back and its sha256 compared with what was read from the
 * export; only then the folder takes its name, by one rename. A failure or a
 * cancel removes the temporary folder; one a crash left behind is removed by
 * the next save into the same folder.
 *
 * Plain Node, no electron, no database (service.ts plans a save): the kill
 * test's child runs it alone.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp, { type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { ExportFileInfo, SavedFile, SaveJob, SaveTarget } from '../../../shared/archive/model.js';
import { AppError } from '../errors.js';
import { fileNameWith } from '../../../shared/filenames.js';
import { fsyncDir, requireFolder, targetFolderError } from '../folders.js';

/** Bytes read and written at a time. */
const CHUNK = 1 << 20;
/** Whether a name is that of a save's temporary folder (`.中共某某党支部-2025年度归档（2）.part-1a2b3c4d`), and of nothing else. */
export const isPartFolder = (name: string) => /^\..+年度归档(?:（\d+）)?\.part-[0-9a-f]{8}$/.test(name);
const UNFINISHED = '归档文件没有保存完，已删除写了一半的文件夹';

export interface SavePlan {
  /** The job's id (SAVE_ID_RE). */
  id: string;
  year: number;
  exportId: string;
  /** The export's folder, archive/<year>/<exportId>/ of the data dir. */
  source: string;
  /** Its files, in the order the archive page lists them. */
  files: ExportFileInfo[];
  /** The folder the user chose. */
  parent: string;
  target: SaveTarget;
}

/** What a save reports as it goes: bytes written and read back, and the file at hand. */
export type SaveProgress = Partial<Pick<SaveJob, 'done' | 'phase'>>;

/** 中共某某党支部-2025年度归档: a folder name every file system of a U盘 takes, whatever the branch is called (shared/filenames.ts). */
export function saveBaseName(branchName: string, year: number): string {
  return fileNameWith('', branchName, `-${year}年度归档`, { fallback: '党支部' });
}

/** The first of baseName, baseName（2）, （3）… that names nothing in `parent` (FAT32 and NTFS compare names as they do). */
export function saveTarget(parent: string, baseName: string): SaveTarget {
  requireFolder(parent);
  for (let n = 1; n < 1000; n++) {
    const name = n === 1 ? baseName : `${baseName}（${n}）`;
    const folder = path.join(parent, name);
    if (!fs.existsSync(folder)) return { baseName, name, folder };
  }
  throw new AppError('CONFLICT', `“${parent}”中名为“${baseName}”的文件夹已有999个，请换一个文件夹。`);
}

/** Remove the temporary folders that saves killed on their way (a crash, a U盘 pulled out) left in `parent`. */
export function sweepStale(parent: string): string[] {
  const stale = fs
    .readdirSync(parent, { withFileTypes: true })
    .filter((d) => d.isDirectory() && isPartFolder(d.name))
    .map((d) => d.name);
  for (const name of stale) fs.rmSync(path.join(parent, name), { recursive: true, force: true });
  if (stale.length) fsyncDir(parent);
  return stale;
}

/**
 * Read a file a chunk at a time through sha256, handing each chunk to `chunk`
 * (which has its bytes until it resolves); `signal` stops it between chunks.
 */
async function streamFile(file: FileHandle, chunk: (bytes: Buffer, at: number) => Promise<void>, signal: AbortSignal): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  const buf = Buffer.allocUnsafe(CHUNK);
  let size = 0;
  for (;;) {
    signal.throwIfAborted();
    const { bytesRead } = await file.read(buf, 0, CHUNK, size);
    if (bytesRead === 0) return { sha256: hash.digest('hex'), size };
    const bytes = buf.subarray(0, bytesRead);
    hash.update(bytes);
    await chunk(bytes, size);
    size += bytesRead;
  }
}

/** `f` of the export, written into `dest` (which must not exist) and fsync'd; the sha256 and size of what was read. */
async function copyOne(source: string, f: ExportFileInfo, dest: string, onBytes: (n: number) => void, signal: AbortSignal): Promise<SavedFile> {
  let from: FileHandle;
  try {
    from = await fsp.open(path.join(source, f.name), 'r');
  } catch {
    throw new AppError('NOT_FOUND', `数据目录中的归档文件“${f.name}”已不在，请重新生成归档后再保存。`);
  }
  try {
    const to = await fsp.open(dest, 'wx');
    try {
      const read = await streamFile(
        from,
        async (bytes, at) => {
          for (let w = 0; w < bytes.length; ) w += (await to.write(bytes, w, bytes.length - w, at + w)).bytesWritten;
          onBytes(bytes.length);
        },
        signal,
      );
      await to.sync();
      return { name: f.name, size: read.size, sha256: read.sha256 };
    } finally {
      await to.close();
    }
  } finally {
    await from.close();
  }
}

/** Read a written file back; CHECK_FAILED unless it holds the bytes that were written. */
async function checkOne(file: string, want: SavedFile, onBytes: (n: number) => void, signal: AbortSignal): Promise<void> {
  const h = await fsp.open(file, 'r');
  try {
    const got = await streamFile(h, async (bytes) => onBytes(bytes.length), signal);
    if (got.sha256 !== want.sha256 || got.size !== want.size) {
      throw new AppError('CHECK_FAILED', `“${want.name}”写入后读回的内容与归档文件不一致，U盘可能已损坏。已删除写了一半的文件夹，请换一个U盘重试。`);
    }
  } finally {
    await h.close();
  }
}

/**
 * Copy every file of the plan into a new folder in `plan.parent`, check it,
 * and give it its name; returns the folder and what it holds. Throws a typed
 * AppError (DISK_FULL, READ_ONLY, NOT_FOUND, CHECK_FAILED) or, once `signal`
 * aborts, its AbortError; either way nothing of it is left in `plan.parent`.
 */
export async function saveExport(plan: SavePlan, update: (p: SaveProgress) => void, signal: AbortSignal): Promise<Pick<SaveJob, 'folder' | 'files'>> {
  const { parent, files } = plan;
  let tmp: string | null = null;
  try {
    requireFolder(parent);
    sweepStale(parent);
    tmp = path.join(parent, `.${plan.target.name}.part-${randomBytes(4).toString('hex')}`);
    await fsp.mkdir(tmp);
    let done = 0;
    const onBytes = (n: number) => update({ done: (done += n) });
    const written: SavedFile[] = [];
    for (const [i, f] of files.entries()) {
      update({ phase: `正在写入：${f.name}（${i + 1}/${files.length}）` });
      written.push(await copyOne(plan.source, f, path.join(tmp, f.name), onBytes, signal));
    }
    fsyncDir(tmp);
    for (const [i, f] of written.entries()) {
      update({ phase: `正在读回核对：${f.name}（${i + 1}/${files.length}）` });
      await checkOne(path.join(tmp, f.name), f, onBytes, signal);
    }
    signal.throwIfAborted();
    update({ phase: '正在完成' });
    // A folder of the planned name may have appeared since: the next free name then.
    const { folder } = saveTarget(parent, plan.target.baseName);
    await fsp.rename(tmp, folder);
    tmp = null;
    fsyncDir(parent);
    return { folder, files: written };
  } catch (e) {
    if (tmp) await fsp.rm(tmp, { recursive: true, force: true }).catch(() => {});
    throw signal.aborted ? e : targetFolderError(e, parent, UNFINISHED);
  }
}
