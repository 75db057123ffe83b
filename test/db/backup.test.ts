/**
 * Backups and restore (electron/core/backup, the lifecycle in electron/core/app.ts):
 * automatic backups checked and rotated, a single backup file written and
 * read back, every restore verified before anything is replaced (a tampered,
 * truncated or newer backup changes nothing), an older schema migrated, and
 * a damaged database at start put aside while the latest good backup comes back.
 * Hostile paths (a pipe, a device, links, a folder named x.ledgerbak) are refused
 * without being opened, and a manifest is covered by its manifest.sha256: any byte
 * flipped outside the contents is refused. Kills while a backup file is written:
 * backup-file-crash.test.ts.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openCore, type Core } from '../../electron/core/app.js';
import { saveTarget } from '../../electron/core/archive/save.js';
import { keptByRotation, scanFolder, verifyBackupFile, writeBackupFile } from '../../electron/core/backup/backup.js';
import { TarWriter, readEntry, tarEntries } from '../../electron/core/backup/tar.js';
import { closeDatabase, openDatabase } from '../../electron/core/db/connection.js';
import { MIGRATIONS } from '../../electron/core/db/migrations/index.js';
import { recordType } from '../../shared/books/index.js';
import { call, callError, dbDigest, rows, TEST_VERSION } from '../fixtures/core.js';
import { sampleRecord } from '../fixtures/sample.js';
import { seedBranch } from '../fixtures/seed.js';
import { makeTempDir, removeDir } from '../fixtures/tmp.js';

/** A 1×1 PNG. */
const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

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
const entryNames = (file: string) => {
  const fd = fs.openSync(file, 'r');
  try {
    return tarEntries(fd).map((e) => e.name);
  } finally {
    fs.closeSync(fd);
  }
};
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
    const names = entryNames(info.id);
    expect(names[0]).toBe('ledger.sqlite3');
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

// ---------- hostile paths and flipped bytes ----------

/** Open a tar and give its entries with their bytes (small ones only). */
function tarParts(file: string): { name: string; offset: number; size: number; bytes: Buffer }[] {
  const fd = fs.openSync(file, 'r');
  try {
    return tarEntries(fd).map((e) => ({ ...e, bytes: e.size < 1 << 20 ? readEntry(fd, e) : Buffer.alloc(0) }));
  } finally {
    fs.closeSync(fd);
  }
}

/** A core with data and one backup file in its own folder. */
async function withBackupFile() {
  const dataDir = tempDir('bk-hostile');
  const usb = tempDir('usb');
  const core = open(dataDir);
  await keepData(core);
  const info = await call(core, 'backup.toFolder', { folder: usb });
  return { core, dataDir, usb, info };
}

/** What a test started (a pipe's writer of last resort, a socket's server): stopped afterwards. */
const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

/**
 * A FIFO at `file`, with a writer that opens it again and again from 5 s on:
 * should the code open it blocking, the test ends late (and fails on its time)
 * instead of never.
 */
function mkfifo(file: string) {
  const r = spawnSync('mkfifo', [file]);
  if (r.status !== 0) throw new Error(`mkfifo: ${r.stderr}`);
  const w = spawn('sh', ['-c', 'sleep 5; while :; do : > "$0" || exit; done', file], { stdio: 'ignore' });
  stops.push(() => w.kill('SIGKILL'));
}

/** A Unix socket at `file` (the server stays open until the test ends). */
async function mksocket(file: string) {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(file, resolve));
  stops.push(() => server.close());
}

/** Whether mknod works here (as root): a character device like /dev/zero at `file`. */
function mkZeroDevice(file: string): boolean {
  return spawnSync('mknod', [file, 'c', '1', '5']).status === 0;
}

describe('a backup file that is not a regular file', () => {
  type Make = (dir: string, good: string) => string | Promise<string>;
  const cases: [string, string, Make][] = [
    ['a FIFO named x.ledgerbak', '管道', (dir) => {
      const f = path.join(dir, '管道.ledgerbak');
      mkfifo(f);
      return f;
    }],
    ['a symbolic link to a good backup', '链接', (dir, good) => {
      const f = path.join(dir, '链接.ledgerbak');
      fs.symlinkSync(good, f);
      return f;
    }],
    ['a symbolic link loop', '链接', (dir) => {
      const a = path.join(dir, 'a.ledgerbak');
      fs.symlinkSync(path.join(dir, 'b.ledgerbak'), a);
      fs.symlinkSync(a, path.join(dir, 'b.ledgerbak'));
      return a;
    }],
    ['a folder named x.ledgerbak', '文件夹', (dir) => {
      const f = path.join(dir, '文件夹.ledgerbak');
      fs.mkdirSync(f);
      return f;
    }],
    ['a socket named x.ledgerbak', '套接字', async (dir) => {
      const f = path.join(dir, 's.ledgerbak');
      await mksocket(f);
      return f;
    }],
    ['/dev/zero', '设备', () => '/dev/zero'],
    ['/dev/null', '设备', () => '/dev/null'],
  ];

  it.each(cases)('(%s) is refused by verify and restore at once, without opening it, and nothing changes', { timeout: 4000 }, async (_name, kind, make) => {
    const { core, info } = await withBackupFile();
    const hostile = await make(tempDir('hostile'), info.id);
    const before = dbDigest(core.db);
    const t0 = performance.now();
    for (const m of ['backup.verify', 'backup.restore'] as const) {
      expect(await callError(core, m, { kind: 'file', id: hostile })).toMatchObject({
        code: 'BACKUP_INVALID',
        message: `所选的“${path.basename(hostile)}”不是普通文件（是${kind}），无法作为备份读取。`,
      });
    }
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(dbDigest(core.db)).toBe(before);
    expect((await call(core, 'backup.status', {})).savedBeforeRestore).toEqual([]);
  });

  it('is passed over by scan, which lists the regular backup files only and ends at once', { timeout: 4000 }, async () => {
    const { core, usb, info } = await withBackupFile();
    for (const [, , make] of cases.slice(0, 5)) await make(usb, info.id);
    const device = mkZeroDevice(path.join(usb, '设备.ledgerbak'));
    const t0 = performance.now();
    expect((await call(core, 'backup.scan', { folder: usb })).map((b) => b.id)).toEqual([info.id]);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(fs.readdirSync(usb).length).toBe(device ? 8 : 7);
  });

  it('is refused when swapped for a pipe or a link between the lstat and the open (the open descriptor is fstat-ed)', { timeout: 4000 }, async () => {
    const { info } = await withBackupFile();
    const dir = tempDir('swap');
    const fifo = path.join(dir, 'p.ledgerbak');
    mkfifo(fifo);
    const link = path.join(dir, 'l.ledgerbak');
    fs.symlinkSync(info.id, link);
    // lstat sees the good backup file where the pipe and the link are: as if they were swapped in just after
    const regular = fs.lstatSync(info.id);
    const lstat = fs.lstatSync;
    const spy = vi
      .spyOn(fs, 'lstatSync')
      .mockImplementation(((p: fs.PathLike, o?: fs.StatSyncOptions) => (p === fifo || p === link ? regular : lstat(p, o))) as typeof fs.lstatSync);
    const t0 = performance.now();
    try {
      await expect(verifyBackupFile(fifo)).rejects.toMatchObject({ code: 'BACKUP_INVALID', message: expect.stringContaining('不是普通文件（是管道）') });
      await expect(verifyBackupFile(link)).rejects.toMatchObject({ code: 'BACKUP_INVALID', message: expect.stringContaining('不是普通文件（是链接）') });
      expect(spy.mock.calls.map(([p]) => p)).toEqual([fifo, link]);
    } finally {
      spy.mockRestore();
    }
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it.each<[string, string, (dir: string) => string | Promise<string>]>([
    ['missing', '', (dir) => path.join(dir, '不在.ledgerbak')],
    ['empty', '', (dir) => {
      fs.writeFileSync(path.join(dir, 'e.ledgerbak'), '');
      return path.join(dir, 'e.ledgerbak');
    }],
    ['a tar that is not a backup', '缺少清单', (dir) => {
      const f = path.join(dir, 't.ledgerbak');
      const tar = new TarWriter(f);
      tar.addBytes('readme.txt', Buffer.from('这不是备份'));
      tar.finish();
      return f;
    }],
    ['a tar whose manifest is of something else', '不是“支部四本一档”的备份文件', (dir) => {
      const f = path.join(dir, 'o.ledgerbak');
      const tar = new TarWriter(f);
      tar.addBytes('manifest.json', Buffer.from('{"format":"other"}'));
      tar.finish();
      return f;
    }],
  ])('(%s) is refused', async (name, says, make) => {
    const { core } = await withBackupFile();
    const f = await make(tempDir('odd'));
    const err = await callError(core, 'backup.verify', { kind: 'file', id: f });
    expect(err.code).toBe(name === 'missing' ? 'NOT_FOUND' : 'BACKUP_INVALID');
    expect(err.message).toContain(says);
  });

  it('is refused as a folder to write into or look in, by 备份到U盘 and 全部保存到… alike', async () => {
    const { core } = await withBackupFile();
    const dir = tempDir('folders');
    const real = path.join(dir, 'real');
    fs.mkdirSync(real);
    const fifo = path.join(dir, 'fifo');
    mkfifo(fifo);
    fs.symlinkSync(real, path.join(dir, 'link'));
    fs.writeFileSync(path.join(dir, 'file'), 'x');
    for (const [name, kind] of [
      ['fifo', '管道'],
      ['link', '链接'],
      ['file', '文件'],
    ]) {
      const folder = path.join(dir, name!);
      const said = { code: 'NOT_FOUND', message: expect.stringContaining(`不是文件夹（是${kind}）`) };
      expect(await callError(core, 'backup.toFolder', { folder })).toMatchObject(said);
      expect(await callError(core, 'backup.scan', { folder })).toMatchObject(said);
      expect(() => saveTarget(folder, '某支部-2025年度归档')).toThrow(`不是文件夹（是${kind}）`);
    }
    expect(await callError(core, 'backup.toFolder', { folder: '/dev/null' })).toMatchObject({ message: expect.stringContaining('不是文件夹（是设备）') });
    expect(fs.readdirSync(real)).toEqual([]);
  });
});

describe('the manifest of a backup, covered by manifest.sha256', () => {
  /** Where a field's value is in the backup file: an offset inside the manifest entry. */
  const fieldAt = (file: string, field: string) => {
    const m = tarParts(file).find((e) => e.name === 'manifest.json')!;
    const at = m.bytes.indexOf(`"${field}": `);
    expect(at).toBeGreaterThan(0);
    return m.offset + at + field.length + 4 + 1;
  };

  it.each(['at', 'branchName', 'records', 'appVersion', 'reason'])('refuses a backup file with a byte of %s flipped, and scan leaves it out', async (field) => {
    const { core, usb, info } = await withBackupFile();
    flipByte(info.id, fieldAt(info.id, field));
    for (const m of ['backup.verify', 'backup.restore'] as const) {
      expect(await callError(core, m, { kind: 'file', id: info.id })).toMatchObject({ code: 'BACKUP_INVALID', message: expect.stringContaining('备份文件已损坏：清单校验不符') });
    }
    expect(await call(core, 'backup.scan', { folder: usb })).toEqual([]);
  });

  it('refuses a backup file with any byte flipped outside the contents of its parts (headers, manifest, checksum, padding, end blocks)', { timeout: 60_000 }, async () => {
    const { info } = await withBackupFile();
    const parts = tarParts(info.id);
    const size = fs.statSync(info.id).size;
    // every byte but those of the database's and the attachment's contents (checked by their sha256, sampled below)
    const contents = parts.filter((p) => !p.name.startsWith('manifest.')).map((p) => [p.offset, p.offset + p.size] as const);
    const offsets: number[] = [];
    for (let at = 0; at < size; at++) if (!contents.some(([a, b]) => at >= a && at < b)) offsets.push(at);
    for (const [a, b] of contents) for (let i = 0; i < 8; i++) offsets.push(a + Math.floor(((b - a) * i) / 8));
    const accepted: number[] = [];
    const t0 = performance.now();
    for (const at of offsets) {
      flipByte(info.id, at);
      const ok = await verifyBackupFile(info.id).then(
        () => true,
        (e: { code?: string }) => e.code !== 'BACKUP_INVALID',
      );
      if (ok) accepted.push(at);
      flipByte(info.id, at);
    }
    expect(accepted).toEqual([]);
    expect(offsets.length).toBeGreaterThan(4000);
    console.log(`backup flips: ${offsets.length} single bytes flipped (every one outside the parts' contents, 8 in each part's), every one refused, in ${(performance.now() - t0).toFixed(0)} ms; a file of ${size} bytes`);
    await verifyBackupFile(info.id); // and, flipped back, it is whole again
  });

  it('still reads a backup file written before there was a manifest.sha256 (its parts checked as ever)', async () => {
    const { core, info } = await withBackupFile();
    const old = path.join(tempDir('old-usb'), '支部四本一档备份-旧版-20250101-120000.ledgerbak');
    const tar = new TarWriter(old);
    for (const p of tarParts(info.id)) {
      if (p.name === 'manifest.sha256') continue;
      if (p.size < 1 << 20) tar.addBytes(p.name, p.bytes);
    }
    tar.finish();
    expect(tarParts(old).map((p) => p.name)).not.toContain('manifest.sha256');
    expect(await call(core, 'backup.verify', { kind: 'file', id: old })).toMatchObject({ records: 2, attachments: 1 });
    expect(scanFolder(path.dirname(old)).map((b) => b.id)).toEqual([old]);
    // a byte of its database flipped is still refused
    flipByte(old, tarParts(old).find((p) => p.name === 'ledger.sqlite3')!.offset + 5000);
    expect(await callError(core, 'backup.verify', { kind: 'file', id: old })).toMatchObject({ code: 'BACKUP_INVALID', message: expect.stringContaining('ledger.sqlite3 的校验值不符') });
  });

  it('covers an automatic backup\'s manifest too; one without manifest.sha256 (older) still lists and restores', async () => {
    const dataDir = tempDir('bk-auto-sum');
    const core = open(dataDir);
    const { a, b } = await keepData(core);
    const snap = await core.backupNow('daily');
    const folder = path.join(dataDir, 'backups', 'auto', snap.id);
    expect(fs.readFileSync(path.join(folder, 'manifest.sha256'), 'utf8')).toMatch(/^[0-9a-f]{64} {2}manifest\.json\n$/);
    const manifest = path.join(folder, 'manifest.json');
    const text = fs.readFileSync(manifest, 'utf8');
    fs.writeFileSync(manifest, text.replace('"records": 2', '"records": 7'));
    expect((await call(core, 'backup.status', {})).auto).toEqual([]);
    expect(await callError(core, 'backup.restore', { kind: 'auto', id: snap.id })).toMatchObject({ code: 'BACKUP_INVALID', message: expect.stringContaining('清单校验不符') });
    // as an older app wrote it: no manifest.sha256
    fs.writeFileSync(manifest, text);
    fs.rmSync(path.join(folder, 'manifest.sha256'));
    expect((await call(core, 'backup.status', {})).auto.map((s) => s.id)).toEqual([snap.id]);
    await call(core, 'records.create', sampleRecord(recordType('work-plan'), { date: '2026-03-01' }));
    await call(core, 'backup.restore', { kind: 'auto', id: snap.id });
    expect(recordIds(core)).toEqual([a.id, b.id]);
  });
});
