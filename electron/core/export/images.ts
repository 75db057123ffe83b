/**
 * Checking an image for embedding in an export, and at attach time: the content
 * against its address, whether it can be shown at all (a valid PNG or JPEG
 * structure from header to end marker, a sane pixel size, no archive riding
 * after it), and its pixel size (Word needs one; the HTML layout's first pass
 * lays out a box of that size).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { withinImageLimits } from '../../../shared/print/display.js';

/** An image with its bytes, to embed. */
export interface LoadedImage extends ImageInfo {
  bytes: Buffer;
}

export { IMAGE_LIMITS } from '../../../shared/print/display.js';

/** Why a stored PNG or JPEG cannot be shown (the words go in brackets after 图片无法显示 / 无法显示的图片). */
export const IMAGE_PROBLEM = {
  damaged: '图片数据已损坏',
  truncated: '文件不完整，可能在复制或传输时中断',
  polyglot: '图片之后还附带了压缩包等其他数据',
  tooLarge: (w: number, h: number) => `尺寸过大，${w}×${h}像素`,
  undecodable: '图片内容无法解码',
} as const;

/** A PNG or JPEG that can be shown, with its pixel size, or why it cannot. */
export type ImageCheck = { ok: true; width: number; height: number } | { ok: false; reason: string };

const bad = (reason: string): ImageCheck => ({ ok: false, reason });

function sized(width: number, height: number): ImageCheck {
  if (!width || !height) return bad(IMAGE_PROBLEM.damaged);
  return withinImageLimits(width, height) ? { ok: true, width, height } : bad(IMAGE_PROBLEM.tooLarge(width, height));
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The bit depths each PNG colour type allows. */
const PNG_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
const ZIP_MARKS = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1')];

/** A file read where it is needed: an upload in memory, or a stored file through its descriptor. */
interface Reader {
  size: number;
  /** Up to `len` bytes at `pos` (fewer at the end of the file). */
  read(pos: number, len: number): Buffer;
}

const SEARCH_CHUNK = 1 << 20;

/** Where `needle` first occurs at or after `from`, or -1; read a megabyte at a time. */
function find(r: Reader, needle: Buffer, from: number): number {
  for (let pos = from; pos < r.size; pos += SEARCH_CHUNK - needle.length + 1) {
    const at = r.read(pos, SEARCH_CHUNK).indexOf(needle);
    if (at >= 0) return pos + at;
    if (pos + SEARCH_CHUNK >= r.size) break;
  }
  return -1;
}

/** A ZIP's local file header or its end record after the image: an archive riding along (a polyglot). */
const carriesZip = (r: Reader, from: number) => ZIP_MARKS.some((m) => find(r, m, from) >= 0);

/** The chunks in order from IHDR (whose fields are valid) through image data to IEND, nothing zipped after. */
function checkPng(r: Reader): ImageCheck {
  const head = r.read(0, 33);
  if (head.length < 33 || !head.subarray(0, 8).equals(PNG_SIGNATURE) || head.readUInt32BE(8) !== 13 || head.toString('latin1', 12, 16) !== 'IHDR') {
    return bad(IMAGE_PROBLEM.damaged);
  }
  const [depth, colour, compression, filter, interlace] = [head[24]!, head[25]!, head[26]!, head[27]!, head[28]!];
  if (!PNG_DEPTHS[colour]?.includes(depth) || compression !== 0 || filter !== 0 || interlace > 1) return bad(IMAGE_PROBLEM.damaged);
  const size = sized(head.readUInt32BE(16), head.readUInt32BE(20));
  if (!size.ok) return size;
  let data = false;
  for (let pos = 33; ; ) {
    const c = r.read(pos, 8);
    if (c.length < 8) return bad(IMAGE_PROBLEM.truncated);
    const type = c.toString('latin1', 4, 8);
    if (!/^[A-Za-z]{4}$/.test(type) || type === 'IHDR') return bad(IMAGE_PROBLEM.damaged);
    const end = pos + 12 + c.readUInt32BE(0);
    if (end > r.size) return bad(IMAGE_PROBLEM.truncated);
    if (type === 'IDAT') data = true;
    if (type === 'IEND') {
      if (!data) return bad(IMAGE_PROBLEM.damaged);
      return carriesZip(r, end) ? bad(IMAGE_PROBLEM.polyglot) : size;
    }
    pos = end;
  }
}

/**
 * The segments from SOI through the frame header (SOF, whose size is sane) to
 * the first scan, an end of image after it (FF D9 never occurs in scan data,
 * where FF is followed by 00 or a restart marker), nothing zipped after that.
 */
function checkJpeg(r: Reader): ImageCheck {
  const soi = r.read(0, 2);
  if (soi.length < 2 || soi[0] !== 0xff || soi[1] !== 0xd8) return bad(IMAGE_PROBLEM.damaged);
  let frame: ImageCheck | null = null;
  let scan = -1;
  for (let pos = 2; scan < 0; ) {
    const m = r.read(pos, 4);
    if (m.length < 2) return bad(IMAGE_PROBLEM.truncated);
    if (m[0] !== 0xff) return bad(IMAGE_PROBLEM.damaged);
    const marker = m[1]!;
    if (marker === 0xff) {
      pos++;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos += 2;
      continue;
    }
    // every other marker before the scan has a length and is C0…FE (frames, tables, APPn, COM), never SOI or EOI
    if (marker < 0xc0 || marker === 0xd8 || marker === 0xd9) return bad(IMAGE_PROBLEM.damaged);
    if (m.length < 4) return bad(IMAGE_PROBLEM.truncated);
    const len = m.readUInt16BE(2);
    if (len < 2) return bad(IMAGE_PROBLEM.damaged);
    const end = pos + 2 + len;
    if (end > r.size) return bad(IMAGE_PROBLEM.truncated);
    // SOF0…SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const f = r.read(pos + 4, 6);
      if (len < 8 || f.length < 6 || f[5]! < 1 || f[5]! > 4) return bad(IMAGE_PROBLEM.damaged);
      frame = sized(f.readUInt16BE(3), f.readUInt16BE(1));
      if (!frame.ok) return frame;
    }
    if (marker === 0xda) scan = end;
    pos = end;
  }
  if (!frame) return bad(IMAGE_PROBLEM.damaged);
  const eoi = find(r, Buffer.from([0xff, 0xd9]), scan);
  if (eoi < 0) return bad(IMAGE_PROBLEM.truncated);
  return carriesZip(r, eoi + 2) ? bad(IMAGE_PROBLEM.polyglot) : frame;
}

/** Whether a PNG or JPEG can be shown: a valid structure from header to end, a sane size, nothing riding after it. */
const checkReader = (mime: string, r: Reader): ImageCheck => (mime === 'image/png' ? checkPng(r) : checkJpeg(r));

/** Whether an image in memory (an upload) can be shown, and its size. */
export function inspectImage(bytes: Buffer, mime: 'image/png' | 'image/jpeg'): ImageCheck {
  return checkReader(mime, { size: bytes.length, read: (pos, len) => bytes.subarray(pos, pos + len) });
}

/** What an export needs to know of a stored image before it embeds the file. */
export interface ImageInfo {
  name: string;
  type: 'jpg' | 'png';
  /** Pixel size of `file` as it shows (EXIF orientation applied once scaled). */
  width: number;
  height: number;
  /** The file to embed: the stored original once checked, its scaled copy once prepared (prepareImages). */
  file: string;
}

const CHUNK = 1 << 20;
const chunk = Buffer.alloc(CHUNK);

/** A stored image as an export finds it: one to embed, one that is missing or damaged, or an intact one no page can show. */
export type CheckedImage = ImageInfo | { missing: true } | { unshowable: string };

/**
 * Check a stored image without holding it: its sha256 (read through one
 * reused buffer) against its content address, then whether it can be shown
 * (small reads of its segments, and a search for its end). A hundred photos
 * are then a hundred passes over a file, not a hundred megabytes held.
 */
export function checkImage(img: { name: string; path: string; mime: string }): CheckedImage {
  let fd: number;
  try {
    fd = fs.openSync(img.path, 'r');
  } catch {
    return { missing: true };
  }
  try {
    const hash = crypto.createHash('sha256');
    let size = 0;
    for (let n = fs.readSync(fd, chunk, 0, CHUNK, null); n > 0; n = fs.readSync(fd, chunk, 0, CHUNK, null)) {
      hash.update(chunk.subarray(0, n));
      size += n;
    }
    if (hash.digest('hex') !== path.basename(img.path)) return { missing: true };
    if (img.mime !== 'image/png' && img.mime !== 'image/jpeg') return { unshowable: IMAGE_PROBLEM.damaged };
    // a search reads through the one buffer; a segment's few bytes get their own
    const read = (pos: number, len: number) => {
      const buf = len >= CHUNK ? chunk : Buffer.alloc(len);
      return buf.subarray(0, fs.readSync(fd, buf, 0, Math.min(len, CHUNK), pos));
    };
    const c = checkReader(img.mime, { size, read });
    if (!c.ok) return { unshowable: c.reason };
    return { name: img.name, type: img.mime === 'image/png' ? 'png' : 'jpg', width: c.width, height: c.height, file: img.path };
  } finally {
    fs.closeSync(fd);
  }
}

/** What each image of a volume is, by path. */
export type VolumeImages = ReadonlyMap<string, CheckedImage>;

/** The embeddable image, or null and the words after its name where the volume lists it instead. */
export function shownImage(c: CheckedImage | undefined): { info: ImageInfo; listed: null } | { info: null; listed: string } {
  if (!c || 'missing' in c) return { info: null, listed: '文件缺失或已损坏' };
  if ('unshowable' in c) return { info: null, listed: `无法显示的图片，${c.unshowable}` };
  return { info: c, listed: null };
}

/** Check every image of some 件 once; the Word and the PDF layout of a volume both read the result. */
export function checkImages(items: readonly { images: readonly { name: string; path: string; mime: string }[] }[]): VolumeImages {
  const out = new Map<string, CheckedImage>();
  for (const it of items) for (const im of it.images) if (!out.has(im.path)) out.set(im.path, checkImage(im));
  return out;
}
