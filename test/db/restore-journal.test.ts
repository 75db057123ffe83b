/**
 * The start of a data dir after a restore went wrong (issue 13): a journal left by
 * a crash is settled one way or the other and said so, a data dir that has held data
 * never gets a silent new empty database, rotation keeps the newest backup with a
 * 支部, and what kills leave (staging, aside and temporary folders) is removed while
 * the copies saved before a restore are kept to the newest few (backup.setKeep).
 * The kills themselves are in restore-crash.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app.js';
import { rotate } from '../../electron/core/backup/backup.js';
import { DEFAULT_SAVED_KEEP, MISSING_DB_MESSAGE, RESTORE_FINISHED, RESTORE_UNDONE, stageBackup, writeJournal } from '../../electron/core/backup/restore.js';
import { recordType } from '../../shared/books/index.js';
import { call, dbDigest, openTestCore } from '../fixtures/core.js';
import { TINY_PNG } from '../fixtures/contract-inputs.js';
import { sampleRecord } from '../fixtures/sample.js';
import { BRANCH_NAME, seedBranch } from '../fixtures/seed.js';
import { makeTempDir, removeDir } from '../fixtures/tmp.js';

const dirs: string[] = [];
const cores: Core[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.close();
  for (const d of dirs.splice(0)) removeDir(d);
});
const tempDir = (name: string) => {
  const d = makeTempDir(name);
  dirs.push(d);
  return d;
};
const open = (dir: string) => {
  const c = openTestCore(dir);
  cores.push(c);
  return c;
};
const closeAll = () => {
  for (const c of cores.splice(0)) c.close();
};
const DB = (dir: string) => path.join(dir, 'ledger.sqlite3');

describe('a data dir that has held data', () => {
  it.each([
    ['an automatic backup', async (c: Core) => void (await c.backupNow('start'))],
    ['an attachment file', async (c: Core) => {
      const rec = await call(c, 'records.create', sampleRecord(recordType('work-plan'), { date: '2026-01-10' }));
      await call(c, 'attachments.add', { recordId: rec.id, name: '照片.png', base64: TINY_PNG, thumbBase64: null });
    }],
    ['a restore journal', async (c: Core) => writeJournal(c.dataDir, { phase: 'staging', at: '' })],
  ])('with %s opens the recovery page, not a new empty database, when its database is gone', async (_name, leave) => {
    const dir = tempDir('missing');
    const core = open(dir);
    await seedBranch(core);
    await leave(core);
    const journal = fs.existsSync(path.join(dir, 'restore-journal.json'));
    closeAll();
    for (const f of ['', '-wal', '-shm']) fs.rmSync(`${DB(dir)}${f}`, { force: true });

    const again = open(dir);
    // a journal is settled first (undone: it never touched the database), and still no silent new database
    expect(again.notice).toBe(journal ? RESTORE_UNDONE : null);
    expect(again.damage).toEqual({ file: DB(dir), message: MISSING_DB_MESSAGE });
    expect(fs.existsSync(DB(dir))).toBe(false);
    expect((await call(again, 'app.info', {})).damage?.message).toContain('没有新建数据库');
  });

  it('restores from the recovery page when the database went missing, and a fresh data dir still starts empty', async () => {
    const dir = tempDir('missing-restore');
    const core = open(dir);
    await seedBranch(core);
    const good = await core.backupNow('close');
    closeAll();
    fs.rmSync(DB(dir));
    const again = open(dir);
    expect(again.damage?.message).toBe(MISSING_DB_MESSAGE);
    const r = await call(again, 'backup.restore', { kind: 'auto', id: good.id });
    expect(again.damage).toBeNull();
    // nothing was there to put aside: no empty folder is left for it
    expect(r.savedTo).toBe('');
    expect(fs.readdirSync(path.join(dir, 'backups')).filter((n) => n.startsWith('damaged-'))).toEqual([]);
    expect((await call(again, 'branch.get', {}))?.name).toBe(BRANCH_NAME);
    // a data dir that never held anything: the first start, with the 支部 set-up page
    const fresh = open(tempDir('fresh'));
    expect(fresh.damage).toBeNull();
    expect(await call(fresh, 'branch.get', {})).toBeNull();
  });
});

describe('rotation', () => {
  it('keeps the newest backup with a 支部 when newer empty ones took its day', async () => {
    const dir = tempDir('rotate');
    const core = open(dir);
    await seedBranch(core);
    const good = await core.backupNow('start');
    closeAll();
    // a blank database in its place (as a silent new one was, before): its backups are empty
    const blank = tempDir('blank');
    const other = open(blank);
    const copy = (id: string) => fs.cpSync(path.join(blank, 'backups', 'auto', id), path.join(dir, 'backups', 'auto', id), { recursive: true });
    const empty1 = await other.backupNow('start');
    copy(empty1.id);
    const empty2 = await other.backupNow('daily');
    copy(empty2.id);
    closeAll();
    rotate(dir);
    const left = fs.readdirSync(path.join(dir, 'backups', 'auto'));
    expect(left).toContain(good.id);
    expect(left).toContain(empty2.id);
    expect(left).not.toContain(empty1.id);
  });
});

describe('a journal left by a crash', () => {
  it('in the swap, with the staging folder lost: the old database is put back, and said so', async () => {
    const dir = tempDir('undo');
    const core = open(dir);
    await seedBranch(core);
    const before = dbDigest(core.db);
    closeAll();
    const aside = path.join(dir, 'backups', '.replaced-x');
    fs.mkdirSync(aside, { recursive: true });
    fs.renameSync(DB(dir), path.join(aside, 'ledger.sqlite3'));
    writeJournal(dir, { phase: 'swap', at: '', staged: '.restore-gone', aside: '.replaced-x' });
    const again = open(dir);
    expect(again.notice).toBe(RESTORE_UNDONE);
    expect(dbDigest(again.db)).toBe(before);
    expect(fs.existsSync(aside)).toBe(false);
    expect((await call(again, 'backup.status', {})).notice).toBe(RESTORE_UNDONE);
    expect((await call(again, 'app.info', {})).notice).toBe(RESTORE_UNDONE);
  });

  it('in the swap, the old database and part of its companions moved: finished, the stale -wal never meets the new database', async () => {
    const dir = tempDir('finish');
    const src = open(tempDir('finish-src'));
    await seedBranch(src);
    const file = await call(src, 'backup.toFolder', { folder: tempDir('usb') });
    const want = dbDigest(src.db);
    // a data dir with its own (empty) database, closed
    open(dir);
    closeAll();
    const staged = await stageBackup(dir, 'file', file.id);
    const aside = path.join(dir, 'backups', '.replaced-y');
    fs.mkdirSync(aside, { recursive: true });
    fs.renameSync(DB(dir), path.join(aside, 'ledger.sqlite3'));
    // a -wal of the old database still in place (not a valid WAL for the new one)
    fs.writeFileSync(`${DB(dir)}-wal`, Buffer.alloc(4096, 0x37));
    writeJournal(dir, { phase: 'swap', at: '', staged: path.basename(staged.dir), aside: '.replaced-y' });
    const again = open(dir);
    expect(again.notice).toBe(RESTORE_FINISHED);
    expect(again.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(dbDigest(again.db)).toBe(want);
    expect(fs.readdirSync(path.join(dir, 'backups')).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});

describe('leftovers at start', () => {
  it('are removed, and the copies saved before a restore are kept to the setting', async () => {
    const dir = tempDir('leftovers');
    const core = open(dir);
    await seedBranch(core);
    const usb = tempDir('usb');
    const file = await call(core, 'backup.toFolder', { folder: usb });
    for (let i = 0; i < 5; i++) await call(core, 'backup.restore', { kind: 'file', id: file.id });
    let status = await call(core, 'backup.status', {});
    expect(status.savedBeforeRestoreKeep).toBe(DEFAULT_SAVED_KEEP);
    expect(status.savedBeforeRestore).toHaveLength(DEFAULT_SAVED_KEEP);
    closeAll();
    const b = path.join(dir, 'backups');
    const left = ['.restore-20260101-000000-000/ledger.sqlite3', '.replaced-20260101-000000-000/ledger.sqlite3', '.tmp-file-20260101-000000-000/ledger.sqlite3', 'auto/.tmp-20260101-000000-000/x', 'saved-before-restore/.tmp-20260101-000000-000/x'];
    for (const f of left) {
      fs.mkdirSync(path.dirname(path.join(b, f)), { recursive: true });
      fs.writeFileSync(path.join(b, f), 'x');
    }
    fs.writeFileSync(path.join(dir, 'restore-journal.json.tmp'), '{');
    const again = open(dir);
    expect(again.notice).toBeNull();
    for (const f of left) expect(fs.existsSync(path.dirname(path.join(b, f))), f).toBe(false);
    expect(fs.readdirSync(b).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(fs.readdirSync(path.join(b, 'auto')).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(fs.readdirSync(path.join(b, 'saved-before-restore')).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'restore-journal.json.tmp'))).toBe(false);
    status = await call(again, 'backup.setKeep', { savedBeforeRestoreKeep: 1 });
    expect(status.savedBeforeRestoreKeep).toBe(1);
    expect(status.savedBeforeRestore).toHaveLength(1);
    expect(status.savedBeforeRestore[0]!.size).toBeGreaterThan(0);
    expect((await again.dispatch('backup.setKeep', { savedBeforeRestoreKeep: 0 })).ok).toBe(false);
  });
});
