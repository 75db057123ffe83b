/**
 * The PDF printing layer: dests.ts on hand-written PDF bytes, and the headless Chromium
 * printer on small volumes (a 目录 linking to three 件, each starting a new page, one of
 * them two pages long), read back with dests.ts and pdftotext.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, createChromiumPrinter, findChromium } from '../../electron/core/export/pdf/chromium.js';
import { pdfDestinations, pdfPageCount, readPdfSkeleton } from '../../electron/core/export/pdf/dests.js';
import { encodePng } from '../../electron/core/demo/files.js';
import type { PdfPrinter } from '../../electron/core/export/pdf/printer.js';
import { makeTempDir, removeDir, useTempDir } from '../fixtures/tmp.js';

// ---------------------------------------------------------------------------------------
// Synthetic PDFs

type Part = string | Buffer;

/** A PDF from numbered object bodies (`n` → text between "n 0 obj" and "endobj"), with a classic xref unless trailer is null. */
function buildPdf(objects: Record<number, Part | Part[]>, trailer: string | null): Buffer {
  const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = chunks[0]!.length;
  const offsets = new Map<number, number>();
  const push = (b: Buffer) => {
    chunks.push(b);
    length += b.length;
  };
  for (const [num, body] of Object.entries(objects)) {
    offsets.set(Number(num), length);
    push(Buffer.from(`${num} 0 obj\n`, 'latin1'));
    for (const p of Array.isArray(body) ? body : [body]) push(typeof p === 'string' ? Buffer.from(p, 'latin1') : p);
    push(Buffer.from('\nendobj\n', 'latin1'));
  }
  if (trailer !== null) {
    const size = Math.max(...offsets.keys()) + 1;
    const xrefAt = length;
    let xref = `xref\n0 ${size}\n0000000000 65535 f \n`;
    for (let i = 1; i < size; i++) xref += offsets.has(i) ? `${String(offsets.get(i)).padStart(10, '0')} 00000 n \n` : '0000000000 65535 f \n';
    push(Buffer.from(`${xref}trailer\n<< /Size ${size} ${trailer} >>\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
  }
  return Buffer.concat(chunks);
}

/** A stream object body: dictionary entries (without Length) and data. */
function stream(dictEntries: string, data: Buffer): Part[] {
  return [`<< ${dictEntries} /Length ${data.length} >>\nstream\n`, data, '\nendstream'];
}

const page = (parent: number) => `<< /Type /Page /Parent ${parent} 0 R /MediaBox [0 0 595 842] >>`;

let printedCount = 0;
/** Print through the printer into a temporary file and read the PDF back. */
async function printed(p: PdfPrinter, html: string): Promise<Buffer> {
  const out = path.join(path.dirname(path.resolve(html)), `printed-${++printedCount}.pdf`);
  await p.print(html, out);
  return fs.readFileSync(out);
}

describe('pdfPageCount / pdfDestinations on hand-written PDFs', () => {
  it('reads the catalog /Dests dictionary against a flat page list', () => {
    const pdf = buildPdf(
      {
        1: '<< /Type /Catalog /Pages 2 0 R /Dests 6 0 R >>',
        2: '<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>',
        3: page(2),
        4: page(2),
        5: page(2),
        6: '<< /j1 [3 0 R /XYZ 6 827.66998 0] /j2 [5 0 R /XYZ 6 827.66998 0] /j3 7 0 R >>',
        7: '[4 0 R /Fit]',
      },
      '/Root 1 0 R',
    );
    expect(pdfPageCount(pdf)).toBe(3);
    expect(Object.fromEntries(pdfDestinations(pdf))).toEqual({ j1: 1, j2: 3, j3: 2 });
  });

  it('follows nested /Pages trees in document order', () => {
    // order: 10, [11, [12, 13]], 14 → pages 1..5
    const pdf = buildPdf(
      {
        1: '<< /Type /Catalog /Pages 2 0 R /Dests << /a [14 0 R /XYZ 0 0 0] /b [12 0 R /XYZ 0 0 0] /c [10 0 R /Fit] /d [13 0 R /Fit] >> >>',
        2: '<< /Type /Pages /Kids [10 0 R 3 0 R 14 0 R] /Count 5 >>',
        3: '<< /Type /Pages /Parent 2 0 R /Kids [11 0 R 4 0 R] /Count 3 >>',
        4: '<< /Type /Pages /Parent 3 0 R /Kids [12 0 R 13 0 R] /Count 2 >>',
        10: page(2),
        11: page(3),
        12: page(4),
        13: page(4),
        14: page(2),
      },
      '/Root 1 0 R',
    );
    expect(pdfPageCount(pdf)).toBe(5);
    expect(Object.fromEntries(pdfDestinations(pdf))).toEqual({ a: 5, b: 3, c: 1, d: 4 });
  });

  it('decodes #xx escapes in names (spaces, delimiters, UTF-8 Chinese)', () => {
    const utf8 = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => `#${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    const pdf = buildPdf(
      {
        1: `<< /Type /Catalog /Pages 2 0 R /Dests << /a#20b [3 0 R /Fit] /x#2Fy#23z [4 0 R /Fit] /${utf8('件3')} [4 0 R /Fit] /plain [3 0 R /Fit] >> >>`,
        2: '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>',
        3: page(2),
        4: page(2),
      },
      '/Root 1 0 R',
    );
    expect(Object.fromEntries(pdfDestinations(pdf))).toEqual({ 'a b': 1, 'x/y#z': 2, 件3: 2, plain: 1 });
  });

  it('reads a /Names /Dests name tree (string keys, /D dictionaries, kids) as well as /Dests', () => {
    const utf16 = (s: string) => `<FEFF${Buffer.from(s, 'utf16le').swap16().toString('hex')}>`;
    const pdf = buildPdf(
      {
        1: '<< /Type /Catalog /Pages 2 0 R /Names << /Dests 6 0 R >> /Dests << /old [3 0 R /Fit] >> >>',
        2: '<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>',
        3: page(2),
        4: page(2),
        5: page(2),
        6: '<< /Kids [7 0 R 8 0 R] >>',
        7: '<< /Limits [(a) (b\\)c)] /Names [(a) [4 0 R /XYZ 0 0 0] (b\\)c) 9 0 R] >>',
        8: `<< /Limits [<6a33> (z)] /Names [<6a33> << /D [5 0 R /Fit] >> ${utf16('第二件')} [4 0 R /Fit] (\\344\\273\\266) [5 0 R /Fit]] >>`,
        9: '<< /D [3 0 R /XYZ null null null] /S /GoTo >>',
      },
      '/Root 1 0 R',
    );
    expect(pdfPageCount(pdf)).toBe(3);
    expect(Object.fromEntries(pdfDestinations(pdf))).toEqual({ old: 1, a: 2, 'b)c': 1, j3: 3, 第二件: 2, 件: 3 });
  });

  it('reads objects inside a Flate-compressed /ObjStm (trailer in a /XRef stream)', () => {
    // catalog, page tree and dests live in object stream 20; only the pages themselves are plain objects
    const inner: [number, string][] = [
      [1, '<< /Type /Catalog /Pages 2 0 R /Dests 5 0 R >>'],
      [2, '<< /Type /Pages /Kids [6 0 R 3 0 R] /Count 3 >>'],
      [6, '<< /Type /Pages /Parent 2 0 R /Kids [4 0 R 7 0 R] /Count 2 >>'],
      [5, '<< /j1 [4 0 R /XYZ 6 800 0] /j2 [3 0 R /XYZ 6 800 0] /j#C3#A9 [7 0 R /Fit] >>'],
    ];
    let header = '';
    let body = '';
    for (const [num, text] of inner) {
      header += `${num} ${body.length} `;
      body += `${text}\n`;
    }
    const first = header.length;
    const packed = zlib.deflateSync(Buffer.from(header + body, 'latin1'));
    const pdf = buildPdf(
      {
        3: page(2),
        4: page(6),
        7: page(6),
        20: stream(`/Type /ObjStm /N ${inner.length} /First ${first} /Filter /FlateDecode`, packed),
        21: stream('/Type /XRef /Size 22 /W [1 2 1] /Root 1 0 R', Buffer.alloc(0)),
      },
      null,
    );
    expect(pdf.toString('latin1')).not.toContain('/Catalog');
    expect(pdfPageCount(pdf)).toBe(3);
    expect(Object.fromEntries(pdfDestinations(pdf))).toEqual({ j1: 1, j2: 3, jé: 2 });
  });

  it('is not fooled by object-like bytes inside a stream', () => {
    const decoy = Buffer.from('1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj trailer << /Root 9 0 R >>', 'latin1');
    const pdf = buildPdf(
      {
        1: '<< /Type /Catalog /Pages 2 0 R /Dests << /j1 [4 0 R /Fit] >> >>',
        2: '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>',
        3: page(2),
        4: page(2),
        5: stream('', decoy),
      },
      '/Root 1 0 R',
    );
    expect(pdfPageCount(pdf)).toBe(2);
    expect(Object.fromEntries(pdfDestinations(pdf))).toEqual({ j1: 2 });
  });

  it('throws a clear error when the structure cannot be read', () => {
    expect(() => pdfPageCount(Buffer.from('hello'))).toThrow(/PDF 结构无法读取.*%PDF-/);
    const noPages = buildPdf({ 1: '<< /Type /Catalog >>' }, '/Root 1 0 R');
    expect(() => pdfPageCount(noPages)).toThrow(/PDF 结构无法读取.*\/Pages/);
    const noCatalog = buildPdf({ 1: '<< /Type /Pages /Kids [] /Count 0 >>' }, '/Info 1 0 R');
    expect(() => pdfDestinations(noCatalog)).toThrow(/PDF 结构无法读取.*Catalog/);
    const loop = buildPdf({ 1: '<< /Type /Catalog /Pages 2 0 R >>', 2: '<< /Type /Pages /Kids [2 0 R] >>' }, '/Root 1 0 R');
    expect(() => pdfPageCount(loop)).toThrow(/PDF 结构无法读取/);
  });
});

// ---------------------------------------------------------------------------------------
// Printing through a headless Chromium

const CHROMIUM = findChromium();
const HAS_PDFTOTEXT = fs.existsSync('/usr/bin/pdftotext');
const NO_CHROMIUM = 'skipped: no Chromium executable ($CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome)';
const NO_PDFTOTEXT = 'skipped: pdftotext (poppler-utils) not installed';

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

interface Piece {
  id: string;
  title: string;
  /** Paragraphs of body text. */
  paragraphs: number;
  image?: boolean;
}

/** A small volume: a 目录 with links, then each 件 on a new page with a heading marker not found in the 目录. */
function volumeHtml(pieces: Piece[], extraHead = ''): string {
  const toc = pieces.map((p) => `<li><a href="#${p.id}">${p.title}</a></li>`).join('\n');
  const body = pieces
    .map(
      (p) => `<section class="piece" id="${p.id}">
  <h2>【${p.id}起】${p.title}</h2>
  ${p.image ? '<img src="dot.png" alt="" style="width:40px;height:40px">' : ''}
  ${Array.from({ length: p.paragraphs }, (_, i) => `<p>第${i + 1}段：会议传达学习了上级文件精神，与会党员结合工作实际逐一发言。</p>`).join('\n  ')}
</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>卷</title>
<style>
  @page { size: A4; margin: 25mm 20mm; }
  @page :right { @top-right { content: "第 " counter(page) " 页"; } }
  @page :left { @top-left { content: "第 " counter(page) " 页"; } }
  body { font-family: "Noto Serif CJK SC", serif; font-size: 12pt; }
  .piece { break-before: page; }
  p { margin: 0 0 6pt; line-height: 1.6; }
</style>${extraHead}</head>
<body>
<h1>目录</h1>
<ol>
${toc}
</ol>
${body}
</body></html>`;
}

const PIECES: Piece[] = [
  { id: 'j1', title: '支部委员会会议记录', paragraphs: 3 },
  { id: 'j2', title: '支部党员大会会议记录', paragraphs: 40 },
  { id: 'j3', title: '党课记录', paragraphs: 2, image: true },
];

function pageText(pdfFile: string, n: number): string {
  const r = spawnSync('pdftotext', ['-f', String(n), '-l', String(n), '-layout', pdfFile, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout;
}

/** The page on which pdftotext finds each marker. */
function markerPages(pdfFile: string, pages: number, markers: string[]): Map<string, number> {
  const found = new Map<string, number>();
  for (let n = 1; n <= pages; n++) {
    const text = pageText(pdfFile, n);
    for (const m of markers) if (!found.has(m) && text.includes(m)) found.set(m, n);
  }
  return found;
}

describe.skipIf(!CHROMIUM)(`createChromiumPrinter${CHROMIUM ? '' : ` (${NO_CHROMIUM})`}`, () => {
  let printer: PdfPrinter;
  let dir: string;

  beforeAll(async () => {
    dir = makeTempDir('pdf');
    fs.writeFileSync(path.join(dir, 'dot.png'), PNG);
    fs.writeFileSync(path.join(dir, 'volume.html'), volumeHtml(PIECES));
    printer = await createChromiumPrinter();
  });
  afterAll(async () => {
    await printer?.close();
    if (dir) removeDir(dir);
  });

  it.skipIf(!HAS_PDFTOTEXT)(`puts every 件 at the page its named destination says, with @page numbers${HAS_PDFTOTEXT ? '' : ` (${NO_PDFTOTEXT})`}`, async () => {
    const pdf = await printed(printer, path.join(dir, 'volume.html'));
    const file = path.join(dir, 'volume.pdf');
    fs.writeFileSync(file, pdf);

    // 目录, 件1, 件2 over two pages, 件3
    const pages = pdfPageCount(pdf);
    expect(pages).toBe(5);
    const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
    expect(info).toMatch(/Pages:\s+5/);
    expect(info).toMatch(/Page size:\s+59[45]\.\d* x 841\.\d* pts \(A4\)/);

    const dests = pdfDestinations(pdf);
    const headings = markerPages(file, pages, PIECES.map((p) => `【${p.id}起】`));
    for (const p of PIECES) {
      expect(dests.get(p.id), p.id).toBeDefined();
      expect(dests.get(p.id), p.id).toBe(headings.get(`【${p.id}起】`));
    }
    expect(Object.fromEntries([...dests].filter(([k]) => k.startsWith('j')))).toEqual({ j1: 2, j2: 3, j3: 5 });

    // the margin-box page numbers are the PDF page numbers
    for (let n = 1; n <= pages; n++) expect(pageText(file, n).replace(/\s+/g, '')).toContain(`第${n}页`);
  });

  it('embeds images from the HTML file’s folder', async () => {
    const pdf = await printed(printer, path.join(dir, 'volume.html'));
    expect(pdf.toString('latin1')).toMatch(/\/Subtype\s*\/Image/);
  });

  it('reads the same pages and destinations from a skeleton that leaves out the photos’ data', async () => {
    // Two noisy photos.
    const noise = (seed: number) => {
      const px = new Uint8Array(360 * 360 * 3);
      let x = seed;
      for (let i = 0; i < px.length; i++) px[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
      return encodePng(360, 360, px);
    };
    fs.writeFileSync(path.join(dir, 'noise1.png'), noise(1));
    fs.writeFileSync(path.join(dir, 'noise2.png'), noise(2));
    const file = path.join(dir, 'photos.html');
    fs.writeFileSync(
      file,
      volumeHtml(PIECES).replace('<h2>【j1起】', '<img src="noise1.png" style="width:90mm"><h2>【j1起】').replace('<h2>【j3起】', '<img src="noise2.png" style="width:90mm"><h2>【j3起】'),
    );
    const out = path.join(dir, 'photos.pdf');
    await printer.print(file, out);
    const whole = fs.readFileSync(out);
    // The photos here print small, so streams from 4 KB on are left out (the app leaves out those from 64 KB).
    const skeleton = readPdfSkeleton(out, 4096);
    expect(skeleton.length).toBeLessThan(whole.length - 20_000);
    expect(pdfPageCount(skeleton)).toBe(pdfPageCount(whole));
    expect(Object.fromEntries(pdfDestinations(skeleton))).toEqual(Object.fromEntries(pdfDestinations(whole)));
  });

  it('prints two files at once, each in its own tab', async () => {
    const other: Piece[] = [
      { id: 'a1', title: '组织生活会记录', paragraphs: 2 },
      { id: 'a2', title: '民主评议党员记录', paragraphs: 2 },
    ];
    const second = path.join(dir, 'second.html');
    fs.writeFileSync(second, volumeHtml(other));
    const [one, two] = await Promise.all([printed(printer, path.join(dir, 'volume.html')), printed(printer, second)]);
    expect(pdfPageCount(one)).toBe(5);
    expect(pdfPageCount(two)).toBe(3);
    expect(pdfDestinations(one).get('j3')).toBe(5);
    expect(Object.fromEntries(pdfDestinations(two))).toEqual({ a1: 2, a2: 3 });
  });

  it.skipIf(!HAS_PDFTOTEXT)('does not run the printed page’s scripts', async () => {
    const file = path.join(dir, 'script.html');
    fs.writeFileSync(file, volumeHtml(PIECES.slice(0, 1), `<script>document.addEventListener('DOMContentLoaded', () => document.body.append('SCRIPT-RAN'))</script>`));
    const out = path.join(dir, 'script.pdf');
    await printer.print(file, out);
    expect(pageText(out, 1)).toContain('目录');
    expect(spawnSync('pdftotext', [out, '-'], { encoding: 'utf8' }).stdout).not.toContain('SCRIPT-RAN');
  });

  it('rejects a missing file with a clear error and keeps working', async () => {
    await expect(printer.print(path.join(dir, 'nope.html'), path.join(dir, 'out.pdf'))).rejects.toThrow(/要打印的文件不存在.*nope\.html/);
    expect(pdfPageCount(await printed(printer, path.join(dir, 'volume.html')))).toBe(5);
  });

  it('times out with a clear error and rejects after close', async () => {
    const p = await createChromiumPrinter({ printTimeoutMs: 1 });
    await expect(p.print(path.join(dir, 'volume.html'), path.join(dir, 'out.pdf'))).rejects.toThrow(/生成 PDF 超时/);
    await p.close();
    await p.close(); // twice is fine
    await expect(p.print(path.join(dir, 'volume.html'), path.join(dir, 'out.pdf'))).rejects.toThrow(/PDF 打印器已关闭/);
  });
});

describe('createChromiumPrinter without a usable browser', () => {
  const tempDir = useTempDir('pdf-fake');

  it('names the missing executable in Chinese', async () => {
    await expect(createChromiumPrinter({ executablePath: path.join(tempDir(), 'no-such-chromium') })).rejects.toThrow(CHROMIUM_MISSING);
    expect(findChromium(undefined, { CHROMIUM_PATH: path.join(tempDir(), 'none') })).toBe(CHROMIUM);
  });

  it.skipIf(process.platform === 'win32')('rejects pending calls when the browser dies', async () => {
    // a fake browser that answers Browser.getVersion and dies on the first Target.createTarget
    const fake = path.join(tempDir(), 'fake-chromium');
    fs.writeFileSync(
      fake,
      `#!${process.execPath}
const fs = require('node:fs');
const profile = process.argv.find((a) => a.startsWith('--user-data-dir=')).slice(16);
fs.writeFileSync(${JSON.stringify(path.join(tempDir(), 'profile.txt'))}, profile);
const out = fs.createWriteStream(null, { fd: 4 });
let buf = '';
fs.createReadStream(null, { fd: 3 }).on('data', (d) => {
  buf += d;
  let i;
  while ((i = buf.indexOf('\\0')) >= 0) {
    const msg = JSON.parse(buf.slice(0, i));
    buf = buf.slice(i + 1);
    if (msg.method === 'Target.createTarget') process.exit(7);
    out.write(JSON.stringify({ id: msg.id, result: {} }) + '\\0');
  }
});
`,
      { mode: 0o755 },
    );
    const html = path.join(tempDir(), 'x.html');
    fs.writeFileSync(html, '<p>x</p>');
    const p = await createChromiumPrinter({ executablePath: fake });
    await expect(p.print(html, `${html}.pdf`)).rejects.toThrow(/Chromium 意外退出（退出码 7）/);
    await expect(p.print(html, `${html}.pdf`)).rejects.toThrow(/Chromium 意外退出/);
    await p.close();
    const profile = fs.readFileSync(path.join(tempDir(), 'profile.txt'), 'utf8');
    expect(profile).toMatch(/branch-ledger-chromium-/);
    expect(fs.existsSync(profile)).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('fails to start with the browser’s exit code', async () => {
    const fake = path.join(tempDir(), 'exits');
    fs.writeFileSync(fake, '#!/bin/sh\necho "boom: cannot open display" >&2\nexit 3\n', { mode: 0o755 });
    await expect(createChromiumPrinter({ executablePath: fake })).rejects.toThrow(/Chromium 意外退出（退出码 3）.*boom/);
  });
});
