/**
 * 备份到U盘 under SIGKILL: a child process (backup-child.ts) writes a backup file of
 * one data dir into one folder (a U盘) and is killed after each step of
 * writeBackupFile in turn (the sweep, the database copied, the temporary file
 * created, each part, the manifest, the fsync, the read-back check, the rename),
 * then at random instants, again and again into the same folder. After every
 * kill the folder holds complete backup files that verify (those of the runs that
 * got past their rename) and hidden temporary files, never a partial file under a
 * backup's name; a run that got going has swept the temporary files of the kills
 * before it (in the folder, and its work folder in the data dir); and a last
 * backup leaves no temporary file at all.
 *
 * BACKUP_KILLS (default 60, some 20 s) random kills after the stepwise ones; CRASH_SEED (default 1).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { backupsDir, isBackupPartFile, verifyBackupFile, writeBackupFile } from '../../electron/core/backup/backup.js';
import { putBlobFile } from '../../electron/core/attachments/store.js';
import { closeDatabase, openDatabase } from '../../electron/core/db/connection.js';
import { bundleChild, childPath } from '../fixtures/child.js';
import type { BackupStep } from '../fixtures/backup-steps.js';
import { killEverywhere, runKillable, type Kill, type KillRun } from '../fixtures/crash.js';
import { useTempDir } from '../fixtures/tmp.js';

const RANDOM_KILLS = Number(process.env.BACKUP_KILLS ?? 60);
const SEED = Number(process.env.CRASH_SEED ?? 1);
const CHILD = childPath('backup-child');
const BACKUP_NAME = /^支部四本一档备份-.+\.ledgerbak$/;

type Run = KillRun<BackupStep>;
const run = (dataDir: string, folder: string, kill: Kill): Promise<Run> => runKillable<BackupStep>(CHILD, [dataDir, folder], kill);

/** A data dir with a branch and 6 attachments of 300 KB (random bytes): a backup file of some 2 MB, 8 parts. */
function makeDataDir(dataDir: string) {
  const db = openDatabase(path.join(dataDir, 'ledger.sqlite3'));
  db.sqlite.prepare("INSERT INTO branch (id, name, parent_org, fonds_no, created_at, updated_at) VALUES (1, '中共崩溃测试支部', '上级', '', 't', 't')").run();
  for (let i = 0; i < 6; i++) {
    const bytes = crypto.randomBytes(300_000 + i);
    const sha = crypto.createHash('sha256').update(bytes).digest('hex');
    putBlobFile(dataDir, sha, bytes);
    db.sqlite.prepare("INSERT INTO blobs (sha256, size, mime, created_at) VALUES (?, ?, 'image/png', 't')").run(sha, bytes.length);
  }
  closeDatabase(db);
}

describe('备份到U盘 under SIGKILL', () => {
  const tempDir = useTempDir('backup-crash');

  beforeAll(async () => {
    await bundleChild('backup-child');
  });

  it(`leaves no backup file or a complete one that verifies, killed after every step and at ${RANDOM_KILLS} random instants`, { timeout: 240_000 }, async () => {
    const dataDir = path.join(tempDir(), 'data');
    fs.mkdirSync(dataDir);
    makeDataDir(dataDir);
    const folder = path.join(tempDir(), 'U盘');
    fs.mkdirSync(folder);
    const t0 = Date.now();
    const verified = new Set<string>();
    let complete = 0;
    let swept = 0;

    /** What the folder holds (complete files verified once each: a file under a backup's name never changes), and the data dir's work folders. */
    const inspect = async () => {
      const problems: string[] = [];
      let parts = 0;
      let files = 0;
      for (const name of fs.readdirSync(folder)) {
        if (isBackupPartFile(name)) parts++;
        else if (!BACKUP_NAME.test(name)) problems.push(`a stray entry ${name}`);
        else {
          files++;
          if (verified.has(name)) continue;
          try {
            const v = await verifyBackupFile(path.join(folder, name));
            expect(v.info).toMatchObject({ branchName: '中共崩溃测试支部', attachments: 6 });
            verified.add(name);
          } catch (e) {
            problems.push(`${name} does not verify: ${(e as Error).message}`);
          }
        }
      }
      const work = (fs.existsSync(backupsDir(dataDir)) ? fs.readdirSync(backupsDir(dataDir)) : []).filter((n) => n.startsWith('.tmp-file-')).length;
      return { problems, parts, files, work };
    };

    const check = async (r: Run, where: string) => {
      const phases = r.steps.map((s) => s.phase);
      const now = await inspect();
      expect(now.problems, where).toEqual([]);
      // A kill after the rename has one more complete file; a kill before the read-back check, none.
      if (phases.includes('renamed')) expect(now.files, where).toBe(complete + 1);
      else if (phases.includes('read back and checked')) expect(now.files - complete, where).toBeLessThanOrEqual(1);
      else expect(now.files, where).toBe(complete);
      // Past its sweep the run had removed what the kills before it left: only its own is there.
      if (phases.includes('swept')) {
        expect(now.parts, where).toBeLessThanOrEqual(1);
        expect(now.work, where).toBeLessThanOrEqual(1);
        swept++;
      }
      complete = now.files;
    };

    // After each step in turn until a run ends by itself, then at random instants over the length of a whole backup.
    const { full: fullRun, landed } = await killEverywhere<BackupStep>({
      run: (kill) => run(dataDir, folder, kill),
      check,
      isDone: (last) => last?.phase === 'done',
      randomKills: RANDOM_KILLS,
      seed: SEED,
    });
    const stepwise = fullRun.steps.length;
    // start, swept, database copied, temporary file created, 7 parts, manifest, fsynced, checked, renamed, done
    expect(fullRun.steps.map((s) => s.phase)).toEqual([
      'start',
      'swept',
      'database copied',
      'temporary file created',
      'part ledger.sqlite3',
      ...Array.from({ length: 6 }, () => expect.stringMatching(/^part attachments\//)),
      'manifest',
      'fsynced',
      'read back and checked',
      'renamed',
      'done',
    ]);

    // One more backup, to the end: the temporary files are gone, every file is whole.
    const db = openDatabase(path.join(dataDir, 'ledger.sqlite3'));
    try {
      await writeBackupFile({ db, dataDir, version: '0.0.0-crash' }, folder);
    } finally {
      closeDatabase(db);
    }
    const end = await inspect();
    expect(end).toEqual({ problems: [], parts: 0, files: complete + 1, work: 0 });
    console.log(
      `backup-file-crash: ${stepwise - 1} kills after each step (and one run to the end) and ${RANDOM_KILLS} at random instants (${landed} mid-write; CRASH_SEED=${SEED}) in ${((Date.now() - t0) / 1000).toFixed(1)} s; ` +
        `${end.files} complete backup files, every one verified, never a partial one under a backup's name; ${swept} backups swept the temporary files of the kills before them; a whole backup took ${fullRun.ms.toFixed(0)} ms`,
    );
  });
});
