/**
 * The members methods of the contract (merged in shared/contract.ts): the
 * 党员花名册 on the people registry — the full 身份证号 on request, each
 * person's status history, and the roster to and from Excel.
 */
import { z } from 'zod';
import type { ExportedFile } from './method.js';
import { ROSTER_FIELD_KEYS, type RosterField } from '../members/roster.js';
import { id, method } from './method.js';

/** An .xlsx file as base64 (up to about 20 MB). */
const workbook = z.string({ error: '请选择Excel文件' }).min(1, 'Excel文件是空的').max(28_000_000, 'Excel文件过大（不超过20MB）');
const sheetName = z.string({ error: '工作表名称无效' }).min(1, '请选择工作表').max(100, '工作表名称无效');
const headerRow = z.number({ error: '表头行号无效' }).int('表头行号无效').min(1, '表头行号无效').max(10_000, '表头行号无效');
/** Which roster field each column (1-based, as in Excel: A = 1) holds; null or left out: not imported. */
const mapping = z.record(
  z.string().regex(/^[1-9]\d{0,2}$/, '列号无效'),
  z.enum(ROSTER_FIELD_KEYS, { error: '字段无效' }).nullable(),
  { error: '列的对应关系无效' },
);

export interface StatusEntry {
  id: number;
  status: string;
  /** YYYY-MM-DD */
  since: string;
  /** where the entry came from: 入党日期, 转正日期, 由群众变更, 导入 … */
  note: string;
}

export interface ImportColumn {
  /** 1-based column number (A = 1) */
  index: number;
  header: string;
  field: RosterField | null;
}

export interface ImportRow {
  /** the Excel row number */
  row: number;
  name: string;
  /** what will be stored, by field, as display text (the 身份证号 masked) */
  values: Partial<Record<RosterField, string>>;
  /** why the row cannot be imported; empty when it can */
  errors: string[];
}

export interface ImportPreview {
  sheets: string[];
  sheet: string;
  /** the Excel row number of the header row; 0 when none was found */
  headerRow: number;
  columns: ImportColumn[];
  /** the first 200 data rows (blank rows left out) */
  rows: ImportRow[];
  /** data rows in the sheet, and how many of them would be imported */
  total: number;
  valid: number;
}

export interface ImportResult {
  imported: number;
  skipped: { row: number; name: string; reasons: string[] }[];
}

export const MEMBERS_METHODS = {
  /** The full 身份证号 of a person (lists and exports show it masked). */
  'members.revealId': method<string>()(z.strictObject({ id })),
  /** What the person was, from which day: 预备党员 from 入党日期, 中共党员 from 转正日期 … */
  'members.statusHistory': method<StatusEntry[]>()(z.strictObject({ id })),
  /**
   * Read a roster workbook and show what would be imported; writes nothing.
   * Without sheet/headerRow/mapping the first sheet, the first row of known
   * headers and the guessed columns are used.
   */
  'members.importPreview': method<ImportPreview>()(
    z.strictObject({ base64: workbook, sheet: sheetName.optional(), headerRow: headerRow.optional(), mapping: mapping.optional() }),
  ),
  /** Import every valid row in one transaction; the others are reported with their reasons. */
  'members.importCommit': method<ImportResult>()(z.strictObject({ base64: workbook, sheet: sheetName, headerRow, mapping })),
  /** The 党员花名册 (正式 and 预备) as .xlsx; 身份证号 masked unless fullId. */
  'members.exportXlsx': method<ExportedFile>()(z.strictObject({ fullId: z.boolean({ error: '是否导出完整身份证号应为是或否' }).optional() }).optional()),
} as const;
