/**
 * The 党费收缴台账 workbook (exceljs), in the layout branches keep by hand:
 *
 * Sheet 1 “党费收缴台账”: the title merged over the table; a two-row header (序号, 姓名,
 * 月工资收入(税后), 交纳比例, 月应缴, 1月…12月 each over 实缴 and 日期, 全年应缴, 全年实缴,
 * 备注, 本人签字); one row per member; a 合计 row; frozen header and names; A4 landscape,
 * fitted to the page width, header rows repeated on every page, page numbers in the footer.
 *
 * Sheet 2 “党费收缴情况公示”: 姓名, 全年应缴, 全年实缴, 是否交清, the 公示 period line, the
 * branch's name and the date (collection is published to members once a year).
 */
import ExcelJS from 'exceljs';
import type { DuesMemberRow, DuesYear } from '../../../shared/methods/dues.js';
import { chineseDate } from '../../../shared/dates.js';
import { BAND_EDGE_NOTE, DUES_SOURCE, ROUNDING_NOTE, isPercentCategory, monthRanges, toFen, toYuan } from '../../../shared/rules/dues.js';
import { a4PageSetup, BOX, CENTER, columnLetter as letter, FONT, HEADER_FILL, PAGE_FOOTER, workbookBytes } from '../export/xlsx/style.js';
export const LEDGER_SHEET = '党费收缴台账';
export const NOTICE_SHEET = '党费收缴情况公示';

/** Column numbers of the ledger sheet (1-based). */
export const COL = {
  seq: 1,
  name: 2,
  base: 3,
  rate: 4,
  monthly: 5,
  /** 实缴 of month m (1–12); its 日期 is the next column. */
  paid: (m: number) => 6 + (m - 1) * 2,
  date: (m: number) => 7 + (m - 1) * 2,
  dueTotal: 30,
  paidTotal: 31,
  notes: 32,
  sign: 33,
} as const;
export const HEADER_ROWS = [3, 4] as const;
export const FIRST_DATA_ROW = 5;

const MONEY = '0.00';

/** An ISO date as an Excel date (midnight UTC, which exceljs writes as the serial day). */
const excelDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The 备注 of a member's row: category, admission month, leaving, late back payments, adjustments. */
export function notesOf(m: DuesMemberRow, year: number): string {
  const parts: string[] = [];
  if (m.category !== '在职') parts.push(m.category);
  if (m.joinDate.startsWith(String(year)) && m.dueMonths[0]) parts.push(`${m.dueMonths[0]}月接收为预备党员，自当月起交纳`);
  if (m.removed) parts.push('已移出名册');
  const late = m.cells.filter((c) => c.late > 0).map((c) => c.month);
  if (late.length) parts.push(`${monthRanges(late)}补交超过6个月`);
  if (m.notes) parts.push(m.notes);
  return parts.join('；');
}

/** 已交清 / 欠交… / 少交… as the 公示 says it. */
export function settledText(m: DuesMemberRow, d: DuesYear): string {
  if (m.owedMonths.length) return `欠交${m.owedMonths.length}个月（${monthRanges(m.owedMonths)}）`;
  const dueSoFar = m.dueMonths.filter((x) => m.cells[x - 1]!.state !== 'notYet');
  const short = toFen(m.monthly) * dueSoFar.length - toFen(m.paidTotal);
  if (short > 0) return `少交${toYuan(short).toFixed(2)}元`;
  const yearOver = d.asOf >= `${d.year}-12-31` || m.dueMonths.every((x) => m.cells[x - 1]!.state !== 'notYet');
  return yearOver || dueSoFar.length === 0 ? '已交清' : `截至${dueSoFar.at(-1)}月已交清`;
}

function ledgerSheet(wb: ExcelJS.Workbook, d: DuesYear, branch: { name: string; parentOrg: string }, printedOn: string) {
  const ws = wb.addWorksheet(LEDGER_SHEET, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: HEADER_ROWS[1], topLeftCell: `C${FIRST_DATA_ROW}`, activeCell: `C${FIRST_DATA_ROW}` }],
    pageSetup: a4PageSetup('landscape', `${HEADER_ROWS[0]}:${HEADER_ROWS[1]}`),
    headerFooter: { oddFooter: `&L${branch.name} ${d.year}年党费收缴台账${PAGE_FOOTER}&R制表：${chineseDate(printedOn)}` },
  });
  const last = COL.sign;

  // Widths: names and notes wide enough to read, the 24 month columns narrow.
  // (Never exactly 9: exceljs takes 9 for its default and leaves the column out.)
  const widths: Record<number, number> = { [COL.seq]: 4.5, [COL.name]: 8, [COL.base]: 8.5, [COL.rate]: 7.5, [COL.monthly]: 7.5, [COL.dueTotal]: 8.5, [COL.paidTotal]: 8.5, [COL.notes]: 16, [COL.sign]: 8 };
  for (let m = 1; m <= 12; m++) {
    widths[COL.paid(m)] = 6;
    widths[COL.date(m)] = 5;
  }
  for (const [c, w] of Object.entries(widths)) ws.getColumn(Number(c)).width = w;

  // Title and the line under it.
  ws.mergeCells(1, 1, 1, last);
  const title = ws.getCell(1, 1);
  title.value = `${branch.name} ${d.year}年党费收缴台账`;
  title.font = { name: '黑体', size: 18, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 34;
  ws.mergeCells(2, 1, 2, 16);
  ws.getCell(2, 1).value = `上级党委：${branch.parentOrg}`;
  ws.mergeCells(2, 17, 2, last);
  ws.getCell(2, 17).value = `金额单位：元（四舍五入到分）    制表日期：${chineseDate(printedOn)}`;
  ws.getCell(2, 17).alignment = { horizontal: 'right' };
  ws.getRow(2).font = { name: FONT, size: 10 };
  ws.getRow(2).height = 20;

  // Two header rows: the month over 实缴 and 日期, everything else merged down.
  const [h1, h2] = HEADER_ROWS;
  const down = (col: number, text: string) => {
    ws.mergeCells(h1, col, h2, col);
    ws.getCell(h1, col).value = text;
  };
  down(COL.seq, '序号');
  down(COL.name, '姓名');
  down(COL.base, '月工资收入(税后)');
  down(COL.rate, '交纳比例');
  down(COL.monthly, '月应缴');
  for (let m = 1; m <= 12; m++) {
    ws.mergeCells(h1, COL.paid(m), h1, COL.date(m));
    ws.getCell(h1, COL.paid(m)).value = `${m}月`;
    ws.getCell(h2, COL.paid(m)).value = '实缴';
    ws.getCell(h2, COL.date(m)).value = '日期';
  }
  down(COL.dueTotal, '全年应缴');
  down(COL.paidTotal, '全年实缴');
  down(COL.notes, '备注');
  down(COL.sign, '本人签字');
  for (const r of HEADER_ROWS) {
    const row = ws.getRow(r);
    row.height = r === h1 ? 22 : 18;
    for (let c = 1; c <= last; c++) {
      const cell = row.getCell(c);
      cell.font = { name: FONT, size: 10, bold: true };
      cell.alignment = CENTER;
      cell.border = BOX;
      cell.fill = HEADER_FILL;
    }
  }

  // One row per member.
  d.members.forEach((m, i) => {
    const r = FIRST_DATA_ROW + i;
    const row = ws.getRow(r);
    row.height = 24;
    row.getCell(COL.seq).value = i + 1;
    row.getCell(COL.name).value = m.name;
    row.getCell(COL.base).value = isPercentCategory(m.category) ? m.base : '—';
    row.getCell(COL.rate).value = m.rateLabel;
    row.getCell(COL.monthly).value = m.monthly;
    for (const c of m.cells) {
      const paid = row.getCell(COL.paid(c.month));
      const date = row.getCell(COL.date(c.month));
      if (c.state === 'paid') {
        paid.value = c.amount;
        date.value = excelDate(c.paidDate);
        date.numFmt = c.paidDate.startsWith(String(d.year)) ? 'm.d' : 'yyyy.m.d';
      } else if (c.state === 'none') {
        paid.value = '—';
      }
    }
    row.getCell(COL.dueTotal).value = m.dueTotal;
    const paidRefs = Array.from({ length: 12 }, (_, k) => `${letter(COL.paid(k + 1))}${r}`).join(',');
    row.getCell(COL.paidTotal).value = { formula: `SUM(${paidRefs})`, result: m.paidTotal };
    row.getCell(COL.notes).value = notesOf(m, d.year);
    for (let c = 1; c <= last; c++) {
      const cell = row.getCell(c);
      cell.font = { name: FONT, size: 10 };
      cell.border = BOX;
      cell.alignment = c === COL.notes ? { vertical: 'middle', wrapText: true } : CENTER;
    }
  });

  // 合计
  const first = FIRST_DATA_ROW;
  const lastData = FIRST_DATA_ROW + d.members.length - 1;
  const totalRow = lastData + 1;
  const total = ws.getRow(totalRow);
  total.height = 24;
  ws.mergeCells(totalRow, COL.seq, totalRow, COL.rate);
  total.getCell(COL.seq).value = '合计';
  const colSum = (col: number, result: number) => ({
    formula: d.members.length ? `SUM(${letter(col)}${first}:${letter(col)}${lastData})` : '0',
    result,
  });
  total.getCell(COL.monthly).value = colSum(COL.monthly, toYuan(d.members.reduce((s, m) => s + toFen(m.monthly), 0)));
  for (const t of d.monthTotals) total.getCell(COL.paid(t.month)).value = colSum(COL.paid(t.month), t.paid);
  total.getCell(COL.dueTotal).value = colSum(COL.dueTotal, d.dueTotal);
  total.getCell(COL.paidTotal).value = colSum(COL.paidTotal, d.paidTotal);
  for (let c = 1; c <= last; c++) {
    const cell = total.getCell(c);
    cell.font = { name: FONT, size: 10, bold: true };
    cell.border = BOX;
    cell.alignment = CENTER;
  }

  // Money formats on the money columns.
  for (let r = first; r <= totalRow; r++) {
    for (const c of [COL.base, COL.monthly, COL.dueTotal, COL.paidTotal, ...Array.from({ length: 12 }, (_, k) => COL.paid(k + 1))]) {
      const cell = ws.getCell(r, c);
      if (typeof cell.value === 'number' || (cell.value && typeof cell.value === 'object' && 'formula' in cell.value)) cell.numFmt = MONEY;
    }
  }

  // The basis of the figures, under the table.
  const noteRow = totalRow + 1;
  ws.mergeCells(noteRow, 1, noteRow, last);
  const note = ws.getCell(noteRow, 1);
  note.value = `说明：依据${DUES_SOURCE}。在职党员按月工资收入（税后）中相对固定的部分计算：3000元以下（含3000元）0.5%，3000元以上至5000元（含5000元）1%，5000元以上至10000元（含10000元）1.5%，10000元以上2%；离退休党员5000元以下（含5000元）0.5%，5000元以上1%；学生、下岗失业、低保党员每月0.2元，农民党员每月0.2元至1元。${BAND_EDGE_NOTE}${ROUNDING_NOTE}月应缴于年初确定，全年不变。`;
  note.font = { name: FONT, size: 9 };
  note.alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(noteRow).height = 42;
  const signRow = noteRow + 1;
  ws.mergeCells(signRow, 1, signRow, last);
  ws.getCell(signRow, 1).value = '支部书记（签字）：                    组织委员（签字）：                    收缴人（签字）：';
  ws.getCell(signRow, 1).font = { name: FONT, size: 10 };
  ws.getRow(signRow).height = 26;

  ws.pageSetup.printArea = `A1:${letter(last)}${signRow}`;
  return ws;
}

function noticeSheet(wb: ExcelJS.Workbook, d: DuesYear, branch: { name: string }, printedOn: string) {
  const ws = wb.addWorksheet(NOTICE_SHEET, {
    views: [{ state: 'frozen', ySplit: 3, topLeftCell: 'A4', activeCell: 'A4' }],
    pageSetup: a4PageSetup('portrait', '3:3', { left: 0.7, right: 0.7, top: 0.8, bottom: 0.8, header: 0.3, footer: 0.3 }),
    headerFooter: { oddFooter: PAGE_FOOTER },
  });
  const cols = [
    { header: '序号', width: 7 },
    { header: '姓名', width: 14 },
    { header: '全年应缴', width: 14 },
    { header: '全年实缴', width: 14 },
    { header: '是否交清', width: 34 },
  ];
  cols.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  const last = cols.length;
  ws.mergeCells(1, 1, 1, last);
  ws.getCell(1, 1).value = `${branch.name} ${d.year}年党费收缴情况公示`;
  ws.getCell(1, 1).font = { name: '黑体', size: 16, bold: true };
  ws.getCell(1, 1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.getRow(1).height = 40;
  ws.mergeCells(2, 1, 2, last);
  ws.getCell(2, 1).value = '金额单位：元';
  ws.getCell(2, 1).alignment = { horizontal: 'right' };
  ws.getCell(2, 1).font = { name: FONT, size: 10 };
  const header = ws.getRow(3);
  cols.forEach((c, i) => (header.getCell(i + 1).value = c.header));
  header.height = 22;
  d.members.forEach((m, i) => {
    const row = ws.getRow(4 + i);
    row.values = [i + 1, m.name, m.dueTotal, m.paidTotal, settledText(m, d)];
    row.height = 20;
  });
  const totalRow = 4 + d.members.length;
  ws.getRow(totalRow).values = ['合计', '', d.dueTotal, d.paidTotal, ''];
  ws.mergeCells(totalRow, 1, totalRow, 2);
  ws.getRow(totalRow).height = 20;
  for (let r = 3; r <= totalRow; r++) {
    for (let c = 1; c <= last; c++) {
      const cell = ws.getCell(r, c);
      cell.border = BOX;
      cell.alignment = CENTER;
      cell.font = { name: FONT, size: 11, bold: r === 3 || r === totalRow };
      if ((c === 3 || c === 4) && r > 3) cell.numFmt = MONEY;
    }
  }
  const lines = [
    `公示期：　　　　年　　月　　日至　　　　年　　月　　日。公示期间如有疑问，请向支部组织委员反映。`,
    `依据${DUES_SOURCE}，支部每年向党员公布一次党费收缴情况。`,
  ];
  lines.forEach((text, i) => {
    const r = totalRow + 2 + i;
    ws.mergeCells(r, 1, r, last);
    ws.getCell(r, 1).value = text;
    ws.getCell(r, 1).font = { name: FONT, size: 11 };
    ws.getCell(r, 1).alignment = { wrapText: true, vertical: 'middle' };
    ws.getRow(r).height = 32;
  });
  const signAt = totalRow + 2 + lines.length + 1;
  for (const [i, text] of [branch.name, chineseDate(printedOn)].entries()) {
    const r = signAt + i;
    ws.mergeCells(r, 1, r, last);
    ws.getCell(r, 1).value = text;
    ws.getCell(r, 1).font = { name: FONT, size: 12 };
    ws.getCell(r, 1).alignment = { horizontal: 'right' };
    ws.getRow(r).height = 22;
  }
  ws.pageSetup.printArea = `A1:${letter(last)}${signAt + 1}`;
  return ws;
}

/** The workbook as bytes. */
export async function duesWorkbook(d: DuesYear, branch: { name: string; parentOrg: string }, printedOn: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '支部四本一档';
  wb.title = `${d.year}年党费收缴台账`;
  const created = new Date(`${printedOn}T00:00:00Z`);
  wb.created = created;
  wb.modified = created;
  ledgerSheet(wb, d, branch, printedOn);
  noticeSheet(wb, d, branch, printedOn);
  return workbookBytes(wb);
}
