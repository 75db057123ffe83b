/**
 * Restoring a backup, in two halves. `stageBackup` verifies the backup and
 * lays out the data to restore in a staging folder without touching the live
 * data: a backup that is damaged, incomplete or written by a newer app is
 * refused here, and nothing has changed. `installStaged` then (the core's
 * database closed, the current data saved aside) moves the staged database
 * into place and adds its attachments to the store; the caller removes the
 * staging folder. Plain Node.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfo } from '../../../shared/methods/backup.js';
import { blobDir, putBlobFile, readBlobFile } from '../attachments/store.js';
import { MIGRATIONS } from '../db/migrations/index.js';
import { AppError } from '../errors.js';
import {
  BACKUP_DB_NAME,
  BACKUP_MANIFEST,
  autoDir,
  backupsDir,
  extractBackupFile,
  infoOf,
  inspectDb,
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
    if (fs.existsSync(path.join(dir, BACKUP_MANIFEST))) return dir;
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
  const dir = path.join(backupsDir(dataDir), `.restore-${stamp()}`);
  fs.mkdirSync(dir, { recursive: true });
  try {
    let manifest: Manifest;
    let info: BackupInfo;
    if (kind === 'file') {
      const v = await verifyBackupFile(id);
      refuseNewer(v.manifest);
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
      }
      info = infoOf(manifest, 'auto', id);
    }
    const facts = inspectDb(path.join(dir, BACKUP_DB_NAME), nativeBinding);
    if (facts.schemaVersion !== manifest.schemaVersion) throw new AppError('BACKUP_INVALID', '备份的清单与其中的数据库不一致，无法使用。');
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

/**
 * Put the staged database in place of the data dir's (closed, already saved
 * aside) and add the staged attachments to the store. The old database files are kept under a temporary name until the
 * new one is in place, and put back if that fails.
 */
export function installStaged(staged: Staged, dataDir: string, dbFile: string): void {
  const old = path.join(backupsDir(dataDir), `.replaced-${stamp()}`);
  moveAside(dbFile, old);
  try {
    fs.renameSync(path.join(staged.dir, BACKUP_DB_NAME), dbFile);
  } catch (e) {
    for (const f of dbFiles(dbFile)) {
      const kept = path.join(old, path.basename(f));
      if (fs.existsSync(kept)) fs.renameSync(kept, f);
    }
    throw e;
  }
  fs.rmSync(old, { recursive: true, force: true });
  const stagedStore = blobDir(staged.dir);
  for (const shard of fs.existsSync(stagedStore) ? fs.readdirSync(stagedStore) : []) {
    for (const sha of fs.readdirSync(path.join(stagedStore, shard))) {
      if (readBlobFile(dataDir, sha).status === 'ok') continue;
      putBlobFile(dataDir, sha, fs.readFileSync(path.join(stagedStore, shard, sha)));
    }
  }
}
