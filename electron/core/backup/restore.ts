/**
 * Restoring a backup, as a journaled operation that a crash (a kill, a power
 * cut) at any instant leaves either wholly done or wholly undone, never half.
 *
 * `stageBackup` verifies the backup and lays out its database and
 * attachments in a staging folder (backups/.restore-<stamp>) without touching
 * the live data: a backup that is damaged, incomplete or written by a newer
 * app is refused here, and nothing has changed. The restore itself (app.ts
 * `restore`, with the helpers below) then goes:
 *
 *   1. journal `staging` (DATA_DIR/restore-journal.json, written atomically:
 *      temp file, fsync, rename): a restore is under way, nothing replaced.
 *   2. stage (above); save the current data aside (saved-before-restore/).
 *   3. copy the staged attachments into the live store. The store is
 *      content-addressed, so files copied ahead are harmless: the old database
 *      does not refer to them, and the start-up sweep removes them if the
 *      restore is undone.
 *   4. journal `swap` (naming the staging folder and the folder the old
 *      database files go to, backups/.replaced-<stamp>); close the database.
 *   5. move the old database files (ledger.sqlite3, -wal, -shm) aside.
 *   6. rename the staged database to ledger.sqlite3: THE COMMIT POINT, one
 *      atomic rename.
 *   7. remove the old files, the staging folder, and last the journal.
 *
 * At the next start `settleRestore` reads a journal left by a crash:
 * - `staging`: the live database was never touched: the restore is undone
 *   (the staging folder removed) — "已撤销，数据保持恢复前的状态".
 * - `swap` with the staged database still in the staging folder (killed in
 *   5 or before 6): the restore is finished — what is left of the old files
 *   goes aside first (a stale -wal must never meet the new database), then
 *   the rename of step 6 — "已完成恢复". Finishing keeps the user's data: the
 *   backup was verified, the attachments are in place, and the data as it
 *   was is in saved-before-restore.
 * - `swap` with the staged database gone and ledger.sqlite3 there (killed
 *   after 6): it was done; only step 7 is left.
 * - `swap` with neither (the staging folder lost): the old files are put
 *   back from the aside folder — undone.
 * Then step 7, and the journal goes last. `cleanLeftovers` removes what other
 * kills leave (staging, aside and temporary folders) once it is settled.
 * Plain Node.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfo } from '../../../shared/methods/backup.js';
import { blobDir, putBlobFile, readBlobFile } from '../attachments/store.js';
import { MIGRATIONS } from '../db/migrations/index.js';
import { AppError } from '../errors.js';
import { fsyncDir, writeFileAtomic } from '../folders.js';
import { fileStep } from '../steps.js';
import {
  BACKUP_DB_NAME,
  BACKUP_MANIFEST,
  autoDir,
  backupsDir,
  extractBackupFile,
  WORK_PREFIX,
  infoOf,
  inspectDb,
  listSnapshots,
  readSnapshotManifest,
  savedDir,
  sha256File,
  stamp,
  verifyBackupFile,
  type Manifest,
} from './backup.js';

export interface Staged {
  dir: string;
  info: BackupInfo;
  manifest: Manifest;
}

const SNAPSHOT_ID = /^\d{8}-\d{6}-\d{3}$/;

function refuseNewer(m: Manifest) {
  if (m.schemaVersion > MIGRATIONS.length) {
    throw new AppError(
      'DB_TOO_NEW',
      `这份备份由更新版本的“支部四本一档”写入（数据版本 ${m.schemaVersion}，本程序只认识到 ${MIGRATIONS.length}）。请先安装最新版本再恢复；当前数据没有改动。`,
    );
  }
}

/** An automatic backup (or a copy saved before a restore) by its folder name. */
function snapshotFolder(dataDir: string, id: string): string {
  if (!SNAPSHOT_ID.test(id)) throw new AppError('NOT_FOUND', '没有这份自动备份');
  for (const parent of [autoDir(dataDir), savedDir(dataDir)]) {
    const dir = path.join(parent, id);
    if (fs.lstatSync(path.join(dir, BACKUP_MANIFEST), { throwIfNoEntry: false })?.isFile()) return dir;
  }
  throw new AppError('NOT_FOUND', '没有这份自动备份');
}

/** Check a backup without restoring it. */
export async function verifyBackup(dataDir: string, kind: 'auto' | 'file', id: string, nativeBinding?: string): Promise<BackupInfo> {
  const staged = await stageBackup(dataDir, kind, id, nativeBinding);
  fs.rmSync(staged.dir, { recursive: true, force: true });
  return staged.info;
}

/** Verify a backup and lay out its database and attachments in a staging folder of the data dir. */
export async function stageBackup(dataDir: string, kind: 'auto' | 'file', id: string, nativeBinding?: string): Promise<Staged> {
  const dir = path.join(backupsDir(dataDir), `${STAGING_PREFIX}${stamp()}`);
  fs.mkdirSync(dir, { recursive: true });
  try {
    fileStep('restore', 'staging');
    let manifest: Manifest;
    let info: BackupInfo;
    if (kind === 'file') {
      const v = await verifyBackupFile(id);
      refuseNewer(v.manifest);
      fileStep('restore', 'verified');
      await extractBackupFile(v, id, dir);
      ({ manifest, info } = v);
    } else {
      const folder = snapshotFolder(dataDir, id);
      manifest = readSnapshotManifest(folder);
      refuseNewer(manifest);
      const db = path.join(folder, BACKUP_DB_NAME);
      if (!fs.existsSync(db) || sha256File(db) !== manifest.db.sha256) throw new AppError('BACKUP_INVALID', '这份自动备份的数据库文件已损坏或缺失，请选用另一份备份。');
      fs.copyFileSync(db, path.join(dir, BACKUP_DB_NAME));
      const mirror = backupsDir(dataDir);
      for (const b of manifest.blobs) {
        if (manifest.missingBlobs.includes(b.sha256)) continue;
        const r = readBlobFile(mirror, b.sha256);
        if (r.status !== 'ok') throw new AppError('BACKUP_INVALID', `这份自动备份缺少附件文件或附件已损坏（${b.sha256.slice(0, 12)}…），请选用另一份备份。`);
        putBlobFile(dir, b.sha256, r.bytes);
        fileStep('restore', 'staged an attachment');
      }
      info = infoOf(manifest, 'auto', id);
    }
    const facts = inspectDb(path.join(dir, BACKUP_DB_NAME), nativeBinding);
    if (facts.schemaVersion !== manifest.schemaVersion) throw new AppError('BACKUP_INVALID', '备份的清单与其中的数据库不一致，无法使用。');
    fileStep('restore', 'staged');
    return { dir, info, manifest };
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** The database files of the data dir: the database and its WAL companions. */
export const dbFiles = (dbFile: string) => [dbFile, `${dbFile}-wal`, `${dbFile}-shm`];

/** Move the data dir's database (closed) into `aside`, e.g. a damaged one that must never be overwritten. */
export function moveAside(dbFile: string, aside: string): void {
  fs.mkdirSync(aside, { recursive: true });
  for (const f of dbFiles(dbFile)) if (fs.existsSync(f)) fs.renameSync(f, path.join(aside, path.basename(f)));
}

// ---------- the journal ----------

export const STAGING_PREFIX = '.restore-';
export const ASIDE_PREFIX = '.replaced-';
export const JOURNAL_FILE = 'restore-journal.json';

export interface Journal {
  phase: 'staging' | 'swap';
  /** When the restore began (ISO). */
  at: string;
  /** swap: the staging folder and the aside folder, names under backups/. */
  staged?: string;
  aside?: string;
  /** swap: whether the aside folder is kept (a damaged database put aside is never deleted). */
  keepAside?: boolean;
}

export const RESTORE_FINISHED = '上次恢复备份时程序意外中断，已完成恢复。恢复前的数据已另存在“恢复前另存的数据”中。';
export const RESTORE_UNDONE = '上次恢复备份时程序意外中断，已撤销，数据保持恢复前的状态。';

const journalPath = (dataDir: string) => path.join(dataDir, JOURNAL_FILE);

export function writeJournal(dataDir: string, j: Journal): void {
  writeFileAtomic(journalPath(dataDir), JSON.stringify(j));
}

export function readJournal(dataDir: string): Journal | null {
  let text: string;
  try {
    text = fs.readFileSync(journalPath(dataDir), 'utf8');
  } catch {
    return null;
  }
  try {
    const j = JSON.parse(text) as Journal;
    if (j.phase === 'staging' || j.phase === 'swap') return j;
  } catch {
    // unreadable: written atomically, so it cannot be half a journal; treated as staging (nothing replaced is assumed below)
  }
  return { phase: 'staging', at: '' };
}

export function removeJournal(dataDir: string): void {
  fs.rmSync(journalPath(dataDir), { force: true });
  fs.rmSync(`${journalPath(dataDir)}.tmp`, { force: true });
  fsyncDir(dataDir);
}

/** Step 3: the staged attachments into the live store (those already there and intact are left). */
export function copyStagedAttachments(staged: Staged, dataDir: string): void {
  const stagedStore = blobDir(staged.dir);
  for (const shard of fs.existsSync(stagedStore) ? fs.readdirSync(stagedStore) : []) {
    for (const sha of fs.readdirSync(path.join(stagedStore, shard))) {
      if (readBlobFile(dataDir, sha).status === 'ok') continue;
      putBlobFile(dataDir, sha, fs.readFileSync(path.join(stagedStore, shard, sha)));
      fileStep('restore', 'copied an attachment');
    }
  }
}

/** Move whatever of the database files is still in place into `aside` (nothing there is overwritten). */
function moveRestAside(dbFile: string, aside: string): void {
  fs.mkdirSync(aside, { recursive: true });
  // the companions first: a -wal left behind must never meet the new database
  for (const f of dbFiles(dbFile).reverse()) {
    if (!fs.existsSync(f)) continue;
    const to = path.join(aside, path.basename(f));
    // never overwrite nor delete a database file: one of the same name already aside gets a suffix
    fs.renameSync(f, fs.existsSync(to) ? `${to}.${Date.now()}` : to);
    fileStep('restore', `moved aside ${path.basename(f)}`);
  }
  fsyncDir(aside);
}

/**
 * Steps 5 and 6: the old database files (closed) aside, the staged database in
 * their place. When the rename fails the old files are put back and it throws.
 */
export function swapIn(staged: Staged, dbFile: string, aside: string): void {
  moveRestAside(dbFile, aside);
  try {
    fs.renameSync(path.join(staged.dir, BACKUP_DB_NAME), dbFile);
  } catch (e) {
    putBack(dbFile, aside);
    throw e;
  }
  fsyncDir(path.dirname(dbFile));
  fileStep('restore', 'committed');
}

function putBack(dbFile: string, aside: string) {
  for (const f of dbFiles(dbFile)) {
    const kept = path.join(aside, path.basename(f));
    if (fs.existsSync(kept) && !fs.existsSync(f)) fs.renameSync(kept, f);
  }
  fsyncDir(path.dirname(dbFile));
}

/** Step 7: the aside folder (unless kept), the staging folder, then the journal. */
export function finishRestore(dataDir: string, j: Journal): void {
  const root = backupsDir(dataDir);
  if (j.aside) {
    const aside = path.join(root, j.aside);
    // a kept one (the damaged database) only when it holds something: a missing database leaves it empty
    const empty = !fs.existsSync(aside) || fs.readdirSync(aside).length === 0;
    if (!j.keepAside || empty) fs.rmSync(aside, { recursive: true, force: true });
  }
  if (j.staged) fs.rmSync(path.join(root, j.staged), { recursive: true, force: true });
  fileStep('restore', 'cleaned');
  removeJournal(dataDir);
  fileStep('restore', 'done');
}

/**
 * At start, before the database is opened: settle a restore a crash
 * interrupted (see the top of this file); the notice for the user, or null
 * when there was none.
 */
export function settleRestore(dataDir: string, dbFile: string): string | null {
  const j = readJournal(dataDir);
  if (!j) return null;
  let notice = RESTORE_UNDONE;
  if (j.phase === 'swap' && j.staged && j.aside) {
    const root = backupsDir(dataDir);
    const stagedDb = path.join(root, j.staged, BACKUP_DB_NAME);
    const aside = path.join(root, j.aside);
    if (fs.existsSync(stagedDb)) {
      moveRestAside(dbFile, aside);
      fs.renameSync(stagedDb, dbFile);
      fsyncDir(path.dirname(dbFile));
      notice = RESTORE_FINISHED;
    } else if (fs.existsSync(dbFile)) {
      notice = RESTORE_FINISHED;
    } else {
      putBack(dbFile, aside);
    }
  }
  finishRestore(dataDir, j);
  return notice;
}

// ---------- leftovers ----------

/** How many copies saved before a restore are kept when there is no setting. */
export const DEFAULT_SAVED_KEEP = 3;
const SETTINGS_FILE = 'settings.json';

export interface BackupSettings {
  savedBeforeRestoreKeep: number;
}

/**
 * The backup settings live with the backups (backups/settings.json), not in
 * the database: a restore replaces the database, and the recovery page (no
 * database) still prunes by them.
 */
export function readBackupSettings(dataDir: string): BackupSettings {
  try {
    const s = JSON.parse(fs.readFileSync(path.join(backupsDir(dataDir), SETTINGS_FILE), 'utf8')) as Partial<BackupSettings>;
    const keep = s.savedBeforeRestoreKeep;
    if (typeof keep === 'number' && Number.isInteger(keep) && keep >= 1) return { savedBeforeRestoreKeep: keep };
  } catch {
    // none yet, or unreadable: the default
  }
  return { savedBeforeRestoreKeep: DEFAULT_SAVED_KEEP };
}

export function writeBackupSettings(dataDir: string, s: BackupSettings): void {
  fs.mkdirSync(backupsDir(dataDir), { recursive: true });
  writeFileAtomic(path.join(backupsDir(dataDir), SETTINGS_FILE), JSON.stringify(s));
}

/** Keep the newest `keep` copies saved before a restore; returns how many were removed. */
export function pruneSaved(dataDir: string, keep = readBackupSettings(dataDir).savedBeforeRestoreKeep): number {
  let removed = 0;
  for (const s of listSnapshots(savedDir(dataDir)).slice(keep)) {
    fs.rmSync(path.join(savedDir(dataDir), s.id), { recursive: true, force: true });
    removed++;
  }
  return removed;
}

/**
 * At start, once a restore is settled: remove what kills leave behind —
 * staging folders (backups/.restore-*), old database files of a settled swap
 * (.replaced-*), a backup file's work folder (.tmp-file-*), half-taken
 * automatic backups and copies (auto/.tmp-*, saved-before-restore/.tmp-*),
 * half-written mirrored attachments (backups/attachments/xx/.tmp-*) —
 * and keep the newest few copies saved before a restore. Returns what went.
 */
export function cleanLeftovers(dataDir: string, dbFile: string): { removed: string[]; savedPruned: number } {
  if (readJournal(dataDir)) return { removed: [], savedPruned: 0 };
  const removed: string[] = [];
  const sweep = (dir: string, prefixes: string[]) => {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return;
    }
    for (const n of names) {
      if (!prefixes.some((p) => n.startsWith(p))) continue;
      fs.rmSync(path.join(dir, n), { recursive: true, force: true });
      removed.push(path.relative(dataDir, path.join(dir, n)));
    }
  };
  // old database files aside only while a database is in place: without one they may be all that is left
  sweep(backupsDir(dataDir), fs.existsSync(dbFile) ? [STAGING_PREFIX, ASIDE_PREFIX, WORK_PREFIX] : [STAGING_PREFIX, WORK_PREFIX]);
  // a journal killed while being written never took effect (it is renamed into place whole)
  sweep(dataDir, [`${JOURNAL_FILE}.tmp`]);
  sweep(autoDir(dataDir), ['.tmp-']);
  sweep(savedDir(dataDir), ['.tmp-']);
  // a mirrored attachment killed while being written (the live store's are swept by collectGarbage)
  const mirror = blobDir(backupsDir(dataDir));
  for (const shard of fs.existsSync(mirror) ? fs.readdirSync(mirror) : []) sweep(path.join(mirror, shard), ['.tmp-']);
  return { removed, savedPruned: pruneSaved(dataDir) };
}

/**
 * Whether the data dir has ever held data: a restore journal, old database
 * files put aside, copies saved before a restore, automatic backups, a
 * damaged database put aside, attachment files. Then a missing database is
 * never replaced by a new empty one: the recovery page opens instead.
 */
export function heldData(dataDir: string): boolean {
  const has = (dir: string, test: (n: string) => boolean) => {
    try {
      return fs.readdirSync(dir).some(test);
    } catch {
      return false;
    }
  };
  const snapshot = (n: string) => /^\d{8}-\d{6}-\d{3}$/.test(n);
  return (
    fs.existsSync(journalPath(dataDir)) ||
    has(backupsDir(dataDir), (n) => n.startsWith(ASIDE_PREFIX) || n.startsWith('damaged-')) ||
    has(savedDir(dataDir), snapshot) ||
    has(autoDir(dataDir), snapshot) ||
    has(blobDir(dataDir), (n) => /^[0-9a-f]{2}$/.test(n) && has(path.join(blobDir(dataDir), n), (f) => /^[0-9a-f]{64}$/.test(f)))
  );
}

export const MISSING_DB_MESSAGE =
  '数据文件（ledger.sqlite3）不见了，但这个数据目录里保存过数据（备份、附件或恢复记录）。为避免用一份空白数据顶替，程序没有新建数据库。请从下面的备份中恢复。';
