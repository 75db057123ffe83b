/** dues.exportXlsx: the 党费收缴台账 workbook read back with exceljs, and rendered by LibreOffice where installed. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { COL, FIRST_DATA_ROW, LEDGER_SHEET, NOTICE_SHEET } from '../../electron/core/dues/xlsx.js';
import { call, useCore } from '../fixtures/core.js';
import { BRANCH_NAME, PARENT_ORG, seedBranch } from '../fixtures/seed.js';
import { useTempDir } from '../fixtures/tmp.js';

const SOFFICE = '/usr/bin/soffice';
/** LibreOffice opens .xlsx only with Calc (libreoffice-calc-nogui), which writer-nogui alone lacks. */
const CALC = '/usr/lib/libreoffice/program/libscfiltlo.so';
const canRender = fs.existsSync(SOFFICE) && fs.existsSync(CALC) && fs.existsSync('/usr/bin/pdftotext') && fs.existsSync('/usr/bin/pdfinfo');
const Y = 2025;

/** A cell's value, or a formula's cached result. */
function valueOf(cell: ExcelJS.Cell): unknown {
  const v = cell.value;
  if (v && typeof v === 'object' && 'formula' in v) return (v as ExcelJS.CellFormulaValue).result;
  return v;
}
const isoOf = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : v);

describe('dues.exportXlsx', () => {
  const h = useCore();
  const tempDir = useTempDir('xlsx');

  /** 王书记 (3000 → 15.00) paid Q1 on 3-28 and April; 周正式 (6000 → 90.00) paid January; 吴预备 (学生) nothing. */
  async function ledger() {
    const s = await seedBranch(h.core);
    await call(h.core, 'dues.setupYear', {
      year: Y,
      entries: [
        { personId: s.committee.王书记.id, category: '在职', base: 3000, amount: null },
        { personId: s.people.member1.id, category: '在职', base: 6000, amount: null },
        { personId: s.people.probationer1.id, category: '学生', base: 0, amount: null },
      ],
    });
    const pay = (personId: number, months: number[], amount: number, paidDate: string) =>
      call(h.core, 'dues.pay', { year: Y, personId, months, amount, paidDate, collector: '赵组织' });
    await pay(s.committee.王书记.id, [1, 2, 3], 45, '2025-03-28');
    await pay(s.committee.王书记.id, [4], 15, '2025-04-30');
    await pay(s.people.member1.id, [1], 90, '2025-01-20');
    await pay(s.people.member1.id, [12], 90, '2026-01-08'); // paid in the next year
    const file = await call(h.core, 'dues.exportXlsx', { year: Y });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    return { s, file, wb };
  }

  it('writes the ledger sheet: merged title, two-row month header, the members, the totals', async () => {
    const { file, wb } = await ledger();
    expect(file.fileName).toBe(`${BRANCH_NAME}_2025年党费收缴台账.xlsx`);
    expect(file.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(wb.worksheets.map((w) => w.name)).toEqual([LEDGER_SHEET, NOTICE_SHEET]);
    const ws = wb.getWorksheet(LEDGER_SHEET)!;
    const merges = ws.model.merges;

    expect(ws.getCell('A1').value).toBe(`${BRANCH_NAME} 2025年党费收缴台账`);
    expect(merges).toContain('A1:AG1');
    expect(ws.getCell('A2').value).toBe(`上级党委：${PARENT_ORG}`);
    expect(String(ws.getCell('Q2').value)).toContain('金额单位：元（四舍五入到分）');

    // Header: 序号…月应缴 merged over two rows; each month over 实缴 and 日期.
    const row3 = (c: number) => ws.getCell(3, c).value;
    expect([1, 2, 3, 4, 5].map(row3)).toEqual(['序号', '姓名', '月工资收入(税后)', '交纳比例', '月应缴']);
    for (const m of ['A3:A4', 'B3:B4', 'C3:C4', 'E3:E4', 'AD3:AD4', 'AE3:AE4', 'AF3:AF4', 'AG3:AG4']) expect(merges).toContain(m);
    for (let m = 1; m <= 12; m++) {
      expect(ws.getCell(3, COL.paid(m)).value).toBe(`${m}月`);
      expect(ws.getCell(4, COL.paid(m)).value).toBe('实缴');
      expect(ws.getCell(4, COL.date(m)).value).toBe('日期');
    }
    expect(merges).toContain('F3:G3'); // 1月
    expect(merges).toContain('AB3:AC3'); // 12月
    expect([COL.dueTotal, COL.paidTotal, COL.notes, COL.sign].map(row3)).toEqual(['全年应缴', '全年实缴', '备注', '本人签字']);

    // 王书记: 3000 at 0.5%, 15.00 a month; Q1 on 3-28, April on 4-30.
    const r = FIRST_DATA_ROW;
    expect([1, 2, 3, 4, 5].map((c) => ws.getCell(r, c).value)).toEqual([1, '王书记', 3000, '0.5%', 15]);
    expect([1, 2, 3, 4].map((m) => ws.getCell(r, COL.paid(m)).value)).toEqual([15, 15, 15, 15]);
    expect([1, 2, 3, 4].map((m) => isoOf(ws.getCell(r, COL.date(m)).value))).toEqual(['2025-03-28', '2025-03-28', '2025-03-28', '2025-04-30']);
    expect(ws.getCell(r, COL.date(1)).numFmt).toBe('m.d');
    expect(ws.getCell(r, COL.paid(5)).value).toBeNull();
    expect(ws.getCell(r, COL.dueTotal).value).toBe(180);
    expect(valueOf(ws.getCell(r, COL.paidTotal))).toBe(60);
    expect((ws.getCell(r, COL.paidTotal).value as ExcelJS.CellFormulaValue).formula).toBe('SUM(F5,H5,J5,L5,N5,P5,R5,T5,V5,X5,Z5,AB5)');
    expect(ws.getCell(r, COL.monthly).numFmt).toBe('0.00');

    // 周正式: December paid in January of the next year, dated with its year.
    expect([2, 3, 4, 5].map((c) => ws.getCell(r + 1, c).value)).toEqual(['周正式', 6000, '1.5%', 90]);
    expect(isoOf(ws.getCell(r + 1, COL.date(12)).value)).toBe('2026-01-08');
    expect(ws.getCell(r + 1, COL.date(12)).numFmt).toBe('yyyy.m.d');
    // 吴预备: 学生, a fixed amount, no base.
    expect([2, 3, 4, 5].map((c) => ws.getCell(r + 2, c).value)).toEqual(['吴预备', '—', '定额0.2元', 0.2]);
    expect(ws.getCell(r + 2, COL.notes).value).toBe('学生');

    // 合计
    const t = r + 3;
    expect(ws.getCell(t, 1).value).toBe('合计');
    expect(merges).toContain(`A${t}:D${t}`);
    expect(valueOf(ws.getCell(t, COL.monthly))).toBe(105.2);
    expect(valueOf(ws.getCell(t, COL.paid(1)))).toBe(105);
    expect(valueOf(ws.getCell(t, COL.paid(2)))).toBe(15);
    expect(valueOf(ws.getCell(t, COL.paid(12)))).toBe(90);
    expect(valueOf(ws.getCell(t, COL.dueTotal))).toBe(1262.4);
    expect(valueOf(ws.getCell(t, COL.paidTotal))).toBe(240);
    expect((ws.getCell(t, COL.paidTotal).value as ExcelJS.CellFormulaValue).formula).toBe('SUM(AE5:AE7)');
    expect(String(ws.getCell(t + 1, 1).value)).toContain('恰好等于分档线（3000、5000、10000元）的按较低一档交纳');
    expect(String(ws.getCell(t + 2, 1).value)).toContain('支部书记（签字）');
  });

  it('freezes the header and names, sets widths, and prints A4 landscape with the header repeated', async () => {
    const { wb } = await ledger();
    const ws = wb.getWorksheet(LEDGER_SHEET)!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 4 });
    expect(ws.getColumn(COL.name).width).toBe(8);
    expect(ws.getColumn(COL.dueTotal).width).toBe(8.5);
    expect(ws.getColumn(COL.paid(1)).width).toBe(6);
    expect(ws.getColumn(COL.date(1)).width).toBe(5);
    expect(ws.getColumn(COL.notes).width).toBe(16);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:4' });
    expect(ws.headerFooter.oddFooter).toContain('第 &P 页，共 &N 页');
  });

  it('writes the 公示 sheet: 应缴, 实缴, 是否交清, the period line, the branch and the date', async () => {
    const { wb } = await ledger();
    const ws = wb.getWorksheet(NOTICE_SHEET)!;
    expect(ws.getCell('A1').value).toBe(`${BRANCH_NAME} 2025年党费收缴情况公示`);
    expect(ws.model.merges).toContain('A1:E1');
    expect([1, 2, 3, 4, 5].map((c) => ws.getCell(3, c).value)).toEqual(['序号', '姓名', '全年应缴', '全年实缴', '是否交清']);
    const rowValues = (r: number) => [1, 2, 3, 4, 5].map((c) => valueOf(ws.getCell(r, c)));
    expect(rowValues(4)).toEqual([1, '王书记', 180, 60, '欠交8个月（5—12月）']);
    expect(rowValues(5)).toEqual([2, '周正式', 1080, 180, '欠交10个月（2—11月）']);
    expect(rowValues(6)[4]).toBe('欠交12个月（1—12月）');
    expect(rowValues(7).slice(0, 4)).toEqual(['合计', '合计', 1262.4, 240]);
    const texts = Array.from({ length: 8 }, (_, i) => String(ws.getCell(9 + i, 1).value ?? ''));
    expect(texts.some((t) => t.startsWith('公示期：'))).toBe(true);
    expect(texts).toContain(BRANCH_NAME);
    expect(texts.some((t) => /^\d{4}年\d{1,2}月\d{1,2}日$/.test(t))).toBe(true);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait' });
  });

  it('says 已交清 when every due month is paid', async () => {
    const s = await seedBranch(h.core);
    const id = s.committee.王书记.id;
    await call(h.core, 'dues.setupYear', { year: Y, entries: [{ personId: id, category: '离退休', base: 5000, amount: null }] });
    await call(h.core, 'dues.pay', { year: Y, personId: id, months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], amount: 300, paidDate: '2025-12-20', collector: '' });
    const file = await call(h.core, 'dues.exportXlsx', { year: Y });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.getWorksheet(NOTICE_SHEET)!.getCell('E4').value).toBe('已交清');
    const ws = wb.getWorksheet(LEDGER_SHEET)!;
    expect([3, 4, 5].map((c) => ws.getCell(5, c).value)).toEqual([5000, '0.5%', 25]);
    // Paid all at once in December: January to May were more than 6 months late.
    expect(ws.getCell(5, COL.notes).value).toBe('离退休；1—5月补交超过6个月');
  });

  it('writes the print titles as a defined name in the package', async () => {
    const { file } = await ledger();
    const parts = unzipSync(new Uint8Array(Buffer.from(file.base64, 'base64')));
    const workbookXml = strFromU8(parts['xl/workbook.xml']!);
    expect(workbookXml).toContain('_xlnm.Print_Titles');
    expect(workbookXml).toContain('&apos;党费收缴台账&apos;!$3:$4');
    const sheetXml = strFromU8(parts['xl/worksheets/sheet1.xml']!);
    expect(sheetXml).toMatch(/<pageSetup[^>]*orientation="landscape"/);
    expect(sheetXml).toMatch(/<pane[^>]*state="frozen"/);
  });

  const pdfTitle = canRender
    ? 'renders to an A4 landscape PDF with LibreOffice'
    : `renders to PDF with LibreOffice — skipped: ${SOFFICE} with Calc (${CALC}), pdftotext or pdfinfo is not installed`;
  it.skipIf(!canRender)(pdfTitle, { timeout: 180_000 }, async () => {
    const { file } = await ledger();
    const dir = tempDir();
    const xlsxPath = path.join(dir, 'ledger.xlsx');
    fs.writeFileSync(xlsxPath, Buffer.from(file.base64, 'base64'));
    const soffice = spawnSync(
      SOFFICE,
      [`-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, xlsxPath],
      { env: { ...process.env, HOME: dir }, encoding: 'utf8', timeout: 150_000 },
    );
    const pdfPath = path.join(dir, 'ledger.pdf');
    expect(fs.existsSync(pdfPath), `soffice failed: ${soffice.stdout} ${soffice.stderr}`).toBe(true);
    expect(soffice.stderr).not.toMatch(/error/i);

    const text = spawnSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
    expect(text).toContain('2025年党费收缴台账');
    expect(text).toContain('王书记');
    expect(text).toContain('全年应缴');
    expect(text).toContain('2025年党费收缴情况公示');

    const info = spawnSync('pdfinfo', [pdfPath], { encoding: 'utf8' }).stdout;
    const pages = Number(info.match(/^Pages:\s+(\d+)/m)?.[1]);
    expect(pages).toBe(2); // the ledger on one landscape page, the 公示 on one portrait page
    const size = info.match(/^Page size:\s+([\d.]+) x ([\d.]+) pts/m);
    expect(size, info).not.toBeNull();
    // The first page is the ledger: A4 landscape.
    expect(Math.round(Number(size![1]))).toBe(842);
    expect(Math.round(Number(size![2]))).toBe(595);
  });
});
