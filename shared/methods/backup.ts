/**
 * Backups of the contract (merged in shared/contract.ts): the automatic ones
 * kept in the data folder, a single backup file written to a USB stick or any
 * folder, and restoring from either. See electron/core/backup.
 */
import { z } from 'zod';
import { folder, fullFolder, isFullPath, method, noInput } from './method.js';

/** Why an automatic backup was taken. */
export type BackupReason = 'start' | 'close' | 'daily' | 'before-restore';

/** A backup as listed: an automatic one (id = its folder name) or a backup file (id = its path). */
export interface BackupInfo {
  kind: 'auto' | 'file';
  /** auto: the folder name under backups/auto (20261121-103000-123); file: the file's full path. */
  id: string;
  /** When it was taken (ISO). */
  at: string;
  reason: BackupReason | 'file';
  appVersion: string;
  schemaVersion: number;
  /** Bytes: the database and the attachments it refers to. */
  size: number;
  records: number;
  attachments: number;
  branchName: string;
}

/** A place a backup file may be written to or looked for. */
export interface BackupDestination {
  path: string;
  /** U盘 (E:), 桌面, 文档, 数据目录中的备份文件夹 */
  label: string;
  removable: boolean;
}

export interface BackupStatus {
  /** Automatic backups, newest first. */
  auto: BackupInfo[];
  /** The copies of the data saved just before a restore, newest first (the newest `savedBeforeRestoreKeep` are kept). */
  savedBeforeRestore: BackupInfo[];
  /** How many copies saved before a restore are kept (a setting, 3 by default). */
  savedBeforeRestoreKeep: number;
  /** Where automatic backups live. */
  folder: string;
  /** The last automatic backup that failed, and why (null when the last one succeeded). */
  lastFailure: { at: string; message: string } | null;
  /** A restore a crash interrupted, finished or undone at this start (null when none). */
  notice: string | null;
}

export interface RestoreResult {
  restored: BackupInfo;
  /** Where the data as it was before the restore was saved (or the damaged file was put aside); empty when there was none (a missing database). */
  savedTo: string;
  /** The schema version the restored data had, and has now (migrated when older). */
  fromSchema: number;
  toSchema: number;
}

/** An automatic backup by its folder name, or a backup file by its full path. */
const backupRef = z
  .strictObject({ kind: z.enum(['auto', 'file'], { error: '备份类型无效' }), id: folder })
  .refine((b) => b.kind !== 'file' || isFullPath(b.id), { path: ['id'], message: '请选择备份文件的完整路径' });

export const BACKUP_METHODS = {
  'backup.status': method<BackupStatus>({ openWhenDamaged: true })(noInput),
  /** Take an automatic backup now (as the daily one). */
  'backup.now': method<BackupInfo>()(noInput),
  /** U盘 and usual folders to write a backup file to. */
  'backup.destinations': method<BackupDestination[]>({ openWhenDamaged: true })(noInput),
  /** Write one backup file (database, attachments, manifest) into a folder: 备份到U盘/文件夹. */
  'backup.toFolder': method<BackupInfo>()(z.strictObject({ folder: fullFolder })),
  /** The backup files found in a folder (not below it), newest first; files that are not backups are left out. */
  'backup.scan': method<BackupInfo[]>({ openWhenDamaged: true })(z.strictObject({ folder: fullFolder })),
  /** Check a backup without restoring it: every part against its sha256 and the database's integrity. */
  'backup.verify': method<BackupInfo>({ openWhenDamaged: true })(backupRef),
  /**
   * Replace the data with a backup: verified first, the current data saved
   * aside, an older schema migrated; a newer or damaged backup is refused and
   * nothing is changed.
   */
  'backup.restore': method<RestoreResult>({ openWhenDamaged: true })(backupRef),
  /** How many copies saved before a restore to keep (older ones are removed at once); returns the status. */
  'backup.setKeep': method<BackupStatus>({ openWhenDamaged: true })(
    z.strictObject({ savedBeforeRestoreKeep: z.number({ error: '请填写保留份数' }).int('保留份数须为整数').min(1, '至少保留 1 份').max(50, '最多保留 50 份') }),
  ),
} as const;
