/**
 * Writing a year's export: the Word volumes, their PDFs and the registers
 * workbook, into a temporary folder that becomes archive/<year>/<exportId>/
 * by one rename when everything is written. Cancelled or failed, the
 * temporary folder is removed, so no half-written export is ever listed.
 * Runs the same in a worker thread (./worker.ts) or, in tests, in-process.
 */
import fs from 'node:fs';
import path from 'node:path';
import { EXPORT_ID_RE, type ExportFileInfo, type Register } from '../../../shared/archive/model.js';
import { volumeItems, type Volume, type VolumePages } from '../../../shared/archive/volume.js';
import { checkImages, type VolumeImages } from '../export/images.js';
import { writeVolumeDocx } from '../export/docx/volume.js';
import type { PdfPrinter } from '../export/pdf/printer.js';
import { volumePdf } from '../export/pdf/volume.js';
import { fsyncDir } from '../folders.js';
import { registersWorkbook } from '../registers/xlsx.js';
import { fileStep } from '../steps.js';
import { ARCHIVE_DIR } from './paths.js';

export interface ExportPlan {
  year: number;
  exportId: string;
  /** archive/<year>/ of the data dir. */
  yearDir: string;
  volumes: Volume[];
  registers: Register[];
  meta: { branchName: string; parentOrg: string; year: number; printedOn: string };
  pdf: boolean;
}

export interface ExportStep {
  done: number;
  total: number;
  /** What is being made now, e.g. 正在生成《党支部综合记录》PDF. */
  phase: string;
}

export class ExportCancelled extends Error {
  constructor() {
    super('已取消');
    this.name = 'ExportCancelled';
  }
}

/** PDFs printed at once: enough to overlap one volume's layout with another's transfer, few enough for the browser's memory. */
const PDF_TABS = 3;

const TMP_PREFIX = '.tmp-';

export const tempDirOf = (plan: Pick<ExportPlan, 'yearDir' | 'exportId'>) => path.join(plan.yearDir, `${TMP_PREFIX}${plan.exportId}`);

/**
 * At start (nothing is exporting yet: the data dir is locked to this process),
 * remove the temporary folders archive/<year>/.tmp-<exportId> of exports that a
 * crash or a power cut stopped on their way; returns them, relative to the data
 * dir. They were never listed, so nothing the user saw goes. Best effort: what
 * cannot go now (a file held open on Windows) goes at the next start.
 */
export function sweepExportTemp(dataDir: string): string[] {
  const root = path.join(dataDir, ARCHIVE_DIR);
  const swept: string[] = [];
  let years: fs.Dirent[];
  try {
    years = fs.readdirSync(root, { withFileTypes: true });
  } catch {
    return swept;
  }
  const tryTo = (f: () => void) => {
    try {
      f();
      return true;
    } catch (e) {
      console.error('未完成的归档临时文件夹清理未完成，下次启动再试：', e);
      return false;
    }
  };
  for (const y of years) {
    if (!y.isDirectory() || !/^\d{4}$/.test(y.name)) continue;
    const yearDir = path.join(root, y.name);
    let entries: fs.Dirent[] = [];
    if (!tryTo(() => (entries = fs.readdirSync(yearDir, { withFileTypes: true })))) continue;
    const stale = entries.filter((d) => d.name.startsWith(TMP_PREFIX) && EXPORT_ID_RE.test(d.name.slice(TMP_PREFIX.length)));
    for (const d of stale) if (tryTo(() => fs.rmSync(path.join(yearDir, d.name), { recursive: true, force: true }))) swept.push(path.join(ARCHIVE_DIR, y.name, d.name));
    if (stale.length) fsyncDir(yearDir);
  }
  return swept;
}

/**
 * Two lanes run side by side: this thread builds the workbook and the Word
 * volumes one after the other while the browser prints the volumes' PDFs,
 * three at a time, each in its own tab (its own processes do the layout).
 * The first failure or a cancel stops both; then the temporary folder goes.
 */
export async function writeExport(
  plan: ExportPlan,
  printer: (() => Promise<PdfPrinter>) | null,
  onStep: (s: ExportStep) => void,
  signal: AbortSignal,
): Promise<ExportFileInfo[]> {
  const tmp = tempDirOf(plan);
  const final = path.join(plan.yearDir, plan.exportId);
  const withPdf = plan.pdf && printer !== null;
  const total = plan.volumes.length * (withPdf ? 2 : 1) + 1;
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener('abort', onAbort);
  let done = 0;
  const files: ExportFileInfo[] = [];
  const task = async (name: string, phase: string, make: (file: string) => Promise<void>) => {
    if (stop.signal.aborted) throw new ExportCancelled();
    onStep({ done, total, phase });
    const file = path.join(tmp, name);
    await make(file);
    fileStep('export', 'file written');
    if (stop.signal.aborted) throw new ExportCancelled();
    files.push({ name, size: fs.statSync(file).size });
    done++;
  };
  const failFast = (p: Promise<unknown>) =>
    p.catch((e: unknown) => {
      stop.abort();
      throw e;
    });
  /** One after the other. */
  const lane = (steps: (() => Promise<void>)[]) => failFast(steps.reduce((p, next) => p.then(next), Promise.resolve()));
  /** A few at a time, each PDF in its own browser tab. */
  const together = (steps: (() => Promise<void>)[]) => {
    const queue = [...steps];
    const worker = async () => {
      for (let run = queue.shift(); run; run = queue.shift()) await run();
    };
    return failFast(Promise.all(Array.from({ length: Math.min(PDF_TABS, queue.length) }, worker)));
  };

  // Each volume's images are checked once (content hash and size), for its Word and its PDF alike.
  const checked = new Map<Volume, VolumeImages>();
  const imagesOf = (v: Volume) => checked.get(v) ?? checked.set(v, checkImages(volumeItems(v))).get(v)!;
  // A volume's Word file carries its PDF's pages as the fields' results, so it waits for them; a stop rejects the wait.
  const pdfPages = new Map<Volume, { pages: Promise<VolumePages>; laid: (p: VolumePages) => void; stopped: () => void }>();
  for (const v of withPdf ? plan.volumes : []) {
    let settle!: { laid: (p: VolumePages) => void; stopped: () => void };
    const pages = new Promise<VolumePages>((resolve, reject) => (settle = { laid: resolve, stopped: () => reject(new ExportCancelled()) }));
    pages.catch(() => {});
    pdfPages.set(v, { pages, ...settle });
  }
  stop.signal.addEventListener('abort', () => pdfPages.forEach((p) => p.stopped()));
  let pdfPrinter: Promise<PdfPrinter> | null = null;
  fs.mkdirSync(tmp, { recursive: true });
  fileStep('export', 'temp folder made');
  try {
    const results = await Promise.allSettled([
      lane([
        () =>
          task(`${plan.year}年度_台账汇总.xlsx`, '正在生成台账工作簿', async (file) =>
            fs.writeFileSync(file, await registersWorkbook(plan.registers, plan.meta), { flush: true }),
          ),
        ...plan.volumes.map(
          (v) => () => task(`${v.fileBase}.docx`, `正在生成《${v.cover.category}》Word 卷册`, async (file) => writeVolumeDocx(v, file, imagesOf(v), (await pdfPages.get(v)?.pages) ?? null)),
        ),
      ]),
      together(
        withPdf
          ? plan.volumes.map(
              (v) => () =>
                task(`${v.fileBase}.pdf`, `正在生成《${v.cover.category}》PDF`, async (file) => {
                  pdfPrinter ??= printer();
                  pdfPages.get(v)!.laid(await volumePdf(v, await pdfPrinter, tmp, file, imagesOf(v)));
                }),
            )
          : [],
      ),
    ]);
    // The lane that failed first says why; the other lane only stopped because of it.
    const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    const cause = errors.find((e) => !(e instanceof ExportCancelled));
    if (signal.aborted) throw new ExportCancelled();
    if (cause) throw cause;
    if (errors.length) throw errors[0];
    onStep({ done, total, phase: '正在保存' });
    // Every file was fsync'd as it was written; their names too, before the folder takes its final one.
    fsyncDir(tmp);
    fileStep('export', 'files synced');
    fs.renameSync(tmp, final);
    fsyncDir(plan.yearDir);
    fileStep('export', 'renamed');
    onStep({ done: total, total, phase: '已完成' });
    // In the order they were planned: the workbook, then each volume's Word and PDF.
    const order = [`${plan.year}年度_台账汇总.xlsx`, ...plan.volumes.flatMap((v) => [`${v.fileBase}.docx`, `${v.fileBase}.pdf`])];
    return files.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    signal.removeEventListener('abort', onAbort);
    await (pdfPrinter as Promise<PdfPrinter> | null)?.then((p) => p.close()).catch(() => {});
  }
}
