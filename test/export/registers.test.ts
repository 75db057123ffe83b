/**
 * The registers workbook (registers.exportXlsx / registersWorkbook) read back
 * with exceljs, and its sheet XML unzipped: sheet order, merged title, frozen
 * header, filter, widths, A4 page setup, repeated header row, footer, text cells.
 */
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { FIRST_DATA_ROW, HEADER_ROW, registersWorkbook } from '../../electron/core/registers/xlsx.js';
import type { Register } from '../../shared/archive/model.js';
import { call, useCore } from '../fixtures/core.js';
import { idNumber } from '../fixtures/roster.js';
import { BRANCH_NAME, createMeeting, PARENT_ORG, seedBranch, toInput } from '../fixtures/seed.js';

const META = { branchName: '中共某某单位第一支部委员会', parentOrg: '中共某某单位委员会', year: 2024, printedOn: '2025-01-06' };
const ID = idNumber('110105', '19850315', '028');

/** Two small registers: a wide one (landscape) and a narrow one (portrait). */
const REGISTERS: Register[] = [
  {
    key: 'meetings',
    title: '会议台账',
    columns: [
      { header: '序号', width: 5 },
      { header: '会议类型', width: 18 },
      { header: '第N次', width: 7 },
      { header: '日期', width: 14 },
      { header: '应到', width: 6 },
      { header: '实到', width: 6 },
      { header: '缺席人员及原因', width: 24 },
      { header: '议题', width: 40 },
    ],
    rows: [
      ['1', '支部党员大会', '第1次', '2024年3月5日', '9', '7', '周正式（出差）、陈正式（病假）', '1. 学习党章\n2. 讨论发展党员'],
      ['2', '支部委员会', '第1次', '2024年2月1日', '5', '5', '', '研究发展党员'],
    ],
    landscape: true,
  },
  {
    key: 'transfers',
    title: '组织关系转接',
    columns: [
      { header: '序号', width: 5 },
      { header: '姓名', width: 9 },
      { header: '身份证号', width: 20 },
      { header: '介绍信编号', width: 11 },
    ],
    rows: [['1', '王芳', ID, '0012']],
    landscape: false,
  },
];

async function load(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as Parameters<typeof wb.xlsx.load>[0]);
  return wb;
}

/** The XML of the n-th sheet (1-based) and the workbook part. */
function xml(buf: Buffer) {
  const files = unzipSync(new Uint8Array(buf));
  return {
    sheet: (n: number) => strFromU8(files[`xl/worksheets/sheet${n}.xml`]!),
    workbook: strFromU8(files['xl/workbook.xml']!),
  };
}

describe('registersWorkbook', () => {
  it('writes one sheet per register, in order, with the merged title, header, rows and widths', async () => {
    const buf = await registersWorkbook(REGISTERS, META);
    const wb = await load(buf);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['会议台账', '组织关系转接']);

    const ws = wb.getWorksheet('会议台账')!;
    expect(ws.getCell('A1').value).toBe('中共某某单位第一支部委员会2024年会议台账');
    expect(ws.getCell('A1').isMerged).toBe(true);
    expect(ws.getCell('H1').master.address).toBe('A1');
    expect(xml(buf).sheet(1)).toContain('<mergeCell ref="A1:H1"/>');
    expect(ws.getCell('A2').value).toBe(`上级党委：${META.parentOrg}`);
    expect(ws.getCell('E2').value).toBe('制表日期：2025年1月6日');

    const header = ws.getRow(HEADER_ROW).values as unknown[];
    expect(header.slice(1)).toEqual(REGISTERS[0]!.columns.map((c) => c.header));
    for (let c = 1; c <= 8; c++) {
      expect(ws.getCell(HEADER_ROW, c).font?.bold).toBe(true);
      expect(ws.getCell(HEADER_ROW, c).border?.bottom?.style).toBe('thin');
    }
    expect(REGISTERS[0]!.columns.map((_, i) => ws.getColumn(i + 1).width)).toEqual([5, 18, 7, 14, 6, 6, 24, 40]);

    const first = ws.getRow(FIRST_DATA_ROW);
    expect((first.values as unknown[]).slice(1)).toEqual(REGISTERS[0]!.rows[0]);
    expect(ws.getRow(FIRST_DATA_ROW + 1).getCell(7).value).toBe('');
    for (let c = 1; c <= 8; c++) {
      const cell = first.getCell(c);
      expect(typeof cell.value).toBe('string');
      expect(cell.numFmt).toBe('@');
      expect(cell.alignment?.wrapText).toBe(true);
      expect(cell.border?.left?.style).toBe('thin');
    }
    // Two lines of 议题 get a taller row.
    expect(first.height).toBeGreaterThan(ws.getRow(FIRST_DATA_ROW + 1).height);
    expect(ws.rowCount).toBe(FIRST_DATA_ROW + 1);
  });

  it('freezes the header, filters it, and sets up A4 with the header repeated and page numbers in the footer', async () => {
    const buf = await registersWorkbook(REGISTERS, META);
    const wb = await load(buf);
    const [wide, narrow] = wb.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];

    for (const ws of [wide, narrow]) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW });
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(ws.pageSetup.margins).toMatchObject({ left: 0.4, right: 0.4, top: 0.6, bottom: 0.7 });
      expect(ws.headerFooter.oddFooter).toContain('&C第 &P 页，共 &N 页');
      expect(ws.headerFooter.oddFooter).toContain('&R制表：2025年1月6日');
    }
    expect(wide.pageSetup.orientation).toBe('landscape');
    expect(narrow.pageSetup.orientation).toBe('portrait');
    expect(wide.headerFooter.oddFooter).toBe('&L中共某某单位第一支部委员会2024年会议台账&C第 &P 页，共 &N 页&R制表：2025年1月6日');

    const x = xml(buf);
    expect(x.sheet(1)).toContain('<autoFilter ref="A3:H5"/>');
    expect(x.sheet(2)).toContain('<autoFilter ref="A3:D4"/>');
    expect(x.sheet(1)).toMatch(/<pane [^>]*ySplit="3"[^>]*state="frozen"/);
    expect(x.sheet(1)).toMatch(/<pageSetup [^>]*paperSize="9"[^>]*orientation="landscape"/);
    expect(x.sheet(2)).toMatch(/<pageSetup [^>]*paperSize="9"[^>]*orientation="portrait"/);
    // The header row printed at the top of every page, and the print area.
    expect(x.workbook).toContain('<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;会议台账&apos;!$3:$3</definedName>');
    expect(x.workbook).toContain('<definedName name="_xlnm.Print_Titles" localSheetId="1">&apos;组织关系转接&apos;!$3:$3</definedName>');
    expect(x.workbook).toContain('<definedName name="_xlnm.Print_Area" localSheetId="0">&apos;会议台账&apos;!$A1:$H5</definedName>');
    expect(wide.pageSetup.printTitlesRow).toBe('3:3');
    expect(narrow.pageSetup.printTitlesRow).toBe('3:3');
  });

  it('keeps every cell as text: ID numbers and leading zeros read back exactly as written', async () => {
    const wb = await load(await registersWorkbook(REGISTERS, META));
    const ws = wb.getWorksheet('组织关系转接')!;
    expect(ws.getCell(FIRST_DATA_ROW, 3).value).toBe(ID);
    expect(ws.getCell(FIRST_DATA_ROW, 4).value).toBe('0012');
    expect(ws.getCell(FIRST_DATA_ROW, 1).value).toBe('1');
    // A width of exactly 9 (exceljs's default, which it would leave out) is kept.
    expect(ws.getColumn(2).width).toBeCloseTo(9, 1);
  });

  it('writes an empty register as its title and header, still filtered and printable', async () => {
    const empty: Register = { ...REGISTERS[1]!, rows: [] };
    const buf = await registersWorkbook([empty], META);
    const ws = (await load(buf)).worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('中共某某单位第一支部委员会2024年组织关系转接');
    expect((ws.getRow(HEADER_ROW).values as unknown[]).slice(1)).toEqual(['序号', '姓名', '身份证号', '介绍信编号']);
    expect(xml(buf).sheet(1)).toContain('<autoFilter ref="A3:D3"/>');
  });
});

describe('registers.exportXlsx', () => {
  const h = useCore();

  it('exports the nine registers of the year from the database, 身份证号 masked unless asked', async () => {
    const s = await seedBranch(h.core);
    const wangId = idNumber('110105', '19750412', '013');
    const w = s.committee.王书记;
    await call(h.core, 'people.update', { ...toInput(w), id: w.id, birthDate: '1975-04-12', idNumber: wangId });
    await createMeeting(h.core, { date: '2026-03-05' });
    const year = 2026;

    const masked = await call(h.core, 'registers.exportXlsx', { year, fullIds: false });
    expect(masked.fileName).toBe(`${BRANCH_NAME}_${year}年台账.xlsx`);
    expect(masked.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = await load(Buffer.from(masked.base64, 'base64'));
    expect(wb.worksheets.map((x) => x.name)).toEqual(['党员花名册', '职工基本情况', '困难职工', '会议台账', '谈心家访台账', '党费收缴台账', '发展党员进度', '组织关系转接', '问题整改台账']);
    for (const ws of wb.worksheets) {
      expect(String(ws.getCell('A1').value)).toBe(`${BRANCH_NAME}${year}年${ws.name}`);
      expect(ws.getCell('A2').value).toBe(`上级党委：${PARENT_ORG}`);
      expect(ws.getCell(HEADER_ROW, 1).value).toBe('序号');
      expect(ws.pageSetup.paperSize).toBe(9);
    }
    const members = wb.getWorksheet('党员花名册')!;
    const idCol = (members.getRow(HEADER_ROW).values as unknown[]).indexOf('身份证号');
    const wangRow = [...Array(members.rowCount).keys()].map((i) => members.getRow(i + 1)).find((r) => r.getCell(2).value === '王书记')!;
    expect(wangRow.getCell(idCol).value).toBe(`${wangId.slice(0, 6)}********${wangId.slice(-4)}`);
    const meetings = wb.getWorksheet('会议台账')!;
    expect(meetings.getRow(FIRST_DATA_ROW).getCell(2).value).toBe('支部党员大会');
    expect(meetings.getRow(FIRST_DATA_ROW).getCell(3).value).toBe('第1次');

    const full = await call(h.core, 'registers.exportXlsx', { year, fullIds: true });
    expect(full.fileName).toBe(`${BRANCH_NAME}_${year}年台账_完整身份证号.xlsx`);
    const fullMembers = (await load(Buffer.from(full.base64, 'base64'))).getWorksheet('党员花名册')!;
    const fullRow = [...Array(fullMembers.rowCount).keys()].map((i) => fullMembers.getRow(i + 1)).find((r) => r.getCell(2).value === '王书记')!;
    expect(fullRow.getCell(idCol).value).toBe(wangId);
  });
});
