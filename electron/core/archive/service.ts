/**
 * The year-end archive's reading side: what the volumes will hold (the
 * wizard's preview), the plan a background export writes (volumes, registers,
 * the 备考表's gaps and seal log), the finished exports on disk, and the plan
 * of saving one of them into a folder (全部保存到…, save.ts).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { EXPORT_ID_RE, type ExportListing, type SaveTarget, type VolumePreview } from '../../../shared/archive/model.js';
import { BOOK_TREE } from '../../../shared/books/index.js';
import { volumeItems, type VolumeMode } from '../../../shared/archive/volume.js';
import { chineseDate, localToday } from '../../../shared/dates.js';
import type { ExportedFile } from '../../../shared/methods/method.js';
import { requireBranch } from '../branch/service.js';
import { yearGaps } from '../completeness/service.js';
import type { Db } from '../db/sql.js';
import { DOCX_MIME } from '../export/docx/style.js';
import { XLSX_MIME } from '../export/xlsx/style.js';
import { AppError, notFound } from '../errors.js';
import { yearRegisters } from '../registers/service.js';
import { sealLog } from '../seal/service.js';
import type { ExportPlan } from './export.js';
import { exportDir, yearArchiveDir } from './paths.js';
import { saveBaseName, saveTarget, type SavePlan } from './save.js';
import { buildVolumes } from './volume.js';

const pad = (n: number) => String(n).padStart(2, '0');

export const MIME: Record<string, string> = {
  '.docx': DOCX_MIME,
  '.xlsx': XLSX_MIME,
  '.pdf': 'application/pdf',
};

/** A new export folder id, YYYYMMDD-HHmmss of local time, not used yet in this year. */
export function newExportId(yearDir: string, at = new Date()): string {
  for (let t = at.getTime(); ; t += 1000) {
    const d = new Date(t);
    const id = `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
    if (!fs.existsSync(path.join(yearDir, id)) && !fs.existsSync(path.join(yearDir, `.tmp-${id}`))) return id;
  }
}

export interface ExportOptions {
  year: number;
  mode: VolumeMode;
  fullIds: boolean;
  pdf: boolean;
  compiler: string;
  checker: string;
}

function volumesOf(db: Db, dataDir: string, textsDir: string, o: Pick<ExportOptions, 'year' | 'mode' | 'fullIds' | 'compiler' | 'checker'>) {
  const gaps = yearGaps(db, o.year);
  const log = sealLog(db, o.year).map((e) =>
    e.action === 'seal' ? `${chineseDate(e.at.slice(0, 10))} 封存` : `${chineseDate(e.at.slice(0, 10))} 解除封存，原因：${e.reason}`,
  );
  return buildVolumes(db, dataDir, textsDir, { ...o, gaps, log, date: localToday() });
}

export function previewVolumes(db: Db, dataDir: string, textsDir: string, year: number, mode: VolumeMode): VolumePreview[] {
  // what the volumes hold; the 备考表's gaps and log are only worked out for an export
  const volumes = buildVolumes(db, dataDir, textsDir, { year, mode, fullIds: false, gaps: [], log: [], compiler: '', checker: '', date: localToday() });
  return volumes.map((v) => ({
    key: v.key,
    title: v.cover.title,
    category: v.cover.category,
    retention: v.cover.retention,
    from: v.cover.from,
    to: v.cover.to,
    items: volumeItems(v).map((it) => ({ no: it.no, code: it.code, title: it.title, date: it.date, attachments: it.images.length + it.others.length })),
  }));
}

export function planExport(db: Db, dataDir: string, textsDir: string, o: ExportOptions, version: string): ExportPlan {
  const branch = requireBranch(db);
  const volumes = volumesOf(db, dataDir, textsDir, o);
  if (!volumes.length) throw new AppError('VALIDATION', `${o.year}年度没有已定稿的记录，无需归档。`);
  const yearDir = yearArchiveDir(dataDir, o.year);
  fs.mkdirSync(yearDir, { recursive: true });
  return {
    year: o.year,
    exportId: newExportId(yearDir),
    yearDir,
    volumes,
    registers: yearRegisters(db, o.year, { fullIds: o.fullIds }),
    meta: { branchName: branch.name, parentOrg: branch.parentOrg, year: o.year, printedOn: localToday() },
    pdf: o.pdf,
    version,
  };
}

/** Files in the order the wizard made them: the workbook, then the volumes in book order (第N卷 by number), Word before PDF. */
function fileOrder(name: string): string {
  const book = BOOK_TREE.findIndex((b) => name.includes(`_${b.label}`));
  const volume = /_第(\d+)卷\./.exec(name)?.[1] ?? '0';
  const kind = name.endsWith('.xlsx') ? 0 : name.endsWith('.docx') ? 1 : 2;
  return `${name.endsWith('.xlsx') ? 0 : 1}-${String(book + 1).padStart(2, '0')}-${volume.padStart(3, '0')}-${kind}-${name}`;
}

/** The year's finished exports, newest first (temporary folders of running or broken exports are not listed). */
export function listExports(dataDir: string, year: number): ExportListing[] {
  const dir = yearArchiveDir(dataDir, year);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && EXPORT_ID_RE.test(d.name))
    .map((d) => d.name)
    .sort()
    .reverse()
    .map((exportId) => ({
      exportId,
      files: fs
        .readdirSync(path.join(dir, exportId), { withFileTypes: true })
        .filter((f) => f.isFile())
        .map((f) => ({ name: f.name, size: fs.statSync(path.join(dir, exportId, f.name)).size }))
        .sort((a, b) => fileOrder(a.name).localeCompare(fileOrder(b.name))),
    }));
}

/** One file of a finished export, by its listed name only (no paths). */
export function readExportFile(dataDir: string, year: number, exportId: string, name: string): ExportedFile {
  const listing = listExports(dataDir, year).find((e) => e.exportId === exportId);
  if (!listing || !listing.files.some((f) => f.name === name)) throw notFound('该归档文件');
  const bytes = fs.readFileSync(path.join(yearArchiveDir(dataDir, year), exportId, name));
  return { fileName: name, mimeType: MIME[path.extname(name)] ?? 'application/octet-stream', base64: bytes.toString('base64') };
}

/** Where 全部保存到… would put the year's export in `folder` (the dialog shows it before the save). */
export function targetOf(db: Db, year: number, folder: string): SaveTarget {
  return saveTarget(folder, saveBaseName(requireBranch(db).name, year));
}

/** A save of one finished export into `folder`: refused before anything is written when either is not there. */
export function planSave(db: Db, dataDir: string, o: { year: number; exportId: string; folder: string }): SavePlan {
  const listing = listExports(dataDir, o.year).find((e) => e.exportId === o.exportId);
  if (!listing) throw notFound('该批归档文件');
  return {
    id: randomBytes(6).toString('hex'),
    year: o.year,
    exportId: o.exportId,
    source: exportDir(dataDir, o.year, o.exportId),
    files: listing.files,
    parent: o.folder,
    target: targetOf(db, o.year, o.folder),
  };
}
