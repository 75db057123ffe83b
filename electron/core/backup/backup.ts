/**
 * Backups of the data folder (issue 7). Nothing is ever lost:
 *
 * - **Automatic** (backups/auto/<stamp>/): at start, at close and daily while
 *   the app is open, the database is copied with SQLite's online backup API,
 *   the copy must pass `integrity_check`, and the attachments it refers to are
 *   mirrored into backups/attachments/ (content-addressed like the live store,
 *   so each photo is copied once, whatever the number of backups). Kept: the
 *   newest of each of the last 7 days, 4 weeks and 12 months.
 * - **A backup file** (备份到U盘/文件夹): one tar holding the database, every
 *   attachment, manifest.json (sha256 and size of every part, app and schema
 *   version) and manifest.sha256 (the sha256 of manifest.json's bytes, as
 *   `sha256sum` writes it), written under a hidden temporary name, read back
 *   and checked, then renamed. Temporary files a kill left behind are removed
 *   by the next backup into the same folder.
 *
 * The manifest is covered by its own checksum (manifest.sha256, in the tar and
 * next to an automatic backup's manifest.json), so that one byte changed in it
 * (the date, the branch, the number of records) is refused, not shown in the
 * list as if true. Backups written before there was a manifest.sha256 still
 * read: their parts are checked by sha256 as ever, their manifest's own facts
 * cannot be (formatVersion stays 1, so that an older app reads new backups).
 *
 * A backup file or a folder the user chose is opened only when it is a regular
 * file or a real folder (../files.ts): a pipe named x.ledgerbak never blocks.
 *
 * Restoring lives in restore.ts. Plain Node; no electron.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BackupDestination, BackupInfo, BackupReason } from '../../../shared/methods/backup.js';
import { localToday } from '../../../shared/dates.js';
import { putBlobFile, readBlobFile } from '../attachments/store.js';
import { AppError } from '../errors.js';
import { entryKind, openRegularFile, withRegularFile, type FileUse } from '../files.js';
import { fileNameWith } from '../../../shared/filenames.js';
import { fsyncDir, requireFolder, targetFolderError, writeBytes } from '../folders.js';
import type { Db } from '../db/sql.js';
import { fileStep } from '../steps.js';
import { windowsDrives } from './drives.js';
import { TarWriter, copyEntry, readEntry, tarEntries, type TarEntry } from './tar.js';
import { createHash, randomBytes } from 'node:crypto';

export const BACKUPS_DIR = 'backups';
export const BACKUP_EXT = '.ledgerbak';
const DB_NAME = 'ledger.sqlite3';
const MANIFEST = 'manifest.json';
/** The sha256 of manifest.json's bytes: `<hex>  manifest.json\n`, as sha256sum writes it (and `sha256sum -c` checks it). */
const MANIFEST_SUM = 'manifest.sha256';
const FILE_PREFIX = '支部四本一档备份-';
/** A backup file, as it is opened: refused unless a regular file. */
const BACKUP_FILE: FileUse = { code: 'BACKUP_INVALID', use: '作为备份读取', what: '备份文件' };
const FORMAT = 'branch-ledger-backup';
/** Pages copied per step of the online backup (4 KB pages: 16 MB a step). */
const PAGES_PER_STEP = 4096;

export const backupsDir = (dataDir: string) => path.join(dataDir, BACKUPS_DIR);
export const autoDir = (dataDir: string) => path.join(backupsDir(dataDir), 'auto');
export const savedDir = (dataDir: string) => path.join(backupsDir(dataDir), 'saved-before-restore');

/** What a backup holds, as written in its manifest.json. */
export interface Manifest {
  format: typeof FORMAT;
  formatVersion: 1;
  at: string;
  reason: BackupReason | 'file';
  appVersion: string;
  schemaVersion: number;
  branchName: string;
  records: number;
  db: { size: number; sha256: string };
  /** The attachment files the database refers to (sha256 is also the file's name). */
  blobs: { sha256: string; size: number }[];
  /** Attachment files that were missing or damaged in the data folder when the backup was taken. */
  missingBlobs: string[];
}

/** A local timestamp that sorts: 20261121-103000-123. */
export function stamp(d = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${localToday(d).replaceAll('-', '')}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}-${p(d.getMilliseconds(), 3)}`;
}

export function infoOf(m: Manifest, kind: BackupInfo['kind'], id: string): BackupInfo {
  return {
    kind,
    id,
    at: m.at,
    reason: m.reason,
    appVersion: m.appVersion,
    schemaVersion: m.schemaVersion,
    size: m.db.size + m.blobs.reduce((n, b) => n + b.size, 0),
    records: m.records,
    attachments: m.blobs.length,
    branchName: m.branchName,
  };
}

export function sha256File(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    let n: number;
    let pos = 0;
    while ((n = fs.readSync(fd, buf, 0, buf.length, pos)) > 0) {
      hash.update(buf.subarray(0, n));
      pos += n;
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/** The facts of a database copy, once it has passed integrity_check; throws BACKUP_INVALID otherwise. */
export function inspectDb(file: string, nativeBinding?: string): Omit<Manifest, 'format' | 'formatVersion' | 'at' | 'reason' | 'appVersion' | 'missingBlobs'> {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
  } catch (e) {
    throw new AppError('BACKUP_INVALID', `备份中的数据库无法打开：${(e as Error).message}`);
  }
  try {
    const check = sqlite.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new AppError('BACKUP_INVALID', `备份中的数据库未通过完整性检查：${String(check).slice(0, 200)}`);
    const schemaVersion = sqlite.pragma('user_version', { simple: true }) as number;
    const has = (t: string) => !!sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t);
    const branchName = has('branch') ? ((sqlite.prepare('SELECT name FROM branch WHERE id = 1').get() as { name: string } | undefined)?.name ?? '') : '';
    const records = has('records') ? (sqlite.prepare('SELECT count(*) AS n FROM records WHERE deleted_at IS NULL').get() as { n: number }).n : 0;
    const blobs = has('blobs') ? (sqlite.prepare('SELECT sha256, size FROM blobs ORDER BY sha256').all() as { sha256: string; size: number }[]) : [];
    return { schemaVersion, branchName, records, blobs, db: { size: fs.statSync(file).size, sha256: sha256File(file) } };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('BACKUP_INVALID', `备份中的数据库已损坏：${(e as Error).message}`);
  } finally {
    sqlite.close();
  }
}

/** Copy the live database with SQLite's online backup API (writes may go on meanwhile). */
export async function copyDatabase(db: Db, file: string): Promise<void> {
  await db.sqlite.backup(file, { progress: () => PAGES_PER_STEP });
}

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A manifest as written, and the contents of its manifest.sha256. */
function manifestBytes(m: Manifest): { bytes: Buffer; sum: Buffer } {
  const bytes = Buffer.from(JSON.stringify(m, null, 1));
  return { bytes, sum: Buffer.from(`${sha256Hex(bytes)}  ${MANIFEST}\n`) };
}

/**
 * A manifest from its bytes, checked against `sum` (the bytes of its
 * manifest.sha256); `sum` null: a backup written before there was one, read
 * as it always was. `what` names the backup in the refusal (备份文件, 这份自动备份).
 */
export function readManifest(bytes: Buffer, sum: Buffer | null, what = '备份文件'): Manifest {
  if (sum !== null) {
    const want = /^([0-9a-f]{64}) {2}manifest\.json\n$/.exec(sum.toString('latin1'))?.[1];
    if (want !== sha256Hex(bytes)) throw new AppError('BACKUP_INVALID', `${what}已损坏：清单校验不符（manifest.json 与 manifest.sha256 不一致），无法使用。`);
  }
  let m: Manifest;
  try {
    m = JSON.parse(bytes.toString('utf8')) as Manifest;
  } catch {
    throw new AppError('BACKUP_INVALID', '备份的清单（manifest.json）无法读取，文件不完整或不是本软件的备份。');
  }
  if (m?.format !== FORMAT || m.formatVersion !== 1 || !Array.isArray(m.blobs) || typeof m.db?.sha256 !== 'string') {
    throw new AppError('BACKUP_INVALID', '这不是“支部四本一档”的备份文件，或备份格式无法识别。');
  }
  return m;
}

export interface TakeOptions {
  db: Db;
  dataDir: string;
  version: string;
  nativeBinding?: string;
}

/** An automatic backup (or the copy saved before a restore): database, its check, the attachments mirrored. */
export async function takeSnapshot(o: TakeOptions, reason: BackupReason): Promise<BackupInfo> {
  const parent = reason === 'before-restore' ? savedDir(o.dataDir) : autoDir(o.dataDir);
  fs.mkdirSync(parent, { recursive: true });
  const id = stamp();
  const tmp = path.join(parent, `.tmp-${id}`);
  const op = reason === 'before-restore' ? 'restore' : 'backup';
  fs.mkdirSync(tmp);
  try {
    const dbFile = path.join(tmp, DB_NAME);
    fileStep(op, 'snapshot: copy database');
    await copyDatabase(o.db, dbFile);
    fileStep(op, 'snapshot: database copied');
    const facts = inspectDb(dbFile, o.nativeBinding);
    const missingBlobs: string[] = [];
    const root = backupsDir(o.dataDir);
    for (const b of facts.blobs) {
      if (readBlobFile(root, b.sha256).status === 'ok') continue;
      const live = readBlobFile(o.dataDir, b.sha256);
      if (live.status === 'ok') putBlobFile(root, b.sha256, live.bytes);
      else missingBlobs.push(b.sha256);
    }
    const m: Manifest = { format: FORMAT, formatVersion: 1, at: new Date().toISOString(), reason, appVersion: o.version, ...facts, missingBlobs };
    const { bytes, sum } = manifestBytes(m);
    writeBytes(path.join(tmp, MANIFEST), bytes);
    writeBytes(path.join(tmp, MANIFEST_SUM), sum);
    fileStep(op, 'snapshot: before rename');
    fs.renameSync(tmp, path.join(parent, id));
    fileStep(op, 'snapshot: renamed');
    return infoOf(m, 'auto', id);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

/** The manifest of an automatic backup (or a copy saved before a restore), checked against its manifest.sha256 when it has one. */
export function readSnapshotManifest(folder: string): Manifest {
  const file = path.join(folder, MANIFEST_SUM);
  const sum = fs.existsSync(file) ? fs.readFileSync(file) : null;
  return readManifest(fs.readFileSync(path.join(folder, MANIFEST)), sum, '这份自动备份');
}

/** The snapshots of a folder (auto, or saved-before-restore), newest first; unreadable ones left out. */
export function listSnapshots(parent: string): { id: string; manifest: Manifest }[] {
  let names: string[];
  try {
    names = fs.readdirSync(parent);
  } catch {
    return [];
  }
  return names
    .filter((n) => /^\d{8}-\d{6}-\d{3}$/.test(n))
    .sort()
    .reverse()
    .flatMap((id) => {
      try {
        return [{ id, manifest: readSnapshotManifest(path.join(parent, id)) }];
      } catch {
        return [];
      }
    });
}

/** ISO week key of a date: 2026-W47. */
function weekKey(d: Date): string {
  const t = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(t.getUTCFullYear(), 0, 1));
  return `${t.getUTCFullYear()}-W${Math.ceil(((t.getTime() - yearStart.getTime()) / 86400000 + 1) / 7)}`;
}

/**
 * Which snapshots rotation keeps (ids newest first in, kept ids out): the
 * newest of each of the 7 latest days, 4 latest weeks and 12 latest months.
 */
export function keptByRotation(ids: readonly { id: string; at: string }[]): Set<string> {
  const keep = new Set<string>();
  const byKey = (key: (d: Date) => string, count: number) => {
    const seen = new Set<string>();
    for (const s of ids) {
      const k = key(new Date(s.at));
      if (seen.has(k)) continue;
      seen.add(k);
      if (seen.size > count) break;
      keep.add(s.id);
    }
  };
  byKey((d) => localToday(d), 7);
  byKey(weekKey, 4);
  byKey((d) => localToday(d).slice(0, 7), 12);
  return keep;
}

/** Remove automatic backups rotation does not keep, then mirrored attachments no kept backup refers to. */
export function rotate(dataDir: string): { removed: number; blobsRemoved: number } {
  const auto = listSnapshots(autoDir(dataDir));
  const keep = keptByRotation(auto.map((s) => ({ id: s.id, at: s.manifest.at })));
  // Never the newest backup that holds a 支部 because newer empty ones (a data dir started blank) took its day.
  const newestWithBranch = auto.find((s) => s.manifest.branchName !== '');
  if (newestWithBranch) keep.add(newestWithBranch.id);
  let removed = 0;
  for (const s of auto) {
    if (keep.has(s.id)) continue;
    fs.rmSync(path.join(autoDir(dataDir), s.id), { recursive: true, force: true });
    removed++;
  }
  const wanted = new Set<string>();
  for (const s of [...auto.filter((x) => keep.has(x.id)), ...listSnapshots(savedDir(dataDir))]) for (const b of s.manifest.blobs) wanted.add(b.sha256);
  let blobsRemoved = 0;
  const mirror = path.join(backupsDir(dataDir), 'attachments');
  for (const shard of fs.existsSync(mirror) ? fs.readdirSync(mirror) : []) {
    for (const name of fs.readdirSync(path.join(mirror, shard))) {
      if (wanted.has(name)) continue;
      fs.rmSync(path.join(mirror, shard, name), { force: true });
      blobsRemoved++;
    }
  }
  return { removed, blobsRemoved };
}

// ---------- the backup file ----------

/** 支部四本一档备份-中共某某党支部-20261121-103000.ledgerbak: a name every file system of a U盘 takes, whatever the branch is called (shared/filenames.ts). */
export function backupFileName(branchName: string, d = new Date()): string {
  const at = stamp(d).slice(0, 15);
  return fileNameWith(FILE_PREFIX, branchName, `-${at}${BACKUP_EXT}`, { fallback: '支部' });
}

/**
 * Whether a name is that of a backup file's temporary file
 * (`.支部四本一档备份-….ledgerbak.part-1a2b3c4d`; `….ledgerbak.part` of older versions), and of nothing else.
 */
export const isBackupPartFile = (name: string) =>
  name.startsWith(`.${FILE_PREFIX}`) ? /\.ledgerbak\.part-[0-9a-f]{8}$/.test(name) : name.startsWith(FILE_PREFIX) && name.endsWith(`${BACKUP_EXT}.part`);

/** Remove the temporary files of backup files killed on their way (a crash, a U盘 pulled out) from `folder`; regular files only. */
export function sweepStaleParts(folder: string): string[] {
  const stale = fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((d) => d.isFile() && isBackupPartFile(d.name))
    .map((d) => d.name);
  for (const name of stale) fs.rmSync(path.join(folder, name), { force: true });
  if (stale.length) fsyncDir(folder);
  return stale;
}

/** The first of name, name（2）, （3）… (before .ledgerbak) that names nothing in `folder`: a backup file is never written over anything. */
function freeTarget(folder: string, name: string): string {
  const base = name.slice(0, -BACKUP_EXT.length);
  for (let n = 1; n < 1000; n++) {
    const file = path.join(folder, n === 1 ? name : `${base}（${n}）${BACKUP_EXT}`);
    if (entryKind(file) === null) return file;
  }
  throw new AppError('CONFLICT', `“${folder}”中名为“${name}”的备份文件已有999个，请换一个文件夹。`);
}

export const WORK_PREFIX = '.tmp-file-';

/**
 * Write one backup file into `folder`: written under a hidden temporary name,
 * read back and checked, then renamed; a kill at any step (fileStep
 * 'backup-file') leaves no backup file or a complete one, and temporary
 * files that the next backup into the folder removes.
 */
export async function writeBackupFile(o: TakeOptions, folder: string): Promise<BackupInfo> {
  requireFolder(folder);
  const root = backupsDir(o.dataDir);
  fs.mkdirSync(root, { recursive: true });
  // Backup files are written one at a time (the core's serial queue): a work folder there is a killed one's.
  for (const name of fs.readdirSync(root)) if (name.startsWith(WORK_PREFIX)) fs.rmSync(path.join(root, name), { recursive: true, force: true });
  let part: string | null = null;
  let work: string | null = null;
  try {
    sweepStaleParts(folder);
    fileStep('backup-file', 'swept');
    work = path.join(root, `${WORK_PREFIX}${stamp()}`);
    fs.mkdirSync(work);
    const dbFile = path.join(work, DB_NAME);
    await copyDatabase(o.db, dbFile);
    const facts = inspectDb(dbFile, o.nativeBinding);
    fileStep('backup-file', 'database copied');
    const name = backupFileName(facts.branchName);
    part = path.join(folder, `.${name}.part-${randomBytes(4).toString('hex')}`);
    const tar = new TarWriter(part);
    fileStep('backup-file', 'temporary file created');
    const missingBlobs: string[] = [];
    try {
      await tar.addFile(DB_NAME, dbFile);
      fileStep('backup-file', `part ${DB_NAME}`);
      for (const b of facts.blobs) {
        const live = readBlobFile(o.dataDir, b.sha256);
        if (live.status !== 'ok') {
          missingBlobs.push(b.sha256);
          continue;
        }
        tar.addBytes(blobEntryName(b.sha256), live.bytes);
        fileStep('backup-file', `part ${blobEntryName(b.sha256)}`);
      }
      const m: Manifest = { format: FORMAT, formatVersion: 1, at: new Date().toISOString(), reason: 'file', appVersion: o.version, ...facts, missingBlobs };
      const { bytes, sum } = manifestBytes(m);
      tar.addBytes(MANIFEST, bytes);
      tar.addBytes(MANIFEST_SUM, sum);
      fileStep('backup-file', 'manifest');
      tar.finish();
      fileStep('backup-file', 'fsynced');
    } catch (e) {
      tar.abort();
      throw e;
    }
    const checked = await verifyBackupFile(part);
    fileStep('backup-file', 'read back and checked');
    const target = freeTarget(folder, name);
    fs.renameSync(part, target);
    part = null;
    fileStep('backup-file', 'renamed');
    fsyncDir(folder);
    return { ...checked.info, id: target };
  } catch (e) {
    if (part) fs.rmSync(part, { force: true });
    throw targetFolderError(e, folder, '备份文件没有写完，已删除写了一半的文件');
  } finally {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  }
}

const blobEntryName = (sha: string) => `attachments/${sha.slice(0, 2)}/${sha}`;

export interface VerifiedFile {
  info: BackupInfo;
  manifest: Manifest;
  entries: Map<string, TarEntry>;
}

/** The entries of an open backup file and its manifest, checked against its manifest.sha256 (when it has one: older files do not). */
function readFileManifest(fd: number): { manifest: Manifest; entries: Map<string, TarEntry> } {
  let list: TarEntry[];
  try {
    list = tarEntries(fd);
  } catch (e) {
    throw new AppError('BACKUP_INVALID', `备份文件已损坏或不完整（${(e as Error).message}），无法使用。`);
  }
  const entries = new Map(list.map((e) => [e.name, e]));
  const me = entries.get(MANIFEST);
  if (!me) throw new AppError('BACKUP_INVALID', '这不是“支部四本一档”的备份文件：缺少清单（manifest.json）。');
  const se = entries.get(MANIFEST_SUM);
  return { manifest: readManifest(readEntry(fd, me), se ? readEntry(fd, se) : null), entries };
}

/** Read a backup file's manifest and check that every part is there with its sha256 (the database's integrity is checked on restore). */
export async function verifyBackupFile(file: string): Promise<VerifiedFile> {
  return withRegularFile(file, BACKUP_FILE, async (fd) => {
    const { manifest, entries } = readFileManifest(fd);
    const expect: [string, string, number][] = [
      [DB_NAME, manifest.db.sha256, manifest.db.size],
      ...manifest.blobs.filter((b) => !manifest.missingBlobs.includes(b.sha256)).map((b) => [blobEntryName(b.sha256), b.sha256, b.size] as [string, string, number]),
    ];
    for (const [name, sha, size] of expect) {
      const e = entries.get(name);
      if (!e || e.size !== size) throw new AppError('BACKUP_INVALID', `备份文件不完整：缺少或截断了 ${name}。`);
      if ((await copyEntry(fd, e, null)) !== sha) throw new AppError('BACKUP_INVALID', `备份文件已损坏：${name} 的校验值不符。`);
    }
    return { info: infoOf(manifest, 'file', file), manifest, entries };
  });
}

/** Extract a verified backup file's database and attachments into `dir` (database at dir/ledger.sqlite3, attachments in dir's store). */
export async function extractBackupFile(v: VerifiedFile, file: string, dir: string): Promise<void> {
  await withRegularFile(file, BACKUP_FILE, async (fd) => {
    const dbEntry = v.entries.get(DB_NAME)!;
    if ((await copyEntry(fd, dbEntry, path.join(dir, DB_NAME))) !== v.manifest.db.sha256) throw new AppError('BACKUP_INVALID', '备份文件在读取过程中发生变化，请重试。');
    for (const b of v.manifest.blobs) {
      const e = v.entries.get(blobEntryName(b.sha256));
      if (!e) continue;
      const bytes = readEntry(fd, e);
      if (sha256Hex(bytes) !== b.sha256) throw new AppError('BACKUP_INVALID', '备份文件在读取过程中发生变化，请重试。');
      putBlobFile(dir, b.sha256, bytes);
    }
  });
}

export { DB_NAME as BACKUP_DB_NAME, MANIFEST as BACKUP_MANIFEST, MANIFEST_SUM as BACKUP_MANIFEST_SUM };

/**
 * The backup files directly in a folder, newest first: regular files only
 * (a pipe, a device, a link or a folder named x.ledgerbak is passed over
 * without being opened), and only those whose manifest reads and checks.
 */
export function scanFolder(folder: string): BackupInfo[] {
  requireFolder(folder, '在其中查找备份');
  let names: fs.Dirent[];
  try {
    names = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    throw new AppError('NOT_FOUND', `无法读取文件夹：${folder}。请检查U盘是否已插好。`);
  }
  return names
    .filter((d) => d.isFile() && d.name.endsWith(BACKUP_EXT))
    .flatMap((d) => {
      const file = path.join(folder, d.name);
      try {
        const fd = openRegularFile(file, BACKUP_FILE);
        try {
          return [infoOf(readFileManifest(fd).manifest, 'file', file)];
        } finally {
          fs.closeSync(fd);
        }
      } catch {
        return [];
      }
    })
    .sort((a, b) => b.at.localeCompare(a.at));
}

/**
 * U盘 and usual folders: removable drives first (on Windows by drive letter,
 * with the other disks after them: drives.ts; /media and /run/media on Linux),
 * then 桌面 and 文档. `drives` lists Windows's drives (tests hand in their own).
 */
export async function destinations(dataDir: string, platform = process.platform, drives: () => Promise<BackupDestination[]> = () => windowsDrives()): Promise<BackupDestination[]> {
  const out: BackupDestination[] = [];
  const dirs = (root: string) => {
    try {
      return fs.readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => path.join(root, d.name));
    } catch {
      return [];
    }
  };
  if (platform === 'win32') {
    out.push(...(await drives()));
  } else {
    const user = os.userInfo().username;
    for (const root of [path.join('/media', user), path.join('/run/media', user), '/media', '/mnt']) {
      for (const d of dirs(root)) if (!out.some((o) => o.path === d) && d !== path.join('/media', user)) out.push({ path: d, label: `U盘 ${path.basename(d)}`, removable: true });
    }
  }
  for (const [sub, label] of [
    ['Desktop', '桌面'],
    ['桌面', '桌面'],
    ['Documents', '文档'],
    ['文档', '文档'],
  ] as const) {
    let p = path.join(os.homedir(), sub);
    try {
      // a 桌面 that is a link (to another disk) is offered by its real path: a link is never written through
      p = fs.realpathSync(p);
    } catch {
      continue;
    }
    if (!out.some((o) => o.path === p)) out.push({ path: p, label, removable: false });
  }
  const own = path.join(backupsDir(dataDir), 'files');
  fs.mkdirSync(own, { recursive: true });
  out.push({ path: own, label: '数据目录中的备份文件夹', removable: false });
  return out;
}
