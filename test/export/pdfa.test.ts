/**
 * The PDF/A-2b copies of the volumes (export/pdf/pdfa.ts): the sRGB profile parses,
 * tiny PDFs go through readPdfSkeleton, and a year's volumes printed by Chromium come
 * out with XMP, Info, output intent, bookmarks and named fonts, checked with qpdf,
 * pdfinfo and pdffonts and read back with our own reader. (veraPDF, the validator an
 * archive office would use, is not available here.)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseIcc } from 'icc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildVolumes } from '../../electron/core/archive/volume.js';
import { defaultTextsDir, type Core } from '../../electron/core/app.js';
import { recordType } from '../../shared/books/index.js';
import { encodePng } from '../../electron/core/demo/files.js';
import { createChromiumPrinter, findChromium } from '../../electron/core/export/pdf/chromium.js';
import { PdfDict, PdfDocument, PdfName, PdfRef, PdfString, decodeText, pdfDestinations, pdfPageCount, readPdfSkeleton, type PdfValue } from '../../electron/core/export/pdf/dests.js';
import { srgbIccProfile } from '../../electron/core/export/pdf/icc.js';
import { writePdfA, type PdfAMeta } from '../../electron/core/export/pdf/pdfa.js';
import type { PdfPrinter } from '../../electron/core/export/pdf/printer.js';
import { volumePdf } from '../../electron/core/export/pdf/volume.js';
import { CATALOGUE_ANCHOR, NOTES_ANCHOR, volumeItems, type Volume, type VolumePages } from '../../shared/archive/volume.js';
import { call, openTestCore } from '../fixtures/core.js';
import { catalogueRows, HAS_PDFTOTEXT, pdfWords } from '../fixtures/pdftext.js';
import { sampleRecordOn } from '../fixtures/records.js';
import { createMeeting, seedBranch } from '../fixtures/seed.js';
import { makeTempDir, removeDir } from '../fixtures/tmp.js';

const YEAR = 2024;
const VERSION = '9.8.7';
const tool = (bin: string) => fs.existsSync(`/usr/bin/${bin}`);
const MISSING = [!findChromium() && 'Chromium', !HAS_PDFTOTEXT && 'pdftotext', ...['qpdf', 'pdfinfo', 'pdffonts'].filter((b) => !tool(b))].filter(Boolean).join(', ');

describe('the sRGB ICC profile', () => {
  const icc = srgbIccProfile();
  it('has a v2 display-profile header whose size field is the length, and the acsp signature', () => {
    expect(icc.readUInt32BE(0)).toBe(icc.length);
    expect(icc.toString('latin1', 36, 40)).toBe('acsp');
    expect(icc.toString('latin1', 12, 16)).toBe('mntr');
    expect(icc.toString('latin1', 16, 20)).toBe('RGB ');
    expect(icc.toString('latin1', 20, 24)).toBe('XYZ ');
    expect(icc[8]).toBe(2);
    expect(icc.length).toBeLessThan(2048);
  });

  it('has a tag table of the matrix/TRC tags, each inside the profile on a 4-byte boundary', () => {
    const count = icc.readUInt32BE(128);
    const tags = new Map<string, { offset: number; size: number }>();
    for (let i = 0; i < count; i++) {
      const at = 132 + 12 * i;
      const offset = icc.readUInt32BE(at + 4);
      const size = icc.readUInt32BE(at + 8);
      expect(offset % 4).toBe(0);
      expect(offset + size).toBeLessThanOrEqual(icc.length);
      tags.set(icc.toString('latin1', at, at + 4), { offset, size });
    }
    expect([...tags.keys()].sort()).toEqual(['bTRC', 'bXYZ', 'cprt', 'desc', 'gTRC', 'gXYZ', 'rTRC', 'rXYZ', 'wtpt']);
    const type = (sig: string) => icc.toString('latin1', tags.get(sig)!.offset, tags.get(sig)!.offset + 4);
    expect(type('rXYZ')).toBe('XYZ ');
    expect(type('rTRC')).toBe('curv');
    // the tone curve: 0 → 0, 1 → 65535, and sRGB's 50 % grey is about 21.4 % linear
    const trc = tags.get('gTRC')!.offset;
    const n = icc.readUInt32BE(trc + 8);
    expect(icc.readUInt16BE(trc + 12)).toBe(0);
    expect(icc.readUInt16BE(trc + 12 + 2 * (n - 1))).toBe(65535);
    expect(icc.readUInt16BE(trc + 12 + 2 * Math.round((n - 1) / 2)) / 65535).toBeCloseTo(0.216, 2);
    // green's Y is the largest part of white (sRGB: 0.7169)
    expect(icc.readInt32BE(tags.get('gXYZ')!.offset + 12) / 65536).toBeCloseTo(0.7169, 3);
  });

  it('is read by an independent ICC parser (the icc package)', () => {
    const p = parseIcc(icc);
    expect(p).toMatchObject({ deviceClass: 'Monitor', colorSpace: 'RGB', connectionSpace: 'XYZ', description: 'sRGB IEC61966-2.1' });
    expect(p.version).toMatch(/^2\./);
  });
});

/** A two-page PDF with a named destination, padded with a comment to about `size` bytes; `head` after the header line. */
function tinyPdf(size: number, head = '', trailerExtra = ''): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R /Dests << /j1 [4 0 R /Fit] >> >>',
    '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
  ];
  let body = `%PDF-1.4\n${head}`;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  body += `%${'x'.repeat(Math.max(0, size - body.length - 200))}\n`;
  const xref = body.length;
  body += `xref\n0 5\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size 5 /Root 1 0 R${trailerExtra} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

describe('readPdfSkeleton on small files', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTempDir('pdfa');
  });
  afterAll(() => removeDir(dir));

  for (const size of [300, 3000, 6000, 8200, 20_000]) {
    it(`reads a PDF of ${size} bytes whole, with its pages and destinations`, () => {
      const pdf = tinyPdf(size);
      const file = path.join(dir, `tiny-${size}.pdf`);
      fs.writeFileSync(file, pdf);
      const skeleton = readPdfSkeleton(file);
      expect(skeleton.equals(pdf)).toBe(true);
      expect(pdfPageCount(skeleton)).toBe(2);
      expect(Object.fromEntries(pdfDestinations(skeleton))).toEqual({ j1: 2 });
    });
  }
});

describe('writePdfA on hand-made PDFs', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTempDir('pdfa');
  });
  afterAll(() => removeDir(dir));
  const META: PdfAMeta = {
    title: '测试卷（永久）',
    author: '中共某某单位第一支部委员会',
    subject: '测试',
    creatorTool: `支部四本一档 ${VERSION}`,
    lang: 'zh-CN',
    archive: { fondsNo: 'D001', year: '2024', retention: '永久', code: 'D001-WS·2024-Y-0001' },
    date: new Date(2025, 0, 5, 9, 30, 0),
  };
  const OUTLINE = [
    { title: '封面', dest: null },
    { title: '第1件 一', dest: 'j1' },
    { title: '不存在的锚点', dest: 'nowhere' },
  ];
  const write = (name: string, pdf: Buffer) => {
    const src = path.join(dir, `${name}.src.pdf`);
    const dest = path.join(dir, `${name}.pdf`);
    fs.writeFileSync(src, pdf);
    return { src, dest, run: () => writePdfA(src, new PdfDocument(readPdfSkeleton(src)), dest, META, OUTLINE) };
  };
  const qpdfClean = (file: string) => {
    const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/warning|reconstruct|damaged/i);
  };

  it.skipIf(!tool('qpdf'))('moves the objects by the binary comment it inserts, and the xref with them', () => {
    const f = write('plain', tinyPdf(3000));
    f.run();
    qpdfClean(f.dest);
    const out = fs.readFileSync(f.dest);
    expect(out.subarray(15, 3000).indexOf(fs.readFileSync(f.src).subarray(9, 2500))).toBe(0);
    expect(Object.fromEntries(pdfDestinations(out))).toEqual({ j1: 2 });
    const doc = new PdfDocument(out);
    const root = doc.resolve(doc.catalog().get('Outlines')) as PdfDict;
    // a bookmark onto a destination the file does not name is left out
    expect(root.get('Count')).toBe(2);
    const second = doc.resolve((doc.resolve(root.get('First')) as PdfDict).get('Next')) as PdfDict;
    expect(decodeText((second.get('Title') as PdfString).bytes)).toBe('第1件 一');
    expect(((doc.resolve(second.get('Dest')) as PdfValue[])[0] as PdfRef).num).toBe(4);
    const info = doc.resolve(doc.trailers.at(-1)!.get('Info')) as PdfDict;
    expect(decodeText((info.get('CreationDate') as PdfString).bytes)).toMatch(/^D:20250105093000[+-]\d\d'\d\d'$/);
  });

  it.skipIf(!tool('qpdf'))('keeps a file that has the binary comment byte for byte before its xref', () => {
    const pdf = tinyPdf(3000, '%\xe2\xe3\xcf\xd3\n');
    const f = write('comment', pdf);
    f.run();
    qpdfClean(f.dest);
    const xrefAt = pdf.lastIndexOf('\nxref\n') + 1;
    expect(fs.readFileSync(f.dest).subarray(0, xrefAt).equals(pdf.subarray(0, xrefAt))).toBe(true);
  });

  it('refuses a file already updated or with an xref stream, clearly and without leaving a file', () => {
    const updated = write('updated', tinyPdf(3000, '', ' /Prev 9'));
    expect(updated.run).toThrow(/已有增量更新/);
    expect(fs.existsSync(updated.dest)).toBe(false);
    const base = tinyPdf(3000).toString('latin1');
    const body = base.slice(0, base.lastIndexOf('\nxref\n') + 1);
    const stream = Buffer.from(
      `${body}5 0 obj\n<< /Type /XRef /Size 6 /Root 1 0 R /W [1 2 1] /Length 0 >>\nstream\n\nendstream\nendobj\nstartxref\n${body.length}\n%%EOF\n`,
      'latin1',
    );
    const xs = write('xrefstream', stream);
    expect(xs.run).toThrow(/交叉引用为数据流/);
    expect(fs.existsSync(xs.dest)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------

/** A year with three books' worth of records, one of them with a photo and one with a long title. */
async function buildYear(core: Core): Promise<Volume[]> {
  const seed = await seedBranch(core);
  const on = (type: string, date: string, data: Record<string, unknown> = {}) =>
    sampleRecordOn(core, seed, recordType(type), { date }).then((r) => ({ ...r, data: { ...r.data, ...data } }));
  const assembly = await createMeeting(core, { date: `${YEAR}-03-05`, data: { topics: ['学习新修订的党章'] } });
  await createMeeting(core, { type: 'committee-meeting', date: `${YEAR}-02-01`, data: { topics: ['研究发展党员工作'] } });
  await createMeeting(core, { type: 'party-lecture', date: `${YEAR}-01-20` });
  await call(core, 'records.create', await on('talk', `${YEAR}-01-05`, { subject: '周正式', theme: '思想动态' }));
  const longTitle = `${YEAR}年党支部工作计划${'（关于加强和改进支部建设的若干具体安排）'.repeat(3)}`;
  await call(core, 'records.create', await on('work-plan', `${YEAR}-01-10`, { title: longTitle, docNumber: '某支〔2024〕1号', author: '中共某某单位第一支部' }));
  await call(core, 'records.create', await on('work-summary', `${YEAR}-12-20`, { title: '2024年党支部工作总结', docNumber: '某支〔2024〕9号', author: '' }));
  const photo = encodePng(48, 32, Uint8Array.from({ length: 48 * 32 * 3 }, (_, i) => (i * 53) % 256));
  await call(core, 'attachments.add', { recordId: assembly.id, name: '会议照片.png', base64: photo.toString('base64'), thumbBase64: null });
  return buildVolumes(core.db, core.dataDir, defaultTextsDir(), {
    year: YEAR,
    mode: 'books',
    fullIds: false,
    gaps: [],
    log: [],
    compiler: '钱宣传',
    checker: '王书记',
    date: '2025-01-05',
  });
}

const run = (bin: string, args: string[]) => spawnSync(bin, args, { encoding: 'utf8' });

/** pdfinfo's "Key: value" lines. */
function pdfInfo(file: string): Map<string, string> {
  const r = run('pdfinfo', [file]);
  expect(r.status, r.stderr).toBe(0);
  return new Map(r.stdout.split('\n').flatMap((l) => (/^([^:]+):\s*(.*)$/.exec(l) ? [[RegExp.$1, RegExp.$2] as [string, string]] : [])));
}

interface Printed {
  v: Volume;
  file: string;
  pages: VolumePages;
  seconds: number;
}

describe.skipIf(!!MISSING)(`the PDF/A-2b copy of a printed volume${MISSING ? ` (skipped: ${MISSING} missing)` : ''}`, () => {
  let dir: string;
  let core: Core;
  let printer: PdfPrinter;
  const printed: Printed[] = [];

  beforeAll(async () => {
    dir = makeTempDir('pdfa');
    core = openTestCore(path.join(dir, 'data'));
    printer = await createChromiumPrinter();
    const volumes = await buildYear(core);
    expect(volumes.length).toBeGreaterThanOrEqual(3);
    for (const v of volumes) {
      const work = path.join(dir, `work-${v.key}`);
      fs.mkdirSync(work);
      const file = path.join(dir, `${v.key}.pdf`);
      const t0 = performance.now();
      const pages = await volumePdf(v, printer, work, file, { version: VERSION });
      printed.push({ v, file, pages, seconds: (performance.now() - t0) / 1000 });
      expect(fs.readdirSync(work)).toEqual([]); // no pass file or temporary copy left behind
    }
  }, 180_000);
  afterAll(async () => {
    await printer?.close();
    core?.close();
    if (dir) removeDir(dir);
  });

  const docOf = (file: string) => new PdfDocument(fs.readFileSync(file));
  const dictOf = (doc: PdfDocument, v: PdfValue | undefined) => {
    const d = doc.resolve(v);
    if (!(d instanceof PdfDict)) throw new Error('not a dictionary');
    return d;
  };
  const text = (v: PdfValue | undefined) => (v instanceof PdfString ? decodeText(v.bytes) : v instanceof PdfName ? v.name : undefined);

  it('passes qpdf --check without warnings, with the binary header comment and an update whose /Prev is the printed xref', () => {
    for (const { file } of printed) {
      const r = run('qpdf', ['--check', file]);
      expect(r.status, `${file}: ${r.stdout}${r.stderr}`).toBe(0);
      expect(r.stdout).toContain('No syntax or stream encoding errors found');
      expect(r.stdout + r.stderr).not.toMatch(/warning|reconstruct|damaged/i);
      const pdf = fs.readFileSync(file);
      expect(pdf.toString('latin1', 0, 9)).toBe('%PDF-1.4\n');
      expect(pdf[9]).toBe(0x25);
      expect([...pdf.subarray(10, 14)].every((b) => b > 127)).toBe(true);
      const tail = pdf.toString('latin1', pdf.length - 2000);
      expect(tail).toMatch(/\/Prev \d+/);
      expect(pdf.toString('latin1').match(/%%EOF/g)).toHaveLength(2);
      const shown = run('qpdf', ['--show-xref', file]);
      expect(shown.status).toBe(0);
    }
  });

  it('names title, author, creator and dates in the Info dictionary (pdfinfo)', () => {
    for (const { v, file } of printed) {
      const info = pdfInfo(file);
      expect(info.get('Title')).toBe(v.cover.title);
      expect(info.get('Author')).toBe(v.cover.fondsName);
      expect(info.get('Creator')).toBe(`支部四本一档 ${VERSION}`);
      expect(info.get('Subject')).toContain(v.cover.retention);
      expect(info.get('Producer')).toMatch(/Skia/);
      expect(info.get('Metadata Stream')).toBe('yes');
      expect(info.get('CreationDate')).toBe(info.get('ModDate'));
      expect(Number(info.get('Pages'))).toBe(printed.find((p) => p.file === file)!.pages.total);
    }
  });

  it('has XMP saying PDF/A-2B with the cover’s title, 全宗名称, 年度, 保管期限 and 档号, agreeing with the Info dictionary', () => {
    for (const { v, file } of printed) {
      const r = run('pdfinfo', ['-meta', file]);
      expect(r.status).toBe(0);
      const xmp = r.stdout;
      expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
      expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
      expect(xmp).toContain(`<rdf:li xml:lang="x-default">${v.cover.title}</rdf:li>`);
      expect(xmp).toContain(`<dc:creator><rdf:Seq><rdf:li>${v.cover.fondsName}</rdf:li>`);
      expect(xmp).toContain('<rdf:li>zh-CN</rdf:li>');
      expect(xmp).toContain(`<archive:year>${YEAR}</archive:year>`);
      expect(xmp).toContain(`<archive:retention>${v.cover.retention}</archive:retention>`);
      expect(xmp).toContain(`<archive:code>${v.cover.code}</archive:code>`);
      expect(xmp).toContain(`<xmp:CreatorTool>支部四本一档 ${VERSION}</xmp:CreatorTool>`);
      // every property of our namespace is described by the extension schema
      for (const key of ['fondsNo', 'year', 'retention', 'code']) expect(xmp).toContain(`<pdfaProperty:name>${key}</pdfaProperty:name>`);
      // the dates agree: D:YYYYMMDDHHmmSS+hh'mm' ↔ YYYY-MM-DDTHH:mm:SS+hh:mm
      const doc = docOf(file);
      const trailer = doc.trailers.at(-1)!;
      const info = dictOf(doc, trailer.get('Info'));
      const d = /^D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)([+-])(\d\d)'(\d\d)'$/.exec(text(info.get('CreationDate'))!)!;
      const iso = `${d[1]}-${d[2]}-${d[3]}T${d[4]}:${d[5]}:${d[6]}${d[7]}${d[8]}:${d[9]}`;
      expect(xmp).toContain(`<xmp:CreateDate>${iso}</xmp:CreateDate>`);
      expect(xmp).toContain(`<xmp:ModifyDate>${iso}</xmp:ModifyDate>`);
      expect(xmp).toContain(`<pdf:Producer>${text(info.get('Producer'))}</pdf:Producer>`);
      // the metadata stream is not compressed, and the trailer has an /ID pair
      const meta = dictOf(doc, doc.catalog().get('Metadata'));
      expect(meta.get('Filter')).toBeUndefined();
      const id = trailer.get('ID');
      expect(Array.isArray(id) && id.length === 2 && id.every((x) => x instanceof PdfString && x.bytes.length === 16)).toBe(true);
    }
  });

  it('has /Lang zh-CN and a GTS_PDFA1 output intent with an embedded RGB display profile', () => {
    for (const { file } of printed) {
      const doc = docOf(file);
      const catalog = doc.catalog();
      expect(text(catalog.get('Lang'))).toBe('zh-CN');
      const intents = doc.resolve(catalog.get('OutputIntents'));
      expect(Array.isArray(intents) && intents.length).toBe(1);
      const intent = dictOf(doc, (intents as PdfValue[])[0]);
      expect(text(intent.get('S'))).toBe('GTS_PDFA1');
      const ref = intent.get('DestOutputProfile');
      expect(ref).toBeInstanceOf(PdfRef);
      const obj = doc.objects.get((ref as PdfRef).num)!;
      const icc = doc.streamData(obj, 'ICC');
      expect(icc.toString('latin1', 12, 16)).toBe('mntr');
      expect(icc.toString('latin1', 16, 20)).toBe('RGB ');
      expect((obj.value as PdfDict).get('N')).toBe(3);
    }
  });

  it('has a bookmark for the cover, the 目录, each part and each 件 (at the page its 目录 row gives) and the 备考表', () => {
    for (const { v, file, pages } of printed) {
      const doc = docOf(file);
      const { refs } = doc.pages();
      const pageOf = (item: PdfDict) => {
        const dest = doc.resolve(item.get('Dest'));
        expect(Array.isArray(dest)).toBe(true);
        return refs.indexOf(((dest as PdfValue[])[0] as PdfRef).num) + 1;
      };
      const list = (first: PdfValue | undefined): PdfDict[] => {
        const out: PdfDict[] = [];
        for (let d = doc.resolve(first); d instanceof PdfDict; d = doc.resolve(d.get('Next'))) out.push(d);
        return out;
      };
      const root = dictOf(doc, doc.catalog().get('Outlines'));
      const top = list(root.get('First'));
      const titles = top.map((t) => text(t.get('Title')));
      expect(titles[0]).toBe('封面');
      expect(titles[1]).toBe('卷内文件目录');
      expect(titles.at(-1)).toBe('卷内备考表');
      expect(pageOf(top[0]!)).toBe(1);
      expect(pageOf(top[1]!)).toBe(pages.starts.get(CATALOGUE_ANCHOR));
      expect(pages.starts.get(CATALOGUE_ANCHOR)).toBe(2);
      expect(pageOf(top.at(-1)!)).toBe(pages.starts.get(NOTES_ANCHOR));
      const parts = top.slice(2, -1);
      expect(parts.map((p) => text(p.get('Title')))).toEqual(v.parts.filter((p) => p.items.length || p.rules.length).map((p) => p.label.slice(0, 40)));
      const items = parts.flatMap((p) => list(p.get('First')));
      expect(root.get('Count')).toBe(top.length + items.length);
      // the 目录 as printed: 序号 → 页号
      const catalogue = new Map(pdfWords(file).flatMap((p) => catalogueRows(p) ?? []).map((r) => [r.no, r.page]));
      const its = volumeItems(v);
      expect(items).toHaveLength(its.length);
      its.forEach((it, i) => {
        const title = text(items[i]!.get('Title'))!;
        expect(title.startsWith(`第${it.no}件 `)).toBe(true);
        expect(title.length).toBeLessThanOrEqual(40);
        expect(`第${it.no}件 ${it.title}`.startsWith(title.replace(/…$/, ''))).toBe(true);
        expect(pageOf(items[i]!), it.anchor).toBe(catalogue.get(i + 1));
        expect(pageOf(items[i]!), it.anchor).toBe(pages.starts.get(it.anchor));
      });
    }
    // the long 题名 was shortened
    expect(printed.some(({ file }) => /…/.test(run('qpdf', ['--json', '--json-key=outlines', file]).stdout))).toBe(true);
  });

  it('lists every font as embedded and named (pdffonts)', () => {
    for (const { file } of printed) {
      const r = run('pdffonts', [file]);
      expect(r.status).toBe(0);
      const rows = r.stdout.split('\n').slice(2).filter((l) => l.trim());
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row, row).not.toMatch(/^\[none\]/);
        // columns: name type encoding emb sub uni object ID
        const cols = row.trim().split(/\s+/);
        expect(cols.at(-5), row).toBe('yes');
      }
    }
  });

  it('still names every section’s page, read through the skeleton as volumePdf reads it', () => {
    for (const { file, pages } of printed) {
      const skeleton = readPdfSkeleton(file);
      const dests = pdfDestinations(skeleton);
      for (const [anchor, page] of pages.starts) expect(dests.get(anchor), anchor).toBe(page);
      expect(pdfPageCount(skeleton)).toBe(pages.total);
      expect(pdfPageCount(fs.readFileSync(file))).toBe(pages.total);
    }
  });
});
