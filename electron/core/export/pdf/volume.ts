/**
 * A volume's fixed-layout PDF: laid out once with the 目录 page cells empty
 * and the images as boxes of their size, printed, and the page each 件 starts
 * on read back from the PDF's named destinations; then laid out again with
 * those pages and the images (the cells and boxes keep their size, so nothing
 * moves) and checked to have stayed put — if anything moved (an image turned
 * by its EXIF orientation, say), once more.
 */
import fs from 'node:fs';
import path from 'node:path';
import { NOTES_ANCHOR, volumeAnchors, volumeItems, type Volume, type VolumePages } from '../../../../shared/archive/volume.js';
import { volumeHtml } from '../html/volume.js';
import { checkImages, type VolumeImages } from '../images.js';
import { pdfDestinations, pdfPageCount, readPdfSkeleton } from './dests.js';
import type { PdfPrinter } from './printer.js';

const samePages = (a: VolumePages, b: VolumePages) =>
  a.total === b.total && [...a.starts].every(([k, p]) => b.starts.get(k) === p);

/** Print the volume into `pdfFile`; resolves with the pages each 件 starts on. */
export async function volumePdf(
  v: Volume,
  printer: PdfPrinter,
  workDir: string,
  pdfFile: string,
  images: VolumeImages = checkImages(volumeItems(v)),
  /**
   * Runs a pass that lays out the images (every pass after the first, which has boxes in their
   * place): the export lets one such pass print at a time, as the browser holds all of a
   * volume's images decoded while it prints them.
   */
  withImages: (print: () => Promise<void>) => Promise<void> = (print) => print(),
): Promise<VolumePages> {
  const anchors = volumeAnchors(v);
  // what a missing anchor is, in words: 第7件, 制度, 卷内备考表
  const items = new Map(volumeItems(v).map((it) => [it.anchor, `第${it.no}件`]));
  const anchorWords = (a: string) => items.get(a) ?? (a === NOTES_ANCHOR ? '卷内备考表' : '制度');
  let pages: VolumePages | null = null;
  for (let pass = 1; pass <= 3; pass++) {
    const html = path.join(workDir, `${v.key}.${pass}.html`);
    const out = path.join(workDir, `${v.key}.${pass}.pdf`);
    fs.writeFileSync(html, volumeHtml(v, pages, images));
    try {
      await (pages ? withImages(() => printer.print(html, out)) : printer.print(html, out));
    } finally {
      fs.rmSync(html, { force: true });
    }
    // its structure only: the photos' data can be a hundred megabytes
    const pdf = readPdfSkeleton(out);
    const dests = pdfDestinations(pdf);
    const missing = anchors.filter((a) => !dests.has(a));
    if (missing.length) throw new Error(`PDF 中找不到${missing.map(anchorWords).join('、')}的起始页`);
    const found: VolumePages = { starts: new Map(anchors.map((a) => [a, dests.get(a)!])), total: pdfPageCount(pdf) };
    if (pages && samePages(pages, found)) {
      fs.renameSync(out, pdfFile);
      return pages;
    }
    fs.rmSync(out, { force: true });
    pages = found;
  }
  throw new Error('卷内文件目录的页号排版后仍在变化，未能生成 PDF');
}
