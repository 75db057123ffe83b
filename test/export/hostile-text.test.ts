/**
 * Text an old database may hold (stored before the boundary scrubbed every string,
 * shared/text.ts scrubText) in every export: each class of code point is written
 * straight into SQLite — a record's data, a person's name, a 党费 备注, an
 * attachment's name — bypassing the boundary, and every export is generated (the
 * record's Word file, the year volume, the roster, dues and registers workbooks,
 * the print HTML). Every XML part is parsed strictly (saxes, XML 1.0): well-formed,
 * with the text around each bad character still there and the good ones kept
 * (a noncharacter is dropped too, though XML could hold most of them: it is no text).
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { defaultTextsDir, type Core } from '../../electron/core/app.js';
import { buildVolumes } from '../../electron/core/archive/volume.js';
import { encodePng } from '../../electron/core/demo/files.js';
import { volumeHtml } from '../../electron/core/export/html/volume.js';
import { registersWorkbook } from '../../electron/core/registers/xlsx.js';
import type { Register } from '../../shared/archive/model.js';
import { recordType } from '../../shared/books/index.js';
import { printDocHtml } from '../../shared/print/html.js';
import { recordPrintDoc } from '../../shared/print/record.js';
import { xmlSafe } from '../../shared/text.js';
import { call, rows, useCore } from '../fixtures/core.js';
import { BRANCH_NAME, createMeeting, seedBranch } from '../fixtures/seed.js';

/** A year wholly past: its records, dues and registers are all due whatever today is. */
const Y = new Date().getFullYear() - 1;

/** Each class of code point, and whether a file keeps it ('kept') or drops it. */
const CASES: [what: string, text: string, fate: 'kept' | 'dropped'][] = [
  ['NUL', '\u0000', 'dropped'],
  ['C0 U+0001', '\u0001', 'dropped'],
  ['backspace U+0008', '\b', 'dropped'],
  ['vertical tab U+000B (Word line break)', '\u000b', 'dropped'],
  ['form feed U+000C', '\f', 'dropped'],
  ['C0 U+001F', '\u001f', 'dropped'],
  ['DEL', '\u007f', 'dropped'],
  ['C1 U+0085 (NEL)', '\u0085', 'dropped'],
  ['C1 U+009F', '\u009f', 'dropped'],
  ['U+FFFE (byte-swapped BOM)', '\ufffe', 'dropped'],
  ['U+FFFF', '\uffff', 'dropped'],
  ['noncharacter U+FDD0', '\ufdd0', 'dropped'],
  ['noncharacter U+FDEF', '\ufdef', 'dropped'],
  ['noncharacter U+1FFFE', '\u{1fffe}', 'dropped'],
  ['noncharacter U+10FFFF', '\u{10ffff}', 'dropped'],
  ['lone high surrogate', '\ud842', 'dropped'],
  ['lone low surrogate', '\udfb7', 'dropped'],
  ['low before high', '\udfb7\ud842', 'dropped'],
  ['RLO U+202E', '\u202e', 'dropped'],
  ['LRI U+2066', '\u2066', 'dropped'],
  ['ALM U+061C', '\u061c', 'dropped'],
  ['BOM U+FEFF', '\ufeff', 'dropped'],
  ['replacement character U+FFFD', '\ufffd', 'kept'],
  ['private use U+E000', '\ue000', 'kept'],
  ['CJK ext-B 𠮷', '𠮷', 'kept'],
  ['emoji with ZWJ 👨‍👩‍👧', '👨‍👩‍👧', 'kept'],
  ['combining acute é', 'e\u0301', 'kept'],
  ['line separator U+2028', '\u2028', 'kept'],
  ['paragraph separator U+2029', '\u2029', 'kept'],
  ['tab', '\t', 'kept'],
  ['XML specials', '<&>"\'', 'kept'],
];

const mark = (i: number) => String(i).padStart(2, '0');
/** Every case between its own markers: 前00…后00，前01…后01，… */
const HOSTILE = CASES.map(([, t], i) => `前${mark(i)}${t}后${mark(i)}`).join('，');

/** The text of every node and attribute of an XML document, or the parser's error (strict XML 1.0). */
function parseStrict(xml: string): { text: string; error: string | null } {
  const parser = new SaxesParser();
  const texts: string[] = [];
  let error: string | null = null;
  parser.on('error', (e) => {
    error ??= e.message;
  });
  parser.on('text', (t) => texts.push(t));
  parser.on('cdata', (t) => texts.push(t));
  parser.on('opentag', (tag) => texts.push(...Object.values(tag.attributes).map(String)));
  parser.write(xml).close();
  return { text: texts.join('\n'), error };
}

/** Every XML part of an OOXML package, parsed. */
function packageParts(bytes: Buffer): { name: string; text: string; error: string | null }[] {
  return Object.entries(unzipSync(new Uint8Array(bytes)))
    .filter(([name]) => /\.(xml|rels)$/.test(name))
    .map(([name, data]) => ({ name, ...parseStrict(strFromU8(data)) }));
}

/** The print HTML as XML: the doctype and style left out, void elements closed. */
const htmlAsXml = (html: string) =>
  html
    .replace(/^<!doctype html>/i, '')
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<(meta|col|img|br|hr)\b([^>]*?)\/?>/g, '<$1$2/>');

/** Each case's markers are in the text, with the character between them kept or dropped. */
function expectCases(text: string, what: string) {
  CASES.forEach(([name, t, fate], i) => {
    const between = new RegExp(`前${mark(i)}([\\s\\S]*?)后${mark(i)}`).exec(text);
    expect(between, `${what}: the text around ${name}`).not.toBeNull();
    const got = between![1]!;
    if (fate === 'kept') expect(got, `${what}: ${name} kept`).toBe(t);
    // A TEXT column (a name) reads a lone surrogate back as U+FFFD, one for each of its bytes; a record's data (JSON) keeps it escaped.
    else if (/[\ud800-\udfff]/.test(t)) expect(got, `${what}: ${name} dropped`).toMatch(/^\ufffd*$/);
    else expect(got, `${what}: ${name} dropped`).toBe('');
  });
}

function expectWellFormed(parts: { name: string; error: string | null }[], what: string) {
  for (const p of parts) expect(p.error, `${what}: ${p.name}`).toBeNull();
}

/** An old database: the hostile text written into SQLite directly, as before the boundary scrubbed it. */
async function oldDatabase(core: Core) {
  const s = await seedBranch(core);
  const rec = await createMeeting(core, { date: `${Y}-03-05`, data: { topics: ['学习党章'] } });
  const db = core.db.sqlite;
  const [row] = rows<{ data: string }>(core.db, 'SELECT data FROM records WHERE id = ?', rec.id);
  const data = JSON.parse(row!.data) as Record<string, unknown>;
  data.location = HOSTILE;
  data.topics = [HOSTILE];
  data.content = `${HOSTILE}\n${HOSTILE}`;
  db.prepare('UPDATE records SET data = ? WHERE id = ?').run(JSON.stringify(data), rec.id);

  const zhou = s.people.member1;
  db.prepare('UPDATE people SET name = ? WHERE id = ?').run(`周${HOSTILE}`, zhou.id);

  await call(core, 'dues.setupYear', {
    year: Y,
    entries: [
      { personId: s.committee.王书记.id, category: '在职', base: 3000, amount: null },
      { personId: zhou.id, category: '在职', base: 4000, amount: null },
    ],
  });
  db.prepare('UPDATE dues_bases SET notes = ? WHERE year = ? AND person_id = ?').run(HOSTILE, Y, s.committee.王书记.id);

  const png = encodePng(2, 2, new Uint8Array(12).fill(200)).toString('base64');
  const photo = await call(core, 'attachments.add', { recordId: rec.id, name: '照片.png', base64: png, thumbBase64: null });
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64');
  const scan = await call(core, 'attachments.add', { recordId: rec.id, name: '签到表.pdf', base64: pdf, thumbBase64: null });
  db.prepare('UPDATE attachments SET name = ? WHERE id = ?').run(`${HOSTILE}.png`, photo.id);
  db.prepare('UPDATE attachments SET name = ? WHERE id = ?').run(`${HOSTILE}.pdf`, scan.id);
  return { s, rec };
}

async function archiveFiles(core: Core, dataDir: string): Promise<{ name: string; bytes: Buffer }[]> {
  const started = await call(core, 'archive.start', { year: Y, mode: 'books', fullIds: false, pdf: false, compiler: '', checker: '' });
  for (let i = 0; i < 600; i++) {
    const job = await call(core, 'archive.job', { id: started.id });
    if (job.state === 'done') {
      const dir = path.join(dataDir, 'archive', String(Y), started.id);
      return job.files.map((f) => ({ name: f.name, bytes: fs.readFileSync(path.join(dir, f.name)) }));
    }
    expect(job.state).toBe('running');
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the export did not finish');
}

describe('xmlSafe', () => {
  it.each(CASES)('%s: %j is %s', (_, t, fate) => {
    expect(xmlSafe(`甲${t}乙`)).toBe(fate === 'kept' ? `甲${t}乙` : '甲乙');
  });

  it('leaves a clean string as it is', () => {
    const s = '中共某某单位第一支部委员会 2026年3月5日 𠮷';
    expect(xmlSafe(s)).toBe(s);
  });
});

describe('every export of an old database with hostile text is well-formed XML', () => {
  const h = useCore();

  it('records.exportDocx (导出Word)', async () => {
    const { rec } = await oldDatabase(h.core);
    const file = await call(h.core, 'records.exportDocx', { id: rec.id });
    const parts = packageParts(Buffer.from(file.base64, 'base64'));
    expectWellFormed(parts, 'record .docx');
    expectCases(parts.find((p) => p.name === 'word/document.xml')!.text, 'record .docx');
  });

  it('members.exportXlsx, dues.exportXlsx and registers.exportXlsx', async () => {
    await oldDatabase(h.core);
    const books: [string, Buffer][] = [
      ['roster', Buffer.from((await call(h.core, 'members.exportXlsx')).base64, 'base64')],
      ['dues', Buffer.from((await call(h.core, 'dues.exportXlsx', { year: Y })).base64, 'base64')],
      ['registers', Buffer.from((await call(h.core, 'registers.exportXlsx', { year: Y, fullIds: false })).base64, 'base64')],
    ];
    for (const [what, bytes] of books) {
      const parts = packageParts(bytes);
      expectWellFormed(parts, what);
      expectCases(parts.map((p) => p.text).join('\n'), what);
    }
  });

  it('a workbook’s sheet names, footers and title too (workbookBytes)', async () => {
    const register: Register = { key: 'meetings', title: `会议${HOSTILE.slice(0, 12)}`, columns: [{ header: HOSTILE, width: 20 }], rows: [[HOSTILE]], landscape: false };
    const bytes = await registersWorkbook([register], { branchName: `支部${HOSTILE}`, parentOrg: HOSTILE, year: Y, printedOn: `${Y + 1}-01-06` });
    const parts = packageParts(bytes);
    expectWellFormed(parts, 'registers workbook');
    const text = parts.map((p) => p.text).join('\n');
    expectCases(text, 'registers workbook');
    // the footer (&L…) and the sheet name carry it as well, and the workbook still opens
    expect(parts.find((p) => p.name.startsWith('xl/worksheets/'))!.text).toContain('&L支部前00后00');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as Parameters<typeof wb.xlsx.load>[0]);
    expect(wb.worksheets[0]!.name).toBe('会议前00后00，前01');
  });

  it('archive.start (the year volume .docx and the registers workbook)', { timeout: 60_000 }, async () => {
    await oldDatabase(h.core);
    const files = await archiveFiles(h.core, h.dir);
    expect(files.map((f) => f.name)).toEqual([`${Y}年度_台账汇总.xlsx`, `${Y}年度_党支部综合记录.docx`]);
    for (const f of files) {
      const parts = packageParts(f.bytes);
      expectWellFormed(parts, f.name);
      expectCases(parts.map((p) => p.text).join('\n'), f.name);
    }
    // the image's name is its alternative text and caption, the PDF's is listed
    const doc = packageParts(files[1]!.bytes).find((p) => p.name === 'word/document.xml')!.text;
    const last = `后${mark(CASES.length - 1)}`;
    expect(doc).toContain(`${last}.png`);
    expect(doc).toContain(`${last}.pdf`);
  });

  it('the print HTML: the volume for Chromium (both passes) and the record’s print page', async () => {
    const { rec } = await oldDatabase(h.core);
    const volumes = buildVolumes(h.core.db, h.dir, defaultTextsDir(), { year: Y, mode: 'books', fullIds: false, gaps: [], log: [], compiler: '', checker: '', date: `${Y + 1}-01-10` });
    expect(volumes.length).toBeGreaterThan(0);
    for (const v of volumes) {
      for (const pages of [null, { starts: new Map(), total: 9 }]) {
        const html = volumeHtml(v, pages);
        const parsed = parseStrict(htmlAsXml(html));
        expect(parsed.error, `volume HTML, pages ${pages ? 'known' : 'unknown'}`).toBeNull();
        expectCases(parsed.text, 'volume HTML');
      }
    }
    const got = await call(h.core, 'records.get', { id: rec.id });
    const page = printDocHtml(recordPrintDoc(recordType(got.type), got, BRANCH_NAME, { groupName: () => null }), [], [`${HOSTILE}.pdf`]);
    const parsed = parseStrict(`<article>${htmlAsXml(page)}</article>`);
    expect(parsed.error, 'print page').toBeNull();
    expectCases(parsed.text, 'print page');
  });
});
