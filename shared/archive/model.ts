/**
 * The year-end archive (DOMAIN.md §4): what the registers workbook, the
 * completeness check and the year's seal look like across the contract.
 * Pure types; the core fills them, the renderer shows and prints them.
 */
import type { BookId, Retention } from '../books/types.js';

/** A column of a register: its header and its width in characters (Excel column width). */
export interface RegisterColumn {
  header: string;
  width: number;
}

/** The registers of a year, one sheet each in the workbook (issue order). */
export const REGISTER_KEYS = [
  'members',
  'staff',
  'hardship',
  'meetings',
  'talks',
  'dues',
  'development',
  'transfers',
  'rectification',
] as const;
export type RegisterKey = (typeof REGISTER_KEYS)[number];

/** Sheet names and printed titles, in REGISTER_KEYS order. */
export const REGISTER_TITLES: Record<RegisterKey, string> = {
  members: '党员花名册',
  staff: '职工基本情况',
  hardship: '困难职工',
  meetings: '会议台账',
  talks: '谈心家访台账',
  dues: '党费收缴台账',
  development: '发展党员进度',
  transfers: '组织关系转接',
  rectification: '问题整改台账',
};

/**
 * One register (台账) of the year as a table of display text: the workbook
 * writes it as a sheet, the print view lays it out on A4. Every cell is text
 * (ID numbers and dates stay exactly as shown).
 */
export interface Register {
  key: RegisterKey;
  /** Sheet name and printed title, e.g. 会议台账. */
  title: string;
  columns: RegisterColumn[];
  rows: string[][];
  /** Wide tables print landscape. */
  landscape: boolean;
}

/**
 * Something the rules or the branch's own arrangements expect for the year
 * that is missing. The archive wizard lists these; the user may go on, and
 * the gaps are then written into the 卷内备考表.
 */
export interface Gap {
  /** Which obligation, e.g. 'branch-assembly-quarterly', 'dues-arrears'. */
  kind: string;
  /** Short label of the obligation, e.g. 支部党员大会（每季度）. */
  label: string;
  /** What is missing, as printed in the 备考表, e.g. 第三季度未召开支部党员大会. */
  message: string;
  /** The book whose volume's 备考表 prints it: the book of the missing record's type; 党费 and 转接 in 支部档案. */
  book: BookId;
  /**
   * The 保管期限 of the missing record's type: a book bound in a volume per class prints it in
   * that class's volume. None (党费, 转接): in the book's first volume.
   */
  retention?: Retention;
  /** Where it is fixed: a hash route of the renderer, e.g. '/records/new?type=branch-assembly'. */
  link: string;
  /** The rule or arrangement it comes from, e.g. 《中国共产党支部工作条例（试行）》第十五条. */
  source: string;
}

/** An entry of the year's seal log: sealing, and every later unsealing with its reason. */
export interface SealEvent {
  at: string;
  action: 'seal' | 'unseal';
  /** Why it was unsealed ('' for a seal). */
  reason: string;
  /** The export a seal covered (its folder id under archive/<year>/); null for an unseal. */
  exportId: string | null;
}

/** One part of a sealed year's manifest with its sha256. */
export interface ManifestEntry {
  kind: 'record' | 'attachment' | 'file';
  /** record id, attachment sha256, or exported file name */
  ref: string;
  /** Human label: record title and date, attachment name, file name. */
  label: string;
  sha256: string;
}

/** What was found when a sealed year was checked against its manifest. */
export interface SealProblem {
  entry: ManifestEntry;
  problem: 'changed' | 'missing' | 'added';
}

export interface SealStatus {
  year: number;
  sealed: boolean;
  /** When the current seal was made (null when not sealed). */
  sealedAt: string | null;
  /** The export the seal covers: its folder id under archive/<year>/. */
  exportId: string | null;
  manifest: ManifestEntry[];
  log: SealEvent[];
}

/** An export's folder under DATA_DIR/archive/<year>/: the local time it was made, YYYYMMDD-HHmmss. */
export const EXPORT_ID_RE = /^\d{8}-\d{6}$/;

/** 20250105-093000 → 2025-01-05 09:30:00 */
export const exportIdLabel = (id: string) =>
  EXPORT_ID_RE.test(id) ? `${id.slice(0, 4)}-${id.slice(4, 6)}-${id.slice(6, 8)} ${id.slice(9, 11)}:${id.slice(11, 13)}:${id.slice(13, 15)}` : id;

/** A file of an export, in archive/<year>/<exportId>/. */
export interface ExportFileInfo {
  name: string;
  size: number;
}

/** Work the archive runs in the background while the window polls its progress. */
export interface BackgroundJob {
  id: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  /** Progress: steps of an export, bytes of a save. */
  done: number;
  total: number;
  /** What it is doing now, e.g. 正在生成《党支部综合记录》PDF. */
  phase: string;
  /** Why it failed, in words for the user. */
  error: string | null;
}

/** A file of an export that could not be made, and why (the others are kept; 重试 makes it again). */
export interface FailedFile {
  name: string;
  reason: string;
}

/** A year-end export running in the background, or finished. */
export interface ExportJob extends BackgroundJob {
  /** The export's folder id (YYYYMMDD-HHmmss), also the job's id. */
  id: string;
  year: number;
  files: ExportFileInfo[];
  /** Once done: the files that failed (a PDF that would not print), with the reason; the export holds all the others. */
  failed: FailedFile[];
}

/** A 全部保存到… job's id: 12 hex digits. */
export const SAVE_ID_RE = /^[0-9a-f]{12}$/;

/** Where 全部保存到… will put an export: a new folder in the chosen one, never one that is there already. */
export interface SaveTarget {
  /** <支部名称>-<年度>年度归档, safe on FAT32/exFAT/NTFS. */
  baseName: string;
  /** baseName, or baseName（2）, （3）… when a folder of that name is there already. */
  name: string;
  /** The full path of the folder to be made. */
  folder: string;
}

/** A file written by 全部保存到…, with the sha256 it was read back with (the same as the export's). */
export interface SavedFile extends ExportFileInfo {
  sha256: string;
}

/** 全部保存到…: every file of one export copied into a new folder (on a U盘); progress in bytes, written and then read back. */
export interface SaveJob extends BackgroundJob {
  year: number;
  exportId: string;
  /** The folder the files go into (its name may still move on to （N） if one of that name appears meanwhile). */
  folder: string;
  /** Once done: every file written, in the export's order. */
  files: SavedFile[];
  /** The files' bytes together. */
  bytes: number;
}

/** A finished export of a year. */
export interface ExportListing {
  exportId: string;
  files: ExportFileInfo[];
}

/** What a volume will hold, for the wizard to show before exporting. */
export interface VolumePreview {
  key: string;
  title: string;
  category: string;
  retention: string;
  from: string;
  to: string;
  items: { no: number; code: string; title: string; date: string; attachments: number }[];
}

/**
 * The 简称 a branch's full name suggests, for the 卷内文件目录's 责任者 when
 * none is set in 支部设置: the unit after the last enterprise or place in the
 * name, as a 党支部 (中共北原石油工程公司钻井二分公司70158钻井队支部委员会 →
 * 70158钻井队党支部; 中共某县某镇某村支部委员会 → 某村党支部). A name with
 * nothing to drop stays whole.
 */
export function branchShortName(full: string): string {
  const name = full.trim().replace(/^中共/, '');
  const unit = /^(?:.*(?:公司|集团|局|厂|院|所|处|中心|大学|县|区|市|镇|乡|街道|社区))?(.+)$/.exec(name)?.[1] ?? name;
  const short = unit
    .replace(/总支部委员会$/, '党总支')
    .replace(/(?<!党)支部委员会$/, '党支部')
    .replace(/(?<!党)支部$/, '党支部');
  // a unit is left (not just 党支部), and it is still a 支部
  return /^.+(?:党支部|党总支)$/.test(short) ? short : full.trim();
}
