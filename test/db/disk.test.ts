/**
 * A full disk and a read-only data dir (issue 7, item 5): every write gives a
 * typed error (DISK_FULL, READ_ONLY) with a message for the user, and leaves
 * nothing of itself behind; what was saved before stays as it was.
 *
 * Simulated with real file systems, which needs root (the test machines run
 * as root; elsewhere these tests are skipped and say why):
 * - a full disk: the data dir on a 4 MB tmpfs, most of it taken by a filler
 *   file, filled up by the app's own writes; deleting the filler frees it;
 * - a data dir that turns read-only while the app has it open: an ext4 image
 *   on a loop device mounted errors=remount-ro, then `mount -o remount,abort`,
 *   which the kernel handles like a disk error (a USB stick pulled, a failing
 *   disk): files already open refuse writes with EROFS, reads go on. (A
 *   read-only remount of a bind mount is refused while files are open for
 *   writing, so it cannot stand in for this.)
 * - opening a read-only data dir: a read-only bind mount.
 * - a backup file and 全部保存到… onto a full tmpfs or a read-only bind mount (a U盘).
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE, type Core } from '../../electron/core/app.js';
import { exportDir } from '../../electron/core/archive/paths.js';
import { AppError } from '../../electron/core/errors.js';
import { probeDataDir, storageError, WRITE_TEST_FILE } from '../../electron/core/storage-errors.js';
import { recordType } from '../../shared/books/index.js';
import type { RecordDto, RecordInput } from '../../shared/methods/records.js';
import { call, callError, dbDigest, openTestCore, rows } from '../fixtures/core.js';
import { storeFiles } from '../fixtures/crash.js';
import { sampleRecord } from '../fixtures/sample.js';
import { folderDigest, writeExportFiles } from '../fixtures/save.js';
import { makeTempDir, removeDir, useTempDir } from '../fixtures/tmp.js';

function sh(cmd: string, ...args: string[]): void {
  execFileSync(cmd, args, { stdio: 'pipe' });
}

const reason = (e: unknown) => String((e as { stderr?: Buffer }).stderr ?? (e as Error).message).trim().split('\n')[0];

/** Why file systems cannot be mounted here (not root, no tmpfs, no loop devices), or null. */
function cannotMount(kind: 'tmpfs' | 'ext4'): string | null {
  if (process.platform !== 'linux') return 'mounting file systems needs Linux';
  if (process.getuid?.() !== 0) return 'mounting file systems needs root';
  const dir = makeTempDir('mount-probe');
  const image = `${dir}.img`;
  try {
    if (kind === 'tmpfs') sh('mount', '-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir);
    else {
      fs.writeFileSync(image, '');
      fs.truncateSync(image, 8 << 20);
      sh('mkfs.ext4', '-q', '-F', image);
      sh('mount', '-o', 'loop,errors=remount-ro', image, dir);
    }
    sh('umount', dir);
    return null;
  } catch (e) {
    return `${kind} cannot be mounted here: ${reason(e)}`;
  } finally {
    removeDir(dir);
    fs.rmSync(image, { force: true });
  }
}

const NO_TMPFS = cannotMount('tmpfs');
const NO_EXT4 = cannotMount('ext4');
/** `it`, or, where the file system it needs cannot be mounted, a skipped test whose title says why. */
const itWith = (why: string | null) => (title: string, fn: () => Promise<void>) => (why ? it.skip(`${title} (skipped: ${why})`, fn) : it(title, fn));

/** Mounts, cores and temp dirs of a test, undone after it even when it failed: cores closed, then unmounted, then removed. */
function useMounts() {
  const mounts: string[] = [];
  const cores: Core[] = [];
  const dirs: string[] = [];
  afterEach(() => {
    for (const c of cores.splice(0)) {
      try {
        c.close();
      } catch {
        // closing on a read-only file system: nothing to save anyway
      }
    }
    for (const m of mounts.splice(0).reverse()) {
      try {
        sh('umount', m);
      } catch {
        sh('umount', '-l', m);
      }
    }
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const tempDir = (label: string) => {
    const d = makeTempDir(label);
    dirs.push(d);
    return d;
  };
  return {
    tmpfs(size: string): string {
      const dir = tempDir('tmpfs');
      sh('mount', '-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir);
      mounts.push(dir);
      return dir;
    },
    /** An ext4 file system that turns read-only on its first error (see abort). */
    ext4(sizeMb: number): string {
      const dir = tempDir('ext4');
      const image = path.join(tempDir('ext4-image'), 'disk.img');
      fs.writeFileSync(image, '');
      fs.truncateSync(image, sizeMb << 20);
      sh('mkfs.ext4', '-q', '-F', image);
      sh('mount', '-o', 'loop,errors=remount-ro', image, dir);
      mounts.push(dir);
      return dir;
    },
    /** `src` again at a new place, read-only. */
    bindReadOnly(src: string): string {
      const dir = tempDir('ro');
      sh('mount', '--bind', src, dir);
      mounts.push(dir);
      sh('mount', '-o', 'remount,bind,ro', dir);
      return dir;
    },
    open(dataDir: string): Core {
      const core = openTestCore(dataDir);
      cores.push(core);
      return core;
    },
    close(core: Core): void {
      cores.splice(cores.indexOf(core), 1);
      core.close();
    },
  };
}

// ---------- inputs ----------

/** Bytes the store takes for a PNG (it sniffs the signature), never seen before. */
function png(size: number): Buffer {
  const b = crypto.randomBytes(size);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0);
  return b;
}
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const upload = (recordId: number, name: string, bytes: Buffer) => ({ recordId, name, base64: bytes.toString('base64'), thumbBase64: null });

/** A 谈心谈话 record whose 主要内容 carries `mark` and `chars` characters of text. */
function talk(mark: string, chars = 200): RecordInput {
  const input = sampleRecord(recordType('talk'), { date: '2025-06-01' });
  return { ...input, data: { ...input.data, content: `${mark}：${'谈思想、谈工作、谈作风，查找差距，明确努力方向。'.repeat(Math.ceil(chars / 24))}`.slice(0, chars) } };
}
const recordHash = (r: RecordDto) => JSON.stringify([r.type, r.date, r.status, r.data]);

const SETUP = { name: '中共测试支部委员会', parentOrg: '中共某某单位委员会', fondsNo: '', groups: [], committee: [] };

/** Free bytes on the file system of `dir`. */
function free(dir: string): number {
  const s = fs.statfsSync(dir);
  return s.bavail * s.bsize;
}

function expectSound(core: Core) {
  expect(core.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(core.db.sqlite.pragma('foreign_key_check')).toEqual([]);
}

// ---------- the mapping ----------

describe('storageError: which failures are a full disk or a read-only data dir', () => {
  const tempDir = useTempDir('storage-errors');
  const err = (code: string, extra: object = {}) => Object.assign(new Error(code), { code, ...extra });

  it.each([
    ['SQLITE_FULL', 'DISK_FULL'],
    ['ENOSPC', 'DISK_FULL'],
    ['EDQUOT', 'DISK_FULL'],
    ['SQLITE_READONLY', 'READ_ONLY'],
    ['SQLITE_READONLY_DIRECTORY', 'READ_ONLY'],
    ['EROFS', 'READ_ONLY'],
  ])('%s is %s, with the data dir in the message', (code, want) => {
    const e = storageError(err(code), '/data/dir');
    expect(e).toBeInstanceOf(AppError);
    expect(e!.code).toBe(want);
    expect(e!.message).toContain('/data/dir');
    expect(e!.message).toContain('已保存的数据没有受影响');
  });

  it.each(['SQLITE_IOERR_WRITE', 'SQLITE_IOERR_FSYNC', 'SQLITE_CANTOPEN', 'EACCES', 'EPERM', 'EIO', 'SQLITE_READONLY_DBMOVED'])(
    'leaves %s alone when the data dir can be written (it is some other failure)',
    (code) => {
      expect(storageError(err(code), tempDir())).toBeNull();
      expect(fs.readdirSync(tempDir())).toEqual([]); // the write test left nothing
    },
  );

  it.each(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_BUSY', 'SQLITE_IOERR_NOMEM', 'ENOENT', 'EISDIR'])('is not concerned with %s', (code) => {
    expect(storageError(err(code), tempDir())).toBeNull();
  });

  it('passes AppErrors and errors without a code through', () => {
    expect(storageError(new AppError('NOT_FOUND', '没有'), tempDir())).toBeNull();
    expect(storageError(new Error('x'), tempDir())).toBeNull();
    expect(storageError('x', tempDir())).toBeNull();
    expect(storageError(null, tempDir())).toBeNull();
  });

  it('says what stopped the write test, and finds a writable dir writable', () => {
    expect(probeDataDir(tempDir())).toBeNull();
    expect(fs.existsSync(path.join(tempDir(), WRITE_TEST_FILE))).toBe(false);
  });

  it('words the opening of the data dir apart from a save', () => {
    expect(storageError(err('EROFS'), '/d', 'open')!.message).toMatch(/^数据目录只读，无法打开：\/d。/);
    expect(storageError(err('EROFS'), '/d')!.message).toMatch(/^数据目录只读，无法保存：\/d。本次修改没有保存/);
    expect(storageError(err('SQLITE_FULL'), '/d')!.message).toMatch(/^磁盘空间不足，本次保存没有完成，已保存的数据没有受影响。/);
  });
});

// ---------- a full disk ----------

describe('a full disk', () => {
  const m = useMounts();

  itWith(NO_TMPFS)('a write that finds the disk full returns DISK_FULL, leaves nothing of itself, and writes work again once there is space', async () => {
    const root = m.tmpfs('4m');
    const dataDir = path.join(root, 'data');
    const core = m.open(dataDir);
    await call(core, 'branch.setup', SETUP);
    const host = await call(core, 'records.create', talk('附件所在的记录'));
    const victim = await call(core, 'records.create', talk('要删除的记录'));
    // The disk is taken by a file the test can delete, up to about 600 KB that the app fills up.
    const filler = path.join(root, 'filler');
    fs.writeFileSync(filler, Buffer.alloc(free(root) - 600 * 1024));

    const savedRecords = new Map<number, string>([
      [host.id, recordHash(host)],
      [victim.id, recordHash(victim)],
    ]);
    const savedFiles = new Map<number, string>();

    // Attachments until one no longer fits.
    let failedFile: Buffer | null = null;
    for (let i = 0; i < 100 && !failedFile; i++) {
      const bytes = png(40_000 + i);
      const before = dbDigest(core.db);
      const filesBefore = storeFiles(dataDir);
      const r = await core.dispatch('attachments.add', upload(host.id, `签到表${i}.png`, bytes));
      if (r.ok) {
        savedFiles.set((r.value as { id: number }).id, sha256(bytes));
        continue;
      }
      failedFile = bytes;
      expect(r.error.code, r.error.message).toBe('DISK_FULL');
      expect(r.error.message).toContain('磁盘空间不足，本次保存没有完成');
      // Nothing of it: no row, no file, no temp file.
      expect(dbDigest(core.db)).toBe(before);
      expect(storeFiles(dataDir)).toEqual(filesBefore);
    }
    expect(failedFile, 'the disk never filled up').not.toBeNull();
    expect(savedFiles.size).toBeGreaterThan(3);

    // A file that fits with a thumbnail that does not: the file it did write goes again.
    {
      const before = dbDigest(core.db);
      const filesBefore = storeFiles(dataDir);
      const fits = png(Math.max(1024, free(root) - 8192));
      const e = await callError(core, 'attachments.add', { ...upload(host.id, '带缩略图.png', fits), thumbBase64: png(64 * 1024).toString('base64') });
      expect(e.code).toBe('DISK_FULL');
      expect(dbDigest(core.db)).toBe(before);
      expect(storeFiles(dataDir)).toEqual(filesBefore);
    }

    // Records with long texts until one no longer fits (the database itself cannot grow).
    let failedRecord: RecordInput | null = null;
    for (let i = 0; i < 500 && !failedRecord; i++) {
      const input = talk(`第${i}条记录`, 20_000);
      const before = dbDigest(core.db);
      const r = await core.dispatch('records.create', input);
      if (r.ok) {
        savedRecords.set((r.value as RecordDto).id, recordHash(r.value as RecordDto));
        continue;
      }
      failedRecord = input;
      expect(r.error.code, r.error.message).toBe('DISK_FULL');
      expect(dbDigest(core.db)).toBe(before);
      expect(rows(core.db, "SELECT id FROM records WHERE data LIKE ?", `%第${i}条记录%`)).toEqual([]);
    }
    expect(failedRecord, 'the database never filled the disk').not.toBeNull();

    // Whatever else is written now works or says DISK_FULL, and never leaves half of itself.
    const others: [string, unknown][] = [
      ['records.update', { id: host.id, record: talk('改过的记录', 20_000) }],
      ['people.create', { name: '新党员', gender: '男', birthDate: '', politicalStatus: '中共党员', groupId: null, position: '', phone: '' }],
      ['records.remove', { id: victim.id }],
      ['attachments.add', upload(host.id, '又一张.png', png(60_000))],
      ['rules.update', { id: 'branch-assembly-rules', body: '本支部的党员大会制度。'.repeat(2000) }],
    ];
    for (const [method, input] of others) {
      const before = dbDigest(core.db);
      const r = await core.dispatch(method, input);
      if (!r.ok) {
        expect([method, r.error.code]).toEqual([method, 'DISK_FULL']);
        expect(dbDigest(core.db), method).toBe(before);
      } else if (method === 'records.update') savedRecords.set(host.id, recordHash(await call(core, 'records.get', { id: host.id })));
      else if (method === 'records.remove') savedRecords.delete(victim.id);
    }

    // The year's archive export fails the same way, and leaves no half-written export.
    const started = await core.dispatch('archive.start', { year: 2025, mode: 'single', fullIds: false, pdf: false, compiler: '', checker: '' });
    if (started.ok) {
      const id = (started.value as { id: string }).id;
      let job = await call(core, 'archive.job', { id });
      for (let i = 0; i < 600 && job.state === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        job = await call(core, 'archive.job', { id });
      }
      expect(job).toMatchObject({ state: 'failed' });
      expect(job.error).toMatch(/^磁盘空间不足，本次保存没有完成/);
      expect(await call(core, 'archive.exports', { year: 2025 })).toEqual([]);
    } else expect(started.error.code).toBe('DISK_FULL');
    expect(fs.readdirSync(path.join(dataDir, 'archive', '2025'))).toEqual([]);

    // What was saved before is all there, and the database is sound.
    const check = async (c: Core) => {
      expectSound(c);
      for (const [id, hash] of savedRecords) expect(recordHash(await call(c, 'records.get', { id }))).toBe(hash);
      for (const [id, hash] of savedFiles) expect(sha256(Buffer.from((await call(c, 'attachments.get', { id, thumb: false })).base64, 'base64'))).toBe(hash);
      const blobs = new Set(rows<{ sha256: string }>(c.db, 'SELECT sha256 FROM blobs').map((b) => b.sha256));
      expect(storeFiles(dataDir).map((f) => path.basename(f)).sort()).toEqual([...blobs].sort());
    };
    await check(core);

    // Space again: what failed now saves.
    fs.rmSync(filler);
    const saved = await call(core, 'attachments.add', upload(host.id, '补上的签到表.png', failedFile!));
    savedFiles.set(saved.id, sha256(failedFile!));
    const rec = await call(core, 'records.create', failedRecord!);
    savedRecords.set(rec.id, recordHash(rec));
    await check(core);

    // And it all opens again.
    m.close(core);
    await check(m.open(dataDir));
  });

  itWith(NO_TMPFS)('opening a data dir on a full disk gives DISK_FULL and changes nothing; it opens once there is space', async () => {
    const root = m.tmpfs('2m');
    const dataDir = path.join(root, 'data');
    const first = m.open(dataDir);
    await call(first, 'branch.setup', SETUP);
    m.close(first);
    const db = fs.readFileSync(path.join(dataDir, DB_FILE));
    // Every byte taken.
    const filler = path.join(root, 'filler');
    const fd = fs.openSync(filler, 'w');
    try {
      for (;;) fs.writeSync(fd, Buffer.alloc(4096));
    } catch (e) {
      expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      fs.closeSync(fd);
    }

    let opened: Core | null = null;
    try {
      opened = m.open(dataDir);
    } catch (e) {
      expect(e).toMatchObject({ name: 'AppError', code: 'DISK_FULL' });
      expect((e as Error).message).toContain(`磁盘空间不足，无法打开数据目录（数据目录：${dataDir}）`);
    }
    // SQLite may find room enough to open (its files need a few KB): then reading works and writing says DISK_FULL.
    if (opened) {
      expect((await call(opened, 'branch.get'))?.name).toBe(SETUP.name);
      expect((await callError(opened, 'records.create', talk('满了', 20_000))).code).toBe('DISK_FULL');
      m.close(opened);
    }
    expect(fs.readFileSync(path.join(dataDir, DB_FILE)).equals(db)).toBe(true);

    fs.rmSync(filler);
    const again = m.open(dataDir);
    expectSound(again);
    await call(again, 'records.create', talk('有空间了'));
  });
});

describe('全部保存到… a U盘 that is full or write-protected', () => {
  const m = useMounts();

  itWith(NO_TMPFS)('fails with DISK_FULL or READ_ONLY said of the U盘, and leaves nothing there', async () => {
    const dataDir = makeTempDir('disk-save');
    const core = m.open(dataDir);
    try {
      await call(core, 'branch.setup', SETUP);
      const source = exportDir(dataDir, 2025, '20260105-093000');
      writeExportFiles(source);
      const save = async (folder: string) => {
        let job = await call(core, 'archive.saveAll', { year: 2025, exportId: '20260105-093000', folder });
        while (job.state === 'running') {
          await new Promise((r) => setTimeout(r, 10));
          job = await call(core, 'archive.saveJob', { id: job.id });
        }
        return job;
      };
      // Room for the first files, not for all of them.
      const full = m.tmpfs('3m');
      expect(await save(full)).toMatchObject({
        state: 'failed',
        error: `目标文件夹所在的磁盘空间不足，归档文件没有保存完，已删除写了一半的文件夹：${full}。请换一个U盘或清理空间后重试。`,
      });
      expect(fs.readdirSync(full)).toEqual([]);
      const locked = m.bindReadOnly(m.tmpfs('16m'));
      expect(await save(locked)).toMatchObject({ state: 'failed', error: `无法写入目标文件夹：${locked}。请检查U盘的写保护开关和文件夹权限。` });
      expect(fs.readdirSync(locked)).toEqual([]);
      // With room, the same export saves whole.
      const roomy = m.tmpfs('16m');
      const done = await save(roomy);
      expect(done.state).toBe('done');
      expect(folderDigest(done.folder)).toEqual(folderDigest(source));
    } finally {
      m.close(core);
      removeDir(dataDir);
    }
  });
});

// ---------- a read-only data dir ----------

describe('a backup file to a U盘 that is full or write-protected', () => {
  const m = useMounts();

  itWith(NO_TMPFS)('says so of the U盘 (not the data dir), leaves no half-written file, and the data is untouched', async () => {
    const core = m.open(m.tmpfs('8m'));
    await call(core, 'branch.setup', SETUP);
    for (let i = 0; i < 20; i++) await call(core, 'records.create', talk(`备份${i}`, 5000));
    const before = dbDigest(core.db);
    const full = m.tmpfs('64k');
    expect(await callError(core, 'backup.toFolder', { folder: full })).toMatchObject({ code: 'DISK_FULL', message: expect.stringContaining('目标文件夹所在的磁盘空间不足') });
    expect(fs.readdirSync(full)).toEqual([]);
    const locked = m.bindReadOnly(m.tmpfs('8m'));
    expect(await callError(core, 'backup.toFolder', { folder: locked })).toMatchObject({ code: 'READ_ONLY', message: expect.stringContaining('写保护') });
    expect(dbDigest(core.db)).toBe(before);
  });
});

describe('a read-only data dir', () => {
  const m = useMounts();

  itWith(NO_EXT4)('a data dir that turns read-only while open: writes return READ_ONLY and change nothing, reads still work', async () => {
    const root = m.ext4(16);
    const dataDir = path.join(root, 'data');
    const core = m.open(dataDir);
    await call(core, 'branch.setup', SETUP);
    const person = await call(core, 'people.create', { name: '周正式', gender: '女', birthDate: '', politicalStatus: '中共党员', groupId: null, position: '', phone: '' });
    const rec = await call(core, 'records.create', talk('只读之前保存的记录'));
    const photo = png(30_000);
    const att = await call(core, 'attachments.add', upload(rec.id, '签到表.png', photo));
    await call(core, 'dues.setupYear', { year: 2025, entries: [{ personId: person.id, category: '在职', base: 5000, amount: null }] });
    await call(core, 'dues.pay', { year: 2025, personId: person.id, months: [1], amount: 25, paidDate: '2025-01-20', collector: '赵组织' });
    const digest = dbDigest(core.db);
    const files = storeFiles(dataDir);

    // The kernel's answer to a disk error: the file system goes read-only under the open files.
    sh('mount', '-o', 'remount,abort', root);

    const writes: [string, unknown][] = [
      ['records.create', talk('只读之后的记录')],
      ['records.update', { id: rec.id, record: talk('只读之后改的') }],
      ['records.remove', { id: rec.id }],
      ['attachments.add', upload(rec.id, '新照片.png', png(20_000))],
      ['attachments.remove', { id: att.id }],
      ['people.create', { name: '新党员', gender: '男', birthDate: '', politicalStatus: '中共党员', groupId: null, position: '', phone: '' }],
      ['people.remove', { id: person.id }],
      ['dues.pay', { year: 2025, personId: person.id, months: [2], amount: 25, paidDate: '2025-02-20', collector: '赵组织' }],
      ['branch.update', { name: '改名的支部', parentOrg: SETUP.parentOrg, fondsNo: '', groups: [], committee: [] }],
    ];
    for (const [method, input] of writes) {
      const e = await callError(core, method, input);
      expect([method, e.code]).toEqual([method, 'READ_ONLY']);
      expect(e.message).toBe(
        `数据目录只读，无法保存：${dataDir}。本次修改没有保存，已保存的数据没有受影响。请检查该文件夹所在的磁盘（如U盘的写保护开关、网络盘是否断开）和文件夹的权限，处理后重试；如仍不行，请重新打开本程序。`,
      );
    }

    // Reading goes on as before.
    expect(recordHash(await call(core, 'records.get', { id: rec.id }))).toBe(recordHash(rec));
    expect((await call(core, 'records.list', { year: 2025, type: null, book: null })).map((r) => r.id)).toEqual([rec.id]);
    expect(sha256(Buffer.from((await call(core, 'attachments.get', { id: att.id, thumb: false })).base64, 'base64'))).toBe(sha256(photo));
    expect((await call(core, 'people.list')).map((p) => p.name)).toContain('周正式');
    expect((await call(core, 'dues.year', { year: 2025 })).paidTotal).toBe(25);
    expect(JSON.stringify(await call(core, 'search.query', { text: '只读之前' }))).toContain(`"id":${rec.id}`);

    expect(dbDigest(core.db)).toBe(digest);
    expect(storeFiles(dataDir)).toEqual(files);
    expectSound(core);

    // Opening it again while it is read-only is refused the same way.
    m.close(core);
    expect(() => m.open(dataDir)).toThrow(expect.objectContaining({ name: 'AppError', code: 'READ_ONLY' }));
  });

  itWith(NO_TMPFS)('opening a read-only data dir gives READ_ONLY with its path, and touches nothing', async () => {
    const src = m.tmpfs('8m');
    const core = m.open(path.join(src, 'data'));
    await call(core, 'branch.setup', SETUP);
    await call(core, 'records.create', talk('一条记录'));
    m.close(core);
    const before = fs.readdirSync(path.join(src, 'data')).map((f) => [f, sha256(fs.readFileSync(path.join(src, 'data', f)))]);

    const ro = m.bindReadOnly(src);
    const dataDir = path.join(ro, 'data');
    let thrown: unknown;
    try {
      m.open(dataDir);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toMatchObject({ name: 'AppError', code: 'READ_ONLY' });
    expect((thrown as Error).message).toBe(
      `数据目录只读，无法打开：${dataDir}。本程序需要在数据目录中保存记录。请检查该文件夹所在的磁盘（如U盘的写保护开关、光盘、网络盘）和文件夹的权限，或把数据目录复制到可以写入的位置后再打开。`,
    );
    expect(fs.readdirSync(path.join(src, 'data')).map((f) => [f, sha256(fs.readFileSync(path.join(src, 'data', f)))])).toEqual(before);

    // A data dir still to be made, in a read-only place.
    expect(() => m.open(path.join(ro, 'new-data'))).toThrow(expect.objectContaining({ code: 'READ_ONLY' }));
    // The same data dir, writable again, opens as it was.
    const again = m.open(path.join(src, 'data'));
    expectSound(again);
    expect((await call(again, 'records.list', { year: 2025, type: null, book: null })).length).toBe(1);
  });
});
