/**
 * Every zip the app writes, read byte by byte (test/fixtures/zip.ts): a name
 * that is not ASCII must carry general-purpose bit 11 (UTF-8) in both its local
 * header and the central directory, or Windows Explorer reads it in GBK. The
 * zips: a record's Word file (docx, which zips with its copy of fflate), the
 * year's Word volumes (rewritten by electron/core/export/docx/volume.ts with
 * fflate's zipSync), the registers, dues, roster and year workbooks (exceljs,
 * which zips with JSZip). Their entry names are the packages' own (word/…,
 * xl/media/image1.png), ASCII today, whatever the user's text; the writer the
 * app calls itself, zipSync, is checked with names in 汉字 too, and the check
 * with a name whose flag was cleared. The backup file is a tar of ASCII names.
 */
import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { tarEntries } from '../../electron/core/backup/tar.js';
import { encodePng } from '../../electron/core/demo/files.js';
import { recordType } from '../../shared/books/index.js';
import { call, useCore } from '../fixtures/core.js';
import { sampleRecord } from '../fixtures/sample.js';
import { createMeeting, seedBranch } from '../fixtures/seed.js';
import { useTempDir } from '../fixtures/tmp.js';
import { unflaggedNames, UTF8_NAME_FLAG, zipNames } from '../fixtures/zip.js';
import { untilEnd } from '../fixtures/file-ops.js';

const YEAR = new Date().getFullYear() - 1;
const PHOTO = encodePng(8, 8, new Uint8Array(8 * 8 * 3).fill(200));

/** The raw names of a zip, checked: non-empty, every non-ASCII one flagged in both headers. */
function expectFlagged(bytes: Buffer, what: string) {
  const names = zipNames(bytes);
  expect(names.length, what).toBeGreaterThan(0);
  expect(unflaggedNames(bytes), what).toEqual([]);
  return names;
}

describe('the names in every zip the app writes', () => {
  const h = useCore();
  const tempDir = useTempDir('zip');

  it('are ASCII or flagged as UTF-8 in both headers', { timeout: 60_000 }, async () => {
    await seedBranch(h.core);
    const meeting = await createMeeting(h.core, { date: `${YEAR}-03-05`, data: { topics: ['学习党章'] } });
    const plan = await call(h.core, 'records.create', sampleRecord(recordType('work-plan'), { date: `${YEAR}-01-10`, status: 'final' }));
    await call(h.core, 'attachments.add', { recordId: plan.id, name: '签到表 第1页（扫描件）.png', base64: PHOTO.toString('base64'), thumbBase64: null });
    await call(h.core, 'attachments.add', { recordId: meeting.id, name: '会议 照片.png', base64: PHOTO.toString('base64'), thumbBase64: null });

    const files: [string, Buffer][] = [];
    const add = (what: string, f: { base64: string }) => files.push([what, Buffer.from(f.base64, 'base64')]);
    add('record Word file (meeting)', await call(h.core, 'records.exportDocx', { id: meeting.id }));
    add('record Word file (work plan)', await call(h.core, 'records.exportDocx', { id: plan.id }));
    add('registers workbook', await call(h.core, 'registers.exportXlsx', { year: YEAR, fullIds: false }));
    add('dues workbook', await call(h.core, 'dues.exportXlsx', { year: YEAR }));
    add('roster workbook', await call(h.core, 'members.exportXlsx', {}));

    const started = await call(h.core, 'archive.start', { year: YEAR, mode: 'books', fullIds: false, pdf: false, compiler: '', checker: '' });
    const job = await untilEnd(h.core, started);
    expect(job.state).toBe('done');
    const dir = path.join(h.dir, 'archive', String(YEAR), job.id);
    for (const f of job.files) files.push([`year export ${f.name}`, fs.readFileSync(path.join(dir, f.name))]);
    expect(files.filter(([w]) => w.endsWith('.docx')).length).toBeGreaterThan(0);
    expect(files.filter(([w]) => w.endsWith('.xlsx')).length).toBe(1);

    for (const [what, bytes] of files) {
      const names = expectFlagged(bytes, what);
      // the images are in the packages under names of their own
      if (what.endsWith('.docx') && /支部档案/.test(what)) expect(names.some((n) => n.name.startsWith('word/media/')), what).toBe(true);
    }

    // the backup file: a tar, every name ASCII
    const backup = await call(h.core, 'backup.toFolder', { folder: tempDir() });
    const fd = fs.openSync(backup.id, 'r');
    try {
      const entries = tarEntries(fd).map((e) => e.name);
      expect(entries.length).toBeGreaterThan(2);
      for (const n of entries) expect(n, n).toMatch(/^[\x21-\x7e]+$/);
    } finally {
      fs.closeSync(fd);
    }
  });
});

describe('fflate’s zipSync (the writer of the Word volumes)', () => {
  const names = ['附件/签到表 第1页.png', 'word/media/照片😀.jpeg', 'ascii.xml'];
  const zip = () => Buffer.from(zipSync(Object.fromEntries(names.map((n) => [n, [new TextEncoder().encode(n), { level: n.endsWith('.xml') ? 6 : 0 }]]))));

  it('flags a name in 汉字 or with an emoji as UTF-8 in both headers, and leaves an ASCII one alone', () => {
    const got = zipNames(zip());
    expect(got.map((e) => e.name)).toEqual(names);
    for (const e of got) {
      expect(e.sameName).toBe(true);
      expect(Boolean(e.centralFlags & UTF8_NAME_FLAG), e.name).toBe(!e.ascii);
      expect(Boolean(e.localFlags & UTF8_NAME_FLAG), e.name).toBe(!e.ascii);
    }
    expect(unflaggedNames(zip())).toEqual([]);
  });

  it('the check finds a name whose flag is cleared in either header', () => {
    for (const header of ['local', 'central'] as const) {
      const bytes = zip();
      const sig = header === 'local' ? 0x04034b50 : 0x02014b50;
      const at = header === 'local' ? 6 : 8;
      for (let i = 0; i + 4 <= bytes.length; i++) {
        if (bytes.readUInt32LE(i) === sig) bytes.writeUInt16LE(bytes.readUInt16LE(i + at) & ~UTF8_NAME_FLAG, i + at);
      }
      expect(unflaggedNames(bytes), header).toEqual(names.filter((n) => /[^\x00-\x7f]/.test(n)));
    }
  });
});
