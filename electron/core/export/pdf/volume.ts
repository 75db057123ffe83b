/**
 * A volume's fixed-layout PDF: laid out once with the 目录 page cells empty
 * and the images as boxes of their size, printed without painting anything
 * (only where the pages break is read from it), and the page each 件 starts
 * on read back from the PDF's named destinations; then laid out again with
 * those pages and the images (the cells and boxes keep their size, so nothing
 * moves) and checked to have stayed put — if anything moved (an image turned
 * by its EXIF orientation, say), once more. The final pass is written out as
 * PDF/A-2b (./pdfa.ts) with the volume's cover data and a bookmark per section.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CATALOGUE_ANCHOR, NOTES_ANCHOR, rulesAnchor, volumeAnchors, volumeItems, type Volume, type VolumePages } from '../../../../shared/archive/volume.js';
import { volumeHtml } from '../html/volume.js';
import { checkImages, type VolumeImages } from '../images.js';
import { PdfDocument, pdfDestinations, pdfPageCount, readPdfSkeleton } from './dests.js';
import { writePdfA, type OutlineItem, type PdfAMeta } from './pdfa.js';
import { printLimitMs, type PdfPrinter } from './printer.js';

/** The bytes of the images a volume shows, as the page loads them. */
function shownImageBytes(images: VolumeImages): number {
  let n = 0;
  for (const c of images.values()) if ('file' in c) n += fs.statSync(c.file, { throwIfNoEntry: false })?.size ?? 0;
  return n;
}

/** Whether two layouts put every section on the same page. */
export const samePages = (a: VolumePages, b: VolumePages) =>
  a.total === b.total && [...a.starts].every(([k, p]) => b.starts.get(k) === p);

/** A bookmark's title at most this long (a 件's 题名 can run to a paragraph). */
const OUTLINE_TITLE = 40;
const shorten = (s: string) => (s.length > OUTLINE_TITLE ? `${s.slice(0, OUTLINE_TITLE - 1)}…` : s);

/** The bookmarks: 封面, 卷内文件目录, each part (at its rules, else its first 件) with its 件, 卷内备考表. */
export function volumeOutline(v: Volume): OutlineItem[] {
  const parts = v.parts.flatMap((p, i): OutlineItem[] => {
    const kids = p.items.map((it) => ({ title: shorten(`第${it.no}件 ${it.title}`), dest: it.anchor }));
    const dest = p.rules.length ? rulesAnchor(i) : p.items[0]?.anchor;
    return dest ? [{ title: shorten(p.label), dest, kids }] : [];
  });
  return [{ title: '封面', dest: null }, { title: '卷内文件目录', dest: CATALOGUE_ANCHOR }, ...parts, { title: '卷内备考表', dest: NOTES_ANCHOR }];
}

/** The PDF/A metadata of a volume: its cover, and the app that made it. */
export function volumePdfAMeta(v: Volume, version: string, date = new Date()): PdfAMeta {
  const c = v.cover;
  return {
    title: c.title,
    author: c.fondsName,
    subject: `${c.category}（${c.year}年度，保管期限${c.retention}，档号${c.code}）`,
    creatorTool: `支部四本一档 ${version}`,
    lang: 'zh-CN',
    archive: { fondsNo: c.fondsNo, year: String(c.year), retention: c.retention, code: c.code },
    date,
  };
}

export interface VolumePdfOptions {
  /** The app's version, for the PDF's creator tool. */
  version: string;
  /** The volume's images; for the first pass (boxes in their place) only their sizes are read. */
  images?: VolumeImages;
  /** The images to print in the passes after the first, once ready (the scaled files); else `images`. */
  files?: Promise<VolumeImages>;
  /**
   * Runs a pass that lays out the images (every pass after the first, which has boxes in their
   * place): the export lets one such pass print at a time, as the browser holds all of a
   * volume's images decoded while it prints them.
   */
  withImages?: (print: () => Promise<void>) => Promise<void>;
  /** Told the pages of each layout that the next pass prints with: the final ones unless a later pass moves them. */
  onPages?: (pages: VolumePages) => void;
}

/** Print the volume into `pdfFile` (PDF/A-2b); resolves with the pages each 件 starts on. */
export async function volumePdf(v: Volume, printer: PdfPrinter, workDir: string, pdfFile: string, o: VolumePdfOptions): Promise<VolumePages> {
  const images = o.images ?? checkImages(volumeItems(v));
  const anchors = volumeAnchors(v);
  // what a missing anchor is, in words: 第7件, 制度, 卷内备考表
  const items = new Map(volumeItems(v).map((it) => [it.anchor, `第${it.no}件`]));
  const anchorWords = (a: string) => items.get(a) ?? (a === NOTES_ANCHOR ? '卷内备考表' : a === CATALOGUE_ANCHOR ? '卷内文件目录' : '制度');
  let pages: VolumePages | null = null;
  for (let pass = 1; pass <= 3; pass++) {
    const html = path.join(workDir, `${v.key}.${pass}.html`);
    const out = path.join(workDir, `${v.key}.${pass}.pdf`);
    const shown = pages ? ((await o.files) ?? images) : images;
    fs.writeFileSync(html, volumeHtml(v, pages, shown, { layoutOnly: !pages }));
    const limitMs = printLimitMs({ items: items.size, imageBytes: pages ? shownImageBytes(shown) : 0 });
    let found: VolumePages;
    let pdf: PdfDocument;
    try {
      const print = () => printer.print(html, out, limitMs);
      await (pages && o.withImages ? o.withImages(print) : print());
      // its structure only: the photos' data can be a hundred megabytes
      pdf = new PdfDocument(readPdfSkeleton(out));
      const dests = pdfDestinations(pdf);
      const missing = anchors.filter((a) => !dests.has(a));
      if (missing.length) throw new Error(`PDF 中找不到${missing.map(anchorWords).join('、')}的起始页`);
      found = { starts: new Map(anchors.map((a) => [a, dests.get(a)!])), total: pdfPageCount(pdf) };
    } catch (e) {
      // what a stalled or crashed print wrote goes with it
      fs.rmSync(out, { force: true });
      throw e;
    } finally {
      fs.rmSync(html, { force: true });
    }
    if (pages && samePages(pages, found)) {
      try {
        writePdfA(out, pdf, pdfFile, volumePdfAMeta(v, o.version), volumeOutline(v));
      } finally {
        fs.rmSync(out, { force: true });
      }
      return pages;
    }
    fs.rmSync(out, { force: true });
    pages = found;
    o.onPages?.(pages);
  }
  throw new Error('卷内文件目录的页号排版后仍在变化，未能生成 PDF');
}
