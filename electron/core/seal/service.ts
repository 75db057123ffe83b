/**
 * Sealing a year after its archive export (issue 5 point 5, DOMAIN.md §4).
 *
 * A seal stores a manifest: the sha256 of the canonical form of every record
 * of the year that is not in the 回收站, of every attachment file of those
 * records (hashed from the disk, not taken from the database), and of every
 * regular file of the export folder DATA_DIR/archive/<year>/<exportId>/.
 * While a year is sealed every writer of its data refuses (assertYearOpen);
 * a change needs an explicit unseal with a reason. Seals and unseals are kept
 * in seal_log, which outlives the seal and is printed in the next volume's
 * 备考表. verifySeal compares the manifest with the database and the disk and
 * reports what was changed behind the app's back.
 *
 * The two tables (migration 0006) are typed here with `withTables`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Generated } from 'kysely';
import { EXPORT_ID_RE, type ManifestEntry, type SealEvent, type SealProblem, type SealStatus } from '../../../shared/archive/model.js';
import { recordType } from '../../../shared/books/index.js';
import { recordTitle, type DisplayContext } from '../../../shared/print/display.js';
import { exportDir } from '../archive/paths.js';
import { blobPath } from '../attachments/store.js';
import { groupContext } from '../branch/groups.js';
import { all, first, now, q, run, tx, type Db } from '../db/sql.js';
import { AppError } from '../errors.js';
import { fileStep } from '../steps.js';

interface YearSealsTable {
  year: number;
  sealed_at: string;
  export_id: string;
  /** ManifestEntry[] as JSON */
  manifest: string;
}

interface SealLogTable {
  id: Generated<number>;
  year: number;
  at: string;
  action: 'seal' | 'unseal';
  export_id: string | null;
  reason: Generated<string>;
}

const sq = q.withTables<{ year_seals: YearSealsTable; seal_log: SealLogTable }>();

export const MIN_REASON_CHARS = 4;
export const MAX_REASON_CHARS = 200;

// ---------- the guard ----------

export function sealedMessage(year: number): string {
  return `${year}年度已封存归档，不能修改。如确需修改，请先在“年度归档”中解除封存并写明原因。`;
}

export function isYearSealed(db: Db, year: number): boolean {
  return first(db, sq.selectFrom('year_seals').select('year').where('year', '=', year)) !== undefined;
}

/** Throws SEALED when the year is sealed. Writers call it inside their transaction, before writing. */
export function assertYearOpen(db: Db, year: number): void {
  if (isYearSealed(db, year)) throw new AppError('SEALED', sealedMessage(year));
}

/** The year of a YYYY-MM-DD date. */
export const yearOf = (date: string): number => Number(date.slice(0, 4));

// ---------- canonical forms and hashing ----------

/** A record as the manifest sees it. */
export interface CanonicalInput {
  id: number;
  type: string;
  date: string;
  status: string;
  groupId: number | null;
  data: unknown;
  /** sha256 of each live attachment's file (any order; sorted here). */
  attachments: readonly string[];
}

/** JSON with the keys of every object sorted, so equal values always give equal text. */
export function stableJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`).join(',')}}`;
}

/** The text that is hashed for a record: its identity, date, status, 党小组 id, data, and its attachments' sha256. */
export function canonicalJson(r: CanonicalInput): string {
  return stableJson({
    id: r.id,
    type: r.type,
    date: r.date,
    status: r.status,
    group: r.groupId,
    data: r.data,
    attachments: [...r.attachments].sort(),
  });
}

export function sha256Text(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The sha256 of a record's canonical form. */
export function canonicalRecord(r: CanonicalInput): string {
  return sha256Text(canonicalJson(r));
}

/** The sha256 of a regular file, read in chunks; null when there is no regular file there. */
export function hashFile(file: string): string | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return null;
    throw e;
  }
  try {
    if (!fs.fstatSync(fd).isFile()) return null;
    const hash = crypto.createHash('sha256');
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let n = fs.readSync(fd, buf, 0, buf.length, null); n > 0; n = fs.readSync(fd, buf, 0, buf.length, null)) {
      hash.update(buf.subarray(0, n));
    }
    return hash.digest('hex');
  } finally {
    fs.closeSync(fd);
  }
}

/** Every regular file below `dir`, as paths relative to it with '/' separators, sorted; null when `dir` is not a folder. */
export function listExportFiles(dir: string): string[] | null {
  let st: fs.Stats;
  try {
    st = fs.statSync(dir);
  } catch {
    return null;
  }
  if (!st.isDirectory()) return null;
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const d of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) walk(r);
      else if (d.isFile()) out.push(r);
    }
  };
  walk('');
  return out.sort();
}

// ---------- the year as it is now ----------

const yearRange = (year: number) => [`${year}-01-01`, `${year}-12-31`] as const;

function labelOf(ctx: DisplayContext, r: { type: string; date: string; data: Record<string, unknown> }): string {
  try {
    const def = recordType(r.type);
    const title = recordTitle(def, r.data, ctx);
    return title === def.label ? `${r.date} ${def.label}` : `${r.date} ${def.label}：${title}`;
  } catch {
    return `${r.date} ${r.type}`;
  }
}

function parseData(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  } catch {
    return { unparsable: text };
  }
}

interface YearContent {
  records: ManifestEntry[];
  /** One entry per attachment file (sha256), with the name it was first attached under and the record it belongs to. */
  attachments: (ManifestEntry & { record: string })[];
}

/** The year's records (not in the 回收站) and their live attachments, from the database. */
function yearContent(db: Db, year: number): YearContent {
  const [from, to] = yearRange(year);
  const recs = all(
    db,
    q
      .selectFrom('records')
      .select(['id', 'type', 'date', 'status', 'group_id', 'data'])
      .where('deleted_at', 'is', null)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .orderBy('date')
      .orderBy('id'),
  );
  const atts = all(
    db,
    q
      .selectFrom('attachments as a')
      .innerJoin('records as r', 'r.id', 'a.record_id')
      .select(['a.record_id', 'a.sha256', 'a.name'])
      .where('a.removed_at', 'is', null)
      .where('r.deleted_at', 'is', null)
      .where('r.date', '>=', from)
      .where('r.date', '<=', to)
      .orderBy('a.id'),
  );
  const byRecord = new Map<number, string[]>();
  for (const a of atts) byRecord.set(a.record_id, [...(byRecord.get(a.record_id) ?? []), a.sha256]);
  const ctx = groupContext(db);
  const labels = new Map<number, string>();
  const records = recs.map((r): ManifestEntry => {
    const data = parseData(r.data);
    const label = labelOf(ctx, { type: r.type, date: r.date, data });
    labels.set(r.id, label);
    const sha256 = canonicalRecord({ id: r.id, type: r.type, date: r.date, status: r.status, groupId: r.group_id, data, attachments: byRecord.get(r.id) ?? [] });
    return { kind: 'record', ref: String(r.id), label, sha256 };
  });
  const seen = new Set<string>();
  const attachments: YearContent['attachments'] = [];
  for (const a of atts) {
    if (seen.has(a.sha256)) continue;
    seen.add(a.sha256);
    attachments.push({ kind: 'attachment', ref: a.sha256, label: a.name, sha256: a.sha256, record: labels.get(a.record_id) ?? '' });
  }
  return { records, attachments };
}

function exportEntries(dir: string, files: readonly string[]): { entries: ManifestEntry[]; unreadable: string[] } {
  const entries: ManifestEntry[] = [];
  const unreadable: string[] = [];
  for (const f of files) {
    const sha256 = hashFile(path.join(dir, ...f.split('/')));
    if (sha256 === null) unreadable.push(f);
    else entries.push({ kind: 'file', ref: f, label: f, sha256 });
  }
  return { entries, unreadable };
}

function checkExportId(exportId: string) {
  if (!EXPORT_ID_RE.test(exportId)) {
    throw new AppError('VALIDATION', '导出批次编号无效', [{ path: 'exportId', message: '导出批次编号应为“年月日-时分秒”，如20250105-093000' }]);
  }
}

// ---------- readers ----------

function sealRow(db: Db, year: number) {
  return first(db, sq.selectFrom('year_seals').selectAll().where('year', '=', year));
}

/** Every seal and unseal of the year, oldest first (the 备考表 prints it). */
export function sealLog(db: Db, year: number): SealEvent[] {
  return all(db, sq.selectFrom('seal_log').select(['at', 'action', 'reason', 'export_id']).where('year', '=', year).orderBy('id')).map((r) => ({
    at: r.at,
    action: r.action,
    reason: r.reason,
    exportId: r.export_id,
  }));
}

export function sealStatus(db: Db, year: number): SealStatus {
  const row = sealRow(db, year);
  return {
    year,
    sealed: row !== undefined,
    sealedAt: row?.sealed_at ?? null,
    exportId: row?.export_id ?? null,
    manifest: row ? (JSON.parse(row.manifest) as ManifestEntry[]) : [],
    log: sealLog(db, year),
  };
}

/** The sealed years, ascending. */
export function sealedYears(db: Db): number[] {
  return all(db, sq.selectFrom('year_seals').select('year').orderBy('year')).map((r) => r.year);
}

// ---------- writers ----------

/**
 * Seal the year over the export `exportId`: hash the year's records, their
 * attachment files (re-read from the disk: a missing or damaged file refuses
 * the seal) and every file of the export folder, store the manifest and log
 * the seal. Refused when the year is sealed already or the export folder is
 * missing or empty. Files are read before the transaction; everything here is
 * synchronous, so nothing can change in between.
 */
export function sealYear(db: Db, dataDir: string, input: { year: number; exportId: string }): SealStatus {
  const { year, exportId } = input;
  checkExportId(exportId);
  const existing = sealRow(db, year);
  if (existing) throw new AppError('CONFLICT', `${year}年度已于${existing.sealed_at.slice(0, 10)}封存，不能重复封存。`);

  const dir = exportDir(dataDir, year, exportId);
  const files = listExportFiles(dir);
  if (files === null) throw new AppError('NOT_FOUND', `找不到${year}年度编号为${exportId}的导出文件夹，请先完成年度导出再封存。`);
  if (files.length === 0) throw new AppError('CONFLICT', `${year}年度编号为${exportId}的导出文件夹是空的，请重新导出后再封存。`);

  const content = yearContent(db, year);
  const bad = content.attachments
    .map((a) => ({ a, sha: hashFile(blobPath(dataDir, a.sha256)) }))
    .filter(({ a, sha }) => sha !== a.sha256)
    .map(({ a, sha }) => `${a.record}的附件“${a.label}”${sha === null ? '已丢失' : '已损坏'}`);
  if (bad.length) {
    const more = bad.length > 5 ? `等${bad.length}个` : '';
    throw new AppError('CONFLICT', `以下附件文件有问题，不能封存：${bad.slice(0, 5).join('；')}${more}。请从备份中恢复数据目录，或删除该附件后重新添加，再重新导出。`);
  }
  const exported = exportEntries(dir, files);
  if (exported.unreadable.length) throw new AppError('CONFLICT', `导出文件读取失败：${exported.unreadable.join('、')}，请重新导出后再封存。`);

  const manifest: ManifestEntry[] = [
    ...content.records,
    ...content.attachments.map(({ kind, ref, label, sha256 }) => ({ kind, ref, label, sha256 })),
    ...exported.entries,
  ];
  // Nothing is written until here: the manifest and its log entry go in one transaction, both or neither.
  fileStep('seal', 'checked');
  tx(db, () => {
    if (sealRow(db, year)) throw new AppError('CONFLICT', `${year}年度已封存，不能重复封存。`);
    const at = now();
    run(db, sq.insertInto('year_seals').values({ year, sealed_at: at, export_id: exportId, manifest: JSON.stringify(manifest) }));
    run(db, sq.insertInto('seal_log').values({ year, at, action: 'seal', export_id: exportId, reason: '' }));
  });
  fileStep('seal', 'committed');
  return sealStatus(db, year);
}

/** Lift the seal with a reason (at least 4 characters); the log keeps both the seal and this. */
export function unsealYear(db: Db, input: { year: number; reason: string }): SealStatus {
  const { year } = input;
  const reason = input.reason.trim();
  const chars = Array.from(reason).length;
  if (chars < MIN_REASON_CHARS || chars > MAX_REASON_CHARS) {
    const message = chars < MIN_REASON_CHARS ? `请写明解除封存的原因（至少${MIN_REASON_CHARS}个字）` : `原因不能超过${MAX_REASON_CHARS}个字`;
    throw new AppError('VALIDATION', message, [{ path: 'reason', message }]);
  }
  tx(db, () => {
    if (!sealRow(db, year)) throw new AppError('CONFLICT', `${year}年度没有封存，无需解除。`);
    run(db, sq.deleteFrom('year_seals').where('year', '=', year));
    run(db, sq.insertInto('seal_log').values({ year, at: now(), action: 'unseal', export_id: null, reason }));
  });
  return sealStatus(db, year);
}

// ---------- verification ----------

function compare(expected: readonly ManifestEntry[], current: readonly ManifestEntry[]): SealProblem[] {
  const byRef = new Map(current.map((e) => [e.ref, e]));
  const was = new Set(expected.map((e) => e.ref));
  const out: SealProblem[] = [];
  for (const e of expected) {
    const c = byRef.get(e.ref);
    if (!c) out.push({ entry: e, problem: 'missing' });
    else if (c.sha256 !== e.sha256) out.push({ entry: e, problem: 'changed' });
  }
  for (const c of current) if (!was.has(c.ref)) out.push({ entry: c, problem: 'added' });
  return out;
}

/**
 * Check a sealed year against its manifest: records changed, missing (deleted,
 * moved out of the year) or added behind the app's back; attachment files
 * changed or missing on the disk (and attachments added to the year's records);
 * exported files changed, missing or added. An empty list means all is as sealed.
 * The `entry` of a problem is the sealed one, or for 'added' the one found now.
 */
export function verifySeal(db: Db, dataDir: string, year: number): SealProblem[] {
  const row = sealRow(db, year);
  if (!row) throw new AppError('CONFLICT', `${year}年度没有封存，无需校验。`);
  const manifest = JSON.parse(row.manifest) as ManifestEntry[];
  const of = (kind: ManifestEntry['kind']) => manifest.filter((e) => e.kind === kind);
  const content = yearContent(db, year);

  const records = compare(of('record'), content.records);

  const sealedAtts = of('attachment');
  const attachments: SealProblem[] = [];
  for (const e of sealedAtts) {
    const sha = hashFile(blobPath(dataDir, e.ref));
    if (sha === null) attachments.push({ entry: e, problem: 'missing' });
    else if (sha !== e.sha256) attachments.push({ entry: e, problem: 'changed' });
  }
  const sealedShas = new Set(sealedAtts.map((e) => e.ref));
  for (const a of content.attachments) {
    if (!sealedShas.has(a.ref)) attachments.push({ entry: { kind: a.kind, ref: a.ref, label: a.label, sha256: a.sha256 }, problem: 'added' });
  }

  const dir = exportDir(dataDir, year, row.export_id);
  const files = exportEntries(dir, listExportFiles(dir) ?? []).entries;
  return [...records, ...attachments, ...compare(of('file'), files)];
}
