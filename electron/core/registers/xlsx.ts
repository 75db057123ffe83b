/**
 * The registers workbook (exceljs): one sheet per register of the year, in
 * the order given. Each sheet:
 *
 *   row 1  the title merged across the table: 某某党支部2024年会议台账
 *   row 2  上级党委 on the left, 制表日期 on the right
 *   row 3  the header, frozen, with the filter buttons, repeated on every printed page
 *   row 4… one row per entry: text cells, boxed, wrapped
 *
 * A4 in the register's orientation, fitted to one page wide, page numbers in
 * the footer. Pure (no database, no files), so it can run in a worker thread.
 */
import ExcelJS from 'exceljs';
import type { Register } from '../../../shared/archive/model.js';
import { chineseDate } from '../../../shared/dates.js';
import { a4PageSetup, BOX, columnLetter, columnWidth, FONT, PAGE_FOOTER, styleHeaderCell, TITLE_FONT, workbookBytes } from '../export/xlsx/style.js';

export interface RegistersMeta {
  branchName: string;
  parentOrg: string;
  year: number;
  /** YYYY-MM-DD */
  printedOn: string;
}

export const TITLE_ROW = 1;
export const INFO_ROW = 2;
export const HEADER_ROW = 3;
export const FIRST_DATA_ROW = 4;

/** The printed title of a register: 某某党支部2024年会议台账. */
export const registerTitle = (r: Register, meta: Pick<RegistersMeta, 'branchName' | 'year'>) => `${meta.branchName}${meta.year}年${r.title}`;

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
function sheetName(title: string): string {
  return title.replace(/[[\]:*?/\\]/g, '·').slice(0, 31);
}

/** Rough height of a row of wrapped text: the most lines any cell needs at its column's width. */
function rowHeight(values: readonly string[], widths: readonly number[]): number {
  let lines = 1;
  values.forEach((v, i) => {
    const w = Math.max(2, (widths[i] ?? 10) - 1);
    let n = 0;
    for (const line of v.split('\n')) {
      // A CJK character is about two widths of a digit.
      const width = [...line].reduce((s, ch) => s + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0);
      n += Math.max(1, Math.ceil(width / w));
    }
    lines = Math.max(lines, n);
  });
  return Math.max(20, Math.min(409, 4 + lines * 14));
}

function addRegisterSheet(wb: ExcelJS.Workbook, r: Register, meta: RegistersMeta) {
  const n = Math.max(1, r.columns.length);
  const title = registerTitle(r, meta);
  const ws = wb.addWorksheet(sheetName(r.title), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${FIRST_DATA_ROW}`, activeCell: `A${FIRST_DATA_ROW}` }],
    pageSetup: a4PageSetup(r.landscape ? 'landscape' : 'portrait', `${HEADER_ROW}:${HEADER_ROW}`),
    headerFooter: { oddFooter: `&L${title}${PAGE_FOOTER}&R制表：${chineseDate(meta.printedOn)}` },
  });
  const widths = r.columns.map((c) => c.width);
  r.columns.forEach((c, i) => (ws.getColumn(i + 1).width = columnWidth(c.width)));

  ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, n);
  const t = ws.getCell(TITLE_ROW, 1);
  t.value = title;
  t.font = { name: TITLE_FONT, size: 16, bold: true };
  t.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.getRow(TITLE_ROW).height = 34;

  // 上级党委 on the left half, 制表日期 and the count on the right.
  const half = Math.max(1, Math.floor(n / 2));
  ws.mergeCells(INFO_ROW, 1, INFO_ROW, half);
  ws.getCell(INFO_ROW, 1).value = meta.parentOrg ? `上级党委：${meta.parentOrg}` : '';
  if (n > half) {
    ws.mergeCells(INFO_ROW, half + 1, INFO_ROW, n);
    ws.getCell(INFO_ROW, half + 1).value = `制表日期：${chineseDate(meta.printedOn)}`;
    ws.getCell(INFO_ROW, half + 1).alignment = { horizontal: 'right', vertical: 'middle' };
  }
  ws.getRow(INFO_ROW).font = { name: FONT, size: 10 };
  ws.getRow(INFO_ROW).height = 20;

  const header = ws.getRow(HEADER_ROW);
  r.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    styleHeaderCell(cell);
  });
  header.height = rowHeight(
    r.columns.map((c) => c.header),
    widths,
  );

  r.rows.forEach((values, i) => {
    const row = ws.getRow(FIRST_DATA_ROW + i);
    for (let j = 0; j < n; j++) {
      const cell = row.getCell(j + 1);
      cell.value = values[j] ?? '';
      cell.numFmt = '@';
      cell.font = { name: FONT, size: 10 };
      cell.alignment = { vertical: 'middle', horizontal: (values[j] ?? '').length > 12 || (values[j] ?? '').includes('\n') ? 'left' : 'center', wrapText: true };
      cell.border = BOX;
    }
    row.height = rowHeight(values, widths);
  });

  const last = HEADER_ROW + r.rows.length;
  ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: last, column: n } };
  ws.pageSetup.printArea = `A1:${columnLetter(n)}${last}`;
  return ws;
}

/** The workbook of the year's registers as bytes, one sheet each in the order given. */
export async function registersWorkbook(registers: Register[], meta: RegistersMeta): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '支部四本一档';
  wb.title = `${meta.branchName}${meta.year}年台账`;
  const created = new Date(`${meta.printedOn}T00:00:00Z`);
  wb.created = created;
  wb.modified = created;
  for (const r of registers) addRegisterSheet(wb, r, meta);
  return workbookBytes(wb);
}
