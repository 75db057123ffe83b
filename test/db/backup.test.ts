/**
 * Backups and restore (electron/core/backup, the lifecycle in electron/core/app.ts):
 * automatic backups checked and rotated, a single backup file written and
 * read back, every restore verified before anything is replaced (a tampered,
 * truncated or newer backup changes nothing), an older schema migrated, and
 * a damaged database at start put aside while the latest good backup comes back.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openCore, type Core } from '../../electron/core/app.js';
import { keptByRotation, writeBackupFile } from '../../electron/core/backup/backup.js';
import { tarEntries } from '../../electron/core/backup/tar.js';
import { closeDatabase, openDatabase } from '../../electron/core/db/connection.js';
import { MIGRATIONS } from '../../electron/core/db/migrations/index.js';
import { recordType } from '../../shared/books/index.js';
import { call, callError, dbDigest, rows, TEST_VERSION } from '../fixtures/core.js';
import { TINY_PNG } from '../fixtures/contract-inputs.js';
import { sampleRecord } from '../fixtures/sample.js';
import { seedBranch } from '../fixtures/seed.js';
import { makeTempDir, removeDir } from '../fixtures/tmp.js';


const dirs: string[] = [];
const cores: Core[] = [];
const tempDir = (name: string) => {
  const d = makeTempDir(name);
  dirs.push(d);
  return d;
};
const open = (dataDir: string) => {
  const c = openCore({ dataDir, version: TEST_VERSION });
  cores.push(c);
  return c;
};
const closeAll = () => {
  for (const c of cores.splice(0)) c.close();
};
afterEach(() => {
  closeAll();
  for (const d of dirs.splice(0)) removeDir(d);
});

/** A branch with two records, one with a photo. */
async function keepData(core: Core) {
  await seedBranch(core);
  const a = await call(core, 'records.create', sampleRecord(recordType('work-plan'), { date: '2026-01-10' }));
  const b = await call(core, 'records.create', sampleRecord(recordType('work-summary'), { date: '2026-06-30' }));
  const photo = await call(core, 'attachments.add', { recordId: a.id, name: '照片.png', base64: TINY_PNG, thumbBase64: null });
  return { a, b, photo };
}
const recordIds = (core: Core) => rows<{ id: number }>(core.db, 'SELECT id FROM records WHERE deleted_at IS NULL ORDER BY id').map((r) => r.id);
const blobFiles = (dataDir: string) => (fs.existsSync(path.join(dataDir, 'attachments')) ? fs.readdirSync(path.join(dataDir, 'attachments'), { recursive: true }).filter((n) => String(n).length > 60) : []);

describe('automatic backups', () => {
  it('copies the database with the online backup API, checks it, mirrors its attachments once, and lists it', async () => {
    const dataDir = tempDir('bk-auto');
    const core = open(dataDir);
    await keepData(core);
    const first = await core.backupNow('start');
    const second = await core.backupNow('daily');
    expect([first.reason, second.reason]).toEqual(['start', 'daily']);
    expect(first).toMatchObject({ kind: 'auto', schemaVersion: MIGRATIONS.length, records: 2, attachments: 1, appVersion: TEST_VERSION });
    const snap = path.join(dataDir, 'backups', 'auto', second.id);
    const copy = new Database(path.join(snap, 'ledger.sqlite3'), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((copy.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n).toBe(2);
    copy.close();
    // the photo, mirrored once for both backups
    expect(blobFiles(path.join(dataDir, 'backups'))).toHaveLength(1);
    const status = await call(core, 'backup.status', {});
    // one a day is kept: the day's newer backup replaced the start's
    expect(status.auto.map((s) => s.id)).toEqual([second.id]);
    expect(fs.existsSync(path.join(dataDir, 'backups', 'auto', first.id))).toBe(false);
    expect(status.lastFailure).toBeNull();
  });

  it('keeps the newest of each of the last 7 days, 4 weeks and 12 months', () => {
    // one backup a day at noon for 400 days, newest first
    const days = Array.from({ length: 400 }, (_, i) => {
      const d = new Date(2026, 10, 21 - i, 12);
      return { id: `d${i}`, at: d.toISOString() };
    });
    const kept = [...keptByRotation(days)];
    // 7 days (d0–d6); weeks: the newest of the 3 weeks before this one; months: the newest of each of 12 months
    expect(kept.filter((id) => Number(id.slice(1)) < 7)).toHaveLength(7);
    const months = new Set(days.filter((d) => kept.includes(d.id)).map((d) => d.at.slice(0, 7)));
    expect(months.size).toBe(12);
    expect(kept.length).toBeLessThanOrEqual(7 + 4 + 12);
    expect(kept.length).toBeGreaterThanOrEqual(12);
    // two backups on one day: only the newer counts for that day
    expect([...keptByRotation([{ id: 'late', at: '2026-11-21T10:00:00' }, { id: 'early', at: '2026-11-21T08:00:00' }])]).toEqual(['late']);
  });
});

describe('a backup file (备份到U盘/文件夹)', () => {
  it('holds the database, every attachment and a manifest with their sha256, and is found in its folder', async () => {
    const dataDir = tempDir('bk-file');
    const usb = tempDir('usb');
    const core = open(dataDir);
    await keepData(core);
    const info = await call(core, 'backup.toFolder', { folder: usb });
    expect(path.dirname(info.id)).toBe(usb);
    expect(path.basename(info.id)).toMatch(/^支部四本一档备份-.+-\d{8}-\d{6}\.ledgerbak$/);
    const names = tarEntries(info.id).map((e) => e.name);
    expect(names[0]).toBe('ledger.sqlite3');
    // the manifest, then its own checksum
    expect(names.slice(-2)).toEqual(['manifest.json', 'manifest.sha256']);
    expect(names.filter((n) => n.startsWith('attachments/'))).toHaveLength(1);
    expect(fs.readdirSync(usb)).toEqual([path.basename(info.id)]); // no .part left
    expect((await call(core, 'backup.scan', { folder: usb })).map((b) => b.id)).toEqual([info.id]);
    expect(await call(core, 'backup.verify', { kind: 'file', id: info.id })).toMatchObject({ records: 2, attachments: 1 });
  });

  it.each([
    ['a byte changed in the database part', (f: string) => flipByte(f, 2048)],
    ['cut short', (f: string) => fs.truncateSync(f, Math.floor(fs.statSync(f).size / 2))],
    ['not a backup at all', (f: string) => fs.writeFileSync(f, 'PK\x03\x04 这不是备份')],
  ])('is refused when %s, and nothing changes', async (_name, spoil) => {
    const dataDir = tempDir('bk-bad');
    const core = open(dataDir);
    await keepData(core);
    const info = await call(core, 'backup.toFolder', { folder: tempDir('usb') });
    spoil(info.id);
    await call(core, 'records.create', sampleRecord(recordType('work-plan'), { date: '2026-03-01' }));
    const before = dbDigest(core.db);
    expect(await callError(core, 'backup.verify', { kind: 'file', id: info.id })).toMatchObject({ code: 'BACKUP_INVALID' });
    expect(await callError(core, 'backup.restore', { kind: 'file', id: info.id })).toMatchObject({ code: 'BACKUP_INVALID' });
    expect(dbDigest(core.db)).toBe(before);
    expect((await call(core, 'backup.status', {})).savedBeforeRestore).toEqual([]);
  });
});

function flipByte(file: string, at: number) {
  const fd = fs.openSync(file, 'r+');
  const b = Buffer.alloc(1);
  fs.readSync(fd, b, 0, 1, at);
  b[0] = b[0]! ^ 0xff;
  fs.writeSync(fd, b, 0, 1, at);
  fs.closeSync(fd);
}

describe('restore (从备份恢复)', () => {
  it('brings back the data and its attachments, and saves the data as it was first', async () => {
    const dataDir = tempDir('bk-restore');
    const core = open(dataDir);
    const { a, b } = await keepData(core);
    const info = await call(core, 'backup.toFolder', { folder: tempDir('usb') });
    // afterwards: one record deleted for good (with its photo), another added
    await call(core, 'records.remove', { id: a.id });
    await call(core, 'records.purge', { id: a.id });
    const later = await call(core, 'records.create', sampleRecord(recordType('work-plan'), { date: '2026-09-01' }));
    expect(blobFiles(dataDir)).toHaveLength(0);

    const r = await call(core, 'backup.restore', { kind: 'file', id: info.id });
    expect(r).toMatchObject({ fromSchema: MIGRATIONS.length, toSchema: MIGRATIONS.length });
    expect(recordIds(core)).toEqual([a.id, b.id]);
    expect(core.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(blobFiles(dataDir)).toHaveLength(1);
    const photo = (await call(core, 'attachments.list', { recordId: a.id }))[0]!;
    expect((await call(core, 'attachments.get', { id: photo.id, thumb: false })).base64).toBe(TINY_PNG);

    // the data as it was just before is kept, and can itself be restored
    const saved = (await call(core, 'backup.status', {})).savedBeforeRestore;
    expect(saved).toHaveLength(1);
    expect(r.savedTo).toContain(saved[0]!.id);
    await call(core, 'backup.restore', { kind: 'auto', id: saved[0]!.id });
    expect(recordIds(core)).toEqual([b.id, later.id]);
  });

  it('keeps the data it had, open, when the swap itself fails', async () => {
    const dataDir = tempDir('bk-swapfail');
    const core = open(dataDir);
    const { a, b } = await keepData(core);
    const info = await call(core, 'backup.toFolder', { folder: tempDir('usb') });
    const later = await call(core, 'records.create', sampleRecord(recordType('work-plan'), { date: '2026-09-01' }));
    const rename = fs.renameSync;
    const spy = vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (String(to).endsWith('ledger.sqlite3') && String(from).includes('.restore-')) throw Object.assign(new Error('EXDEV: cross-device link'), { code: 'EXDEV' });
      return rename(from, to);
    });
    try {
      expect((await core.dispatch('backup.restore', { kind: 'file', id: info.id })).ok).toBe(false);
    } finally {
      spy.mockRestore();
    }
    expect(recordIds(core)).toEqual([a.id, b.id, later.id]);
    expect(core.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('migrates a backup of an older schema', async () => {
    const dataDir = tempDir('bk-old');
    const oldDir = tempDir('bk-old-src');
    const usb = tempDir('usb');
    // a database at the schema before the latest, written by an older app
    const old = openDatabase(path.join(oldDir, 'ledger.sqlite3'), { migrations: MIGRATIONS.slice(0, -1) });
    old.sqlite.prepare("INSERT INTO branch (id, name, parent_org, fonds_no, created_at, updated_at) VALUES (1, '中共旧版党支部', '上级', '', 't', 't')").run();
    const file = await writeBackupFile({ db: old, dataDir: oldDir, version: '0.0.1' }, usb);
    closeDatabase(old);
    expect(file.schemaVersion).toBe(MIGRATIONS.length - 1);

    const core = open(dataDir);
    await seedBranch(core);
    const r = await call(core, 'backup.restore', { kind: 'file', id: file.id });
    expect(r).toMatchObject({ fromSchema: MIGRATIONS.length - 1, toSchema: MIGRATIONS.length });
    expect(core.db.sqlite.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect((await call(core, 'branch.get', {}))?.name).toBe('中共旧版党支部');
  });

  it('refuses a backup written by a newer app, and changes nothing', async () => {
    const srcDir = tempDir('bk-new-src');
    const src = open(srcDir);
    await keepData(src);
    src.db.sqlite.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    const file = await call(src, 'backup.toFolder', { folder: tempDir('usb') });

    const core = open(tempDir('bk-new'));
    await keepData(core);
    const before = dbDigest(core.db);
    expect(await callError(core, 'backup.restore', { kind: 'file', id: file.id })).toMatchObject({ code: 'DB_TOO_NEW', message: expect.stringContaining('更新版本') });
    expect(dbDigest(core.db)).toBe(before);
  });
});

describe('a damaged database at start', () => {
  it.each([
    ['its header overwritten', 0],
    ['a page in the middle overwritten', 8192],
  ])('(%s) is detected, kept aside unchanged, and the latest good backup restores', async (_name, offset) => {
    const dataDir = tempDir('bk-damaged');
    let core = open(dataDir);
    const { a, b } = await keepData(core);
    const good = await core.backupNow('close');
    closeAll();
    const dbFile = path.join(dataDir, 'ledger.sqlite3');
    spoilAt(dbFile, offset);
    const damagedBytes = fs.readFileSync(dbFile);

    core = open(dataDir);
    expect(core.damage?.message).toContain('数据文件已损坏');
    expect(await call(core, 'app.info', {})).toMatchObject({ damage: { file: dbFile } });
    expect(await callError(core, 'records.list', { year: 2026, type: null, book: null })).toMatchObject({ code: 'DAMAGED' });
    expect(await call(core, 'auth.status', {})).toMatchObject({ passwordSet: false, locked: false });
    const status = await call(core, 'backup.status', {});
    expect(status.auto[0]!.id).toBe(good.id);

    const r = await call(core, 'backup.restore', { kind: 'auto', id: good.id });
    expect(core.damage).toBeNull();
    expect(recordIds(core)).toEqual([a.id, b.id]);
    // the damaged file is where the result says, byte for byte
    expect(fs.readFileSync(path.join(r.savedTo, 'ledger.sqlite3')).equals(damagedBytes)).toBe(true);
    expect((await call(core, 'app.info', {})).damage).toBeNull();
  });
});

function spoilAt(file: string, at: number) {
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, at);
  fs.closeSync(fd);
}
