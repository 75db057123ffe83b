/**
 * Hostile backup files and folders (issue 13): what a U盘 may hold in place of a
 * backup — a FIFO, a symlink, a folder named *.ledgerbak, a file cut short, one byte
 * flipped in the manifest's metadata — is refused by scan, verify and restore with a
 * Chinese message (never a blocking open, never wrong metadata in the list), and
 * nothing of the data changes. A backup file written before the manifest had its own
 * checksum still verifies and restores.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app.js';
import { TarWriter, readEntry, tarEntries } from '../../electron/core/backup/tar.js';
import { recordType } from '../../shared/books/index.js';
import { call, callError, dbDigest, openTestCore } from '../fixtures/core.js';
import { TINY_PNG } from '../fixtures/contract-inputs.js';
import { sampleRecord } from '../fixtures/sample.js';
import { seedBranch } from '../fixtures/seed.js';
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

/** A core with a branch, a record with a photo, and a backup file of it in a U盘 folder. */
async function withBackup() {
  const core = openTestCore(tempDir('hostile'));
  cores.push(core);
  await seedBranch(core);
  const rec = await call(core, 'records.create', sampleRecord(recordType('work-plan'), { date: '2026-01-10' }));
  await call(core, 'attachments.add', { recordId: rec.id, name: '照片.png', base64: TINY_PNG, thumbBase64: null });
  const usb = tempDir('usb');
  const info = await call(core, 'backup.toFolder', { folder: usb });
  // a change after the backup, so a restore would show
  await call(core, 'records.create', sampleRecord(recordType('work-plan'), { date: '2026-03-01' }));
  return { core, usb, file: info.id };
}

/** A copy of `file` next to it with the byte at `at` changed (to `to`, or flipped). */
function spoiledCopy(file: string, name: string, at: number, to?: number): string {
  const out = path.join(path.dirname(file), name);
  const bytes = fs.readFileSync(file);
  bytes[at] = to ?? bytes[at]! ^ 0x01;
  fs.writeFileSync(out, bytes);
  return out;
}

/** Where a manifest field's value starts in the backup file. */
function fieldOffset(file: string, field: string): number {
  const e = tarEntries(file).find((x) => x.name === 'manifest.json')!;
  const text = readEntry(file, e);
  const at = text.indexOf(`"${field}": `);
  expect(at, field).toBeGreaterThan(0);
  // the first character of the value that is a digit or a letter (inside the quotes for a string)
  let i = at + field.length + 4;
  while (!/[0-9A-Za-z\x80-\xff]/.test(String.fromCharCode(text[i]!))) i++;
  return e.offset + i;
}

describe('hostile backup files are refused, and the data stays', () => {
  it.each([
    ['a FIFO named *.ledgerbak', (dir: string) => {
      const f = path.join(dir, 'fifo.ledgerbak');
      execFileSync('mkfifo', [f]);
      return f;
    }, '管道'],
    ['a symlink to a good backup', (dir: string, good: string) => {
      const f = path.join(dir, 'link.ledgerbak');
      fs.symlinkSync(good, f);
      return f;
    }, '符号链接'],
    ['a folder named *.ledgerbak', (dir: string) => {
      const f = path.join(dir, 'folder.ledgerbak');
      fs.mkdirSync(f);
      return f;
    }, '文件夹'],
    ['a file cut short in the middle', (dir: string, good: string) => {
      const f = path.join(dir, 'half.ledgerbak');
      fs.writeFileSync(f, fs.readFileSync(good).subarray(0, Math.floor(fs.statSync(good).size / 2)));
      return f;
    }, '不完整'],
    ['a file cut short by its end blocks', (dir: string, good: string) => {
      const f = path.join(dir, 'noend.ledgerbak');
      fs.writeFileSync(f, fs.readFileSync(good).subarray(0, fs.statSync(good).size - 1024));
      return f;
    }, '不完整'],
    ['an empty file', (dir: string) => {
      const f = path.join(dir, 'empty.ledgerbak');
      fs.writeFileSync(f, '');
      return f;
    }, '不完整'],
  ])('%s: scan leaves it out, verify and restore refuse it', { timeout: 20_000 }, async (_name, make, says) => {
    const { core, usb, file } = await withBackup();
    const bad = make(usb, file);
    const before = dbDigest(core.db);
    // the scan does not block on it (a FIFO would hang a plain open) and lists only the real backup
    expect((await call(core, 'backup.scan', { folder: usb })).map((b) => b.id)).toEqual([file]);
    for (const m of ['backup.verify', 'backup.restore'] as const) {
      const e = await callError(core, m, { kind: 'file', id: bad });
      expect(e, m).toMatchObject({ code: 'BACKUP_INVALID' });
      expect(e.message, m).toContain(says);
    }
    expect(dbDigest(core.db)).toBe(before);
    expect((await call(core, 'backup.status', {})).savedBeforeRestore).toEqual([]);
  });

  it.each(['at', 'reason', 'appVersion', 'branchName', 'records', 'schemaVersion'])('one byte changed in the manifest field %s: refused as 备份文件已损坏, not listed', async (field) => {
    const { core, usb, file } = await withBackup();
    const at = fieldOffset(file, field);
    // a change that keeps the JSON valid where it can (a digit for a digit, a letter for a letter)
    const b = fs.readFileSync(file)[at]!;
    const bad = spoiledCopy(file, `flipped-${field}.ledgerbak`, at, b >= 0x30 && b <= 0x38 ? b + 1 : b === 0x39 ? 0x30 : b >= 0x80 ? b ^ 0x01 : b === 0x7a ? 0x79 : b + 1);
    const before = dbDigest(core.db);
    expect((await call(core, 'backup.scan', { folder: usb })).map((x) => x.id)).toEqual([file]);
    for (const m of ['backup.verify', 'backup.restore'] as const) {
      expect(await callError(core, m, { kind: 'file', id: bad }), m).toMatchObject({ code: 'BACKUP_INVALID', message: expect.stringContaining('备份文件已损坏') });
    }
    expect(dbDigest(core.db)).toBe(before);
  });

  it('one byte changed in the manifest checksum itself: refused', async () => {
    const { core, file } = await withBackup();
    const e = tarEntries(file).find((x) => x.name === 'manifest.sha256')!;
    const bad = spoiledCopy(file, 'flipped-sum.ledgerbak', e.offset + 3);
    expect(await callError(core, 'backup.verify', { kind: 'file', id: bad })).toMatchObject({ code: 'BACKUP_INVALID', message: expect.stringContaining('备份文件已损坏') });
  });

  it('an automatic backup with a byte changed in its manifest is not listed and not restored', async () => {
    const { core } = await withBackup();
    const snap = await core.backupNow('daily');
    const manifest = path.join(core.dataDir, 'backups', 'auto', snap.id, 'manifest.json');
    const text = fs.readFileSync(manifest, 'utf8');
    fs.writeFileSync(manifest, text.replace(/"records": (\d)/, (_m, d: string) => `"records": ${(Number(d) + 1) % 10}`));
    expect((await call(core, 'backup.status', {})).auto).toEqual([]);
    expect(await callError(core, 'backup.restore', { kind: 'auto', id: snap.id })).toMatchObject({ code: 'BACKUP_INVALID', message: expect.stringContaining('备份文件已损坏') });
  });

  it('a backup file from before the manifest checksum (no manifest.sha256) still verifies and restores', async () => {
    const { core, usb, file } = await withBackup();
    // the same parts, without the checksum entry: what the app wrote before it
    const old = path.join(usb, 'old-format.ledgerbak');
    const tar = new TarWriter(old);
    for (const e of tarEntries(file)) if (e.name !== 'manifest.sha256') tar.addBytes(e.name, readEntry(file, e));
    tar.finish();
    expect(tarEntries(old).map((e) => e.name)).not.toContain('manifest.sha256');
    expect(await call(core, 'backup.verify', { kind: 'file', id: old })).toMatchObject({ records: 1, attachments: 1 });
    await call(core, 'backup.restore', { kind: 'file', id: old });
    expect((await call(core, 'records.list', { year: 2026, type: null, book: null })).length).toBe(1);
  });

  it.each([
    ['a FIFO', (p: string) => execFileSync('mkfifo', [p]), 'VALIDATION'],
    ['a regular file', (p: string) => fs.writeFileSync(p, 'x'), 'VALIDATION'],
    ['nothing', () => undefined, 'NOT_FOUND'],
  ])('backup.toFolder and backup.scan refuse %s in place of a folder', async (_name, make, code) => {
    const { core } = await withBackup();
    const p = path.join(tempDir('notafolder'), 'U盘');
    make(p);
    for (const m of ['backup.toFolder', 'backup.scan'] as const) expect(await callError(core, m, { folder: p }), m).toMatchObject({ code });
  });
});
