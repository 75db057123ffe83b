/**
 * Attachments against real SQLite and a real temp data dir: content sniffing,
 * content-addressed storage with dedupe, names, integrity on read, detaching,
 * and garbage collection after a record is purged.
 *
 * The database is opened with openDatabase (the same migrations openCore runs)
 * so that this suite does not depend on the handlers being wired.
 */
import { encodePng } from '../../electron/core/demo/files.js';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MAX_ATTACHMENT_BYTES,
  addAttachment,
  collectGarbage,
  countAttachments,
  getAttachmentContent,
  listAttachments,
  purgeRecordFiles,
  removeAttachment,
  sanitizeName,
  type AddAttachmentInput,
} from '../../electron/core/attachments/service.js';
import { blobPath, sha256Hex } from '../../electron/core/attachments/store.js';
import { closeDatabase, openDatabase } from '../../electron/core/db/connection.js';
import { now, q, run, tx, type Db } from '../../electron/core/db/sql.js';
import { AppError } from '../../electron/core/errors.js';
import { makeTempDir, removeDir, sha256File } from '../fixtures/tmp.js';

// ---------- sample files ----------

/** A valid w×h RGB PNG of one colour. */
function makePng(rgb: [number, number, number], w = 1, h = 1): Buffer {
  return encodePng(w, h, Uint8Array.from({ length: w * h * 3 }, (_, i) => rgb[i % 3]!));
}
/** A 1×1 JPEG (ImageMagick, checked with `identify`). */
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAABAAEDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABQb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCKALXj/9k=',
  'base64',
);
const PDF = Buffer.from(
  [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
    '',
  ].join('\n'),
  'latin1',
);
const PNG = makePng([200, 16, 46]);
const THUMB = makePng([255, 255, 255], 2, 2);
/** A Windows executable: DOS header “MZ”. */
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'), Buffer.alloc(120)]);
/** An empty ZIP (which is also what a .docx or .xlsx starts with). */
const ZIP = Buffer.concat([Buffer.from('PK\x05\x06', 'latin1'), Buffer.alloc(18)]);

const b64 = (b: Buffer) => b.toString('base64');

// ---------- harness ----------

let dataDir: string;
let db: Db;

beforeEach(() => {
  dataDir = makeTempDir('attachments');
  db = openDatabase(path.join(dataDir, 'ledger.sqlite3'));
});
afterEach(() => {
  closeDatabase(db);
  removeDir(dataDir);
});

function insertRecord(deleted = false): number {
  const t = now();
  return run(
    db,
    q.insertInto('records').values({
      type: 'branch-assembly',
      date: '2026-03-05',
      group_id: null,
      data: JSON.stringify({ startTime: '09:00', topics: ['学习'] }),
      created_at: t,
      updated_at: t,
      deleted_at: deleted ? t : null,
    }),
  ).lastInsertRowid;
}

function input(recordId: number, name: string, bytes: Buffer, thumb: Buffer | null = null): AddAttachmentInput {
  return { recordId, name, base64: b64(bytes), thumbBase64: thumb ? b64(thumb) : null };
}

/** Every file under DATA_DIR/attachments, relative to it, with / separators. */
function storeFiles(): string[] {
  const root = path.join(dataDir, 'attachments');
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((p) => fs.statSync(path.join(root, p)).isFile())
    .map((p) => p.split(path.sep).join('/'))
    .sort();
}
/** Rows straight from SQLite (the fixture in core.ts would pull in the handlers). */
function rows<T = Record<string, unknown>>(d: Db, sql: string, ...params: unknown[]): T[] {
  return d.sqlite.prepare(sql).all(...params) as T[];
}
const shardPath = (sha: string) => `${sha.slice(0, 2)}/${sha}`;
const count = (table: string) => rows<{ n: number }>(db, `SELECT count(*) AS n FROM ${table}`)[0]!.n;

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

/** Asserts the call fails with `code` and leaves no blob row, attachment row or file behind. */
function rejectsCleanly(fn: () => unknown, code: 'VALIDATION' | 'NOT_FOUND'): AppError {
  const before = { blobs: count('blobs'), attachments: count('attachments'), files: storeFiles() };
  const e = thrown(fn);
  expect(e.code).toBe(code);
  expect({ blobs: count('blobs'), attachments: count('attachments'), files: storeFiles() }).toEqual(before);
  return e;
}

// ---------- tests ----------

describe('adding', () => {
  it('stores PNG, JPEG and PDF under their sha256 with the type read from the content', () => {
    const rec = insertRecord();
    const cases = [
      { bytes: PNG, name: '会场照片.png', mime: 'image/png' },
      { bytes: JPEG, name: '合影.jpeg', mime: 'image/jpeg' },
      // the name says jpg, the content says pdf: the content wins
      { bytes: PDF, name: '签到表.jpg', mime: 'application/pdf' },
    ];
    for (const c of cases) {
      const dto = addAttachment(db, dataDir, input(rec, c.name, c.bytes));
      const sha = sha256Hex(c.bytes);
      expect(dto).toMatchObject({ recordId: rec, name: c.name, mime: c.mime, size: c.bytes.length, sha256: sha, hasThumb: false });
      expect(dto.addedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      const file = blobPath(dataDir, sha);
      expect(file).toBe(path.join(dataDir, 'attachments', sha.slice(0, 2), sha));
      expect(fs.readFileSync(file).equals(c.bytes)).toBe(true);
      expect(rows(db, 'SELECT sha256, size, mime FROM blobs WHERE sha256 = ?', sha)).toEqual([{ sha256: sha, size: c.bytes.length, mime: c.mime }]);
    }
    expect(storeFiles()).toEqual(cases.map((c) => shardPath(sha256Hex(c.bytes))).sort());
    expect(listAttachments(db, rec).map((a) => a.name)).toEqual(['会场照片.png', '合影.jpeg', '签到表.jpg']);
    // no temp files left behind
    expect(storeFiles().every((f) => /^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(f))).toBe(true);
  });

  it('stores the same bytes once, however often and wherever they are added', () => {
    const r1 = insertRecord();
    const r2 = insertRecord();
    const a = addAttachment(db, dataDir, input(r1, '签到表.png', PNG));
    const b = addAttachment(db, dataDir, input(r2, '另一个名字.png', PNG));
    expect(b.sha256).toBe(a.sha256);
    expect(b.id).not.toBe(a.id);
    expect(count('blobs')).toBe(1);
    expect(count('attachments')).toBe(2);
    expect(storeFiles()).toEqual([shardPath(a.sha256)]);
    expect(listAttachments(db, r2)).toEqual([b]);
  });

  it('keeps a thumbnail as a blob of its own', () => {
    const rec = insertRecord();
    const dto = addAttachment(db, dataDir, input(rec, '合影.jpg', JPEG, THUMB));
    expect(dto.hasThumb).toBe(true);
    expect(rows(db, 'SELECT thumb_sha256 FROM attachments WHERE id = ?', dto.id)).toEqual([{ thumb_sha256: sha256Hex(THUMB) }]);
    expect(rows(db, 'SELECT mime FROM blobs WHERE sha256 = ?', sha256Hex(THUMB))).toEqual([{ mime: 'image/png' }]);
    expect(storeFiles()).toEqual([shardPath(sha256Hex(JPEG)), shardPath(sha256Hex(THUMB))].sort());
  });

  it('rejects a renamed executable and writes nothing', () => {
    const rec = insertRecord();
    const e = rejectsCleanly(() => addAttachment(db, dataDir, input(rec, '签到表.jpg', EXE)), 'VALIDATION');
    expect(e.message).toContain('只能添加 JPG、PNG 图片或 PDF 文件');
    expect(e.message).toContain('Windows 程序');
    expect(fs.existsSync(path.join(dataDir, 'attachments'))).toBe(false);
  });

  it('rejects ZIP/Office files, other images and unknown content, naming what it saw', () => {
    const rec = insertRecord();
    expect(rejectsCleanly(() => addAttachment(db, dataDir, input(rec, '会议材料.docx', ZIP)), 'VALIDATION').message).toContain('ZIP');
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
    expect(rejectsCleanly(() => addAttachment(db, dataDir, input(rec, '动图.gif', gif)), 'VALIDATION').message).toMatch(/GIF.*转换为 JPG 或 PNG/);
    const text = Buffer.from('这只是一段文字', 'utf8');
    expect(rejectsCleanly(() => addAttachment(db, dataDir, input(rec, '说明.pdf', text)), 'VALIDATION').message).toContain('不是其中任何一种');
    // the signature has to be at the very start
    rejectsCleanly(() => addAttachment(db, dataDir, input(rec, 'x.pdf', Buffer.concat([Buffer.from(' '), PDF]))), 'VALIDATION');
  });

  it('rejects a file over the limit, giving the limit', () => {
    const rec = insertRecord();
    const e = rejectsCleanly(() => addAttachment(db, dataDir, input(rec, '大图.png', PNG), PNG.length - 1), 'VALIDATION');
    expect(e.message).toContain('不能超过');
    // exactly at the limit is fine
    expect(addAttachment(db, dataDir, input(rec, '图.png', PNG), PNG.length).size).toBe(PNG.length);
  });

  it('has a 20 MB limit by default and refuses before decoding', () => {
    expect(MAX_ATTACHMENT_BYTES).toBe(20 * 1024 * 1024);
    const rec = insertRecord();
    const tooBig = 'A'.repeat(Math.ceil((MAX_ATTACHMENT_BYTES + 1) / 3) * 4);
    const e = rejectsCleanly(() => addAttachment(db, dataDir, { recordId: rec, name: '扫描件.pdf', base64: tooBig, thumbBase64: null }), 'VALIDATION');
    expect(e.message).toContain('20 MB');
  });

  it('rejects an empty file and invalid base64', () => {
    const rec = insertRecord();
    for (const base64 of ['', '  \n ']) {
      const e = rejectsCleanly(() => addAttachment(db, dataDir, { recordId: rec, name: '空.png', base64, thumbBase64: null }), 'VALIDATION');
      expect(e.message).toContain('空的');
    }
    for (const base64 of ['这不是base64', 'iVBORw0K!!!', 'A', 'iVBORw0KGgo=AAAA', 'abc===']) {
      const e = rejectsCleanly(() => addAttachment(db, dataDir, { recordId: rec, name: '坏.png', base64, thumbBase64: null }), 'VALIDATION');
      expect(e.message).toContain('base64');
    }
    // whitespace (line-wrapped base64) and missing padding are accepted
    const wrapped = b64(PNG).replace(/(.{60})/g, '$1\n').replace(/=+$/, '');
    expect(addAttachment(db, dataDir, { recordId: rec, name: '图.png', base64: wrapped, thumbBase64: null }).sha256).toBe(sha256Hex(PNG));
  });

  it('checks the thumbnail too, and writes nothing when it is bad', () => {
    const rec = insertRecord();
    expect(rejectsCleanly(() => addAttachment(db, dataDir, input(rec, '图.png', PNG, PDF)), 'VALIDATION').message).toContain('缩略图');
    expect(rejectsCleanly(() => addAttachment(db, dataDir, input(rec, '图.png', PNG, EXE)), 'VALIDATION').message).toContain('缩略图');
    const bigThumb = 'A'.repeat(Math.ceil((2 * 1024 * 1024 + 1) / 3) * 4);
    expect(rejectsCleanly(() => addAttachment(db, dataDir, { ...input(rec, '图.png', PNG), thumbBase64: bigThumb }), 'VALIDATION').message).toContain(
      '缩略图过大',
    );
    expect(rejectsCleanly(() => addAttachment(db, dataDir, { ...input(rec, '图.png', PNG), thumbBase64: '' }), 'VALIDATION').message).toContain('缩略图');
    // a PDF may come with a thumbnail (a rendered first page)
    expect(addAttachment(db, dataDir, input(rec, '扫描件.pdf', PDF, JPEG)).hasThumb).toBe(true);
  });

  it('refuses a record that does not exist or is in the 回收站, writing nothing', () => {
    const gone = insertRecord(true);
    expect(rejectsCleanly(() => addAttachment(db, dataDir, input(9999, '图.png', PNG)), 'NOT_FOUND').message).toContain('记录');
    rejectsCleanly(() => addAttachment(db, dataDir, input(gone, '图.png', PNG)), 'NOT_FOUND');
  });
});

describe('names', () => {
  it('keeps only a display name: no directories, no control characters, never a path', () => {
    const rec = insertRecord();
    const cases: [string, string][] = [
      ['../../etc/passwd', 'passwd'],
      ['C:\\Windows\\x.png', 'x.png'],
      ['..\\..\\evil.png', 'evil.png'],
      ['签到\0表.png', '签到表.png'],
      ['a\nb\tc\u007f.png', 'abc.png'],
      ['签到表\u202egnp.exe', '签到表gnp.exe'],
      ['  照片.png  ', '照片.png'],
      ['..', '附件.png'],
      ['...', '附件.png'],
      ['照片/', '附件.png'],
      ['\0\0', '附件.png'],
      ['/', '附件.png'],
    ];
    for (const [name, expected] of cases) {
      const dto = addAttachment(db, dataDir, input(rec, name, PNG));
      expect(dto.name, JSON.stringify(name)).toBe(expected);
    }
    // everything went to the one content-addressed file, nowhere else
    expect(storeFiles()).toEqual([shardPath(sha256Hex(PNG))]);
    expect(fs.readdirSync(dataDir).filter((f) => !f.startsWith('ledger.sqlite3'))).toEqual(['attachments']);
  });

  it('limits a name to 200 characters without splitting a character', () => {
    expect(sanitizeName('党'.repeat(300) + '.png', 'image/png')).toBe('党'.repeat(200));
    expect(Array.from(sanitizeName('😀'.repeat(250), 'image/png'))).toHaveLength(200);
    expect(sanitizeName('', 'application/pdf')).toBe('附件.pdf');
    expect(sanitizeName('  ', 'image/jpeg')).toBe('附件.jpg');
  });
});

describe('reading', () => {
  it('returns the exact bytes and the thumbnail', () => {
    const rec = insertRecord();
    const withThumb = addAttachment(db, dataDir, input(rec, '合影.jpg', JPEG, THUMB));
    const pdf = addAttachment(db, dataDir, input(rec, '签到表.pdf', PDF));
    expect(getAttachmentContent(db, dataDir, withThumb.id, false)).toEqual({ mime: 'image/jpeg', base64: b64(JPEG) });
    expect(getAttachmentContent(db, dataDir, withThumb.id, true)).toEqual({ mime: 'image/png', base64: b64(THUMB) });
    expect(getAttachmentContent(db, dataDir, pdf.id, false)).toEqual({ mime: 'application/pdf', base64: b64(PDF) });
    expect(thrown(() => getAttachmentContent(db, dataDir, pdf.id, true)).code).toBe('NOT_FOUND');
    expect(thrown(() => getAttachmentContent(db, dataDir, 9999, false)).code).toBe('NOT_FOUND');
  });

  it('reports a damaged or missing file instead of serving it, and adding the bytes again repairs it', () => {
    const rec = insertRecord();
    const a = addAttachment(db, dataDir, input(rec, '签到表.png', PNG, THUMB));
    const file = blobPath(dataDir, a.sha256);
    const tampered = Buffer.from(PNG);
    tampered.writeUInt8(tampered.readUInt8(tampered.length - 5) ^ 0xff, tampered.length - 5);
    fs.writeFileSync(file, tampered);
    const damaged = thrown(() => getAttachmentContent(db, dataDir, a.id, false));
    expect(damaged.code).toBe('NOT_FOUND');
    expect(damaged.message).toContain('已损坏');
    // the thumbnail is a separate file and still fine
    expect(getAttachmentContent(db, dataDir, a.id, true).base64).toBe(b64(THUMB));

    fs.rmSync(blobPath(dataDir, sha256Hex(THUMB)));
    const missing = thrown(() => getAttachmentContent(db, dataDir, a.id, true));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toContain('已丢失');

    addAttachment(db, dataDir, input(rec, '再加一次.png', PNG, THUMB));
    expect(sha256File(file)).toBe(a.sha256);
    expect(getAttachmentContent(db, dataDir, a.id, false).base64).toBe(b64(PNG));
    expect(getAttachmentContent(db, dataDir, a.id, true).base64).toBe(b64(THUMB));
    expect(count('blobs')).toBe(2);
  });
});

describe('removing and purging', () => {
  it('remove hides the attachment but keeps its file', () => {
    const rec = insertRecord();
    const a = addAttachment(db, dataDir, input(rec, '一.png', PNG));
    const b = addAttachment(db, dataDir, input(rec, '二.pdf', PDF));
    expect(countAttachments(db, [rec])).toEqual(new Map([[rec, 2]]));
    expect(removeAttachment(db, a.id)).toBeNull();
    expect(listAttachments(db, rec)).toEqual([b]);
    expect(countAttachments(db, [rec])).toEqual(new Map([[rec, 1]]));
    expect(fs.existsSync(blobPath(dataDir, a.sha256))).toBe(true);
    expect(count('blobs')).toBe(2);
    expect(thrown(() => getAttachmentContent(db, dataDir, a.id, false)).code).toBe('NOT_FOUND');
    expect(thrown(() => removeAttachment(db, a.id)).code).toBe('NOT_FOUND');
    expect(thrown(() => removeAttachment(db, 9999)).code).toBe('NOT_FOUND');
    // a removed attachment still holds its file: garbage collection keeps it
    expect(collectGarbage(db, dataDir)).toEqual({ rows: 0, files: 0, failed: 0 });
    expect(fs.existsSync(blobPath(dataDir, a.sha256))).toBe(true);
  });

  it('counts attachments per record for list views', () => {
    const r1 = insertRecord();
    const r2 = insertRecord();
    const r3 = insertRecord();
    addAttachment(db, dataDir, input(r1, 'a.png', PNG));
    addAttachment(db, dataDir, input(r1, 'b.pdf', PDF));
    addAttachment(db, dataDir, input(r2, 'c.jpg', JPEG));
    expect(countAttachments(db, [r1, r2, r3])).toEqual(
      new Map([
        [r1, 2],
        [r2, 1],
        [r3, 0],
      ]),
    );
    expect(countAttachments(db, [])).toEqual(new Map());
  });

  it('after a purge, deletes the files and blob rows nothing refers to, keeping shared ones', () => {
    const r1 = insertRecord();
    const r2 = insertRecord();
    const shared = addAttachment(db, dataDir, input(r1, '共用.png', PNG));
    const own = addAttachment(db, dataDir, input(r1, '签到表.jpg', JPEG, THUMB));
    const removed = addAttachment(db, dataDir, input(r1, '已移除.pdf', PDF));
    removeAttachment(db, removed.id);
    const otherThumb = makePng([0, 0, 0], 3, 3);
    const other = addAttachment(db, dataDir, input(r2, '另一份.png', PNG, otherThumb));
    expect(count('blobs')).toBe(5);

    // a stray file from a crash between the write and the commit, a stale temp file, and a file that is not ours
    const orphan = Buffer.from('%PDF-1.4\n孤儿\n%%EOF');
    const orphanSha = sha256Hex(orphan);
    fs.mkdirSync(path.dirname(blobPath(dataDir, orphanSha)), { recursive: true });
    fs.writeFileSync(blobPath(dataDir, orphanSha), orphan);
    const shard = path.dirname(blobPath(dataDir, shared.sha256));
    fs.writeFileSync(path.join(shard, '.tmp-0123456789abcdef-1-000000000000'), 'half written');
    fs.writeFileSync(path.join(shard, 'README.txt'), 'not ours');

    // purge r1 (records.purge deletes the row; the FK cascade takes the attachment rows)
    run(db, q.deleteFrom('records').where('id', '=', r1));
    expect(count('attachments')).toBe(1);
    expect(() => tx(db, () => collectGarbage(db, dataDir))).toThrow(/after the transaction/);
    expect(purgeRecordFiles(db, dataDir)).toEqual({ rows: 3, files: 5, failed: 0 });

    // what r2 still uses stays: its file and its thumbnail
    expect(rows<{ sha256: string }>(db, 'SELECT sha256 FROM blobs').map((r) => r.sha256).sort()).toEqual([shared.sha256, sha256Hex(otherThumb)].sort());
    expect(storeFiles()).toEqual([`${shared.sha256.slice(0, 2)}/README.txt`, shardPath(shared.sha256), shardPath(sha256Hex(otherThumb))].sort());
    for (const gone of [own.sha256, sha256Hex(THUMB), removed.sha256, orphanSha]) expect(fs.existsSync(blobPath(dataDir, gone))).toBe(false);
    expect(getAttachmentContent(db, dataDir, other.id, false).base64).toBe(b64(PNG));
    expect(getAttachmentContent(db, dataDir, other.id, true).base64).toBe(b64(otherThumb));

    // nothing left to do the second time
    expect(collectGarbage(db, dataDir)).toEqual({ rows: 0, files: 0, failed: 0 });
  });

  it('collects garbage in an empty data dir', () => {
    expect(collectGarbage(db, dataDir)).toEqual({ rows: 0, files: 0, failed: 0 });
  });
});
