/**
 * Checking a stored image for embedding in an export: the content against its
 * address, and the pixel size from the PNG or JPEG header (Word needs a size;
 * the HTML layout's first pass lays out a box of that size).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** An image with its bytes, to embed. */
export interface LoadedImage extends ImageInfo {
  bytes: Buffer;
}

function pngSize(b: Buffer): [number, number] | null {
  if (b.length < 24 || b.readUInt32BE(12) !== 0x49484452) return null; // IHDR
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

function jpegSize(b: Buffer): [number, number] | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const len = b.readUInt16BE(i + 2);
    // SOF0…SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return [b.readUInt16BE(i + 7), b.readUInt16BE(i + 5)];
    }
    i += 2 + len;
  }
  return null;
}

/** What an export needs to know of a stored image before it embeds the file. */
export interface ImageInfo {
  name: string;
  type: 'jpg' | 'png';
  width: number;
  height: number;
}

/** The head of the file holds the size: PNG's IHDR at once, JPEG's frame header after its EXIF and tables. */
const HEAD_BYTES = 256 * 1024;
const CHUNK = 1 << 20;
const chunk = Buffer.alloc(CHUNK);

/**
 * Check a stored image without holding it: its sha256 (read through one
 * reused buffer) against its content address, and its pixel size from the
 * head. Null when it is missing, damaged or not a readable PNG/JPEG. A
 * hundred photos are then a hundred small reads, not a hundred megabytes.
 */
function checkImage(img: { name: string; path: string; mime: string }): ImageInfo | null {
  let fd: number;
  try {
    fd = fs.openSync(img.path, 'r');
  } catch {
    return null;
  }
  const hash = crypto.createHash('sha256');
  let head = Buffer.alloc(0);
  try {
    for (let n = fs.readSync(fd, chunk, 0, CHUNK, null); n > 0; n = fs.readSync(fd, chunk, 0, CHUNK, null)) {
      hash.update(chunk.subarray(0, n));
      if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, Math.min(n, HEAD_BYTES - head.length))]);
    }
  } finally {
    fs.closeSync(fd);
  }
  if (hash.digest('hex') !== path.basename(img.path)) return null;
  const size = img.mime === 'image/png' ? pngSize(head) : jpegSize(head);
  if (!size || !size[0] || !size[1]) return null;
  return { name: img.name, type: img.mime === 'image/png' ? 'png' : 'jpg', width: size[0], height: size[1] };
}

/** Fit a size inside a box, never enlarging. */
export function fitInside(w: number, h: number, maxW: number, maxH: number): [number, number] {
  const k = Math.min(1, maxW / w, maxH / h);
  return [Math.round(w * k), Math.round(h * k)];
}

/** What each image of a volume is, by path (null: missing or damaged, listed by name instead). */
export type VolumeImages = ReadonlyMap<string, ImageInfo | null>;

/** Check every image of some 件 once; the Word and the PDF layout of a volume both read the result. */
export function checkImages(items: readonly { images: readonly { name: string; path: string; mime: string }[] }[]): VolumeImages {
  const out = new Map<string, ImageInfo | null>();
  for (const it of items) for (const im of it.images) if (!out.has(im.path)) out.set(im.path, checkImage(im));
  return out;
}
