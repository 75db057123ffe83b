/** records.exportDocx: the Word file read back (unzipped XML), and rendered to PDF by LibreOffice where installed. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecordDto } from '../../shared/methods/records.js';
import { call, useCore } from '../fixtures/core.js';
import { readDocx, wordText } from '../fixtures/docx.js';
import { BRANCH_NAME, meetingInput, seedBranch, withAbsent } from '../fixtures/seed.js';
import { useTempDir } from '../fixtures/tmp.js';

const SOFFICE = '/usr/bin/soffice';
const hasPdfTools = fs.existsSync(SOFFICE) && fs.existsSync('/usr/bin/pdftotext') && fs.existsSync('/usr/bin/pdfinfo');

const ASSEMBLY = {
  date: '2026-03-20',
  location: '机关办公楼三楼党员活动室',
  host: '王书记',
  topics: ['传达学习全国两会精神', '讨论吴预备同志转正事宜'],
  motion: '关于吴预备同志按期转为中共正式党员的决议',
  absentee: '陈正式',
  reason: '外出培训',
};

describe('records.exportDocx', () => {
  const h = useCore();
  const tempDir = useTempDir('docx');

  /** A 支部党员大会 with one absentee and one motion that passes (6 of 7 entitled present, 6 for). */
  async function assembly(): Promise<RecordDto> {
    await seedBranch(h.core);
    const input = await meetingInput(h.core, {
      date: ASSEMBLY.date,
      data: {
        location: ASSEMBLY.location,
        host: ASSEMBLY.host,
        topics: ASSEMBLY.topics,
        motions: [{ title: ASSEMBLY.motion, for: 6, against: 0, abstain: 0 }],
        resolution: '同意吴预备同志按期转为中共正式党员。',
      },
    });
    input.data.attendance = withAbsent(input.data.attendance, { [ASSEMBLY.absentee]: ASSEMBLY.reason });
    return call(h.core, 'records.create', input);
  }

  async function exportDocx(id: number) {
    const file = await call(h.core, 'records.exportDocx', { id });
    return { file, docx: readDocx(file.base64) };
  }

  it('writes a .docx whose text is the whole 支部党员大会 record', async () => {
    const rec = await assembly();
    const { file, docx } = await exportDocx(rec.id);

    expect(file.fileName).toBe('2026-03-20_支部党员大会记录_第1次.docx');
    expect(file.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    expect(Object.keys(docx.parts)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']));

    const text = wordText(docx.parts['word/document.xml']!);
    for (const expected of [
      BRANCH_NAME,
      '支部党员大会记录',
      '2026年 第1次',
      '2026年3月20日',
      ASSEMBLY.location,
      `${ASSEMBLY.host}（书记）`,
      '应到人数9人',
      '实到人数8人',
      `${ASSEMBLY.absentee}（${ASSEMBLY.reason}）`,
      '吴预备（预备党员）',
      ...ASSEMBLY.topics.map((t, i) => `${i + 1}. ${t}`),
      `一、${ASSEMBLY.motion}`,
      '赞成6票，反对0票，弃权0票',
      '应到有表决权7人，实到6人',
      '赞成超过应到有表决权人数的半数，通过',
      '同意吴预备同志按期转为中共正式党员。',
      '主持人（签字）',
      '记录人（签字）',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('未通过');
    // The absentee is listed once, as absent, not among those present.
    expect(text.split(ASSEMBLY.absentee).length - 1).toBe(1);
  });

  it('lays the page out as A4 in 仿宋_GB2312', async () => {
    const rec = await assembly();
    const { docx } = await exportDocx(rec.id);
    const xml = docx.parts['word/document.xml']!;
    const pgSz = xml.match(/<w:pgSz\b[^>]*>/)?.[0] ?? '';
    expect(pgSz).toContain('w:w="11906"');
    expect(pgSz).toContain('w:h="16838"');
    expect(pgSz).not.toContain('landscape');
    expect(xml).toMatch(/<w:rFonts\b[^>]*w:eastAsia="仿宋_GB2312"/);
    expect(docx.parts['word/styles.xml']).toContain('仿宋_GB2312');
    expect(xml).toContain('w:eastAsia="黑体"');
  });

  it('numbers the export by the meeting\'s place in its series', async () => {
    const first = await assembly();
    const earlier = await call(h.core, 'records.create', await meetingInput(h.core, { date: '2026-01-15' }));
    const { file, docx } = await exportDocx(first.id);
    expect(file.fileName).toBe('2026-03-20_支部党员大会记录_第2次.docx');
    expect(wordText(docx.parts['word/document.xml']!)).toContain('2026年 第2次');
    expect((await exportDocx(earlier.id)).file.fileName).toBe('2026-01-15_支部党员大会记录_第1次.docx');
  });

  it('writes the 党课 title, speaker and hours for a 党课', async () => {
    await seedBranch(h.core);
    const lecture = { speaker: '王书记', title: '学习贯彻党的二十大精神专题党课', hours: 2.5 };
    const rec = await call(h.core, 'records.create', await meetingInput(h.core, { type: 'party-lecture', data: { lecture } }));
    const { file, docx } = await exportDocx(rec.id);
    const text = wordText(docx.parts['word/document.xml']!);
    expect(file.fileName).toBe('2026-03-05_党课记录_第1次.docx');
    for (const expected of ['党课记录', '党课题目', lecture.title, '主讲人', '2.5学时']) expect(text).toContain(expected);
    // No votes at a 党课.
    expect(text).not.toContain('表决情况');
  });

  it('answers NOT_FOUND for a record in the trash', async () => {
    const rec = await assembly();
    await call(h.core, 'records.remove', { id: rec.id });
    expect(await h.core.dispatch('records.exportDocx', { id: rec.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  const pdfTitle = hasPdfTools
    ? 'renders to a one- or two-page A4 PDF with LibreOffice'
    : `renders to PDF with LibreOffice — skipped: ${SOFFICE}, pdftotext or pdfinfo is not installed`;
  it.skipIf(!hasPdfTools)(pdfTitle, { timeout: 180_000 }, async () => {
    const rec = await assembly();
    const { file, docx } = await exportDocx(rec.id);
    const dir = tempDir();
    const docxPath = path.join(dir, file.fileName);
    fs.writeFileSync(docxPath, docx.bytes);

    const soffice = spawnSync(
      SOFFICE,
      [`-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docxPath],
      { env: { ...process.env, HOME: dir }, encoding: 'utf8', timeout: 150_000 },
    );
    const pdfPath = docxPath.replace(/\.docx$/, '.pdf');
    expect(fs.existsSync(pdfPath), `soffice failed: ${soffice.stdout} ${soffice.stderr}`).toBe(true);

    const text = spawnSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
    expect(text).toContain('支部党员大会记录');
    expect(text).toContain(ASSEMBLY.host);
    expect(text).toContain(ASSEMBLY.motion);

    const info = spawnSync('pdfinfo', [pdfPath], { encoding: 'utf8' }).stdout;
    const pages = Number(info.match(/^Pages:\s+(\d+)/m)?.[1]);
    expect([1, 2]).toContain(pages);
    const size = info.match(/^Page size:\s+([\d.]+) x ([\d.]+) pts/m);
    expect(size, info).not.toBeNull();
    expect(Math.round(Number(size![1]))).toBe(595);
    expect(Math.round(Number(size![2]))).toBe(842);
    expect(info).toMatch(/^Page size:.*\(A4\)/m);
  });
});
