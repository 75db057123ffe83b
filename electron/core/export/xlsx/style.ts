/**
 * The house style of every workbook the app writes (exceljs): 宋体 cells with
 * thin black borders, a grey header, A4 page setup fitted to the page width
 * with the header rows repeated and 第 N 页，共 M 页 in the footer.
 *
 * Pure: no database, no files; the builders that use it may run in a worker.
 */
import type ExcelJS from 'exceljs';
import { xmlSafe } from '../../../../shared/text.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The font of cells; titles use 黑体 or a larger 宋体. */
export const FONT = '宋体';
export const TITLE_FONT = '黑体';

const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
/** A thin black box around a cell. */
export const BOX: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
/** Centred both ways, wrapped. */
export const CENTER: Partial<ExcelJS.Alignment> = { vertical: 'middle', horizontal: 'center', wrapText: true };
/** The header rows' fill. */
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

/** Page numbers, centred in the footer. */
export const PAGE_FOOTER = '&C第 &P 页，共 &N 页';

/** The column letters of a 1-based column number (1 → A, 27 → AA). */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * A column width as exceljs keeps it: it takes exactly 9 for its default and
 * leaves such a column out of the file, so 9 is written as 9.01.
 */
export const columnWidth = (w: number) => (w === 9 ? 9.01 : w);

/** Style a header cell: bold, centred, boxed, grey. */
export function styleHeaderCell(cell: ExcelJS.Cell, size = 10) {
  cell.font = { name: FONT, size, bold: true };
  cell.alignment = CENTER;
  cell.border = BOX;
  cell.fill = HEADER_FILL;
}

/**
 * A4 page setup fitted to one page wide (as many pages down as it takes),
 * centred, with `titleRows` (e.g. '3:3') repeated on every page.
 */
export function a4PageSetup(
  orientation: 'portrait' | 'landscape',
  titleRows: string,
  margins: ExcelJS.Margins = { left: 0.4, right: 0.4, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9, // A4
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins,
    printTitlesRow: titleRows,
  };
}

/** A cell's value with its text through xmlSafe (strings, rich text runs, a hyperlink's text, a formula's text result). */
function safeValue(v: ExcelJS.CellValue): ExcelJS.CellValue {
  if (typeof v === 'string') return xmlSafe(v);
  if (!v || typeof v !== 'object' || v instanceof Date) return v;
  if ('richText' in v) return { ...v, richText: v.richText.map((t) => ({ ...t, text: xmlSafe(t.text) })) };
  if ('hyperlink' in v) return { ...v, text: xmlSafe(v.text) };
  if ('formula' in v && typeof v.result === 'string') return { ...v, result: xmlSafe(v.result) };
  return v;
}

const FOOTERS = ['oddHeader', 'oddFooter', 'evenHeader', 'evenFooter', 'firstHeader', 'firstFooter'] as const;

/**
 * The workbook as bytes, every text in it (cells, sheet names, headers and
 * footers, the title) through xmlSafe first: the one way every workbook of the
 * app is written, so none is ill-formed whatever an old database holds.
 */
export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  if (wb.title) wb.title = xmlSafe(wb.title);
  wb.eachSheet((ws) => {
    const name = xmlSafe(ws.name);
    if (name !== ws.name) ws.name = name;
    for (const k of FOOTERS) {
      const t = ws.headerFooter[k];
      if (t) ws.headerFooter[k] = xmlSafe(t);
    }
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.master !== cell) return; // a merged cell's value is its master's
        const v = safeValue(cell.value);
        if (v !== cell.value) cell.value = v;
      }),
    );
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
