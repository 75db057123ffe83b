/**
 * The content-addressed file store behind attachments.
 *
 * A file lives at DATA_DIR/attachments/<first two hex chars>/<sha256> (no
 * extension) and has one `blobs` row. The invariant is: a blobs row never
 * exists without its file. So a file is always written (temp file, fsync,
 * rename) before the transaction that inserts its row, and deleted only after
 * the transaction that deleted its row has committed. A crash in between
 * leaves a file without a row, which is harmless and swept by collectGarbage.
 *
 * Plain Node and synchronous: no electron, no awaits.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { q, run, all, first, type Db } from '../db/sql.js';
import { fsyncDir } from '../folders.js';
import { fileStep } from '../steps.js';

export const ATTACHMENTS_DIR = 'attachments';
/** Temp files are written next to their final place so that the rename is atomic. */
const TMP_PREFIX = '.tmp-';
const SHA_RE = /^[0-9a-f]{64}$/;

export type BlobMime = 'image/jpeg' | 'image/png' | 'application/pdf';

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

export function blobDir(dataDir: string): string {
  return path.join(dataDir, ATTACHMENTS_DIR);
}

export function blobPath(dataDir: string, sha256: string): string {
  if (!SHA_RE.test(sha256)) throw new Error(`not a sha256: ${sha256.slice(0, 80)}`);
  return path.join(blobDir(dataDir), sha256.slice(0, 2), sha256);
}

// ---------- content sniffing ----------

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  return sig.every((b, i) => bytes[at + i] === b);
}
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PDF = ascii('%PDF-');

/** The type of the content, from its first bytes only; the file name plays no part. */
export function sniffMime(bytes: Uint8Array): BlobMime | null {
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, PDF)) return 'application/pdf';
  return null;
}

/**
 * What a rejected file most likely is, for the error message; null when it is
 * nothing we recognise. `convert` marks images the user can convert to JPG/PNG.
 */
export function describeContent(bytes: Uint8Array): { label: string; convert: boolean } | null {
  const sigs: [readonly number[], number, string, boolean][] = [
    [ascii('MZ'), 0, 'Windows 程序（exe/dll 等）', false],
    [[0x7f, ...ascii('ELF')], 0, '可执行程序', false],
    [[0xcf, 0xfa, 0xed, 0xfe], 0, '可执行程序', false],
    [ascii('#!'), 0, '脚本程序', false],
    [ascii('PK'), 0, 'ZIP 压缩包或 Office 文档（docx、xlsx 等）', false],
    [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0, '旧版 Office 文档（doc、xls 等）', false],
    [ascii('Rar!'), 0, 'RAR 压缩包', false],
    [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], 0, '7z 压缩包', false],
    [[0x1f, 0x8b], 0, 'gzip 压缩包', false],
    [ascii('{\\rtf'), 0, 'RTF 文档', false],
    [ascii('GIF8'), 0, 'GIF 图片', true],
    [ascii('BM'), 0, 'BMP 图片', true],
    [ascii('II*\0'), 0, 'TIFF 图片', true],
    [ascii('MM\0*'), 0, 'TIFF 图片', true],
    [ascii('WEBP'), 8, 'WebP 图片', true],
    [ascii('ftypheic'), 4, 'HEIC 图片（苹果手机照片）', true],
    [ascii('ftypheix'), 4, 'HEIC 图片（苹果手机照片）', true],
    [ascii('ftypmif1'), 4, 'HEIF 图片', true],
    [ascii('ftypavif'), 4, 'AVIF 图片', true],
  ];
  for (const [sig, at, label, convert] of sigs) if (startsWith(bytes, sig, at)) return { label, convert };
  return null;
}

// ---------- files ----------

export type BlobRead = { status: 'ok'; bytes: Buffer } | { status: 'missing' } | { status: 'damaged' };

/** The file of a blob, checked against its name. */
export function readBlobFile(dataDir: string, sha256: string): BlobRead {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(blobPath(dataDir, sha256));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return { status: 'missing' };
    throw e;
  }
  return sha256Hex(bytes) === sha256 ? { status: 'ok', bytes } : { status: 'damaged' };
}

/**
 * Make sure the file of `bytes` is in place and intact. Reuses a good file
 * (dedupe, or one left by a crash); otherwise writes a temp file in the same
 * directory, fsyncs it and renames it over the final name, which also repairs
 * a damaged file. Call before the transaction that inserts the blobs row.
 * Returns whether it wrote the file (false: a good one was there).
 */
export function putBlobFile(dataDir: string, sha256: string, bytes: Uint8Array): boolean {
  if (sha256Hex(bytes) !== sha256) throw new Error('putBlobFile: bytes do not match their sha256');
  if (readBlobFile(dataDir, sha256).status === 'ok') return false;
  const file = blobPath(dataDir, sha256);
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `${TMP_PREFIX}${sha256.slice(0, 16)}-${process.pid}-${crypto.randomBytes(6).toString('hex')}`);
  try {
    const fd = fs.openSync(tmp, 'wx');
    try {
      fs.writeFileSync(fd, bytes);
      fileStep('attachment', 'temp written');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fileStep('attachment', 'temp synced');
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fsyncDir(dir);
  fsyncDir(path.dirname(dir));
  fileStep('attachment', 'renamed');
  return true;
}

/**
 * After an add failed (a disk that filled up, a data dir that turned
 * read-only): remove the files it wrote that no blobs row refers to, so that
 * nothing of it is left. Best effort: what cannot go now is swept at the next
 * start.
 */
export function removeUnreferencedFiles(db: Db, dataDir: string, sha256s: readonly string[]): void {
  for (const sha of sha256s) {
    try {
      if (first(db, q.selectFrom('blobs').select('sha256').where('sha256', '=', sha))) continue;
      fs.rmSync(blobPath(dataDir, sha), { force: true });
    } catch {
      // swept at the next start
    }
  }
}

// ---------- garbage ----------

/**
 * Every table whose rows point at blobs, each by `sha256` (the file) and
 * `thumb_sha256` (its thumbnail, nullable). A blob is kept while any row of
 * any of them refers to it, removed or not; a new kind of attachment adds its
 * table here and nowhere else.
 */
export const BLOB_REFERRERS = ['attachments', 'development_step_files'] as const;

/** The sha256 of every blob some row refers to (NULL thumbnails left out: NOT IN a set with NULL matches nothing). */
function referencedBlobs() {
  const selects = BLOB_REFERRERS.flatMap((t) => [
    q.selectFrom(t).select('sha256'),
    q.selectFrom(t).select('thumb_sha256 as sha256').where('thumb_sha256', 'is not', null).$narrowType<{ sha256: string }>(),
  ]);
  return selects.slice(1).reduce((u, s) => u.unionAll(s), selects[0]!);
}

export interface GarbageReport {
  /** blobs rows deleted because no attachment of a record or a step (live, removed, or thumb) refers to them */
  rows: number;
  /** files deleted: unreferenced blobs, misplaced copies and stale temp files */
  files: number;
  /** garbage files that could not be deleted now (e.g. locked); they are tried again next time */
  failed: number;
}

/**
 * Delete blobs rows no row of BLOB_REFERRERS refers to (as file or thumb,
 * removed or not), then every file in the store without a blobs row. Run it
 * after a record or a 发展党员 case has been deleted (the FK cascade has deleted
 * its attachment rows), never inside a
 * transaction: the files may only go once the deletion of their rows is durable.
 * Files the store did not name (not a sha256 nor a temp file) are left alone.
 */
export function collectGarbage(db: Db, dataDir: string): GarbageReport {
  if (db.sqlite.inTransaction) throw new Error('collectGarbage must run after the transaction has committed');
  const rows = run(db, q.deleteFrom('blobs').where('sha256', 'not in', referencedBlobs())).changes;

  const known = new Set(all(db, q.selectFrom('blobs').select('sha256')).map((r) => r.sha256));
  const root = blobDir(dataDir);
  let files = 0;
  let failed = 0;
  let shards: fs.Dirent[];
  try {
    shards = fs.readdirSync(root, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { rows, files, failed };
    throw e;
  }
  for (const shard of shards) {
    if (!shard.isDirectory() || !/^[0-9a-f]{2}$/.test(shard.name)) continue;
    const dir = path.join(root, shard.name);
    let removedHere = 0;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      failed++;
      continue;
    }
    for (const e of entries) {
      if (!e.isFile()) continue;
      const ours = SHA_RE.test(e.name) || e.name.startsWith(TMP_PREFIX);
      const keep = SHA_RE.test(e.name) && e.name.startsWith(shard.name) && known.has(e.name);
      if (!ours || keep) continue;
      try {
        fs.rmSync(path.join(dir, e.name), { force: true });
        removedHere++;
      } catch {
        // locked (a viewer, an antivirus scan on Windows): it is garbage still and goes next time
        failed++;
      }
    }
    if (removedHere) {
      files += removedHere;
      if (removedHere === entries.length) {
        try {
          fs.rmdirSync(dir);
        } catch {
          // not empty after all, or in use: leave it
        }
      } else fsyncDir(dir);
    }
  }
  return { rows, files, failed };
}
