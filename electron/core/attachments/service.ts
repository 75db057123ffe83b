/**
 * Attachments of records: photos and scanned sign-in sheets (JPG, PNG, PDF),
 * and the shared file handling (addFile, readFileContent, fileDto) that the
 * files of 发展党员 steps use too (electron/core/development/files.ts).
 * The type is judged from the content, never from the name; the name is kept
 * for display only and is never used as a path. Files are content-addressed
 * (see store.ts): the same bytes are stored once however often they are added.
 *
 * Removing an attachment only detaches it (removed_at); its file goes when the
 * record is purged and `purgeRecordFiles` runs.
 */
import type { ParsedInputOf } from '../../../shared/contract.js';
import type { AttachmentDto } from '../../../shared/methods/attachments.js';
import type { AttachmentContent, FileDto } from '../../../shared/methods/files.js';
import { formatSize } from '../../../shared/print/display.js';
import { dropInvisible } from '../../../shared/text.js';
import { AppError, notFound } from '../errors.js';
import { all, first, now, q, run, tx, type Db } from '../db/sql.js';
import {
  collectGarbage,
  describeContent,
  putBlobFile,
  readBlobFile,
  removeUnreferencedFiles,
  sha256Hex,
  sniffMime,
  type BlobMime,
  type GarbageReport,
} from './store.js';
import { assertYearOpen, yearOf } from '../seal/service.js';
import { inspectImage } from '../export/images.js';
import { fileStep } from '../steps.js';

export { collectGarbage, type GarbageReport } from './store.js';

const MiB = 1024 * 1024;
/** Largest attachment accepted, in bytes. */
export const MAX_ATTACHMENT_BYTES = 20 * MiB;
/** Largest thumbnail accepted, in bytes (the renderer makes them small). */
export const MAX_THUMB_BYTES = 2 * MiB;
export const MAX_NAME_LENGTH = 200;
const FALLBACK_NAME = '附件';

export type AddAttachmentInput = ParsedInputOf<'attachments.add'>;

const EXT: Record<BlobMime, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };

// ---------- checks ----------

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decode strict standard base64 (whitespace ignored, padding optional), after
 * checking the decoded size against `limit` so that an oversized file is never
 * decoded. Node's own decoder silently skips bad characters, hence the checks.
 */
function decode(base64: string, what: '文件' | '缩略图', limit: number): Buffer {
  const clean = base64.replace(/\s+/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  if (!BASE64_RE.test(clean) || clean.length % 4 === 1 || (pad > 0 && clean.length % 4 !== 0)) {
    throw new AppError('VALIDATION', `${what}数据已损坏（不是有效的 base64 编码），请重新选择文件。`);
  }
  const size = Math.floor(((clean.length - pad) * 3) / 4);
  if (size === 0) throw new AppError('VALIDATION', `${what}是空的，请重新选择文件。`);
  if (size > limit) {
    throw new AppError(
      'VALIDATION',
      what === '文件'
        ? `文件过大（约 ${formatSize(size)}），每个附件不能超过 ${formatSize(limit)}。可以先压缩图片或把 PDF 拆分后再添加。`
        : `缩略图过大（约 ${formatSize(size)}），不能超过 ${formatSize(limit)}。`,
    );
  }
  return Buffer.from(clean, 'base64');
}

function checkFileType(bytes: Uint8Array): BlobMime {
  const mime = sniffMime(bytes);
  if (mime) return mime;
  const base = '只能添加 JPG、PNG 图片或 PDF 文件（按文件内容判断，与文件名无关）';
  const seen = describeContent(bytes);
  if (!seen) throw new AppError('VALIDATION', `${base}，这个文件不是其中任何一种。`);
  throw new AppError('VALIDATION', `${base}，这个文件实际是${seen.label}。${seen.convert ? '请先转换为 JPG 或 PNG 后再添加。' : ''}`);
}

function checkThumbType(bytes: Uint8Array): BlobMime {
  const mime = sniffMime(bytes);
  if (mime === 'image/png' || mime === 'image/jpeg') return mime;
  throw new AppError('VALIDATION', '缩略图只能是 PNG 或 JPG 图片（按内容判断）。');
}

/**
 * The user's file name, for display only: no directory part (either slash),
 * no control or direction characters (what every text loses at the boundary,
 * shared/text.ts, and tabs and line breaks too: a name is one line), trimmed, at
 * most 200 characters; a fallback of 附件.<ext> when nothing sensible is left.
 */
export function sanitizeName(name: string, mime: BlobMime): string {
  const base = dropInvisible(name).replace(/[\u0000-\u001f]/g, '').split(/[/\\]/).pop() ?? '';
  const chars = Array.from(base.trim()).slice(0, MAX_NAME_LENGTH);
  const out = chars.join('').trim();
  if (out === '' || /^\.+$/.test(out)) return `${FALLBACK_NAME}.${EXT[mime]}`;
  return out;
}

/** A name that says image (the extension people see). */
const IMAGE_NAME = /\.(jpe?g|png|gif|bmp|webp|heic|heif|tiff?)$/i;

/**
 * Why a file that is kept cannot be shown as an image, for the warning of its
 * upload (null when it can, or is a PDF named as one): an image no page can
 * decode (electron/core/export/images.ts), or a PDF named as an image. It is
 * kept as a file; the exports list it by name as 无法显示的图片.
 */
function unshowable(bytes: Buffer, mime: BlobMime, name: string): string | null {
  const check = mime === 'application/pdf' ? null : inspectImage(bytes, mime);
  const reason = check ? (check.ok ? null : check.reason) : IMAGE_NAME.test(name) ? '文件内容是 PDF，不是图片' : null;
  return reason && `图片无法显示（${reason}），已作为文件保存`;
}

/** A file just added, with the warning of its upload when there is one. */
export function withWarning<T extends FileDto>(dto: T, warning: string | null): T {
  return warning ? { ...dto, warning } : dto;
}

// ---------- shared by every kind of attachment ----------

/** What a file row holds besides its owner, with its blob's type and size. */
export interface FileRow {
  id: number;
  name: string;
  sha256: string;
  thumb_sha256: string | null;
  added_at: string;
  mime: string;
  size: number;
}

export function fileDto(r: FileRow): FileDto {
  return {
    id: r.id,
    name: r.name,
    mime: r.mime,
    size: r.size,
    sha256: r.sha256,
    hasThumb: r.thumb_sha256 !== null,
    addedAt: r.added_at,
  };
}

/**
 * The bytes of a file (or of its thumbnail), checked against their sha256; `row`
 * is the live file row, undefined when there is none. A missing or altered
 * file is reported, never served.
 */
export function readFileContent(db: Db, dataDir: string, row: { sha256: string; thumb_sha256: string | null } | undefined, thumb: boolean): AttachmentContent {
  if (!row) throw notFound('该附件');
  const sha = thumb ? row.thumb_sha256 : row.sha256;
  if (sha === null) throw new AppError('NOT_FOUND', '该附件没有缩略图');
  const blob = first(db, q.selectFrom('blobs').select('mime').where('sha256', '=', sha));
  if (!blob) throw new AppError('NOT_FOUND', '附件文件的登记信息缺失，无法打开。');
  const what = thumb ? '附件的缩略图' : '附件文件';
  const read = readBlobFile(dataDir, sha);
  if (read.status === 'missing') {
    throw new AppError('NOT_FOUND', `${what}已丢失（数据目录中找不到它），无法打开。请从备份中恢复数据目录，或删除该附件后重新添加。`);
  }
  if (read.status === 'damaged') {
    throw new AppError('NOT_FOUND', `${what}已损坏（内容与添加时不一致），无法打开。请从备份中恢复数据目录，或删除该附件后重新添加。`);
  }
  return { mime: blob.mime, base64: read.bytes.toString('base64') };
}

/** An upload as the contract gives it. */
export interface FileUpload {
  name: string;
  base64: string;
  thumbBase64: string | null;
}

/** A file in the store, ready for its owner's row. */
export interface StoredFile {
  sha256: string;
  thumbSha256: string | null;
  /** The display name, sanitised. */
  name: string;
  addedAt: string;
}

/**
 * Add a file for some owner (a record, a step). `guard` throws when the owner
 * cannot take files; it runs before anything is checked or written and again
 * inside the transaction. Everything is checked before anything is written;
 * then the files are put in place, and only then, in one transaction, the
 * blobs rows and the owner's row (`insert`, which returns its id).
 */
export function addFile(
  db: Db,
  dataDir: string,
  upload: FileUpload,
  o: { guard: () => void; insert: (f: StoredFile) => number; limit?: number },
): { id: number; warning: string | null } {
  o.guard();
  const bytes = decode(upload.base64, '文件', o.limit ?? MAX_ATTACHMENT_BYTES);
  const mime = checkFileType(bytes);
  const thumb =
    upload.thumbBase64 === null
      ? null
      : (() => {
          const t = decode(upload.thumbBase64, '缩略图', MAX_THUMB_BYTES);
          return { bytes: t, mime: checkThumbType(t), sha: sha256Hex(t) };
        })();
  const sha = sha256Hex(bytes);
  const name = sanitizeName(upload.name, mime);
  const warning = unshowable(bytes, mime, name);

  // Files first: a crash from here to the commit leaves only unreferenced files (swept at the next start).
  const written: string[] = [];
  try {
    if (putBlobFile(dataDir, sha, bytes)) written.push(sha);
    if (thumb && putBlobFile(dataDir, thumb.sha, thumb.bytes)) written.push(thumb.sha);

    const added = tx(db, () => {
      o.guard();
      const t = now();
      const blobs = [{ sha256: sha, size: bytes.length, mime, created_at: t }];
      if (thumb) blobs.push({ sha256: thumb.sha, size: thumb.bytes.length, mime: thumb.mime, created_at: t });
      for (const b of blobs) run(db, q.insertInto('blobs').values(b).onConflict((oc) => oc.column('sha256').doNothing()));
      return { id: o.insert({ sha256: sha, thumbSha256: thumb?.sha ?? null, name, addedAt: t }), warning };
    });
    fileStep('attachment', 'committed');
    return added;
  } catch (e) {
    // A failed add (the disk filled up between the file and its row …) leaves no file of its own behind.
    removeUnreferencedFiles(db, dataDir, written);
    throw e;
  }
}

// ---------- readers ----------

function selectDto() {
  return q
    .selectFrom('attachments as a')
    .innerJoin('blobs as b', 'b.sha256', 'a.sha256')
    .select(['a.id', 'a.record_id', 'a.name', 'a.sha256', 'a.thumb_sha256', 'a.added_at', 'b.mime', 'b.size']);
}

type DtoRow = NonNullable<ReturnType<typeof first<ReturnType<typeof selectDto>>>>;

function toDto(r: DtoRow): AttachmentDto {
  return { ...fileDto(r), recordId: r.record_id };
}

/** The attachments of a record that have not been removed, in the order they were added. */
export function listAttachments(db: Db, recordId: number): AttachmentDto[] {
  return all(db, selectDto().where('a.record_id', '=', recordId).where('a.removed_at', 'is', null).orderBy('a.id')).map(toDto);
}

/** How many attachments each record has (0 for none), for list views. */
export function countAttachments(db: Db, recordIds: readonly number[]): Map<number, number> {
  const out = new Map<number, number>(recordIds.map((id) => [id, 0]));
  const ids = [...out.keys()];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const counts = all(
      db,
      q
        .selectFrom('attachments')
        .select(['record_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('record_id', 'in', chunk)
        .where('removed_at', 'is', null)
        .groupBy('record_id'),
    );
    for (const c of counts) out.set(c.record_id, Number(c.n));
  }
  return out;
}

/**
 * The bytes of an attachment (or of its thumbnail), checked against their
 * sha256. A missing or altered file is reported, never served.
 */
export function getAttachmentContent(db: Db, dataDir: string, id: number, thumb: boolean): AttachmentContent {
  const a = first(db, q.selectFrom('attachments').select(['sha256', 'thumb_sha256']).where('id', '=', id).where('removed_at', 'is', null));
  return readFileContent(db, dataDir, a, thumb);
}

// ---------- writers ----------

function liveRecordDate(db: Db, recordId: number): string | undefined {
  return first(db, q.selectFrom('records').select('date').where('id', '=', recordId).where('deleted_at', 'is', null))?.date;
}

/** Attach a file to a record that exists and is not in the 回收站 (see addFile). */
export function addAttachment(db: Db, dataDir: string, input: AddAttachmentInput, limit = MAX_ATTACHMENT_BYTES): AttachmentDto {
  const { id, warning } = addFile(db, dataDir, input, {
    limit,
    guard: () => {
      const date = liveRecordDate(db, input.recordId);
      if (date === undefined) throw notFound('该记录');
      assertYearOpen(db, yearOf(date));
    },
    insert: (f) =>
      run(
        db,
        q.insertInto('attachments').values({
          record_id: input.recordId,
          sha256: f.sha256,
          thumb_sha256: f.thumbSha256,
          name: f.name,
          added_at: f.addedAt,
          removed_at: null,
        }),
      ).lastInsertRowid,
  });
  return withWarning(toDto(first(db, selectDto().where('a.id', '=', id))!), warning);
}

/** Detach from its record; the file stays until the record is purged. */
export function removeAttachment(db: Db, id: number): null {
  tx(db, () => {
    const a = first(
      db,
      q
        .selectFrom('attachments as a')
        .innerJoin('records as r', 'r.id', 'a.record_id')
        .select(['a.id', 'r.date'])
        .where('a.id', '=', id)
        .where('a.removed_at', 'is', null)
        .where('r.deleted_at', 'is', null),
    );
    if (!a) throw notFound('该附件');
    assertYearOpen(db, yearOf(a.date));
    run(db, q.updateTable('attachments').set({ removed_at: now() }).where('id', '=', id));
  });
  return null;
}

/**
 * After records have been purged (their attachment rows went with them by the
 * FK cascade): delete the blobs and files nothing refers to any more. Call it
 * after the purge has committed, outside any transaction.
 */
export function purgeRecordFiles(db: Db, dataDir: string): GarbageReport {
  return collectGarbage(db, dataDir);
}

/**
 * Remove attachment files no record uses any more. The purge has already
 * committed, so a file that cannot be removed now (locked, read-only) is left
 * for the next sweep rather than reported as a failed purge.
 */
export function sweepFiles(db: Db, dataDir: string) {
  try {
    collectGarbage(db, dataDir);
  } catch (e) {
    console.error('附件清理未完成，下次再试：', e);
  }
}
