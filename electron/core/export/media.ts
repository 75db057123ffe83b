/**
 * The photos of an export, each scaled once to the pixels it prints with
 * (shared/print/imageSize.ts: 200 dpi at its printed size), EXIF orientation
 * applied and every other metadata dropped, into the export's temporary media
 * folder; the Word and the PDF volume both embed that one file. The originals
 * in the data dir are only read.
 *
 * sharp (libvips) decodes and encodes: a well-kept library with prebuilt
 * binaries, whose work runs on libuv's threads, off this thread. It is loaded
 * by the main thread too (this module is part of the main bundle), as sharp
 * asks of worker-thread use on glibc Linux.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { IMAGE_LIMITS } from '../../../shared/print/display.js';
import { printPixels } from '../../../shared/print/imageSize.js';
import { checkImage, IMAGE_PROBLEM, type CheckedImage, type ImageInfo, type VolumeImages } from './images.js';

// libvips keeps decoded images for reuse; an export reads each once.
sharp.cache(false);

/** The scaled photos' folder inside an export's temporary folder; it goes before the folder is renamed into place. */
export const MEDIA_DIR = '.media';

/** Images scaled at once: each keeps a libuv thread busy (decoding, resizing and encoding). */
const AT_ONCE = Math.max(1, Math.min(4, os.availableParallelism()));

/** A phone photo's JPEG quality: no visible loss on paper at 200 dpi. */
const JPEG_QUALITY = 85;

/** The pixels of the scaled copy, or null when sharp cannot decode the file. */
async function encode(file: string): Promise<{ data: Buffer; type: 'jpg' | 'png'; width: number; height: number } | null> {
  try {
    const input = () => sharp(file, { failOn: 'error', limitInputPixels: IMAGE_LIMITS.pixels });
    const meta = await input().metadata();
    const shown = meta.autoOrient;
    const size = printPixels(shown.width, shown.height);
    // Only a picture that is see-through somewhere stays PNG; the rest are photos and scans, smaller as JPEG.
    const clear = meta.hasAlpha && !(await input().stats()).isOpaque;
    const scaled = input().autoOrient().resize(size.width, size.height, { fit: 'fill' });
    const out = clear ? scaled.png() : scaled.flatten({ background: '#ffffff' }).jpeg({ quality: JPEG_QUALITY });
    const { data, info } = await out.toBuffer({ resolveWithObject: true });
    return { data, type: clear ? 'png' : 'jpg', width: info.width, height: info.height };
  } catch {
    return null;
  }
}

/** One checked image scaled into `dir`; a file sharp cannot decode is listed with the reason instead. */
async function scaleImage(info: ImageInfo, dir: string): Promise<CheckedImage> {
  const scaled = await encode(info.file);
  if (!scaled) return { unshowable: IMAGE_PROBLEM.undecodable };
  // named by the original's content address: the same photo in two 件 is one file
  const file = path.join(dir, `${path.basename(info.file)}.${scaled.type}`);
  // outside the try above: a full disk is the export's failure, not the image's
  await fs.promises.writeFile(file, scaled.data);
  return { name: info.name, type: scaled.type, width: scaled.width, height: scaled.height, file };
}

/**
 * Check (content address and structure, images.ts) and scale every image of
 * some 件 into `dir`, a few at a time; stops taking new ones once `signal`
 * aborts. The Word and the PDF layout of every volume read the result.
 */
export async function prepareImages(
  items: readonly { images: readonly { name: string; path: string; mime: string }[] }[],
  dir: string,
  signal?: AbortSignal,
): Promise<VolumeImages> {
  const todo = new Map<string, { name: string; path: string; mime: string }>();
  for (const it of items) for (const im of it.images) if (!todo.has(im.path)) todo.set(im.path, im);
  const out = new Map<string, CheckedImage>();
  if (!todo.size) return out;
  fs.mkdirSync(dir, { recursive: true });
  const queue = [...todo.values()];
  const worker = async () => {
    for (let im = queue.shift(); im && !signal?.aborted; im = queue.shift()) {
      const c = checkImage(im);
      out.set(im.path, 'file' in c ? await scaleImage(c, dir) : c);
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, queue.length) }, worker));
  return out;
}
