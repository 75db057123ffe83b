/**
 * Reading a stored image for embedding in an export: the bytes, checked
 * against the content address, and the pixel size from the PNG or JPEG header
 * (Word needs a size; the HTML layout scales by CSS).
 */
import fs from 'node:fs';
import path from 'node:path';
import { sha256Hex } from '../attachments/store.js';

export interface LoadedImage {
  name: string;
  bytes: Buffer;
  type: 'jpg' | 'png';
  width: number;
  height: number;
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

/** The image at a content-addressed path, or null when it is missing, damaged or not a readable PNG/JPEG. */
export function loadImage(img: { name: string; path: string; mime: string }): LoadedImage | null {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(img.path);
  } catch {
    return null;
  }
  if (sha256Hex(bytes) !== path.basename(img.path)) return null;
  const size = img.mime === 'image/png' ? pngSize(bytes) : jpegSize(bytes);
  if (!size || !size[0] || !size[1]) return null;
  return { name: img.name, bytes, type: img.mime === 'image/png' ? 'png' : 'jpg', width: size[0], height: size[1] };
}

/** Fit a size inside a box, never enlarging. */
export function fitInside(w: number, h: number, maxW: number, maxH: number): [number, number] {
  const k = Math.min(1, maxW / w, maxH / h);
  return [Math.round(w * k), Math.round(h * k)];
}
