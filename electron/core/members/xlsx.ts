/**
 * The 党员花名册 workbook on disk: reading any sheet into a matrix of plain
 * cells (import.ts works on those), and writing the roster (title row merged
 * across the columns, the header row, one row per member).
 */
import ExcelJS from 'exceljs';
import { BOX, columnWidth, FONT, styleHeaderCell, workbookBytes } from '../export/xlsx/style.js';
import type { Cell, Sheet } from './import.js';
import { READ_LIMITS, readWorkbookBounded, type ReadLimits } from './xlsx-read.js';

/** An exceljs cell value as a plain cell: rich text joined, a formula's result, a hyperlink's text, errors as blank. */
export function plainCell(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('error' in v) return null;
    if ('formula' in v || 'sharedFormula' in v) return plainCell((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('text' in v) return plainCell((v as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
  }
  return null;
}

export const MAX_ROWS = READ_LIMITS.rows;
export const MAX_COLUMNS = READ_LIMITS.columns;

/**
 * Every worksheet of an .xlsx file as plain cells, up to its last row and
 * column that hold a value (rows formatted far down are not read). Merged
 * cells read as their master cell, so a 党小组 merged down a block of rows
 * belongs to each of them. Read within bounds (xlsx-read.ts): a file that
 * would not fit them is refused with a WorkbookRefused.
 */
export function readWorkbook(data: Uint8Array, limits: Partial<ReadLimits> = {}): Promise<Sheet[]> {
  return readWorkbookBounded(data, limits);
}

export interface RosterSheet {
  title: string;
  /** a line under the title (e.g. 截至日期 and counts) */
  subtitle: string;
  columns: { header: string; width: number }[];
  rows: string[][];
}

/** The roster as an .xlsx: every cell is text, so 身份证号 and dates read back as written. */
export async function writeRosterWorkbook(sheet: RosterSheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '支部四本一档';
  wb.created = new Date();
  const ws = wb.addWorksheet('党员花名册', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' },
    views: [{ state: 'frozen', ySplit: 3, xSplit: 2 }],
  });
  const n = sheet.columns.length;
  ws.columns = sheet.columns.map((c) => ({ width: columnWidth(c.width), style: { numFmt: '@' } }));

  ws.mergeCells(1, 1, 1, n);
  const title = ws.getCell(1, 1);
  title.value = sheet.title;
  title.font = { name: '宋体', size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;

  ws.mergeCells(2, 1, 2, n);
  const sub = ws.getCell(2, 1);
  sub.value = sheet.subtitle;
  sub.font = { name: '宋体', size: 10 };
  sub.alignment = { horizontal: 'right' };

  const header = ws.getRow(3);
  sheet.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    styleHeaderCell(cell, 11);
  });
  header.height = 22;

  sheet.rows.forEach((values, i) => {
    const row = ws.getRow(4 + i);
    values.forEach((v, j) => {
      const cell = row.getCell(j + 1);
      cell.value = v;
      cell.numFmt = '@';
      cell.font = { name: FONT, size: 10 };
      cell.alignment = { vertical: 'middle', wrapText: j > 1 };
      cell.border = BOX;
    });
  });
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3 + sheet.rows.length, column: n } };
  return workbookBytes(wb);
}
