/**
 * The export's photos scaled once with sharp (electron/core/export/media.ts):
 * 200 dpi at the size they print (shared/print/imageSize.ts), EXIF orientation
 * applied and metadata dropped, into the temporary folder's media folder; the
 * Word and the PDF volume embed that file; the originals stay as they were;
 * nothing of it is left in the export, done or failed.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { defaultTextsDir } from '../../electron/core/app.js';
import { tempDirOf, writeExport } from '../../electron/core/archive/export.js';
import { planExport } from '../../electron/core/archive/service.js';
import { buildVolumes } from '../../electron/core/archive/volume.js';
import { blobPath } from '../../electron/core/attachments/store.js';
import { writeVolumeDocx } from '../../electron/core/export/docx/volume.js';
import { volumeHtml } from '../../electron/core/export/html/volume.js';
import { IMAGE_PROBLEM, type ImageInfo } from '../../electron/core/export/images.js';
import { MEDIA_DIR, prepareImages } from '../../electron/core/export/media.js';
import { createChromiumPrinter, findChromium } from '../../electron/core/export/pdf/chromium.js';
import { volumePdf } from '../../electron/core/export/pdf/volume.js';
import { volumeItems } from '../../shared/archive/volume.js';
import { IMAGE_BOX_MM, mmToPx, PRINT_DPI, printedSize, printPixels } from '../../shared/print/imageSize.js';
import { call, useCore } from '../fixtures/core.js';
import { wordText } from '../fixtures/docx.js';
import { createMeeting, seedBranch } from '../fixtures/seed.js';
import { useTempDir } from '../fixtures/tmp.js';

const Y = new Date().getFullYear() - 1;
const CHROMIUM = findChromium();
const HAS_PDFIMAGES = spawnSync('pdfimages', ['-v']).status === 0;

/** A w×h picture of a gradient (random-looking enough to be a photo for the encoder). */
function pixels(w: number, h: number, channels: 3 | 4, alpha = 255): Buffer {
  const px = Buffer.alloc(w * h * channels);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * channels;
      px[i] = x & 0xff;
      px[i + 1] = y & 0xff;
      px[i + 2] = ((x * y) >> 6) & 0xff;
      if (channels === 4) px[i + 3] = x < w / 2 ? alpha : 255;
    }
  }
  return px;
}
const raw = (w: number, h: number, channels: 3 | 4, alpha?: number) => sharp(pixels(w, h, channels, alpha), { raw: { width: w, height: h, channels } });

/** A phone photo: 4000×3000 landscape pixels, EXIF orientation 6 (shown turned a quarter: portrait 3000×4000), with a camera model. */
const PHONE = await raw(4000, 3000, 3).withExif({ IFD0: { Model: 'TestPhone' } }).withMetadata({ orientation: 6 }).jpeg({ quality: 90 }).toBuffer();
const SCAN = await raw(1600, 1200, 3).png().toBuffer();
const CLEAR = await raw(800, 600, 4, 0).png().toBuffer();
/** A JPEG whose structure is right but whose scan is not real: no decoder can read it. */
const FAKE_JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8]),
  Buffer.from([0xff, 0xdb, 0x00, 0x43]),
  Buffer.alloc(65, 1),
  Buffer.from([0xff, 0xc0, 0x00, 0x11, 8, 0x01, 0xe0, 0x02, 0x80, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]),
  Buffer.from([0xff, 0xc4, 0x00, 0x16]),
  Buffer.alloc(20, 0),
  Buffer.from([0xff, 0xda, 0x00, 0x08, 1, 1, 0, 0, 63, 0]),
  Buffer.from([0x12, 0x34, 0xff, 0x00, 0x56, 0x78, 0x9a]),
  Buffer.from([0xff, 0xd9]),
]);
const FILES: [string, Buffer][] = [
  ['手机照片.jpg', PHONE],
  ['扫描件.png', SCAN],
  ['透明图.png', CLEAR],
  ['无法解码.jpg', FAKE_JPEG],
];

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('the printed size', () => {
  it('is the box for a big photo, at 96 px/in for a small one, and the same for the scaled file', () => {
    expect(printedSize(3000, 4000)).toEqual({ width: 135, height: IMAGE_BOX_MM.height });
    expect(printedSize(4000, 3000)).toEqual({ width: IMAGE_BOX_MM.width, height: 117 });
    expect(printedSize(192, 96)).toEqual({ width: 50.8, height: 25.4 });
    for (const [w, h] of [[4000, 3000], [3000, 4000], [1600, 1200], [1201, 1000], [300, 200]] as const) {
      const px = printPixels(w, h);
      const a = printedSize(w, h);
      const b = printedSize(px.width, px.height);
      expect(Math.abs(a.width - b.width)).toBeLessThan(0.2);
      expect(Math.abs(a.height - b.height)).toBeLessThan(0.2);
      // 200 dpi at that size, never more pixels than there are
      expect(px.width).toBe(Math.min(w, Math.round((a.width / 25.4) * PRINT_DPI)));
    }
  });
});

describe('photos scaled for the export', () => {
  const h = useCore();
  const tmp = useTempDir('media');

  async function attach() {
    await seedBranch(h.core);
    const rec = await createMeeting(h.core, { date: `${Y}-03-05` });
    const added: { name: string; sha256: string }[] = [];
    for (const [name, bytes] of FILES) added.push(await call(h.core, 'attachments.add', { recordId: rec.id, name, base64: bytes.toString('base64'), thumbBase64: null }));
    const [v] = buildVolumes(h.core.db, h.dir, defaultTextsDir(), { year: Y, mode: 'books', fullIds: false, gaps: [], log: [], compiler: '', checker: '', date: `${Y + 1}-01-10` });
    const original = (name: string) => blobPath(h.dir, added.find((a) => a.name === name)!.sha256);
    return { v: v!, original };
  }

  async function prepared() {
    const a = await attach();
    const dir = path.join(tmp(), MEDIA_DIR);
    const before = new Map(FILES.map(([n]) => [n, sha256(a.original(n))]));
    const images = await prepareImages(volumeItems(a.v), dir);
    const info = (name: string) => images.get(a.original(name)) as ImageInfo;
    return { ...a, dir, before, images, info };
  }

  it('turns a phone photo upright, at 200 dpi of its printed box, with no EXIF left, the original untouched', async () => {
    const { dir, before, info, original } = await prepared();
    expect(await sharp(PHONE).metadata()).toMatchObject({ width: 4000, height: 3000, orientation: 6 });
    expect(PHONE.includes(Buffer.from('TestPhone'))).toBe(true);
    const p = info('手机照片.jpg');
    const want = printPixels(3000, 4000);
    expect(p).toMatchObject({ type: 'jpg', ...want });
    expect(want).toEqual({ width: 1063, height: 1417 });
    expect(path.dirname(p.file)).toBe(dir);
    const meta = await sharp(p.file).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: want.width, height: want.height });
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(fs.readFileSync(p.file).includes(Buffer.from('TestPhone'))).toBe(false);
    for (const [name] of FILES) expect(sha256(original(name)), name).toBe(before.get(name));
    expect(fs.readFileSync(original('手机照片.jpg')).equals(PHONE)).toBe(true);
  });

  it('makes a PNG scan a JPEG and keeps a see-through PNG a PNG, each at its printed pixels', async () => {
    const { info } = await prepared();
    const scan = info('扫描件.png');
    expect(scan).toMatchObject({ type: 'jpg', ...printPixels(1600, 1200) });
    expect((await sharp(scan.file).metadata()).format).toBe('jpeg');
    const clear = info('透明图.png');
    expect(clear).toMatchObject({ type: 'png', width: 800, height: 600 });
    const meta = await sharp(clear.file).metadata();
    expect(meta).toMatchObject({ format: 'png', hasAlpha: true });
  });

  it('lists a file sharp cannot decode as 无法显示的图片, and goes on', async () => {
    const { images, original, v } = await prepared();
    expect(images.get(original('无法解码.jpg'))).toEqual({ unshowable: IMAGE_PROBLEM.undecodable });
    const file = path.join(tmp(), 'v.docx');
    await writeVolumeDocx(v, file, images);
    expect(wordText(new TextDecoder().decode(unzipSync(new Uint8Array(fs.readFileSync(file)))['word/document.xml']!))).toContain(`无法解码.jpg（无法显示的图片，${IMAGE_PROBLEM.undecodable}）`);
  });

  it('the Word volume embeds the scaled files, at their printed size', async () => {
    const { images, v, info } = await prepared();
    const file = path.join(tmp(), 'v.docx');
    await writeVolumeDocx(v, file, images);
    const parts = unzipSync(new Uint8Array(fs.readFileSync(file)));
    const media = Object.keys(parts).filter((p) => p.startsWith('word/media/')).map((p) => Buffer.from(parts[p]!));
    const scaled = ['手机照片.jpg', '扫描件.png', '透明图.png'].map((n) => fs.readFileSync(info(n).file));
    expect(media).toHaveLength(3);
    for (const s of scaled) expect(media.some((m) => m.equals(s))).toBe(true);
    // its printed size (about 135 mm × 180 mm) in EMU, as the PDF prints it
    const mm = printedSize(info('手机照片.jpg').width, info('手机照片.jpg').height);
    expect(Math.abs(mm.width - 135)).toBeLessThan(0.1);
    expect(mm.height).toBe(180);
    const emu = (x: number) => Math.round(mmToPx(x) * 9525);
    const doc = new TextDecoder().decode(parts['word/document.xml']!);
    expect(doc).toContain(`cx="${emu(mm.width)}" cy="${emu(mm.height)}"`);
  });

  it('the HTML embeds the scaled files, boxes and images of the same printed size', async () => {
    const { images, v, info, original } = await prepared();
    const p = info('手机照片.jpg');
    const mm = printedSize(p.width, p.height);
    const first = volumeHtml(v, null, images);
    const last = volumeHtml(v, { starts: new Map(), total: 9 }, images);
    expect(first).toContain(`<div class="sheet-ph" style="width:${mm.width}mm;height:${mm.height}mm"></div>`);
    expect(last).toContain(`<img src="${pathToFileURL(p.file).href}" alt="手机照片.jpg" style="width:${mm.width}mm;height:${mm.height}mm">`);
    for (const name of ['手机照片.jpg', '扫描件.png', '透明图.png']) expect(last).not.toContain(pathToFileURL(original(name)).href);
  });

  it.skipIf(!CHROMIUM || !HAS_PDFIMAGES)('the PDF holds the scaled photos', { timeout: 90_000 }, async () => {
    const { images, v, info } = await prepared();
    const printer = await createChromiumPrinter();
    const out = path.join(tmp(), 'v.pdf');
    try {
      await volumePdf(v, printer, tmp(), out, { version: '0.0.0-test', images });
    } finally {
      await printer.close();
    }
    const list = spawnSync('pdfimages', ['-list', out], { encoding: 'utf8' }).stdout.split('\n').slice(2).filter(Boolean);
    const sizes = list.filter((l) => l.trim().split(/\s+/)[2] === 'image').map((l) => l.trim().split(/\s+/).slice(3, 5).join('×'));
    for (const name of ['手机照片.jpg', '扫描件.png', '透明图.png']) expect(sizes, name).toContain(`${info(name).width}×${info(name).height}`);
    expect(sizes).not.toContain('4000×3000');
    expect(sizes).not.toContain('3000×4000');
  });

  it('leaves no media folder in the export, nor anything after a failed one', async () => {
    await attach();
    const plan = () => planExport(h.core.db, h.core.dataDir, defaultTextsDir(), { year: Y, mode: 'books', fullIds: false, pdf: true, compiler: '钱宣传', checker: '王书记' }, '0.0.0-test');
    const p = plan();
    // the Word volumes are given the scaled files, in the temporary folder's media folder
    const media = path.join(tempDirOf(p), MEDIA_DIR);
    const given: string[] = [];
    await writeExport(p, null, () => {}, new AbortController().signal, async (v, file, images) => {
      for (const c of images.values()) if ('file' in c && fs.existsSync(c.file)) given.push(path.relative(media, c.file));
      await writeVolumeDocx(v, file, images);
    });
    expect(given).toHaveLength(3);
    for (const f of given) expect(f).toMatch(/^[0-9a-f]{64}\.(jpg|png)$/);
    expect(fs.readdirSync(path.join(p.yearDir, p.exportId)).filter((n) => !/\.(docx|xlsx)$/.test(n))).toEqual([]);
    // a disk that fills while the photos print: the whole export goes, media folder and all
    const failed = plan();
    const failing = async () => ({
      print: async () => {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      },
      close: async () => {},
    });
    // (the print fails at once, while the photos are still being scaled: the export ends only
    // once they are, so no late photo fails to be written into the removed folder, or makes it again)
    const late: unknown[] = [];
    const onLate = (e: unknown) => late.push(e);
    process.on('unhandledRejection', onLate);
    try {
      await expect(writeExport(failed, failing, () => {}, new AbortController().signal)).rejects.toThrow('ENOSPC');
      expect(fs.existsSync(tempDirOf(failed))).toBe(false);
      await new Promise((r) => setTimeout(r, 1500));
    } finally {
      process.off('unhandledRejection', onLate);
    }
    expect(late).toEqual([]);
    expect(fs.existsSync(tempDirOf(failed))).toBe(false);
    expect(fs.readdirSync(failed.yearDir)).toEqual([p.exportId]);
  });
});
