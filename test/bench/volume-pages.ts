/**
 * Word vs PDF page counts of a year's volumes (issue 14, one layout for both
 * copies): prints each volume's PDF with Chromium and writes its Word file with
 * the PDF's pages, as the export does but one volume at a time (three tabs at
 * once on a busy two-core machine can exceed the print timeout), renders every Word
 * volume with LibreOffice (scripts/docx2pdf.py, fields updated) and prints,
 * per volume, the PDF's pages, the Word file's pages in LibreOffice and the
 * first 件 that starts on another page (read from the 归档章 on each page, as
 * LibreOffice writes no named destinations).
 *
 * npm run volume-pages [-- --data-dir DIR] [--year YYYY]
 * Without --data-dir the demo (default options) is generated into a temporary
 * data dir, removed at the end; --year defaults to last year (the demo's last
 * full one). The files go to a temporary folder, removed at the end.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultTextsDir, openCore, type Core } from '../../electron/core/app.js';
import { planExport } from '../../electron/core/archive/service.js';
import { generateDemo } from '../../electron/core/demo/index.js';
import { writeVolumeDocx } from '../../electron/core/export/docx/volume.js';
import { MEDIA_DIR, prepareImages } from '../../electron/core/export/media.js';
import { createChromiumPrinter } from '../../electron/core/export/pdf/chromium.js';
import { volumePdf } from '../../electron/core/export/pdf/volume.js';
import { volumeItems, type Volume } from '../../shared/archive/volume.js';
import { cellBelow, pdfWords } from '../fixtures/pdftext.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};

/** The page each 件 starts on: the one whose 归档章 has its 件号 (unique in a volume). */
function stampStarts(file: string, v: Volume): { starts: Map<string, number>; total: number } {
  const pages = pdfWords(file);
  const starts = new Map<string, number>();
  for (const it of volumeItems(v)) {
    const page = pages.find((p) => cellBelow(p, '件号') === String(it.no) && cellBelow(p, '全宗号') === (v.cover.fondsNo || '—'));
    if (page) starts.set(it.anchor, page.page);
  }
  return { starts, total: pages.length };
}

async function main() {
  const given = arg('--data-dir');
  const dir = given ? path.resolve(given) : fs.mkdtempSync(path.join(os.tmpdir(), 'branch-ledger-pages-'));
  const year = Number(arg('--year') ?? new Date().getFullYear() - 1);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'branch-ledger-pages-out-'));
  let core: Core | undefined;
  try {
    core = openCore({ dataDir: dir, version: 'volume-pages' });
    if (!given) {
      console.log(`生成演示数据：${dir}`);
      generateDemo(core);
    }
    const plan = planExport(core.db, dir, defaultTextsDir(), { year, mode: 'books', fullIds: false, pdf: true, compiler: '', checker: '' }, 'volume-pages');
    console.log(`${year}年度：${plan.volumes.length} 卷，正在生成 PDF 与 Word…`);
    const renders = plan.volumes.map((v) => ({ v, docx: path.join(out, `${v.fileBase}.docx`), pdf: path.join(out, `${v.fileBase}.pdf`), lo: path.join(out, `${v.fileBase}.lo.pdf`) }));
    const printer = await createChromiumPrinter();
    try {
      for (const x of renders) {
        // the photos as the export gives them to both copies
        const images = await prepareImages(volumeItems(x.v), path.join(out, MEDIA_DIR));
        await writeVolumeDocx(x.v, x.docx, images, await volumePdf(x.v, printer, out, x.pdf, { version: 'volume-pages', images }));
      }
    } finally {
      await printer.close();
    }
    console.log('LibreOffice 正在排版 Word 卷册…');
    const r = spawnSync('/usr/bin/python3', [path.resolve('scripts/docx2pdf.py'), ...renders.flatMap((x) => [x.docx, x.lo])], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`docx2pdf.py: ${r.stderr}`);
    let word = 0;
    let pdf = 0;
    for (const x of renders) {
      const [p, l] = [stampStarts(x.pdf, x.v), stampStarts(x.lo, x.v)];
      const [pp, lp] = [p.starts, l.starts];
      const moved = volumeItems(x.v).find((it) => pp.get(it.anchor) !== lp.get(it.anchor));
      const [np, nw] = [p.total, l.total];
      pdf += np;
      word += nw;
      console.log(`${x.v.fileBase}\tPDF ${np} 页\tWord ${nw} 页\t${moved ? `第${moved.no}件起页不同（PDF 第${pp.get(moved.anchor)}页，Word 第${lp.get(moved.anchor) ?? '?'}页）` : '各件起页相同'}`);
    }
    console.log(`合计\tPDF ${pdf} 页\tWord ${word} 页`);
  } finally {
    core?.close();
    fs.rmSync(out, { recursive: true, force: true });
    if (!given) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
