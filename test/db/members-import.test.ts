/** The 党员花名册 to and from Excel, through core.dispatch: a messy roster built here with exceljs. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDispatch } from '../../electron/core/dispatch.js';
import { WorkbookRefused } from '../../electron/core/errors.js';
import { workbookReader } from '../../electron/core/members/reader.js';
import { EXPORT_HEADERS } from '../../electron/core/members/service.js';
import type { Cell } from '../../electron/core/members/import.js';
import { plainCell, readWorkbook } from '../../electron/core/members/xlsx.js';
import { call, callError, dbDigest, rows, useCore } from '../fixtures/core.js';
import { HOSTILE, makeZip, manyRowsXlsx } from '../fixtures/hostile-xlsx.js';
import { buildImportWorker } from '../fixtures/import-worker.js';
import { IDS, MESSY_EXPECTED, messyRosterBuffer, readXlsx, simpleRosterBuffer } from '../fixtures/roster.js';
import { personInput, seedBranch } from '../fixtures/seed.js';

// Every import here reads its workbook in the bundled worker thread, as the app does.
let worker: Awaited<ReturnType<typeof buildImportWorker>>;
beforeAll(async () => {
  worker = await buildImportWorker();
});
afterAll(() => worker?.remove());

const h = useCore(() => ({ importWorker: worker.script }));
const db = () => h.core.db;
const b64 = (b: Buffer) => b.toString('base64');
const personRow = (name: string) =>
  rows<Record<string, string | number | null>>(db(), 'SELECT * FROM people WHERE name = ? AND removed_at IS NULL', name)[0]!;

/** The guessed mapping of a preview, as importCommit wants it. */
const mappingOf = (columns: { index: number; field: string | null }[]) =>
  Object.fromEntries(columns.filter((c) => c.field).map((c) => [String(c.index), c.field])) as Record<string, never>;

describe('members.importPreview', () => {
  it('finds the header under the merged title, guesses the columns, shows each row with its errors, and writes nothing', async () => {
    await seedBranch(h.core);
    const before = dbDigest(db());
    const p = await call(h.core, 'members.importPreview', { base64: b64(await messyRosterBuffer()) });
    expect(dbDigest(db())).toBe(before);

    expect(p.sheets).toEqual(['花名册', '填表说明']);
    expect(p.sheet).toBe('花名册');
    expect(p.headerRow).toBe(4);
    expect(p.columns.map((c) => [c.header, c.field])).toEqual([
      ['序号', null],
      ['姓名', 'name'],
      ['性别', 'gender'],
      ['民族', 'ethnicity'],
      ['出生年月', 'birthDate'],
      ['公民身份号码', 'idNumber'],
      ['学历', 'education'],
      ['参加工作时间', 'workStartDate'],
      ['入党时间', 'joinDate'],
      ['转正时间', 'fullDate'],
      ['所在党小组', 'group'],
      ['职务', 'position'],
      ['手机', 'phone'],
      ['家庭住址', 'address'],
      ['人员类别', 'politicalStatus'],
      ['外出流向', 'mobileWhere'],
      ['备注', 'notes'],
    ]);
    // blank rows, the repeated header (row 21) and the 制表人 note (row 23) are not rows
    expect(p.rows.map((r) => r.row)).toEqual([5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17, 18, 19]);
    expect(p.total).toBe(13);
    expect(p.valid).toBe(MESSY_EXPECTED.imported.length);
    const ok = p.rows.filter((r) => !r.errors.length).map((r) => r.name);
    expect(ok).toEqual(MESSY_EXPECTED.imported);
    for (const s of MESSY_EXPECTED.skipped) {
      const r = p.rows.find((x) => x.row === s.row)!;
      expect(r.errors.map(String), `row ${s.row}`).toHaveLength(s.reasons.length);
      s.reasons.forEach((re, i) => expect(r.errors[i]).toMatch(re));
    }

    // what would be stored, normalised, the number masked
    const wang = p.rows[0]!;
    expect(wang.values).toMatchObject({
      name: '王芳',
      gender: '女',
      ethnicity: '汉族',
      birthDate: '1985-03-15', // 1985.03 takes its day from the 身份证号
      idNumber: `${IDS.wangFang.slice(0, 6)}********${IDS.wangFang.slice(14)}`,
      workStartDate: '2007-07-01',
      joinDate: '2010-06-01',
      fullDate: '2011-06-01',
      group: '第一党小组',
      phone: '13800000001',
      politicalStatus: '中共党员',
    });
    expect(JSON.stringify(p)).not.toContain(IDS.wangFang);
    expect(p.rows[1]!.values).toMatchObject({
      name: '李强',
      gender: '男',
      birthDate: '1980-01-02',
      workStartDate: '2001-07-01',
      joinDate: '2005-07-01',
      fullDate: '2006-07-01',
      group: '第二党小组',
      mobileWhere: '广东深圳',
    });
  });

  it('reads the sheet and header row it is told, with the mapping it is given', async () => {
    await seedBranch(h.core);
    const base64 = b64(await messyRosterBuffer());
    const first = await call(h.core, 'members.importPreview', { base64 });
    const mapping = { ...mappingOf(first.columns), '11': null }; // leave 所在党小组 out
    const p = await call(h.core, 'members.importPreview', { base64, sheet: '花名册', headerRow: 4, mapping });
    expect(p.columns.find((c) => c.index === 11)?.field).toBeNull();
    expect(p.rows.find((r) => r.row === 11)?.errors).toEqual([]); // 钱进's 第三党小组 no longer matters

    const other = await call(h.core, 'members.importPreview', { base64, sheet: '填表说明' });
    expect(other).toMatchObject({ sheet: '填表说明', headerRow: 0, columns: [], rows: [] });
    expect((await callError(h.core, 'members.importPreview', { base64, sheet: '没有这张表' })).message).toBe('工作表“没有这张表”不存在');
  });

  it('refuses a file that is not an .xlsx workbook', async () => {
    const e = await callError(h.core, 'members.importPreview', { base64: Buffer.from('姓名,性别\n张三,男').toString('base64') });
    expect(e).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'base64' }] });
    expect(e.message).toMatch(/请选择 Excel 工作簿（.xlsx）/);
  });
});

describe('members.importCommit', () => {
  it('imports exactly the valid rows, in one go, and reports the others with their reasons', async () => {
    await seedBranch(h.core);
    const base64 = b64(await messyRosterBuffer());
    const preview = await call(h.core, 'members.importPreview', { base64 });
    const peopleBefore = (await call(h.core, 'people.list')).length;
    const r = await call(h.core, 'members.importCommit', { base64, sheet: preview.sheet, headerRow: preview.headerRow, mapping: mappingOf(preview.columns) });

    expect(r.imported).toBe(MESSY_EXPECTED.imported.length);
    expect(r.skipped.map((s) => [s.row, s.name])).toEqual(MESSY_EXPECTED.skipped.map((s) => [s.row, s.name]));
    for (const s of MESSY_EXPECTED.skipped) {
      const got = r.skipped.find((x) => x.row === s.row)!;
      expect(got.reasons).toHaveLength(s.reasons.length);
      s.reasons.forEach((re, i) => expect(got.reasons[i]).toMatch(re));
    }

    const list = await call(h.core, 'people.list');
    expect(list).toHaveLength(peopleBefore + MESSY_EXPECTED.imported.length);
    expect(list.slice(-4).map((p) => p.name)).toEqual(MESSY_EXPECTED.imported);

    expect(personRow('王芳')).toMatchObject({
      gender: '女',
      ethnicity: '汉族',
      birth_date: '1985-03-15',
      id_number: IDS.wangFang,
      education: '大学本科',
      work_start_date: '2007-07-01',
      join_date: '2010-06-01',
      full_date: '2011-06-01',
      position: '技术员',
      phone: '13800000001',
      address: '北京市朝阳区某某路1号',
      political_status: '中共党员',
      mobile_where: '',
    });
    expect(personRow('李强')).toMatchObject({ id_number: IDS.liQiang, birth_date: '1980-01-02', join_date: '2005-07-01', full_date: '2006-07-01', mobile_where: '广东深圳', phone: '139 0000 0002' });
    expect(personRow('张伟')).toMatchObject({ political_status: '中共预备党员', join_date: '2024-07-01', full_date: '', ethnicity: '回族', notes: '新发展' });
    expect(personRow('郑红')).toMatchObject({ birth_date: '1995-10-08', join_date: '2019-07-01', full_date: '2020-07-01', work_start_date: '2017-07-01' });

    // through the people service: the search index and the status history have them
    const found = await call(h.core, 'search.query', { text: '郑红' });
    expect(found.groups.flatMap((g) => g.hits).some((x) => x.kind === 'person' && x.title === '郑红')).toBe(true);
    const wang = list.find((p) => p.name === '王芳')!;
    expect(await call(h.core, 'members.statusHistory', { id: wang.id })).toMatchObject([
      { status: '中共预备党员', since: '2010-06-01', note: '入党日期（导入）' },
      { status: '中共党员', since: '2011-06-01', note: '转正日期（导入）' },
    ]);

    // importing the same file again adds nobody
    const again = await call(h.core, 'members.importCommit', { base64, sheet: preview.sheet, headerRow: preview.headerRow, mapping: mappingOf(preview.columns) });
    expect(again.imported).toBe(0);
    expect(again.skipped.find((s) => s.row === 5)?.reasons).toEqual(['身份证号与名册中的“王芳”相同']);
    expect(again.skipped.find((s) => s.row === 8)?.reasons).toEqual(['姓名和出生日期与名册中的“张伟”相同，疑为重复登记']);
  });

  it('imports in one transaction: a failure on the last valid row leaves the roster as it was', async () => {
    await seedBranch(h.core);
    const base64 = b64(await messyRosterBuffer());
    const preview = await call(h.core, 'members.importPreview', { base64 });
    db().sqlite.exec("CREATE TRIGGER refuse_zheng BEFORE INSERT ON people WHEN NEW.name = '郑红' BEGIN SELECT RAISE(ABORT, '磁盘写入失败'); END");
    const before = dbDigest(db());
    const log = vi.fn();
    const r = await createDispatch(h.core.handlers, log)('members.importCommit', { base64, sheet: preview.sheet, headerRow: preview.headerRow, mapping: mappingOf(preview.columns) });
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(log).toHaveBeenCalledOnce();
    expect(dbDigest(db())).toBe(before);
    expect(rows(db(), "SELECT name FROM people WHERE name IN ('王芳', '李强', '张伟')")).toEqual([]);
  });

  it('refuses a mapping without 姓名 or with a field twice, and writes nothing', async () => {
    await seedBranch(h.core);
    const base64 = b64(await messyRosterBuffer());
    const before = dbDigest(db());
    const e1 = await callError(h.core, 'members.importCommit', { base64, sheet: '花名册', headerRow: 4, mapping: { '3': 'gender' } });
    expect(e1).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'mapping', message: '请指定“姓名”所在的列' }] });
    const e2 = await callError(h.core, 'members.importCommit', { base64, sheet: '花名册', headerRow: 4, mapping: { '2': 'name', '3': 'gender', '4': 'gender' } });
    expect(e2.message).toContain('“性别”对应了两列（第3列和第4列）');
    const e3 = await callError(h.core, 'members.importCommit', { base64, sheet: '花名册', headerRow: 4, mapping: { '2': 'name', '40': 'notes' } });
    expect(e3.message).toContain('第40列不在表格中');
    expect(dbDigest(db())).toBe(before);
  });

  it('gives a 党小组 merged down a block of rows to each of them, and ignores rows that are only formatted', async () => {
    await seedBranch(h.core);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['所在党小组', '姓名', '性别', '人员类别']);
    ws.addRow(['第二党小组', '甲一', '男', '正式党员']);
    ws.addRow([null, '甲二', '女', '预备党员']);
    ws.mergeCells('A2:A3');
    ws.getRow(5000).getCell(30).style = { font: { bold: true } };
    const base64 = b64(Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    const p = await call(h.core, 'members.importPreview', { base64 });
    expect(p.columns).toHaveLength(4);
    expect(p.rows.map((r) => [r.name, r.values.group])).toEqual([
      ['甲一', '第二党小组'],
      ['甲二', '第二党小组'],
    ]);
  });

  it('imports a clean roster whose 政治面貌 says 预备党员', async () => {
    await seedBranch(h.core);
    const base64 = b64(await simpleRosterBuffer());
    const p = await call(h.core, 'members.importPreview', { base64 });
    expect(p.headerRow).toBe(1);
    const r = await call(h.core, 'members.importCommit', { base64, sheet: p.sheet, headerRow: 1, mapping: mappingOf(p.columns) });
    expect(r).toEqual({ imported: 2, skipped: [] });
    expect(personRow('林二')).toMatchObject({ political_status: '中共预备党员', group_id: null, join_date: '2025-07-01' });
  });
});

describe('members.exportXlsx', () => {
  async function seedMembers() {
    const s = await seedBranch(h.core);
    await call(h.core, 'members.importCommit', {
      base64: b64(await messyRosterBuffer()),
      sheet: '花名册',
      headerRow: 4,
      mapping: { '2': 'name', '3': 'gender', '4': 'ethnicity', '5': 'birthDate', '6': 'idNumber', '7': 'education', '8': 'workStartDate', '9': 'joinDate', '10': 'fullDate', '11': 'group', '12': 'position', '13': 'phone', '14': 'address', '15': 'politicalStatus', '16': 'mobileWhere', '17': 'notes' },
    });
    return s;
  }

  it('writes the 党员花名册 (正式 and 预备) under a merged title, with masked numbers', async () => {
    await seedMembers();
    await call(h.core, 'people.create', personInput('路人甲', { politicalStatus: '群众' }));
    const f = await call(h.core, 'members.exportXlsx', {});
    expect(f.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(f.fileName).toMatch(/^党员花名册_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const [sheet] = await readXlsx(Buffer.from(f.base64, 'base64'));
    expect(sheet!.name).toBe('党员花名册');
    expect(sheet!.rows[0]![0]).toBe('中共某某单位第一支部委员会党员花名册');
    expect(sheet!.merges).toEqual(expect.arrayContaining(['A1', 'A2']));
    expect(sheet!.rows[2]).toEqual([...EXPORT_HEADERS]);
    const data = sheet!.rows.slice(3);
    const names = data.map((r) => r[1]);
    // every member, grouped by 党小组 (第一, 第二, then none), nobody else
    expect(names).toEqual(['王书记', '周正式', '吴预备', '王芳', '张伟', '赵组织', '陈正式', '褚预备', '李强', '郑红', '李副书记', '钱宣传', '孙纪检']);
    expect(names).not.toContain('路人甲');
    expect(names).not.toContain('郑团员');
    const col = (h: string) => EXPORT_HEADERS.indexOf(h as never);
    const wang = data.find((r) => r[1] === '王芳')!;
    expect(wang[col('身份证号')]).toBe(`${IDS.wangFang.slice(0, 6)}********${IDS.wangFang.slice(14)}`);
    expect(wang[col('序号')]).toBe('4');
    expect(wang[col('出生日期')]).toBe('1985-03-15');
    expect(wang[col('入党日期')]).toBe('2010-06-01');
    expect(wang[col('转正日期')]).toBe('2011-06-01');
    expect(Number(wang[col('党龄')])).toBeGreaterThanOrEqual(14);
    expect(wang[col('党员类别')]).toBe('正式');
    expect(data.find((r) => r[1] === '张伟')![col('党员类别')]).toBe('预备');
    expect(data.find((r) => r[1] === '张伟')![col('党龄')]).toBe('');
    expect(data.find((r) => r[1] === '李强')![col('流动党员')]).toBe('广东深圳');
    expect(f.base64).not.toContain(IDS.wangFang);
  });

  it('writes the full numbers only when asked, as text', async () => {
    await seedMembers();
    const f = await call(h.core, 'members.exportXlsx', { fullId: true });
    expect(f.fileName).toContain('完整身份证号');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(f.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const idCol = EXPORT_HEADERS.indexOf('身份证号') + 1;
    const ids: unknown[] = [];
    ws.eachRow((row, r) => r > 3 && ids.push(row.getCell(idCol).value));
    expect(ids).toEqual(expect.arrayContaining([IDS.wangFang, IDS.liQiang, IDS.zhengHong]));
    expect(ids.every((v) => typeof v === 'string')).toBe(true);
  });

  it('reads back through the import: every column is recognised and everyone is already on the roster', async () => {
    await seedMembers();
    const f = await call(h.core, 'members.exportXlsx', { fullId: true });
    const p = await call(h.core, 'members.importPreview', { base64: f.base64 });
    expect(p.headerRow).toBe(3);
    expect(p.columns.filter((c) => c.field === null).map((c) => c.header)).toEqual(['序号', '党龄']);
    expect(p.valid).toBe(0);
    expect(p.rows.find((r) => r.name === '王芳')?.errors).toEqual(['身份证号与名册中的“王芳”相同']);
  });
});

describe('hostile workbooks', () => {
  /** The refusal of `data` read in-process (its problem) and through the worker (its message), and how long the worker took. */
  async function refusal(data: Buffer) {
    const direct = await readWorkbook(data).then(
      () => null,
      (e: unknown) => e,
    );
    const t0 = performance.now();
    const e = await callError(h.core, 'members.importPreview', { base64: b64(data) });
    return { direct, e, ms: performance.now() - t0 };
  }

  it.each(HOSTILE.map((c) => [c.name, c] as const))('refuses %s with its message, quickly, and writes nothing', async (_name, c) => {
    await seedBranch(h.core);
    const before = dbDigest(db());
    const { direct, e, ms } = await refusal(await c.make());
    expect(direct).toBeInstanceOf(WorkbookRefused);
    expect((direct as WorkbookRefused).problem).toBe(c.problem);
    expect(e).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'base64' }] });
    expect(e.message).toMatch(c.message);
    // 2 s is the target (npm run bench measures it); the margin is for a busy test machine.
    expect(ms).toBeLessThan(6000);
    expect(dbDigest(db())).toBe(before);
  });

  it('reads a sheet up to row 20,000 and refuses one with a value in row 20,001; the limit is a parameter', async () => {
    const full = await readWorkbook(await manyRowsXlsx(19_999));
    expect(full[0]!.rows).toHaveLength(20_000);
    expect(full[0]!.rows[19_999]).toEqual([expect.any(String)]);
    expect(full[0]!.rows[19_991]).toEqual([expect.any(String), 19_990]);
    await expect(readWorkbook(await manyRowsXlsx(20_000))).rejects.toMatchObject({ problem: 'too-many-rows', message: '工作表“花名册”超过20000行，请只保留花名册部分后再导入' });
    await expect(readWorkbook(await manyRowsXlsx(150), { rows: 100 })).rejects.toMatchObject({ problem: 'too-many-rows', message: '工作表“花名册”超过100行，请只保留花名册部分后再导入' });
  });

  it('answers other calls while a hostile workbook is being read', async () => {
    await seedBranch(h.core);
    const slow = HOSTILE.find((c) => c.name === 'shared-strings')!;
    const base64 = b64(await slow.make());
    let settled = false;
    const importing = callError(h.core, 'members.importPreview', { base64 }).finally(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 50));
    const t0 = performance.now();
    const people = await call(h.core, 'people.list');
    const took = performance.now() - t0;
    expect(people.length).toBeGreaterThan(0);
    expect(settled).toBe(false);
    expect(took).toBeLessThan(500);
    expect((await importing).message).toMatch(slow.message);
  });

  it('reads two hostile workbooks started at once one after the other, refusing each', async () => {
    const bomb = await HOSTILE.find((c) => c.name === 'million-rows')!.make();
    const strings = await HOSTILE.find((c) => c.name === 'shared-strings')!.make();
    const [a, b] = await Promise.all([callError(h.core, 'members.importPreview', { base64: b64(bomb) }), callError(h.core, 'members.importPreview', { base64: b64(strings) })]);
    expect(a.message).toMatch(/超过20000行/);
    expect(b.message).toMatch(/文字内容过多/);
  });

  it('refuses a file whose reading runs the worker out of memory or time, and reads the next file', async () => {
    // A file no limit foresaw: the shared-strings case with that limit lifted, in a small heap.
    const strings = await HOSTILE.find((c) => c.name === 'shared-strings')!.make();
    const unforeseen = { sharedStrings: 1e9, sharedChars: 1e9 };
    const tiny = workbookReader(worker.script, { heapMb: 12 });
    await expect(tiny(strings, unforeseen)).rejects.toMatchObject({ problem: 'out-of-memory', message: '文件过大或结构异常，无法读取。', code: 'VALIDATION' });
    await expect(tiny(await simpleRosterBuffer(), unforeseen)).resolves.toHaveLength(1);
    const big = await manyRowsXlsx(19_999);
    const hasty = workbookReader(worker.script, { timeoutMs: 1 });
    await expect(hasty(big)).rejects.toMatchObject({ problem: 'timeout', message: /用时过长/ });
  });
});

describe('the bounded reader reads what exceljs read', () => {
  /** How electron/core/members/xlsx.ts read a workbook before issue 13 (exceljs loads it whole). */
  async function exceljsRead(data: Buffer) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    return wb.worksheets.map((ws) => {
      const out: Cell[][] = [];
      ws.eachRow((row, r) => {
        const cells: Cell[] = [];
        row.eachCell((cell, c) => {
          if (c > 200) return;
          const v = plainCell(cell.value);
          if (v !== null) cells[c - 1] = v;
        });
        if (cells.length) out[r - 1] = Array.from(cells, (x) => x ?? null);
      });
      return { name: ws.name, rows: Array.from(out, (x) => x ?? []) };
    });
  }

  it.each<[string, () => Promise<Buffer>]>([
    ['the messy roster', messyRosterBuffer],
    ['the simple roster', simpleRosterBuffer],
    [
      'an exported roster',
      async () => {
        await seedBranch(h.core);
        return Buffer.from((await call(h.core, 'members.exportXlsx', {})).base64, 'base64');
      },
    ],
    [
      'rich text, formulas, hyperlinks, booleans, dates in several formats and a merge down rows',
      async () => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('杂项');
        ws.addRow(['姓名', '入党日期', '备注', '是否', '链接', '公式']);
        ws.addRow([{ richText: [{ text: '王' }, { text: '芳', font: { bold: true } }] }, new Date(Date.UTC(2010, 5, 1)), '第一行\n第二行', true, { text: '主页', hyperlink: 'https://example.org' }, { formula: 'A1&"x"', result: '姓名x' }]);
        ws.addRow(['李强', 40000, ' 空格 ', false, null, { formula: '1+1', result: 2 }]);
        ws.getCell('B3').numFmt = 'yyyy"年"m"月"d"日"';
        ws.getCell('C3').numFmt = '0.00';
        ws.addRow([null, null, '合并']);
        ws.mergeCells('C4:C6');
        ws.getCell('A6').value = '赵六';
        const other = wb.addWorksheet('空表');
        other.getCell('D4').style = { font: { bold: true } };
        return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
      },
    ],
  ])('%s: cell for cell', async (_label, make) => {
    const data = await make();
    expect(await readWorkbook(data)).toEqual(await exceljsRead(data));
  });

  it('reads a workbook written by another program: prefixed tags, inline strings, phonetic runs, the 1904 date system', async () => {
    const ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const rels = (body: string) => `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${body}</Relationships>`;
    const data = await makeZip([
      { name: '_rels/.rels', data: rels(`<Relationship Id="a" Type="${rel}/officeDocument" Target="/xl/workbook.xml"/>`) },
      { name: 'xl/workbook.xml', data: `<x:workbook ${ns}><x:workbookPr date1904="1"/><x:sheets><x:sheet name="名单" sheetId="7" r:id="s1"/></x:sheets></x:workbook>` },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: rels(`<Relationship Id="s1" Type="${rel}/worksheet" Target="/xl/worksheets/a.xml"/><Relationship Id="s2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="s3" Type="${rel}/styles" Target="styles.xml"/>`),
      },
      { name: 'xl/sharedStrings.xml', data: `<x:sst ${ns}><x:si><x:r><x:t>张</x:t></x:r><x:r><x:t xml:space="preserve">三 </x:t></x:r><x:rPh sb="0" eb="1"><x:t>ジャン</x:t></x:rPh></x:si></x:sst>` },
      { name: 'xl/styles.xml', data: `<x:styleSheet ${ns}><x:numFmts><x:numFmt numFmtId="170" formatCode="[$-804]yyyy&quot;年&quot;m&quot;月&quot;"/></x:numFmts><x:cellXfs><x:xf numFmtId="0"/><x:xf numFmtId="170"/><x:xf numFmtId="14"/></x:cellXfs></x:styleSheet>` },
      {
        name: 'xl/worksheets/a.xml',
        data: `<x:worksheet ${ns}><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>姓名</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>入党日期</x:t></x:is></x:c></x:row><x:row r="3"><x:c r="A3" t="s"><x:v>0</x:v></x:c><x:c r="B3" s="1"><x:v>0</x:v></x:c><x:c r="C3" t="b"><x:v>1</x:v></x:c><x:c r="D3" t="e"><x:v>#N/A</x:v></x:c><x:c r="E3"><x:f>1+1</x:f></x:c><x:c r="F3" t="str"><x:f>A3</x:f><x:v>张三 </x:v></x:c></x:row></x:sheetData></x:worksheet>`,
      },
    ]);
    expect(await readWorkbook(data)).toEqual([
      { name: '名单', rows: [['姓名', '入党日期'], [], ['张三 ', new Date(Date.UTC(1904, 0, 1)), true, null, null, '张三 ']] },
    ]);
  });
});
