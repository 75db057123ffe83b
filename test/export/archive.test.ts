/**
 * The year-end archive (issue 5 point 8), on a year built through core.dispatch:
 *  a. buildVolumes: one volume per book in 目录 order (part order, then date), 件号 1..n,
 *     档号, drafts / trash / other years left out, 身份证号 masked unless asked for in full;
 *  b. the Word volume unzipped: 目录 rows, bookmarks and PAGEREF fields, 归档章 before each 件,
 *     odd/even headers, updateFields, the embedded photo, the 备考表's gaps;
 *  c. each Word volume rendered by LibreOffice with fields updated (scripts/docx2pdf.py) and
 *     read back with pdftotext: every 件 on the page its 目录 row names, page numbers recto
 *     right / verso left, the cover's page count, nothing outside the paper's margins;
 *  d. the Chromium PDF (volumePdf): 目录 页号 = named destinations = the page of each 件;
 *  e. writeExport: the files, the workbook read back with exceljs, cancel and failure leave nothing;
 *  f. archive.start → archive.job → archive.exports → archive.file through the dispatcher.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTextsDir, type Core } from '../../electron/core/app.js';
import { ExportCancelled, inPlanOrder, tempDirOf, writeExport, type ExportStep } from '../../electron/core/archive/export.js';
import { ArchiveJobs } from '../../electron/core/archive/jobs.js';
import { buildArchiveWorker } from '../fixtures/import-worker.js';
import { listExports, planExport } from '../../electron/core/archive/service.js';
import { buildVolumes, type VolumeOptions } from '../../electron/core/archive/volume.js';
import { encodePng } from '../../electron/core/demo/files.js';
import { writeVolumeDocx } from '../../electron/core/export/docx/volume.js';
import { volumeHtml } from '../../electron/core/export/html/volume.js';
import { createChromiumPrinter, findChromium } from '../../electron/core/export/pdf/chromium.js';
import { pdfDestinations, pdfPageCount } from '../../electron/core/export/pdf/dests.js';
import type { PdfPrinter } from '../../electron/core/export/pdf/printer.js';
import { volumePdf } from '../../electron/core/export/pdf/volume.js';
import { FIRST_DATA_ROW } from '../../electron/core/registers/xlsx.js';
import { REGISTER_KEYS, REGISTER_TITLES } from '../../shared/archive/model.js';
import {
  catalogueRow,
  coverRows,
  followingAnchors,
  itemPages,
  NOTES_ANCHOR,
  notesLines,
  rulesAnchor,
  volumeAnchors,
  volumeItems,
  type Volume,
  type VolumeItem,
  type VolumePages,
} from '../../shared/archive/volume.js';
import { recordType } from '../../shared/books/index.js';
import type { RecordDto, RecordInput } from '../../shared/methods/records.js';
import { call, callError, useCore } from '../fixtures/core.js';
import { readDocx, wordFields, wordParagraphs, wordText, zipLocalHeaders } from '../fixtures/docx.js';
import { catalogueRows, cellBelow, HAS_PDFTOTEXT, headerNumber, pdfPageTexts, pdfWords, squash, wordsOutside, type PdfPageWords } from '../fixtures/pdftext.js';
import { sampleRecordOn } from '../fixtures/records.js';
import { IDS } from '../fixtures/roster.js';
import { BRANCH_NAME, createMeeting, seedBranch, type Seed } from '../fixtures/seed.js';
import { REPO_ROOT } from '../fixtures/tmp.js';

const YEAR = 2024;
const FONDS = 'D001';
const FULL_ID = IDS.wangFang;
const MASKED_ID = `${FULL_ID.slice(0, 6)}********${FULL_ID.slice(14)}`;
/** Gaps of the year: two of 党支部综合记录, one of 支部档案 (党费), one of a book with nothing archived this year. */
const GAPS: VolumeOptions['gaps'] = [
  { book: 'branch-general', retention: '永久', message: '2024年第二季度未召开支部党员大会' },
  { book: 'branch-general', retention: '定期30年', message: '周正式：2024年未记录谈心谈话' },
  { book: 'archive', message: '吴预备：党费欠缴3个月（1月—3月）' },
  { book: 'union-league', message: '第三季度未召开职工大会' },
];
const gapsOf = (book: string, retention?: string) => GAPS.filter((g) => g.book === book && (!retention || g.retention === retention)).map((g) => g.message);
const LOG = ['2025年1月6日 封存'];
/** A 24×16 photo with a pattern (a valid PNG, so Word and LibreOffice embed it). */
const PHOTO = encodePng(24, 16, Uint8Array.from({ length: 24 * 16 * 3 }, (_, i) => (i * 37) % 256));
const NOTICE_PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n', 'latin1');
const DRAFT_TOPIC = '草稿议题不应归档';
const TRASHED_TOPIC = '已删除的会议不应归档';

const DOCX2PDF = path.join(REPO_ROOT, 'scripts', 'docx2pdf.py');
const PYTHON = '/usr/bin/python3';
const HAS_UNO = fs.existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import uno'], { stdio: 'ignore' }).status === 0;
const HAS_SOFFICE = fs.existsSync('/usr/bin/soffice');
const LO_MISSING = [!HAS_SOFFICE && '/usr/bin/soffice', !HAS_UNO && 'python3-uno', !HAS_PDFTOTEXT && 'pdftotext'].filter(Boolean).join(', ');
const CHROMIUM = findChromium();
const CHROMIUM_MISSING = [!CHROMIUM && 'Chromium', !HAS_PDFTOTEXT && 'pdftotext'].filter(Boolean).join(', ');

/** The year as the tests know it: the records of each volume in the expected 目录 order. */
interface Year {
  seed: Seed;
  /** 党支部综合记录, 永久: “三会一课” (党课 01-20, 支委会 02-01, 党员大会 03-05). */
  permanent: RecordDto[];
  /** 党支部综合记录, 定期30年: 谈心 (01-05), 职工登记表 (01-15). */
  thirty: RecordDto[];
  /** 纪检监察综合治理记录: one 问题整改台账 entry. */
  discipline: RecordDto[];
  /** 支部档案: 工作计划 (01-10, 文号), 工作总结 (12-20). */
  archive: RecordDto[];
  assembly: RecordDto;
  committee: RecordDto;
  staff: RecordDto;
  plan: RecordDto;
  left: { draft: RecordDto; trashed: RecordDto; nextYear: RecordDto };
}

async function create(core: Core, input: RecordInput): Promise<RecordDto> {
  return call(core, 'records.create', input);
}

/** Every record is made through the dispatcher, as the app would. Dates are out of 目录 order on purpose. */
async function buildYear(core: Core): Promise<Year> {
  const seed = await seedBranch(core);
  const on = (type: string, date: string, data: Record<string, unknown> = {}) =>
    sampleRecordOn(core, seed, recordType(type), { date }).then((r) => ({ ...r, data: { ...r.data, ...data } }));

  const talk = await create(core, await on('talk', `${YEAR}-01-05`, { subject: '周正式', theme: '思想动态' }));
  const summary = await create(core, await on('work-summary', `${YEAR}-12-20`, { title: '2024年党支部工作总结', docNumber: '某支〔2024〕9号', author: '' }));
  const assembly = await createMeeting(core, { date: `${YEAR}-03-05`, data: { topics: ['学习新修订的党章'] } });
  const staff = await create(
    core,
    await on('staff-profile', `${YEAR}-01-15`, { name: '王芳', gender: '女', birthDate: '1985-03-15', idNumber: FULL_ID }),
  );
  const committee = await createMeeting(core, { type: 'committee-meeting', date: `${YEAR}-02-01`, data: { topics: ['研究发展党员工作'] } });
  const lecture = await createMeeting(core, { type: 'party-lecture', date: `${YEAR}-01-20` });
  const plan = await create(core, await on('work-plan', `${YEAR}-01-10`, { title: '2024年党支部工作计划', docNumber: '某支〔2024〕1号', author: '中共某某单位第一支部' }));
  const rectification = await create(core, await on('rectification-ledger', `${YEAR}-05-10`));

  await call(core, 'attachments.add', { recordId: assembly.id, name: '会议照片.png', base64: PHOTO.toString('base64'), thumbBase64: null });
  await call(core, 'attachments.add', { recordId: committee.id, name: '会议通知.pdf', base64: NOTICE_PDF.toString('base64'), thumbBase64: null });

  const draft = await createMeeting(core, { date: `${YEAR}-04-01`, status: 'draft', data: { topics: [DRAFT_TOPIC] } });
  const trashed = await createMeeting(core, { type: 'committee-meeting', date: `${YEAR}-05-01`, data: { topics: [TRASHED_TOPIC] } });
  await call(core, 'records.remove', { id: trashed.id });
  const nextYear = await createMeeting(core, { date: `${YEAR + 1}-01-10` });

  return {
    seed,
    permanent: [lecture, committee, assembly],
    thirty: [talk, staff],
    discipline: [rectification],
    archive: [plan, summary],
    assembly,
    committee,
    staff,
    plan,
    left: { draft, trashed, nextYear },
  };
}

const OPTIONS: VolumeOptions = { year: YEAR, mode: 'books', fullIds: false, gaps: GAPS, log: LOG, compiler: '钱宣传', checker: '王书记', date: '2025-01-05' };

function volumesOf(core: Core, o: Partial<VolumeOptions> = {}): Volume[] {
  return buildVolumes(core.db, core.dataDir, defaultTextsDir(), { ...OPTIONS, ...o });
}

const byKey = (vs: Volume[], key: string) => {
  const v = vs.find((x) => x.key === key);
  if (!v) throw new Error(`no volume ${key}`);
  return v;
};

/** One Chromium for the tests of a describe block, started before and closed after them. */
function useChromiumPrinter(): () => PdfPrinter {
  let printer: PdfPrinter | undefined;
  beforeAll(async () => {
    printer = await createChromiumPrinter();
  }, 60_000);
  afterAll(async () => {
    await printer?.close();
  });
  return () => printer!;
}

/** Every text of a 件's print description (header cells, sections), to look for a value in it. */
const printText = (it: VolumeItem) => JSON.stringify(it.print);

// ---------------------------------------------------------------------------------------

describe('buildVolumes', () => {
  const h = useCore();

  it('binds a class with more 件 than a volume holds into several volumes, numbering its 件 straight through', async () => {
    const y = await buildYear(h.core);
    const whole = volumeItems(byKey(volumesOf(h.core), 'branch-general-Y'));
    const vs = volumesOf(h.core, { maxItems: 2 }).filter((v) => v.key.startsWith('branch-general-Y-'));
    const n = Math.ceil(y.permanent.length / 2);
    expect(vs.map((v) => v.key)).toEqual(Array.from({ length: n }, (_, i) => `branch-general-Y-${i + 1}`));
    expect(vs.map((v) => v.fileBase)).toEqual(Array.from({ length: n }, (_, i) => `2024年度_党支部综合记录（永久）_第${i + 1}卷`));
    expect(vs[0]!.cover.title).toMatch(new RegExp(`党支部综合记录（永久）（第1卷，共${n}卷）$`));
    expect(vs[1]!.cover.code).toMatch(/-Y-ZB-02$/);
    // the 目录's 序号 starts at 1 in every volume; the 件号 runs on
    expect(catalogueRow(volumeItems(vs[1]!)[0]!, 1, null)).toMatchObject({ 序号: '1', 档号: 'D001-WS·2024-Y-ZB-0003' });
    // the same 件 in the same order with the same 件号 and 档号, two to a volume
    expect(vs.flatMap((v) => volumeItems(v)).map((i) => [i.no, i.code, i.recordId])).toEqual(whole.map((i) => [i.no, i.code, i.recordId]));
    expect(vs.every((v) => volumeItems(v).length <= 2)).toBe(true);
    // a part cut in two carries its rules in its first volume only and goes on as （续）
    const parts = vs.flatMap((v) => v.parts);
    expect(parts.some((p) => p.label.endsWith('（续）'))).toBe(true);
    parts.forEach((p, i) => {
      if (!p.label.endsWith('（续）')) return;
      expect(p.rules).toEqual([]);
      expect(parts.slice(0, i).some((q) => q.label === p.label.slice(0, -3))).toBe(true);
    });
  });

  it('makes one volume per book and retention class holding records, its 件 in part order then date order, numbered 1..n in each class', async () => {
    const y = await buildYear(h.core);
    const vs = volumesOf(h.core);
    expect(vs.map((v) => v.key)).toEqual(['branch-general-Y', 'branch-general-D30', 'discipline', 'archive']);
    expect(vs.map((v) => v.fileBase)).toEqual([
      '2024年度_党支部综合记录（永久）',
      '2024年度_党支部综合记录（定期30年）',
      '2024年度_纪检监察综合治理记录',
      '2024年度_支部档案',
    ]);
    expect(vs.map((v) => v.cover.retention)).toEqual(['永久', '定期30年', '定期30年', '定期30年']);
    for (const v of vs) expect(new Set(volumeItems(v).map((i) => i.retention)), v.key).toEqual(new Set([v.cover.retention]));

    for (const [key, recs] of [['branch-general-Y', y.permanent], ['branch-general-D30', y.thirty], ['discipline', y.discipline], ['archive', y.archive]] as const) {
      const items = volumeItems(byKey(vs, key));
      expect(items.map((i) => i.recordId), key).toEqual(recs.map((r) => r.id));
      expect(items.map((i) => i.no)).toEqual(recs.map((_, i) => i + 1));
      expect(items.map((i) => i.anchor)).toEqual(recs.map((_, i) => `j${String(i + 1).padStart(4, '0')}`));
      expect(items.map((i) => i.date)).toEqual(recs.map((r) => r.date.replaceAll('-', '')));
    }
    const general = byKey(vs, 'branch-general-Y');
    expect(general.parts.map((p) => p.label)).toEqual(['“三会一课”记录']);
    expect(general.parts[0]!.rules.length).toBeGreaterThan(0);
    const thirty = byKey(vs, 'branch-general-D30');
    expect(thirty.parts.map((p) => p.label)).toEqual(['谈心家访记录', '职工基本情况登记表']);
    expect(thirty.parts[1]!.rules).toEqual([]);
  });

  it('gives each 件 its 档号, 文号, 责任者 and 题名, and the cover its items', async () => {
    const y = await buildYear(h.core);
    const vs = volumesOf(h.core);
    const general = byKey(vs, 'branch-general-Y');
    const items = volumeItems(general);
    // 档号 = 全宗号-WS·年度-保管期限-机构（问题）-件号, the 件号 from 0001 in each class
    expect(items.map((i) => i.code)).toEqual(['D001-WS·2024-Y-ZB-0001', 'D001-WS·2024-Y-ZB-0002', 'D001-WS·2024-Y-ZB-0003']);
    expect(volumeItems(byKey(vs, 'branch-general-D30')).map((i) => i.code)).toEqual(['D001-WS·2024-D30-ZB-0001', 'D001-WS·2024-D30-ZB-0002']);
    expect(byKey(vs, 'branch-general-D30').cover).toMatchObject({ retention: '定期30年', items: 2, code: 'D001-WS·2024-D30-ZB', from: '20240105', to: '20240115' });
    for (const it of vs.flatMap(volumeItems)) expect(it.code).toMatch(/^D001-WS·2024-(Y|D30|D10)-(ZB|JJ|GT|BZ|DA)-\d{4}$/);
    expect(general.cover).toMatchObject({
      fondsName: BRANCH_NAME,
      fondsNo: FONDS,
      category: '党支部综合记录（永久）',
      title: `${BRANCH_NAME}2024年度党支部综合记录（永久）`,
      year: YEAR,
      from: '20240120',
      to: '20240305',
      retention: '永久',
      items: 3,
      code: 'D001-WS·2024-Y-ZB',
    });
    // Supplied titles of records are in [ ]; a document keeps its own title, 文号 and 责任者;
    // where the 责任者 is the branch itself, the 目录 gives its 简称 (worked out from the name until one is set).
    expect(items[1]!.title).toBe('[支部委员会记录（2024年 第1次）：研究发展党员工作]');
    expect(items[2]!.title).toBe('[支部党员大会记录（2024年 第1次）：学习新修订的党章]');
    expect(items.every((i) => i.docNo === '' && i.author === '某某单位第一党支部')).toBe(true);
    const archive = volumeItems(byKey(vs, 'archive'));
    expect(archive.map((i) => [i.title, i.docNo, i.author])).toEqual([
      ['2024年党支部工作计划', '某支〔2024〕1号', '中共某某单位第一支部'],
      ['2024年党支部工作总结', '某支〔2024〕9号', '某某单位第一党支部'],
    ]);
    // The 简称 set in 支部设置 is what the 目录 prints; clearing it goes back to the worked-out one.
    const branch = await call(h.core, 'branch.get', {});
    const seats = branch!.committee.map((c) => ({ personId: c.personId, role: c.role }));
    const update = (shortName?: string) =>
      call(h.core, 'branch.update', { name: branch!.name, parentOrg: branch!.parentOrg, fondsNo: branch!.fondsNo, groups: branch!.groups, committee: seats, ...(shortName === undefined ? {} : { shortName }) });
    await update('一支部');
    expect(volumesOf(h.core).flatMap(volumeItems).map((i) => i.author)).toContain('一支部');
    expect(volumesOf(h.core).flatMap(volumeItems).map((i) => i.author)).not.toContain('某某单位第一党支部');
    await update(); // not given: kept
    expect((await call(h.core, 'branch.get', {}))!.shortName).toBe('一支部');
    await update('');
    expect(volumeItems(byKey(volumesOf(h.core), 'archive')).map((i) => i.author)).toEqual(['中共某某单位第一支部', '某某单位第一党支部']);
    expect(byKey(vs, 'archive').cover).toMatchObject({ retention: '定期30年', code: 'D001-WS·2024-D30-DA', from: '20240110', to: '20241220' });
    // Attachments: images embedded, others listed, counted in 备注.
    const assembly = items.find((i) => i.recordId === y.assembly.id)!;
    expect(assembly.images.map((i) => [i.name, i.mime])).toEqual([['会议照片.png', 'image/png']]);
    expect(fs.readFileSync(assembly.images[0]!.path)).toEqual(PHOTO);
    const committee = items.find((i) => i.recordId === y.committee.id)!;
    expect(committee.others).toEqual(['会议通知.pdf']);
    expect([assembly.notes, committee.notes, items[0]!.notes]).toEqual(['附件1份', '附件1份', '']);
    // each volume's 备考表 holds its own book's and class's gaps; a book without a volume this year has its gaps in the first volume
    expect(general.notes).toEqual({
      gaps: gapsOf('branch-general', '永久'),
      otherBooks: [{ book: '工会、团支部记录', gaps: gapsOf('union-league') }],
      gapsIn: '',
      log: LOG,
      compiler: '钱宣传',
      checker: '王书记',
      date: '2025年1月5日',
    });
    expect(Object.fromEntries(vs.map((v) => [v.key, [v.notes.gaps, v.notes.gapsIn, v.notes.otherBooks.length]]))).toEqual({
      'branch-general-Y': [gapsOf('branch-general', '永久'), '', 1],
      'branch-general-D30': [gapsOf('branch-general', '定期30年'), '', 0],
      discipline: [[], '', 0],
      archive: [gapsOf('archive'), '', 0],
    });
    expect(notesLines(byKey(vs, 'branch-general-D30')).slice(0, 2)).toEqual(['年度完整性检查发现《党支部综合记录（定期30年）》有以下缺项，共1项：', '1. 周正式：2024年未记录谈心谈话。']);
    expect(notesLines(byKey(vs, 'discipline'))[0]).toBe('年度完整性检查未发现《纪检监察综合治理记录》有缺项。');
  });

  it('prints each class\'s gaps in its first volume only, those of no class in the book\'s first; a volume of everything holds them all', async () => {
    await buildYear(h.core);
    const split = volumesOf(h.core, { maxItems: 2 }).filter((v) => v.key.startsWith('branch-general'));
    expect(split.map((v) => [v.key, v.notes.gaps, v.notes.gapsIn, v.notes.otherBooks.length])).toEqual([
      ['branch-general-Y-1', gapsOf('branch-general', '永久'), '', 1],
      ['branch-general-Y-2', [], '第1卷', 0],
      ['branch-general-D30', gapsOf('branch-general', '定期30年'), '', 0],
    ]);
    expect(notesLines(split[1]!)[0]).toBe('本册的年度完整性检查缺项见第1卷的卷内备考表。');
    expect(notesLines(split[0]!)[0]).toBe('年度完整性检查发现《党支部综合记录（永久）》有以下缺项，共1项：');
    // a gap of a class with no volume this year, or of none, goes into the book's first volume
    const elsewhere = volumesOf(h.core, { gaps: [{ book: 'branch-general', retention: '定期10年', message: '某项缺失' }, { book: 'branch-general', message: '另一项缺失' }] });
    expect(byKey(elsewhere, 'branch-general-Y').notes.gaps).toEqual(['某项缺失', '另一项缺失']);
    expect(byKey(elsewhere, 'branch-general-D30').notes.gaps).toEqual([]);
    // one volume of everything per class: the class's gaps in its own, the rest in the first
    const [all, ...more] = volumesOf(h.core, { mode: 'single' });
    expect(more.map((v) => v.notes.gaps)).toEqual([gapsOf('branch-general', '定期30年')]);
    expect(all!.notes.gaps).toEqual(GAPS.filter((g) => g.retention !== '定期30年').map((g) => g.message));
    expect(all!.notes.otherBooks).toEqual([]);
    expect(notesLines(all!).slice(0, 2)).toEqual(['年度完整性检查发现《党支部“四本一档”（永久）》有以下缺项，共3项：', '1. 2024年第二季度未召开支部党员大会。']);
  });

  it('leaves out drafts, records in the 回收站 and other years', async () => {
    const y = await buildYear(h.core);
    for (const mode of ['books', 'single'] as const) {
      const all = volumesOf(h.core, { mode }).flatMap(volumeItems);
      const ids = all.map((i) => i.recordId);
      for (const r of Object.values(y.left)) expect(ids, mode).not.toContain(r.id);
      const text = JSON.stringify(all);
      expect(text).not.toContain(DRAFT_TOPIC);
      expect(text).not.toContain(TRASHED_TOPIC);
      expect(all).toHaveLength(8);
    }
  });

  it('binds everything into one volume per retention class in single mode, 件号 running through the books', async () => {
    const y = await buildYear(h.core);
    const vs = volumesOf(h.core, { mode: 'single' });
    expect(vs.map((v) => v.key)).toEqual(['all-Y', 'all-D30']);
    const [v, w] = vs;
    expect(v!.cover).toMatchObject({ category: '党支部“四本一档”（永久）', retention: '永久', items: 3, code: 'D001-WS·2024-Y-QB' });
    expect(w!.cover).toMatchObject({ category: '党支部“四本一档”（定期30年）', retention: '定期30年', items: 5, code: 'D001-WS·2024-D30-QB' });
    expect(volumeItems(v!).map((i) => i.recordId)).toEqual(y.permanent.map((r) => r.id));
    const items = volumeItems(w!);
    expect(items.map((i) => i.recordId)).toEqual([...y.thirty, ...y.discipline, ...y.archive].map((r) => r.id));
    expect(items.map((i) => i.no)).toEqual([1, 2, 3, 4, 5]);
    expect(items[2]!.code).toBe('D001-WS·2024-D30-JJ-0003');
    expect(v!.parts[0]!.label).toBe('党支部综合记录 · “三会一课”记录');
  });

  it('masks 身份证号 unless the user asks for them in full', async () => {
    const y = await buildYear(h.core);
    const staffOf = (fullIds: boolean) => volumeItems(byKey(volumesOf(h.core, { fullIds }), 'branch-general-D30')).find((i) => i.recordId === y.staff.id)!;
    const masked = printText(staffOf(false));
    expect(masked).toContain(MASKED_ID);
    expect(masked).not.toContain(FULL_ID);
    const full = printText(staffOf(true));
    expect(full).toContain(FULL_ID);
    expect(full).not.toContain(MASKED_ID);
    // The stored record keeps the full number.
    expect((await call(h.core, 'records.get', { id: y.staff.id })).data.idNumber).toBe(FULL_ID);
  });
});

// ---------------------------------------------------------------------------------------

/** The rows of the first table after the paragraph with this text: each row's cells as [text, xml]. */
function tableAfter(xml: string, heading: string): { text: string; xml: string }[][] {
  const at = xml.indexOf(`>${heading}<`);
  expect(at, heading).toBeGreaterThan(0);
  const start = xml.indexOf('<w:tbl>', at);
  const end = xml.indexOf('</w:tbl>', start);
  const table = xml.slice(start, end);
  return [...table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) =>
    [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => ({ text: wordText(c[0]), xml: c[0] })),
  );
}

/** The XML of each 件: from its bookmark to the next 件's (the last one up to the 卷内备考表). */
function itemSegments(xml: string, items: VolumeItem[]): string[] {
  const starts = items.map((it) => {
    const i = xml.indexOf(`<w:bookmarkStart w:name="${it.anchor}"`);
    expect(i, it.anchor).toBeGreaterThan(0);
    return i;
  });
  const notes = xml.indexOf('>卷内备考表<');
  return starts.map((s, k) => xml.slice(s, starts[k + 1] ?? notes));
}

/** The target of a relationship of word/document.xml. */
function relTarget(rels: string, id: string): string {
  const m = rels.match(new RegExp(`<Relationship [^>]*Id="${id}"[^>]*Target="([^"]+)"`)) ?? rels.match(new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${id}"`));
  if (!m) throw new Error(`no relationship ${id}`);
  return m[1]!;
}

describe('the Word volume (unzipped)', () => {
  const h = useCore();

  async function docxOf(v: Volume) {
    const file = path.join(h.dir, `${v.key}.docx`);
    await writeVolumeDocx(v, file);
    const buf = fs.readFileSync(file);
    return { buf, docx: readDocx(buf.toString('base64')) };
  }

  it('lists every 件 in the 目录 in order, with a PAGEREF to a bookmark at the start of each 件', async () => {
    await buildYear(h.core);
    for (const v of volumesOf(h.core)) {
      const { docx } = await docxOf(v);
      const xml = docx.parts['word/document.xml']!;
      const items = volumeItems(v);
      const [head, ...rows] = tableAfter(xml, '卷内文件目录');
      expect(head!.map((c) => c.text)).toEqual(['序号', '档号', '文号', '责任者', '题名', '日期', '密级', '页数', '页号', '备注']);
      expect(rows.map((r) => r.map((c) => c.text)), v.key).toEqual(items.map((it, i) => [String(i + 1), it.code, it.docNo, it.author, it.title, it.date, '', '', '', it.notes]));
      rows.forEach((r, i) => {
        expect(r[8]!.xml).toMatch(new RegExp(`<w:instrText[^>]*>\\s*PAGEREF ${items[i]!.anchor}\\b`));
      });
      // one bookmark per 件, on a paragraph that starts a new page, after the 目录
      for (const it of items) {
        const marks = [...xml.matchAll(new RegExp(`<w:bookmarkStart w:name="${it.anchor}" w:id="(\\d+)"/>`, 'g'))];
        expect(marks, it.anchor).toHaveLength(1);
        expect(xml.indexOf(`<w:bookmarkEnd w:id="${marks[0]![1]}"/>`)).toBeGreaterThan(marks[0]!.index!);
        const para = xml.slice(xml.lastIndexOf('<w:p>', marks[0]!.index!), marks[0]!.index!);
        expect(para).toContain('<w:pageBreakBefore/>');
        expect(marks[0]!.index!).toBeGreaterThan(xml.indexOf('>卷内文件目录<'));
      }
    }
  });

  it('puts the 归档章 (全宗号, 年度, 件号, 保管期限) above each 件’s title', async () => {
    const y = await buildYear(h.core);
    for (const v of volumesOf(h.core)) {
      const xml = (await docxOf(v)).docx.parts['word/document.xml']!;
      const items = volumeItems(v);
      itemSegments(xml, items).forEach((seg, i) => {
        const it = items[i]!;
        const paras = wordParagraphs(seg).filter(Boolean);
        expect(paras.slice(0, 11), it.anchor).toEqual([
          '全宗号',
          FONDS,
          '年度',
          String(YEAR),
          '件号',
          String(it.no),
          '机构（问题）',
          it.code.split('-')[3],
          '保管期限',
          it.retention,
          '页数',
        ]);
        // then the record itself: the branch, its printed title
        expect(paras.slice(11, 13)).toEqual([BRANCH_NAME, it.print.title]);
        if (it.recordId === y.staff.id) {
          expect(wordText(seg)).toContain(MASKED_ID);
          expect(xml).not.toContain(FULL_ID);
        }
      });
    }
  });

  it('numbers pages on odd and even headers, none on the cover, and asks Word to update the fields', async () => {
    await buildYear(h.core);
    const { docx } = await docxOf(byKey(volumesOf(h.core), 'archive'));
    const settings = docx.parts['word/settings.xml']!;
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    expect(settings).toMatch(/<w:updateFields(\/>| w:val="(true|1)"\/>)/);
    const xml = docx.parts['word/document.xml']!;
    const rels = docx.parts['word/_rels/document.xml.rels']!;
    const sect = xml.slice(xml.lastIndexOf('<w:sectPr'));
    expect(sect).toContain('<w:titlePg/>');
    const header = (type: string) => {
      const id = sect.match(new RegExp(`<w:headerReference w:type="${type}" r:id="(rId\\d+)"/>`))?.[1];
      expect(id, type).toBeDefined();
      return docx.parts[`word/${relTarget(rels, id!)}`]!;
    };
    const page = /<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/;
    expect(header('default')).toMatch(page);
    expect(header('default')).toContain('<w:jc w:val="right"/>');
    expect(header('even')).toMatch(page);
    expect(header('even')).toContain('<w:jc w:val="left"/>');
    expect(header('first')).not.toMatch(page);
    // the cover and the 备考表 count the pages with NUMPAGES
    expect(xml.match(/<w:instrText[^>]*>\s*NUMPAGES\s*</g)).toHaveLength(2);
    expect(wordText(xml)).toContain('本卷共2件，共');
  });

  it('leaves the fields without results when no PDF gave the pages', async () => {
    await buildYear(h.core);
    const v = byKey(volumesOf(h.core), 'branch-general-Y');
    const fields = wordFields((await docxOf(v)).docx.parts['word/document.xml']!);
    // 页号 and the two PAGEREFs of each 页数 formula, twice (目录 and 归档章); 页数; NUMPAGES twice
    const n = volumeItems(v).length;
    expect(fields).toHaveLength(n + 2 * 3 * n + 2);
    expect(fields.filter((f) => f.result !== null)).toEqual([]);
  });

  it('declares every font with its fallbacks in fontTable.xml and marks East Asian text zh-CN', async () => {
    await buildYear(h.core);
    const { docx } = await docxOf(byKey(volumesOf(h.core), 'archive'));
    const table = docx.parts['word/fontTable.xml']!;
    const fonts = new Map([...table.matchAll(/<w:font w:name="([^"]+)">([\s\S]*?)<\/w:font>/g)].map((m) => [m[1]!, m[2]!]));
    const altOf = (name: string) => fonts.get(name)?.match(/<w:altName w:val="([^"]+)"\/>/)?.[1];
    const chain = (name: string) => {
      const out = [name];
      for (let alt = altOf(name); alt; alt = altOf(alt)) out.push(alt);
      return out;
    };
    expect(chain('仿宋_GB2312')).toEqual(['仿宋_GB2312', '仿宋', 'FangSong', 'Noto Serif CJK SC']);
    expect(chain('方正小标宋简体').slice(0, 4)).toEqual(['方正小标宋简体', '小标宋', '华文中宋', 'SimSun']);
    expect(chain('黑体')).toEqual(['黑体', 'SimHei', 'Noto Sans CJK SC']);
    // every font a run names is declared, the CJK ones as GB2312 (charset 86)
    const xml = docx.parts['word/document.xml']! + docx.parts['word/styles.xml']!;
    const used = new Set([...xml.matchAll(/w:(?:eastAsia|ascii|hAnsi|cs)="([^"]+)"/g)].map((m) => m[1]!).filter((f) => !/^[a-z]{2}-[A-Z]{2}$/.test(f)));
    for (const f of used) expect(fonts.has(f), f).toBe(true);
    for (const f of ['仿宋_GB2312', '方正小标宋简体', '黑体']) expect(fonts.get(f)).toContain('<w:charset w:val="86"/>');
    expect(fonts.get('仿宋_GB2312')).toMatch(/<w:panose1 w:val="[0-9A-F]{20}"\/>/);
    // the document defaults: zh-CN for East Asian text, paragraphs not snapped to the 22 × 28 grid the section declares
    const defaults = docx.parts['word/styles.xml']!.match(/<w:docDefaults>[\s\S]*<\/w:docDefaults>/)![0];
    expect(defaults).toContain('<w:lang w:eastAsia="zh-CN"/>');
    expect(defaults).toContain('<w:snapToGrid w:val="0"/>');
    expect(docx.parts['word/document.xml']!).toContain('<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-848"/>');
  });

  it('zips every part with its CRC and sizes in the local header, no data descriptors; photos stored, XML deflated', async () => {
    await buildYear(h.core);
    const { buf, docx } = await docxOf(byKey(volumesOf(h.core), 'branch-general-Y'));
    const headers = zipLocalHeaders(buf);
    expect(headers.map((x) => x.name).sort()).toEqual(Object.keys(docx.parts).sort());
    for (const x of headers) {
      expect(x.flags & 8, x.name).toBe(0);
      expect(x.size, x.name).toBeGreaterThan(0);
      expect(x.compressedSize, x.name).toBeGreaterThan(0);
      expect(x.crc, x.name).not.toBe(0);
      expect(x.method, x.name).toBe(x.name.startsWith('word/media/') ? 0 : 8);
    }
    expect(headers.find((x) => x.name.startsWith('word/media/'))!.size).toBe(PHOTO.length);
  });

  it('keeps headings and 「附件：」 with what follows, and the signature lines together', async () => {
    await buildYear(h.core);
    const v = byKey(volumesOf(h.core), 'branch-general-Y');
    const xml = (await docxOf(v)).docx.parts['word/document.xml']!;
    const paragraph = (text: string) => [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].map((m) => m[1]!).filter((p) => wordText(p) === text);
    const attachments = paragraph('附件：');
    expect(attachments.length).toBeGreaterThan(0);
    for (const p of attachments) expect(p).toContain('<w:keepNext/>');
    for (const p of paragraph('“三会一课”制度')) expect(p).toContain('<w:keepNext/>');
    const signs = paragraph(`立卷人：${OPTIONS.compiler}`);
    expect(signs).toHaveLength(1);
    expect(signs[0]).toContain('<w:keepNext/>');
    const record = [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].map((m) => m[1]!).filter((p) => /^(主持人|记录人)（签字）：/.test(wordText(p)));
    expect(record.length).toBeGreaterThan(1);
    for (const p of record) expect(p).toContain('<w:keepLines/>');
  });

  it('embeds the photo in word/media, lists other attachments, and ends with the 备考表', async () => {
    const y = await buildYear(h.core);
    const v = byKey(volumesOf(h.core), 'branch-general-Y');
    const { buf, docx } = await docxOf(v);
    const media = Object.entries(unzipSync(new Uint8Array(buf))).filter(([name]) => name.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect(Buffer.from(media[0]![1])).toEqual(PHOTO);
    const xml = docx.parts['word/document.xml']!;
    const items = volumeItems(v);
    const segs = itemSegments(xml, items);
    const assemblySeg = segs[items.findIndex((i) => i.recordId === y.assembly.id)]!;
    const embed = assemblySeg.match(/<a:blip r:embed="(rId\d+)"/)?.[1];
    expect(embed).toBeDefined();
    expect(`word/${relTarget(docx.parts['word/_rels/document.xml.rels']!, embed!)}`).toBe(media[0]![0]);
    // only the 党员大会 carries an image
    expect(segs.filter((s) => s.includes('<a:blip')).length).toBe(1);
    expect(wordText(segs[items.findIndex((i) => i.recordId === y.committee.id)]!)).toContain('会议通知.pdf');

    const notes = wordParagraphs(xml.slice(xml.lastIndexOf('<w:p>', xml.indexOf('>卷内备考表<')))).filter(Boolean);
    expect(notes).toEqual([
      '卷内备考表',
      '本卷情况说明：',
      '本卷共3件，共页。',
      '年度完整性检查发现《党支部综合记录（永久）》有以下缺项，共1项：',
      '1. 2024年第二季度未召开支部党员大会。',
      '《工会、团支部记录》本年度没有归档文件，年度完整性检查发现其有以下缺项，共1项：',
      '1. 第三季度未召开职工大会。',
      '本年度封存与解除封存记录：',
      ...LOG,
      '立卷人：钱宣传',
      '检查人：王书记',
      '立卷时间：2025年1月5日',
    ]);
  });
});

// ---------------------------------------------------------------------------------------

/** Top margin of the volumes (37 mm): page numbers sit above it, the 归档章 below. */
const TOP_MARGIN_PT = (37 / 25.4) * 72;
const mm = (x: number) => (x / 25.4) * 72;
/**
 * Where text may be on an A4 page of a volume (points): the type area (margins left 28 mm,
 * right 26 mm, bottom 35 mm), with 10 pt for CJK punctuation hanging at the end of a
 * justified line; above it the page numbers (header 15 mm from the edge). Poppler drops
 * text outside the paper, so a table running off the page also shows as cells missing
 * from the 目录 and the 归档章 read below.
 */
const TEXT_BOX = { left: mm(28) - 4, top: mm(10), right: mm(210 - 26) + 10, bottom: mm(297 - 35) + 10 };

/** The page each 件 starts on: the one whose 归档章 reads 全宗号 D001, 年度 2024 and its 件号. */
function stampPages(pages: PdfPageWords[], v: Volume): Map<string, number> {
  const out = new Map<string, number>();
  for (const it of volumeItems(v)) {
    const found = pages.filter((p) => cellBelow(p, '件号') === String(it.no) && cellBelow(p, '全宗号') === FONDS && cellBelow(p, '年度') === String(YEAR));
    expect(found.map((p) => p.page), `归档章 of 件 ${it.no}`).toHaveLength(1);
    expect(cellBelow(found[0]!, '保管期限')).toBe(it.retention);
    out.set(it.anchor, found[0]!.page);
  }
  return out;
}

/** The 目录 read from the pages that carry its table: 件号 → 页号. */
function cataloguePages(pages: PdfPageWords[]): Map<number, number> {
  const rows = pages.flatMap((p) => catalogueRows(p) ?? []);
  return new Map(rows.map((r) => [r.no, r.page]));
}

/** What every rendered volume must satisfy, whoever laid it out; returns the pages each 件 starts on. */
function checkRenderedVolume(pdfFile: string, v: Volume): { starts: Map<string, number>; total: number } {
  const texts = pdfPageTexts(pdfFile).map(squash);
  const pages = pdfWords(pdfFile);
  expect(texts.length).toBe(pages.length);
  const total = pages.length;
  const items = volumeItems(v);

  // the whole cover on page 1 (a long title must not push its last rows over)
  for (const [label] of coverRows(v, null)) expect(texts[0], `cover item ${label}`).toContain(squash(label));
  expect(texts[1]).not.toContain(squash('案卷题名'));

  // A4, and no table or line of text runs out of the type area
  for (const p of pages) {
    expect(p.width).toBeCloseTo(595.3, 0);
    expect(p.height).toBeCloseTo(841.9, 0);
    expect(wordsOutside(p, TEXT_BOX).map((w) => `${w.text} [${w.xMin.toFixed(1)}–${w.xMax.toFixed(1)}, ${w.yMin.toFixed(1)}–${w.yMax.toFixed(1)}]`), `words outside the type area on page ${p.page}`).toEqual([]);
  }

  // the cover: no page number, the page count filled in
  expect(texts[0]).toContain(squash(v.cover.title));
  expect(texts[0]).toContain(`本卷共${items.length}件，共${total}页`);
  expect(headerNumber(pages[0]!, TOP_MARGIN_PT)).toBeNull();
  // the 目录 follows on page 2
  expect(texts[1]).toContain('卷内文件目录');

  // every 件 starts on the page its 目录 row names, under its 归档章, with its printed title
  const starts = stampPages(pages, v);
  const catalogue = cataloguePages(pages);
  expect([...catalogue.keys()]).toEqual(items.map((it) => it.no));
  for (const it of items) {
    const page = starts.get(it.anchor)!;
    expect(catalogue.get(it.no), `目录 页号 of 件 ${it.no}`).toBe(page);
    expect(texts[page - 1], `title of 件 ${it.no} on page ${page}`).toContain(squash(it.print.title));
    expect(texts[page - 1]).toContain(squash(it.print.org));
  }
  // 件 in 目录 order, each after the 目录
  const order = items.map((it) => starts.get(it.anchor)!);
  expect(order).toEqual([...order].sort((a, b) => a - b));
  expect(order[0]).toBeGreaterThan(2);

  // page numbers: recto (odd) top right, verso (even) top left
  for (const p of pages.slice(1)) {
    expect(headerNumber(p, TOP_MARGIN_PT), `page number on page ${p.page}`).toEqual({ n: p.page, side: p.page % 2 ? 'right' : 'left' });
  }
  // the 备考表 is the last page, with the gaps
  expect(texts.at(-1)).toContain('卷内备考表');
  expect(texts.at(-1)).toContain(`本卷共${items.length}件，共${total}页`);
  for (const g of [...v.notes.gaps, ...v.notes.otherBooks.flatMap((o) => o.gaps)]) expect(texts.at(-1)).toContain(squash(g));
  return { starts, total };
}

describe.skipIf(!!LO_MISSING)(`the Word volumes rendered by LibreOffice${LO_MISSING ? ` (skipped: ${LO_MISSING} not installed)` : ''}`, () => {
  const h = useCore();

  it('puts every 件 on the page its 目录 PAGEREF names, with page numbers and nothing overflowing', { timeout: 120_000 }, async () => {
    await buildYear(h.core);
    const vs = volumesOf(h.core);
    const dir = path.join(h.dir, 'lo');
    fs.mkdirSync(dir);
    const files = await Promise.all(
      vs.map(async (v) => {
        const docx = path.join(dir, `${v.key}.docx`);
        await writeVolumeDocx(v, docx);
        return { v, docx, pdf: path.join(dir, `${v.key}.pdf`) };
      }),
    );
    const r = spawnSync(PYTHON, [DOCX2PDF, ...files.flatMap((f) => [f.docx, f.pdf])], { encoding: 'utf8', timeout: 110_000 });
    expect(r.status, `docx2pdf.py: ${r.stdout} ${r.stderr}`).toBe(0);
    for (const f of files) {
      expect(fs.existsSync(f.pdf), f.pdf).toBe(true);
      const { starts, total } = checkRenderedVolume(f.pdf, f.v);
      // the 职工登记表 prints the masked number
      if (f.v.key === 'branch-general-D30') {
        const all = squash(pdfPageTexts(f.pdf).join(''));
        expect(all).toContain(MASKED_ID);
        expect(all).not.toContain(FULL_ID);
        expect(starts.size).toBe(2);
        expect(total).toBeGreaterThan(starts.get('j0002')!);
      }
    }
  });

  it('docx2pdf.py fails with a status and the file’s name when it cannot render', { timeout: 60_000 }, () => {
    const missing = path.join(h.dir, 'missing.docx');
    const out = path.join(h.dir, 'missing.pdf');
    const r = spawnSync(PYTHON, [DOCX2PDF, missing, out], { encoding: 'utf8', timeout: 55_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('missing.docx');
    expect(fs.existsSync(out)).toBe(false);
    expect(spawnSync(PYTHON, [DOCX2PDF, missing], { encoding: 'utf8' }).status).toBe(2);
  });
});

// ---------------------------------------------------------------------------------------

describe.skipIf(!!CHROMIUM_MISSING)(`the Chromium PDF of a volume${CHROMIUM_MISSING ? ` (skipped: ${CHROMIUM_MISSING} missing)` : ''}`, () => {
  const h = useCore();
  const printer = useChromiumPrinter();

  it('lays out a volume unpainted on the same pages, each section where the painted one has it, with no text', { timeout: 120_000 }, async () => {
    await buildYear(h.core);
    const v = byKey(volumesOf(h.core), 'branch-general-Y');
    const [painted, unpainted] = [false, true].map((layoutOnly) => {
      const html = path.join(h.dir, `layout-${layoutOnly}.html`);
      fs.writeFileSync(html, volumeHtml(v, null, undefined, { layoutOnly }));
      return { html, pdf: html.replace(/html$/, 'pdf') };
    });
    for (const f of [painted!, unpainted!]) await printer().print(f.html, f.pdf);
    const [a, b] = [painted!, unpainted!].map((f) => fs.readFileSync(f.pdf));
    expect(pdfPageCount(b!)).toBe(pdfPageCount(a!));
    expect([...pdfDestinations(b!)]).toEqual([...pdfDestinations(a!)]);
    expect(pdfDestinations(b!).size).toBe(volumeItems(v).length + 2 + v.parts.filter((p) => p.rules.length).length);
    if (HAS_PDFTOTEXT) {
      expect(squash(pdfPageTexts(painted!.pdf).join(''))).toContain('卷内文件目录');
      // only the page numbers of the margin boxes are painted
      expect(squash(pdfPageTexts(unpainted!.pdf).join(''))).toMatch(/^\d*$/);
    }
  });

  it('never leaves 「附件：」 alone at the foot of a page, nor splits the signature lines', { timeout: 120_000 }, async () => {
    await buildYear(h.core);
    const base = byKey(volumesOf(h.core), 'discipline');
    const it0 = volumeItems(base)[0]!;
    // one 件 whose text grows a line at a time, so that the heading falls on every line of the page in turn
    for (let n = 8; n <= 30; n++) {
      const item: VolumeItem = {
        ...it0,
        images: [],
        others: ['整改通知.pdf'],
        print: { ...it0.print, sections: [{ heading: '整改情况', paragraphs: Array.from({ length: n }, (_, i) => `第${i + 1}项整改措施已落实到位。`) }] },
      };
      const v: Volume = { ...base, parts: [{ ...base.parts[0]!, rules: [], items: [item] }] };
      const html = path.join(h.dir, `keep-${n}.html`);
      const pdf = path.join(h.dir, `keep-${n}.pdf`);
      fs.writeFileSync(html, volumeHtml(v, null));
      await printer().print(html, pdf);
      const pages = pdfPageTexts(pdf).map(squash);
      const at = pages.findIndex((t) => t.includes('附件：'));
      expect(pages[at], `${n} lines: 附件 heading alone`).toContain('整改通知.pdf');
      const signs = pages.filter((t) => item.print.signatures.some((s) => t.includes(`${s}：`)));
      expect(signs, `${n} lines: signatures split`).toHaveLength(1);
    }
  });

  it('prints 目录 页号 equal to the named destinations and to the page of each 件’s 归档章 and title', { timeout: 120_000 }, async () => {
    await buildYear(h.core);
    for (const v of volumesOf(h.core)) {
      const work = path.join(h.dir, `pdf-${v.key}`);
      fs.mkdirSync(work);
      const file = path.join(h.dir, `${v.key}.pdf`);
      const pages = await volumePdf(v, printer(), work, file, { version: '0.0.0-test' });
      expect(fs.readdirSync(work)).toEqual([]); // its HTML and pass files are removed
      const pdf = fs.readFileSync(file);
      const dests = pdfDestinations(pdf);
      const { starts, total } = checkRenderedVolume(file, v);
      expect(total).toBe(pdfPageCount(pdf));
      expect(pages.total).toBe(total);
      for (const it of volumeItems(v)) {
        expect(dests.get(it.anchor), it.anchor).toBe(starts.get(it.anchor));
        expect(pages.starts.get(it.anchor), it.anchor).toBe(starts.get(it.anchor));
      }
      // 页数 in each 归档章: the 件's own pages, up to the next section the PDF names (件, 制度 or 备考表), not past it
      const sections = [...dests.values()].sort((a, b) => a - b);
      expect(dests.get(NOTES_ANCHOR)).toBe(total);
      const words = pdfWords(file);
      for (const it of volumeItems(v)) {
        const start = starts.get(it.anchor)!;
        const next = sections.find((p) => p > start)!;
        expect(cellBelow(words[start - 1]!, '页数'), `页数 of ${v.key} ${it.anchor}`).toBe(String(next - start));
      }
    }
  });
});

// ---------------------------------------------------------------------------------------

describe.skipIf(!!CHROMIUM_MISSING || !!LO_MISSING)(`the Word volume with its PDF’s pages${CHROMIUM_MISSING || LO_MISSING ? ` (skipped: ${CHROMIUM_MISSING || LO_MISSING} missing)` : ''}`, () => {
  const h = useCore();
  const printer = useChromiumPrinter();

  /** Every volume of the year printed by Chromium, then written to Word with the PDF's pages. */
  async function laidOut(): Promise<{ v: Volume; pages: VolumePages; pdf: string; docx: string }[]> {
    await buildYear(h.core);
    const out = [];
    for (const v of volumesOf(h.core)) {
      const work = path.join(h.dir, `pdf-${v.key}`);
      fs.mkdirSync(work);
      const pdf = path.join(h.dir, `${v.key}.pdf`);
      const docx = path.join(h.dir, `${v.key}.docx`);
      const pages = await volumePdf(v, printer(), work, pdf, { version: '0.0.0-test' });
      await writeVolumeDocx(v, docx, undefined, pages);
      out.push({ v, pages, pdf, docx });
    }
    return out;
  }

  it('gives every field of the Word file the PDF’s figure as its result: 页号, 页数 of each 件 in the 目录 and its 归档章, 共N页', { timeout: 120_000 }, async () => {
    for (const { v, pages, docx } of await laidOut()) {
      const xml = readDocx(fs.readFileSync(docx).toString('base64')).parts['word/document.xml']!;
      const fields = wordFields(xml);
      const items = volumeItems(v);
      const counts = itemPages(v, pages);
      const next = followingAnchors(v);
      // the 目录's 页号: one PAGEREF per 件, in order, with the page the PDF starts it on
      const refs = fields.filter((f) => f.depth === 0 && f.code.startsWith('PAGEREF'));
      expect(refs.map((f) => [f.code, f.result]), v.key).toEqual(items.map((it) => [`PAGEREF ${it.anchor} \\h`, String(pages.starts.get(it.anchor))]));
      // 页数, twice per 件 (目录, then its 归档章): next section's page minus its own, each PAGEREF with its page too
      const spans = fields.filter((f) => f.code.startsWith('='));
      const expected = items.map((it) => ({ code: '= -', result: String(counts.get(it.anchor)), depth: 0 }));
      expect(spans.map((f) => ({ ...f, code: f.code.replace(/\s+/g, ' ') })), v.key).toEqual([...expected, ...expected]);
      const inner = fields.filter((f) => f.depth === 1).map((f) => [f.code, f.result]);
      const pair = (it: VolumeItem) => [
        [`PAGEREF ${next.get(it.anchor)} \\h`, String(pages.starts.get(next.get(it.anchor)!))],
        [`PAGEREF ${it.anchor} \\h`, String(pages.starts.get(it.anchor))],
      ];
      expect(inner, v.key).toEqual([...items.flatMap(pair), ...items.flatMap(pair)]);
      expect(counts.get(items.at(-1)!.anchor)).toBe(pages.starts.get(NOTES_ANCHOR)! - pages.starts.get(items.at(-1)!.anchor)!);
      // 共N页 on the cover and in the 备考表
      expect(fields.filter((f) => f.code === 'NUMPAGES').map((f) => f.result)).toEqual([String(pages.total), String(pages.total)]);
      // and so the text reads, before any update
      const text = wordText(xml);
      expect(text).toContain(`本卷共${items.length}件，共${pages.total}页`);
      // a bookmark for every section a PAGEREF names
      for (const a of volumeAnchors(v)) expect(xml, a).toMatch(new RegExp(`<w:bookmarkStart w:name="${a}" w:id="\\d+"/>`));
    }
  });

  it('renders in LibreOffice on as many pages as the PDF, each 件 starting on the PDF’s page, and prints 制度 in 三号 in the PDF', { timeout: 240_000 }, async () => {
    const vols = await laidOut();
    const lo = (docx: string) => docx.replace(/\.docx$/, '.lo.pdf');
    const r = spawnSync(PYTHON, [DOCX2PDF, ...vols.flatMap((x) => [x.docx, lo(x.docx)])], { encoding: 'utf8', timeout: 200_000 });
    expect(r.status, `docx2pdf.py: ${r.stdout} ${r.stderr}`).toBe(0);
    const figures = vols.map(({ v, pages, pdf, docx }) => {
      const rendered = checkRenderedVolume(lo(docx), v);
      return { v, pages, pdf, word: rendered };
    });
    console.log(figures.map((f) => `${f.v.key}: Word (LibreOffice) ${f.word.total} pages, PDF ${f.pages.total} pages`).join('\n'));
    for (const { v, pages, pdf, word } of figures) {
      expect(word.total, v.key).toBe(pages.total);
      // (not the 页数: LibreOffice 7.4 shows a formula's nested PAGEREFs beside its result, e.g. 17150 for 17 − 15)
      for (const it of volumeItems(v)) expect(word.starts.get(it.anchor), `${v.key} ${it.anchor}`).toBe(pages.starts.get(it.anchor));
      // the 制度 pages of the PDF: full-width characters 16 pt apart, as in the 件
      v.parts.forEach((part, i) => {
        if (!part.rules.length) return;
        const first = pages.starts.get(rulesAnchor(i))!;
        const lines = pdfWords(pdf)[first - 1]!.words.filter((w) => w.text.length >= 10 && /^[\u3000-\u9fff\uff00-\uffef]+$/.test(w.text));
        expect(lines.length, `${v.key} ${part.label}`).toBeGreaterThan(5);
        for (const w of lines) expect((w.xMax - w.xMin) / w.text.length, w.text).toBeCloseTo(16, 0);
      });
    }
  });
});

// ---------------------------------------------------------------------------------------

describe('writeExport', () => {
  const h = useCore();
  let shared: PdfPrinter | null = null;
  beforeAll(async () => {
    if (CHROMIUM) shared = await createChromiumPrinter();
  }, 60_000);
  afterAll(async () => {
    await shared?.close();
  });

  const plan = (pdf: boolean) => planExport(h.core.db, h.core.dataDir, defaultTextsDir(), { year: YEAR, mode: 'books', fullIds: false, pdf, compiler: '钱宣传', checker: '王书记' }, '0.0.0-test');
  /** The year's archive folder holds nothing but finished exports. */
  const leftovers = (yearDir: string) => fs.readdirSync(yearDir).filter((n) => n.startsWith('.tmp-'));

  it.skipIf(!CHROMIUM)(`writes the workbook, and a Word volume and a PDF per volume, then moves them into place${CHROMIUM ? '' : ' (skipped: no Chromium)'}`, { timeout: 120_000 }, async () => {
    await buildYear(h.core);
    const p = plan(true);
    let closed = 0;
    const steps: ExportStep[] = [];
    const { files, failed } = await writeExport(
      p,
      async () => ({ print: (f, out, limit) => shared!.print(f, out, limit), close: async () => void closed++ }),
      (s) => {
        // written into the temporary folder until the last step has moved it into place
        expect(fs.existsSync(tempDirOf(p))).toBe(s.phase !== '已完成');
        steps.push({ ...s });
      },
      new AbortController().signal,
    );
    const names = ['2024年度_台账汇总.xlsx', ...p.volumes.flatMap((v) => [`${v.fileBase}.docx`, `${v.fileBase}.pdf`])];
    expect(files.map((f) => f.name)).toEqual(names);
    expect(failed).toEqual([]);
    expect(closed).toBe(1);
    // the workbook, and a Word and a PDF per volume (each volume's images scaled on the way)
    expect(steps.at(-1)).toEqual({ done: 9, total: 9, phase: '已完成' });
    expect(steps.map((s) => s.done)).toEqual([...steps.map((s) => s.done)].sort((a, b) => a - b));
    expect(leftovers(p.yearDir)).toEqual([]);
    const dir = path.join(p.yearDir, p.exportId);
    expect(fs.readdirSync(dir).sort()).toEqual([...names].sort());
    for (const f of files) expect(fs.statSync(path.join(dir, f.name)).size).toBe(f.size);
    expect(listExports(h.core.dataDir, YEAR)).toEqual([{ exportId: p.exportId, files: expect.arrayContaining(files) }]);
    for (const v of p.volumes) {
      const pdf = fs.readFileSync(path.join(dir, `${v.fileBase}.pdf`));
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect([...pdfDestinations(pdf).keys()].filter((k) => /^j\d{4}$/.test(k)).sort()).toEqual(volumeItems(v).map((i) => i.anchor));
      const xml = readDocx(fs.readFileSync(path.join(dir, `${v.fileBase}.docx`)).toString('base64')).parts['word/document.xml']!;
      expect(wordText(xml)).toContain(v.cover.title);
      // the Word file was written with this PDF's pages: its 共N页 and 页号 say what the PDF has
      const dests = pdfDestinations(pdf);
      const fields = wordFields(xml);
      expect(fields.filter((f) => f.code === 'NUMPAGES').map((f) => f.result)).toEqual([String(pdfPageCount(pdf)), String(pdfPageCount(pdf))]);
      expect(fields.filter((f) => f.depth === 0 && f.code.startsWith('PAGEREF')).map((f) => f.result)).toEqual(volumeItems(v).map((it) => String(dests.get(it.anchor))));
    }
  });

  it('writes the registers workbook that exceljs reads back: nine sheets, the year’s 定稿 meetings, masked IDs', async () => {
    const y = await buildYear(h.core);
    const p = plan(false);
    const { files } = await writeExport(p, null, () => {}, new AbortController().signal);
    expect(files.map((f) => f.name)).toEqual(['2024年度_台账汇总.xlsx', ...p.volumes.map((v) => `${v.fileBase}.docx`)]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(path.join(p.yearDir, p.exportId, '2024年度_台账汇总.xlsx')) as unknown as Parameters<typeof wb.xlsx.load>[0]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(REGISTER_KEYS.map((k) => REGISTER_TITLES[k]));
    for (const ws of wb.worksheets) {
      expect(ws.getCell('A1').value).toBe(`${BRANCH_NAME}${YEAR}年${ws.name}`);
      expect(ws.getCell('A1').isMerged).toBe(true);
      expect(ws.views[0]).toMatchObject({ state: 'frozen' });
      expect(ws.pageSetup.paperSize).toBe(9); // A4
    }
    const column = (name: string, col: number) => {
      const ws = wb.getWorksheet(name)!;
      const out: string[] = [];
      for (let r = FIRST_DATA_ROW; r <= ws.rowCount; r++) {
        const v = ws.getCell(r, col).value;
        if (v !== null && v !== '') out.push(String(v));
      }
      return out;
    };
    // by type (the books' order), then 第N次
    expect(column('会议台账', 2)).toEqual(['支部党员大会', '支部委员会', '党课']);
    const meetings = JSON.stringify(wb.getWorksheet('会议台账')!.getSheetValues());
    expect(meetings).not.toContain(DRAFT_TOPIC);
    expect(meetings).not.toContain(TRASHED_TOPIC);
    const staff = JSON.stringify(wb.getWorksheet('职工基本情况')!.getSheetValues());
    expect(staff).toContain('王芳');
    expect(staff).toContain(MASKED_ID);
    expect(staff).not.toContain(FULL_ID);
    expect(column('问题整改台账', 1)).toHaveLength(1);
    expect(y.staff.data.idNumber).toBe(FULL_ID);
  });

  it('leaves neither the export nor its temporary folder when cancelled after the first step', async () => {
    await buildYear(h.core);
    const p = plan(false);
    const abort = new AbortController();
    const phases: string[] = [];
    let sawTemp = false;
    await expect(
      writeExport(
        p,
        null,
        (s) => {
          phases.push(s.phase);
          sawTemp = fs.existsSync(tempDirOf(p));
          abort.abort();
        },
        abort.signal,
      ),
    ).rejects.toBeInstanceOf(ExportCancelled);
    expect(phases).toEqual(['正在生成台账工作簿']);
    expect(sawTemp).toBe(true);
    expect(fs.readdirSync(p.yearDir)).toEqual([]);
    expect(listExports(h.core.dataDir, YEAR)).toEqual([]);
  });

  /** A printer that writes a PDF's first bytes and then stalls, past the limit it is given, for the volume of `key`; the others print. */
  const stallingFor = (key: string, limits: number[]) => async (): Promise<PdfPrinter> => ({
    print: async (html, out, limit) => {
      if (!path.basename(html).startsWith(`${key}.`)) return shared!.print(html, out, limit);
      limits.push(limit!);
      fs.writeFileSync(out, '%PDF-1.4\n% half a volume');
      await new Promise((r) => setTimeout(r, 20));
      throw new Error(`生成 PDF 超时（超过 ${Math.round(limit! / 1000)} 秒）：${html}`);
    },
    close: async () => {},
  });

  it.skipIf(!CHROMIUM)('fails only the PDF that stalls, by name and why, and keeps every other file; nothing half-written stays', { timeout: 120_000 }, async () => {
    await buildYear(h.core);
    const p = plan(true);
    const stalled = byKey(p.volumes, 'branch-general-Y');
    const limits: number[] = [];
    const { files, failed } = await writeExport(p, stallingFor(stalled.key, limits), () => {}, new AbortController().signal);
    expect(failed).toEqual([{ name: `${stalled.fileBase}.pdf`, reason: expect.stringMatching(/^生成 PDF 超时（超过 \d+ 秒）/) }]);
    // the limit scales with the volume's work: a minute, and more for its 件 and its images
    expect(limits[0]).toBeGreaterThan(60_000);
    const names = ['2024年度_台账汇总.xlsx', ...p.volumes.flatMap((v) => [`${v.fileBase}.docx`, `${v.fileBase}.pdf`])].filter((n) => n !== `${stalled.fileBase}.pdf`);
    expect(files.map((f) => f.name)).toEqual(names);
    const dir = path.join(p.yearDir, p.exportId);
    expect(fs.readdirSync(dir).sort()).toEqual([...names].sort());
    expect(leftovers(p.yearDir)).toEqual([]);
  });

  it.skipIf(!CHROMIUM)('builds each Word volume from its PDF’s first layout, and again when a later pass moved the pages', { timeout: 120_000 }, async () => {
    await buildYear(h.core);
    const p = plan(true);
    const moved = byKey(p.volumes, 'discipline');
    // the first layout of one volume gets a page more at its start: its second pass finds the pages moved, and a third confirms them
    const moving = async (): Promise<PdfPrinter> => ({
      print: async (html, out, limit) => {
        if (path.basename(html) === `${moved.key}.1.html`) fs.writeFileSync(html, fs.readFileSync(html, 'utf8').replace('<body>', '<body><div style="break-after: page">多出的一页</div>'));
        return shared!.print(html, out, limit);
      },
      close: async () => {},
    });
    const built: { key: string; total: number | null }[] = [];
    const { files, failed } = await writeExport(p, moving, () => {}, new AbortController().signal, async (v, file, images, pages) => {
      built.push({ key: v.key, total: pages?.total ?? null });
      await writeVolumeDocx(v, file, images, pages);
    });
    expect(failed).toEqual([]);
    const dir = path.join(p.yearDir, p.exportId);
    const pdfPages = (v: Volume) => pdfPageCount(fs.readFileSync(path.join(dir, `${v.fileBase}.pdf`)));
    // every other volume: one Word build, with the pages its PDF has
    for (const v of p.volumes.filter((x) => x !== moved)) expect(built.filter((b) => b.key === v.key)).toEqual([{ key: v.key, total: pdfPages(v) }]);
    // the moved one: first with the first layout's pages, then with the printed ones
    expect(built.filter((b) => b.key === moved.key)).toEqual([
      { key: moved.key, total: pdfPages(moved) + 1 },
      { key: moved.key, total: pdfPages(moved) },
    ]);
    const numPages = wordFields(readDocx(fs.readFileSync(path.join(dir, `${moved.fileBase}.docx`)).toString('base64')).parts['word/document.xml']!).find((f) => f.code === 'NUMPAGES');
    expect(numPages?.result).toBe(String(pdfPages(moved)));
    // listed once, written once into place
    expect(files.map((f) => f.name)).toEqual(inPlanOrder(p, files).map((f) => f.name));
    expect(new Set(files.map((f) => f.name)).size).toBe(files.length);
    expect(files.find((f) => f.name === `${moved.fileBase}.docx`)?.size).toBe(fs.statSync(path.join(dir, `${moved.fileBase}.docx`)).size);
  });

  it('keeps the workbook and the Word volumes when no browser starts, each PDF failed by name', async () => {
    await buildYear(h.core);
    const p = plan(true);
    const { files, failed } = await writeExport(p, () => Promise.reject(new Error('未找到 Chromium')), () => {}, new AbortController().signal);
    expect(files.map((f) => f.name)).toEqual(['2024年度_台账汇总.xlsx', ...p.volumes.map((v) => `${v.fileBase}.docx`)]);
    expect(failed).toEqual(p.volumes.map((v) => ({ name: `${v.fileBase}.pdf`, reason: '未找到 Chromium' })));
    expect(fs.readdirSync(path.join(p.yearDir, p.exportId)).sort()).toEqual(files.map((f) => f.name).sort());
    expect(leftovers(p.yearDir)).toEqual([]);
  });

  it('fails the whole export, leaving nothing, when the disk is full, and closes the printer', async () => {
    await buildYear(h.core);
    const p = plan(true);
    let closed = 0;
    const full = async (): Promise<PdfPrinter> => ({
      print: async () => {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      },
      close: async () => void closed++,
    });
    await expect(writeExport(p, full, () => {}, new AbortController().signal)).rejects.toThrow('ENOSPC');
    expect(closed).toBe(1);
    expect(fs.readdirSync(p.yearDir)).toEqual([]);
  });

  it.skipIf(!CHROMIUM)('runs the same in the bundled worker thread, its Word volumes built by a thread of their own, a stalled PDF failed by name', { timeout: 180_000 }, async () => {
    const worker = await buildArchiveWorker();
    try {
      await buildYear(h.core);
      const p = plan(true);
      const stalled = byKey(p.volumes, 'branch-general-D30');
      const jobs = new ArchiveJobs(stallingFor(stalled.key, []), worker.script);
      const started = jobs.start(p);
      let job = started;
      while (job.state === 'running') {
        await new Promise((r) => setTimeout(r, 50));
        job = jobs.exports.get(started.id);
      }
      expect(job).toMatchObject({ state: 'done', error: null, failed: [{ name: `${stalled.fileBase}.pdf` }] });
      const dir = path.join(p.yearDir, p.exportId);
      expect(fs.readdirSync(dir).sort()).toEqual(job.files.map((f) => f.name).sort());
      for (const v of p.volumes) {
        const text = wordText(readDocx(fs.readFileSync(path.join(dir, `${v.fileBase}.docx`)).toString('base64')).parts['word/document.xml']!);
        expect(text).toContain(v.cover.title);
      }
      expect(leftovers(p.yearDir)).toEqual([]);
      await jobs.close();
    } finally {
      worker.remove();
    }
  });

  it.skipIf(!CHROMIUM)('重试 makes the failed PDF and its Word volume again into the same folder, the other files untouched; refused once sealed', { timeout: 180_000 }, async () => {
    await buildYear(h.core);
    const p = plan(true);
    const stalled = byKey(p.volumes, 'archive');
    let stall = true;
    const printer = async (): Promise<PdfPrinter> => ({
      print: (html, out, limit) => (stall ? stallingFor(stalled.key, [])().then((s) => s.print(html, out, limit)) : shared!.print(html, out, limit)),
      close: async () => {},
    });
    const jobs = new ArchiveJobs(printer, null);
    const finished = async (id: string) => {
      for (;;) {
        const j = jobs.exports.get(id);
        if (j.state !== 'running') return j;
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const first = await finished(jobs.start(p).id);
    expect(first.failed.map((f) => f.name)).toEqual([`${stalled.fileBase}.pdf`]);
    const dir = path.join(p.yearDir, p.exportId);
    const before = new Map(fs.readdirSync(dir).map((n) => [n, fs.readFileSync(path.join(dir, n))]));
    stall = false;
    const retried = await finished(jobs.retry(first.id, () => null).id);
    expect(retried).toMatchObject({ state: 'done', failed: [], error: null });
    const all = ['2024年度_台账汇总.xlsx', ...p.volumes.flatMap((v) => [`${v.fileBase}.docx`, `${v.fileBase}.pdf`])];
    expect(retried.files.map((f) => f.name)).toEqual(all);
    expect(fs.readdirSync(dir).sort()).toEqual([...all].sort());
    for (const [n, bytes] of before) if (n !== `${stalled.fileBase}.docx`) expect(fs.readFileSync(path.join(dir, n)).equals(bytes), n).toBe(true);
    expect(fs.readFileSync(path.join(dir, `${stalled.fileBase}.pdf`)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(leftovers(p.yearDir)).toEqual([]);
    // nothing left to retry; and a sealed export's files are fixed
    expect(() => jobs.retry(first.id, () => null)).toThrow('没有需要重试的文件');
    stall = true;
    const second = await finished(jobs.start(plan(true)).id);
    expect(second.failed).toHaveLength(1);
    expect(() => jobs.retry(second.id, () => second.id)).toThrow('已封存');
    await jobs.close();
  });
});

// ---------------------------------------------------------------------------------------

describe('archive.* through the dispatcher', () => {
  const h = useCore();

  async function waitForJob(id: string) {
    for (let i = 0; i < 600; i++) {
      const job = await call(h.core, 'archive.job', { id });
      if (job.state !== 'running') return job;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the export did not finish');
  }

  it('exports in the background, lists the export and hands out its files by listed name only', { timeout: 60_000 }, async () => {
    await buildYear(h.core);
    const preview = await call(h.core, 'archive.preview', { year: YEAR, mode: 'books' });
    expect(preview.map((v) => [v.category, v.retention, v.items.length])).toEqual([
      ['党支部综合记录（永久）', '永久', 3],
      ['党支部综合记录（定期30年）', '定期30年', 2],
      ['纪检监察综合治理记录', '定期30年', 1],
      ['支部档案', '定期30年', 2],
    ]);

    const started = await call(h.core, 'archive.start', { year: YEAR, mode: 'books', fullIds: false, pdf: false, compiler: '钱宣传', checker: '王书记' });
    expect(started).toMatchObject({ year: YEAR, state: 'running' });
    expect(started.id).toMatch(/^\d{8}-\d{6}$/);
    const job = await waitForJob(started.id);
    expect(job).toMatchObject({ id: started.id, state: 'done', phase: '已完成', error: null });
    expect(job.done).toBe(job.total);
    const names = ['2024年度_台账汇总.xlsx', '2024年度_党支部综合记录（永久）.docx', '2024年度_党支部综合记录（定期30年）.docx', '2024年度_纪检监察综合治理记录.docx', '2024年度_支部档案.docx'];
    expect(job.files.map((f) => f.name)).toEqual(names);

    const exports = await call(h.core, 'archive.exports', { year: YEAR });
    expect(exports.map((e) => e.exportId)).toEqual([started.id]);
    expect(exports[0]!.files.map((f) => f.name).sort()).toEqual([...names].sort());
    expect(await call(h.core, 'archive.exports', { year: YEAR + 1 })).toEqual([]);

    const onDisk = path.join(h.dir, 'archive', String(YEAR), started.id, '2024年度_支部档案.docx');
    const file = await call(h.core, 'archive.file', { year: YEAR, exportId: started.id, name: '2024年度_支部档案.docx' });
    expect(file.fileName).toBe('2024年度_支部档案.docx');
    expect(file.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(Buffer.from(file.base64, 'base64')).toEqual(fs.readFileSync(onDisk));
    const text = wordText(readDocx(file.base64).parts['word/document.xml']!);
    expect(text).toContain('2024年党支部工作计划');
    // the 备考表 lists what the completeness check finds missing in the year
    const gaps = await call(h.core, 'completeness.check', { year: YEAR });
    expect(gaps.length).toBeGreaterThan(0);
    // the 支部档案 volume's 备考表 holds the gaps of 支部档案 (党费 among them), not those of the other books
    const own = gaps.filter((g) => g.book === 'archive');
    expect(text).toContain(own.length ? `年度完整性检查发现《支部档案》有以下缺项，共${own.length}项：` : '年度完整性检查未发现《支部档案》有缺项。');
    for (const [i, g] of own.entries()) expect(text).toContain(`${i + 1}. ${g.message}。`);
    for (const g of gaps.filter((x) => x.book !== 'archive')) expect(text).not.toContain(g.message);
    expect(text).toContain('立卷人：钱宣传');
    const xlsx = await call(h.core, 'archive.file', { year: YEAR, exportId: started.id, name: '2024年度_台账汇总.xlsx' });
    expect(xlsx.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

    // names not in the listing, other years and other ids are not served
    for (const input of [
      { year: YEAR, exportId: started.id, name: '../ledger.sqlite3' },
      { year: YEAR, exportId: started.id, name: '../../../ledger.sqlite3' },
      { year: YEAR, exportId: started.id, name: '2024年度_支部档案.pdf' },
      { year: YEAR + 1, exportId: started.id, name: '2024年度_支部档案.docx' },
      { year: YEAR, exportId: '20000101-000000', name: '2024年度_支部档案.docx' },
    ]) {
      expect((await callError(h.core, 'archive.file', input)).code, JSON.stringify(input)).toBe('NOT_FOUND');
    }
    expect((await callError(h.core, 'archive.file', { year: YEAR, exportId: '../..', name: 'ledger.sqlite3' })).code).toBe('VALIDATION');
    expect((await callError(h.core, 'archive.job', { id: '20000101-000000' })).code).toBe('NOT_FOUND');
  });

  it('cancels a running export: the job says so and nothing is left in the year’s folder', async () => {
    await buildYear(h.core);
    const started = await call(h.core, 'archive.start', { year: YEAR, mode: 'single', fullIds: true, pdf: false, compiler: '', checker: '' });
    const cancelled = await call(h.core, 'archive.cancel', { id: started.id });
    expect(cancelled).toMatchObject({ id: started.id, state: 'cancelled', phase: '已取消', files: [] });
    expect(await call(h.core, 'archive.job', { id: started.id })).toMatchObject({ state: 'cancelled' });
    expect(fs.readdirSync(path.join(h.dir, 'archive', String(YEAR)))).toEqual([]);
    expect(await call(h.core, 'archive.exports', { year: YEAR })).toEqual([]);
    // and the next export runs
    const again = await call(h.core, 'archive.start', { year: YEAR, mode: 'single', fullIds: true, pdf: false, compiler: '', checker: '' });
    expect(await waitForJob(again.id)).toMatchObject({ state: 'done' });
    expect((await call(h.core, 'archive.exports', { year: YEAR })).map((e) => e.files.map((f) => f.name))).toEqual([
      ['2024年度_台账汇总.xlsx', '2024年度_党支部“四本一档”（定期30年）.docx', '2024年度_党支部“四本一档”（永久）.docx'],
    ]);
  });

  it('refuses a year without 定稿 records', async () => {
    await buildYear(h.core);
    expect((await callError(h.core, 'archive.start', { year: 2023, mode: 'books', fullIds: false, pdf: false, compiler: '', checker: '' })).code).toBe('VALIDATION');
    expect(fs.existsSync(path.join(h.dir, 'archive', '2023'))).toBe(false);
  });
});
