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
/**
 * mozjpeg's quantisation table 3 (as its own defaults choose): at the same quality about 18%
 * smaller than the JPEG standard's table, at no cost in time; measured on the bench's photos,
 * 171 → 141 KB for a 1228×921 photo, 55 → 44 ms. (Trellis quantisation would save another
 * fifth at five times the time.)
 */
const JPEG_TABLE = 3;

const input = (file: string) => sharp(file, { failOn: 'error', limitInputPixels: IMAGE_LIMITS.pixels });

/**
 * What a checked image will be once scaled, known from its header: its pixel size (orientation
 * applied), and PNG only if it has an alpha channel (it may stay PNG); null when sharp cannot read it.
 */
async function plan(info: ImageInfo): Promise<ImageInfo | null> {
  try {
    const meta = await input(info.file).metadata();
    return { ...info, type: meta.hasAlpha ? 'png' : 'jpg', ...printPixels(meta.autoOrient.width, meta.autoOrient.height) };
  } catch {
    return null;
  }
}

/** The scaled copy at the planned size, or null when sharp cannot decode the file. */
async function encode(file: string, size: ImageInfo): Promise<{ data: Buffer; type: 'jpg' | 'png' } | null> {
  try {
    // Only a picture that is see-through somewhere stays PNG; the rest are photos and scans, smaller as JPEG.
    const clear = size.type === 'png' && !(await input(file).stats()).isOpaque;
    const scaled = input(file).autoOrient().resize(size.width, size.height, { fit: 'fill' });
    const out = clear ? scaled.png() : scaled.flatten({ background: '#ffffff' }).jpeg({ quality: JPEG_QUALITY, quantisationTable: JPEG_TABLE });
    return { data: await out.toBuffer(), type: clear ? 'png' : 'jpg' };
  } catch {
    return null;
  }
}

/** One planned image scaled into `dir`; a file sharp cannot decode is listed with the reason instead. */
async function scaleImage(planned: ImageInfo, original: string, dir: string): Promise<CheckedImage> {
  const scaled = await encode(original, planned);
  if (!scaled) return { unshowable: IMAGE_PROBLEM.undecodable };
  // named by the original's content address: the same photo in two 件 is one file
  const file = path.join(dir, `${path.basename(original)}.${scaled.type}`);
  // outside the try above: a full disk is the export's failure, not the image's
  await fs.promises.writeFile(file, scaled.data);
  return { ...planned, type: scaled.type, file };
}

/** The images of some 件 for an export: their sizes as soon as they are known, and their scaled files. */
export interface PlannedImages {
  /** Each image's scaled pixel size (enough for a layout with boxes in their place); `file` is still the original. */
  sizes: Promise<VolumeImages>;
  /** Each image scaled into the media folder. */
  files: Promise<VolumeImages>;
}

/**
 * Check (content address and structure, images.ts) every image of some 件 and
 * read its size from its header, then scale them into `dir`, a few at a time;
 * stops taking new ones once `signal` aborts. A first layout needs only the
 * sizes, so it need not wait for the scaling; the Word and the PDF layout with
 * the photos read the files.
 */
export function planImages(
  items: readonly { images: readonly { name: string; path: string; mime: string }[] }[],
  dir: string,
  signal?: AbortSignal,
): PlannedImages {
  const todo = new Map<string, { name: string; path: string; mime: string }>();
  for (const it of items) for (const im of it.images) if (!todo.has(im.path)) todo.set(im.path, im);
  const sizes = (async () => {
    const out = new Map<string, CheckedImage>();
    await Promise.all(
      [...todo.values()].map(async (im) => {
        const c = checkImage(im);
        out.set(im.path, 'file' in c ? ((await plan(c)) ?? { unshowable: IMAGE_PROBLEM.undecodable }) : c);
      }),
    );
    return out;
  })();
  const files = sizes.then(async (planned) => {
    const out = new Map(planned);
    const queue = [...planned].flatMap(([original, c]) => ('file' in c ? [[original, c] as const] : []));
    if (queue.length) fs.mkdirSync(dir, { recursive: true });
    const worker = async () => {
      for (let next = queue.shift(); next && !signal?.aborted; next = queue.shift()) out.set(next[0], await scaleImage(next[1], next[0], dir));
    };
    await Promise.all(Array.from({ length: Math.min(AT_ONCE, queue.length) }, worker));
    return out as VolumeImages;
  });
  // a caller that awaits only the files still sees a failure of the sizes once
  sizes.catch(() => {});
  return { sizes, files };
}

/** Check and scale every image of some 件 into `dir` (planImages, the files). */
export const prepareImages = (...args: Parameters<typeof planImages>): Promise<VolumeImages> => planImages(...args).files;
