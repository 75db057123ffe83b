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
} as const;

/** A PNG or JPEG that can be shown, with its pixel size, or why it cannot. */
export type ImageCheck = { ok: true; width: number; height: number } | { ok: false; reason: string };

const bad = (reason: string): ImageCheck => ({ ok: false, reason });

function sized(width: number, height: number): ImageCheck {
  if (!width || !height) return bad(IMAGE_PROBLEM.damaged);
  return withinImageLimits(width, height) ? { ok: true, width, height } : bad(IMAGE_PROBLEM.tooLarge(width, height));
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const IEND = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44]);
/** The bit depths each PNG colour type allows. */
const PNG_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
/** A ZIP's local file header or its end record: an archive riding after the image. */
const ZIP_MARKS = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1')];
const carriesZip = (trailing: Buffer) => ZIP_MARKS.some((m) => trailing.includes(m));

/** The file in two views: its first bytes, its last bytes (the same buffer for a small file), and its size. */
interface FileEnds {
  head: Buffer;
  tail: Buffer;
  size: number;
}

function checkPng({ head, tail }: FileEnds): ImageCheck {
  if (head.length < 33 || !head.subarray(0, 8).equals(PNG_SIGNATURE) || head.readUInt32BE(8) !== 13 || head.readUInt32BE(12) !== 0x49484452) {
    return bad(IMAGE_PROBLEM.damaged);
  }
  const [depth, colour, compression, filter, interlace] = [head[24]!, head[25]!, head[26]!, head[27]!, head[28]!];
  if (!PNG_DEPTHS[colour]?.includes(depth) || compression !== 0 || filter !== 0 || interlace > 1) return bad(IMAGE_PROBLEM.damaged);
  const at = tail.lastIndexOf(IEND);
  if (at < 0 || at + 12 > tail.length) return bad(IMAGE_PROBLEM.truncated);
  if (carriesZip(tail.subarray(at + 12))) return bad(IMAGE_PROBLEM.polyglot);
  // the chunks the head holds are whole and in order, up to the first image data
  for (let i = 33; i + 8 <= head.length; ) {
    const type = head.toString('latin1', i + 4, i + 8);
    if (type === 'IDAT') break;
    if (type === 'IEND' || !/^[A-Za-z]{4}$/.test(type)) return bad(IMAGE_PROBLEM.damaged);
    i += 12 + head.readUInt32BE(i);
  }
  return sized(head.readUInt32BE(16), head.readUInt32BE(20));
}

function checkJpeg({ head, tail, size }: FileEnds): ImageCheck {
  if (head.length < 4 || head[0] !== 0xff || head[1] !== 0xd8) return bad(IMAGE_PROBLEM.damaged);
  let frame: ImageCheck | null = null;
  /** Where the (first) scan starts: the image data the end marker must follow. */
  let scan = -1;
  let i = 2;
  while (i + 3 < head.length && scan < 0) {
    if (head[i] !== 0xff) return bad(IMAGE_PROBLEM.damaged);
    const marker = head[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd8 || marker === 0xd9) return bad(IMAGE_PROBLEM.damaged);
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    // every other marker with a length is C0…FE (frames, tables, APPn, COM)
    if (marker < 0xc0) return bad(IMAGE_PROBLEM.damaged);
    const len = head.readUInt16BE(i + 2);
    if (len < 2) return bad(IMAGE_PROBLEM.damaged);
    // SOF0…SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 10 > head.length) break;
      const components = head[i + 9]!;
      if (components < 1 || components > 4) return bad(IMAGE_PROBLEM.damaged);
      frame = sized(head.readUInt16BE(i + 7), head.readUInt16BE(i + 5));
      if (!frame.ok) return frame;
    }
    if (marker === 0xda) scan = i;
    i += 2 + len;
  }
  if (!frame) return bad(head.length >= size ? IMAGE_PROBLEM.truncated : IMAGE_PROBLEM.damaged);
  if (scan < 0 && head.length >= size) return bad(IMAGE_PROBLEM.truncated);
  // the end of image after the scan (no FF D9 occurs inside scan data, where FF is followed by 00 or a restart marker)
  const end = tail.lastIndexOf(Buffer.from([0xff, 0xd9]));
  if (end < 0 || size - tail.length + end <= scan) return bad(IMAGE_PROBLEM.truncated);
  if (carriesZip(tail.subarray(end + 2))) return bad(IMAGE_PROBLEM.polyglot);
  return frame;
}

/** Whether a PNG or JPEG can be shown, from its head and its tail: a valid structure, a sane size, an end, nothing riding after it. */
function checkEnds(mime: string, ends: FileEnds): ImageCheck {
  return mime === 'image/png' ? checkPng(ends) : checkJpeg(ends);
}

/** The head of the file holds the size: PNG's IHDR at once, JPEG's frame header after its EXIF and tables. */
const HEAD_BYTES = 256 * 1024;
/** The tail holds the end marker and whatever rides after it. */
const TAIL_BYTES = 64 * 1024;

/** Whether the whole of an image (an upload) can be shown, and its size. */
export function inspectImage(bytes: Buffer, mime: 'image/png' | 'image/jpeg'): ImageCheck {
  return checkEnds(mime, { head: bytes.subarray(0, HEAD_BYTES), tail: bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)), size: bytes.length });
}

/** What an export needs to know of a stored image before it embeds the file. */
export interface ImageInfo {
  name: string;
  type: 'jpg' | 'png';
  width: number;
  height: number;
}

const CHUNK = 1 << 20;
const chunk = Buffer.alloc(CHUNK);

/** A stored image as an export finds it: one to embed, one that is missing or damaged, or an intact one no page can show. */
export type CheckedImage = ImageInfo | { missing: true } | { unshowable: string };

/**
 * Check a stored image without holding it: its sha256 (read through one
 * reused buffer) against its content address, and whether it can be shown
 * from its head and tail. A hundred photos are then a hundred small reads,
 * not a hundred megabytes.
 */
function checkImage(img: { name: string; path: string; mime: string }): CheckedImage {
  let fd: number;
  try {
    fd = fs.openSync(img.path, 'r');
  } catch {
    return { missing: true };
  }
  const hash = crypto.createHash('sha256');
  let head = Buffer.alloc(0);
  let tail = Buffer.alloc(0);
  let size = 0;
  try {
    for (let n = fs.readSync(fd, chunk, 0, CHUNK, null); n > 0; n = fs.readSync(fd, chunk, 0, CHUNK, null)) {
      const part = chunk.subarray(0, n);
      hash.update(part);
      size += n;
      if (head.length < HEAD_BYTES) head = Buffer.concat([head, part.subarray(0, HEAD_BYTES - head.length)]);
      tail = Buffer.concat([tail, part.subarray(Math.max(0, n - TAIL_BYTES))]);
      if (tail.length > TAIL_BYTES) tail = tail.subarray(tail.length - TAIL_BYTES);
    }
  } finally {
    fs.closeSync(fd);
  }
  if (hash.digest('hex') !== path.basename(img.path)) return { missing: true };
  if (img.mime !== 'image/png' && img.mime !== 'image/jpeg') return { unshowable: IMAGE_PROBLEM.damaged };
  const c = checkEnds(img.mime, { head, tail, size });
  if (!c.ok) return { unshowable: c.reason };
  return { name: img.name, type: img.mime === 'image/png' ? 'png' : 'jpg', width: c.width, height: c.height };
}

/** Fit a size inside a box, never enlarging. */
export function fitInside(w: number, h: number, maxW: number, maxH: number): [number, number] {
  const k = Math.min(1, maxW / w, maxH / h);
  return [Math.round(w * k), Math.round(h * k)];
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
