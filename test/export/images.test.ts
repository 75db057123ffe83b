/**
 * Images no page can show, as a table of hostile files: a PNG header claiming
 * 50000×50000, one cut short, one with a ZIP riding after it, JPEGs likewise, a
 * PDF named as a photo. Each is judged from its header and end
 * (electron/core/export/images.ts inspectImage); at attach time it is kept as a
 * file with a warning in Chinese, and the year volume (Word and the print HTML)
 * lists it by name as 无法显示的图片 instead of embedding a broken image.
 */
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { defaultTextsDir } from '../../electron/core/app.js';
import { buildVolumes } from '../../electron/core/archive/volume.js';
import { blobPath } from '../../electron/core/attachments/store.js';
import { encodePng } from '../../electron/core/demo/files.js';
import { writeVolumeDocx } from '../../electron/core/export/docx/volume.js';
import { volumeHtml } from '../../electron/core/export/html/volume.js';
import { IMAGE_LIMITS, IMAGE_PROBLEM, inspectImage } from '../../electron/core/export/images.js';
import { call, callError, useCore } from '../fixtures/core.js';
import { wordText } from '../fixtures/docx.js';
import { createMeeting, seedBranch } from '../fixtures/seed.js';
import { useTempDir } from '../fixtures/tmp.js';

const Y = new Date().getFullYear() - 1;

// ---------- hostile files ----------

const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const seg = (marker: number, body: Buffer) => Buffer.concat([Buffer.from([0xff, marker]), u16(body.length + 2), body]);

/** A JPEG's structure (SOI, APP0, DQT, SOF0, DHT, SOS, scan data, EOI); the scan is not real, the structure is. */
function jpeg(w: number, h: number, o: { exifThumb?: boolean; components?: number; scanBytes?: number } = {}): Buffer {
  const components = o.components ?? 3;
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    // an EXIF thumbnail: a whole JPEG (with its own end marker) before the frame
    ...(o.exifThumb ? [seg(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from([0xff, 0xd8, 0xff, 0xd9])]))] : []),
    seg(0xdb, Buffer.alloc(65, 1)),
    seg(0xc0, Buffer.from([8, ...u16(h), ...u16(w), components, ...Array.from({ length: components }, (_, i) => [i + 1, 0x11, 0]).flat()])),
    seg(0xc4, Buffer.alloc(20, 0)),
    seg(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
    Buffer.from([0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd0, 0x78, 0x9a]),
    Buffer.alloc(o.scanBytes ?? 0, 0x11),
    Buffer.from([0xff, 0xd9]),
  ]);
}

const PNG = encodePng(4, 3, new Uint8Array(36).fill(120));
/** The PNG with its IHDR changed (the CRC is not what is judged). */
function pngWith(edit: (b: Buffer) => void): Buffer {
  const b = Buffer.from(PNG);
  edit(b);
  return b;
}
const ZIP = Buffer.from(zipSync({ 'secret.txt': new TextEncoder().encode('hidden payload') }));
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

type Expect = { size: [number, number] } | { reason: string };
/** name, bytes, what inspectImage says (null: not an image at all, judged at attach time only). */
const CASES: [name: string, bytes: Buffer, expected: Expect | null][] = [
  ['正常.png', PNG, { size: [4, 3] }],
  ['正常.jpg', jpeg(640, 480), { size: [640, 480] }],
  ['带缩略图.jpg', jpeg(800, 600, { exifThumb: true }), { size: [800, 600] }],
  ['结尾有多余字节.png', Buffer.concat([PNG, Buffer.from('trailing bytes, no archive')]), { size: [4, 3] }],
  // a motion photo: a video rides after the JPEG's end (no ZIP), and the phone shows the photo
  ['动态照片.jpg', Buffer.concat([jpeg(1024, 768), Buffer.alloc(200_000, 0x20)]), { size: [1024, 768] }],
  // scan data over several megabyte reads: the end is found across them
  ['大照片.jpg', jpeg(4000, 3000, { scanBytes: 2_200_000 }), { size: [4000, 3000] }],
  ['最大边长.png', pngWith((b) => (b.writeUInt32BE(IMAGE_LIMITS.side, 16), b.writeUInt32BE(5000, 20))), { size: [IMAGE_LIMITS.side, 5000] }],
  ['巨幅.png', pngWith((b) => (b.writeUInt32BE(50000, 16), b.writeUInt32BE(50000, 20))), { reason: IMAGE_PROBLEM.tooLarge(50000, 50000) }],
  ['过宽.png', pngWith((b) => b.writeUInt32BE(IMAGE_LIMITS.side + 1, 16)), { reason: IMAGE_PROBLEM.tooLarge(IMAGE_LIMITS.side + 1, 3) }],
  ['像素过多.png', pngWith((b) => (b.writeUInt32BE(IMAGE_LIMITS.side, 16), b.writeUInt32BE(5001, 20))), { reason: IMAGE_PROBLEM.tooLarge(IMAGE_LIMITS.side, 5001) }],
  ['零宽.png', pngWith((b) => b.writeUInt32BE(0, 16)), { reason: IMAGE_PROBLEM.damaged }],
  ['位深错误.png', pngWith((b) => (b[24] = 3)), { reason: IMAGE_PROBLEM.damaged }],
  ['只有文件头.png', Buffer.concat([PNG.subarray(0, 8), Buffer.from('not a png at all, just text after the signature')]), { reason: IMAGE_PROBLEM.damaged }],
  ['截断.png', PNG.subarray(0, PNG.length - 12), { reason: IMAGE_PROBLEM.truncated }],
  ['附带压缩包.png', Buffer.concat([PNG, ZIP]), { reason: IMAGE_PROBLEM.polyglot }],
  ['巨幅.jpg', jpeg(50000, 50000), { reason: IMAGE_PROBLEM.tooLarge(50000, 50000) }],
  ['零高.jpg', jpeg(640, 0), { reason: IMAGE_PROBLEM.damaged }],
  ['通道数错误.jpg', jpeg(640, 480, { components: 7 }), { reason: IMAGE_PROBLEM.damaged }],
  ['截断.jpg', jpeg(640, 480).subarray(0, -4), { reason: IMAGE_PROBLEM.truncated }],
  ['截断在文件头.jpg', jpeg(640, 480).subarray(0, 30), { reason: IMAGE_PROBLEM.truncated }],
  ['截断带缩略图.jpg', jpeg(640, 480, { exifThumb: true }).subarray(0, -4), { reason: IMAGE_PROBLEM.truncated }],
  ['只有文件头.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('this is not a jpeg')]), { reason: IMAGE_PROBLEM.damaged }],
  ['附带压缩包.jpg', Buffer.concat([jpeg(640, 480), ZIP]), { reason: IMAGE_PROBLEM.polyglot }],
  ['实为PDF.jpg', PDF, null],
];

const mimeOf = (b: Buffer) => (b[0] === 0x89 ? 'image/png' : 'image/jpeg');
const warningOf = (e: Expect | null, name: string) =>
  e === null ? (/\.(jpe?g|png)$/.test(name) ? '图片无法显示（文件内容是 PDF，不是图片），已作为文件保存' : undefined) : 'reason' in e ? `图片无法显示（${e.reason}），已作为文件保存` : undefined;

describe('inspectImage', () => {
  it.each(CASES.filter((c): c is [string, Buffer, Expect] => c[2] !== null))('%s', (_, bytes, expected) => {
    const c = inspectImage(bytes, mimeOf(bytes));
    expect(c).toEqual('size' in expected ? { ok: true, width: expected.size[0], height: expected.size[1] } : { ok: false, reason: expected.reason });
  });
});

describe('images that cannot be shown: kept as files, warned of, listed by name in the volume', () => {
  const h = useCore();
  const tmp = useTempDir('images');

  async function attachAll() {
    await seedBranch(h.core);
    const rec = await createMeeting(h.core, { date: `${Y}-03-05` });
    const added = [];
    for (const [name, bytes] of CASES) {
      added.push(await call(h.core, 'attachments.add', { recordId: rec.id, name, base64: bytes.toString('base64'), thumbBase64: null }));
    }
    return { rec, added };
  }

  it('attachments.add keeps each file and warns of one no page can show', async () => {
    const { rec, added } = await attachAll();
    expect(added.map((a) => [a.name, a.warning])).toEqual(CASES.map(([name, , e]) => [name, warningOf(e, name)]));
    const listed = await call(h.core, 'attachments.list', { recordId: rec.id });
    expect(listed.map((a) => a.name)).toEqual(CASES.map(([name]) => name));
    // the list carries no warning: it is the answer of the upload only
    expect(listed.every((a) => !('warning' in a))).toBe(true);
  });

  it('text that is no image at all, named as one, is still refused', async () => {
    await seedBranch(h.core);
    const rec = await createMeeting(h.core, { date: `${Y}-03-05` });
    const e = await callError(h.core, 'attachments.add', { recordId: rec.id, name: '照片.jpg', base64: Buffer.from('hello').toString('base64'), thumbBase64: null });
    expect(e).toMatchObject({ code: 'VALIDATION' });
  });

  it('the year volume (Word and the print HTML) embeds the good images and lists the others by name', async () => {
    await attachAll();
    const [v] = buildVolumes(h.core.db, h.dir, defaultTextsDir(), { year: Y, mode: 'books', fullIds: false, gaps: [], log: [], compiler: '', checker: '', date: `${Y + 1}-01-10` });
    const good = CASES.filter(([, , e]) => e && 'size' in e).map(([name]) => name);
    const bad = CASES.filter(([, , e]) => e && 'reason' in e) as [string, Buffer, { reason: string }][];

    const file = path.join(tmp(), 'volume.docx');
    await writeVolumeDocx(v!, file);
    const parts = unzipSync(new Uint8Array(fs.readFileSync(file)));
    const doc = strFromU8(parts['word/document.xml']!);
    const text = wordText(doc);
    expect(Object.keys(parts).filter((p) => p.startsWith('word/media/'))).toHaveLength(good.length);
    for (const name of good) expect(doc, name).toContain(`descr="${name}"`);
    for (const [name, , e] of bad) {
      expect(text, name).toContain(`${name}（无法显示的图片，${e.reason}）`);
      expect(doc, name).not.toContain(`descr="${name}"`);
    }
    expect(text).toContain('实为PDF.jpg');

    for (const pages of [null, { starts: new Map(), total: 9 }]) {
      const html = volumeHtml(v!, pages);
      expect(html.match(pages ? /<img /g : /class="sheet-ph"/g)).toHaveLength(good.length);
      for (const [name, , e] of bad) expect(html, name).toContain(`<p>${name}（无法显示的图片，${e.reason}）</p>`);
      expect(html).not.toContain('文件缺失或已损坏');
    }
  });

  it('a file gone from the store is still told as missing, not as an image that cannot be shown', async () => {
    const { added } = await attachAll();
    const normal = added.find((a) => a.name === '正常.png')!;
    fs.rmSync(blobPath(h.dir, normal.sha256));
    const [v] = buildVolumes(h.core.db, h.dir, defaultTextsDir(), { year: Y, mode: 'books', fullIds: false, gaps: [], log: [], compiler: '', checker: '', date: `${Y + 1}-01-10` });
    expect(volumeHtml(v!, null)).toContain('<p>正常.png（文件缺失或已损坏）</p>');
  });
});
