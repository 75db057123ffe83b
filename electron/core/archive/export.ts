/**
 * Writing a year's export: the Word volumes, their PDFs and the registers
 * workbook, into a temporary folder that becomes archive/<year>/<exportId>/
 * by one rename when everything is written. Cancelled or failed, the
 * temporary folder is removed, so no half-written export is ever listed.
 * Runs the same in a worker thread (./worker.ts) or, in tests, in-process.
 */
import fs from 'node:fs';
import path from 'node:path';
import { EXPORT_ID_RE, type ExportFileInfo, type FailedFile, type Register } from '../../../shared/archive/model.js';
import { volumeItems, type Volume, type VolumePages } from '../../../shared/archive/volume.js';
import type { VolumeImages } from '../export/images.js';
import { MEDIA_DIR, planImages, type PlannedImages } from '../export/media.js';
import { writeVolumeDocx } from '../export/docx/volume.js';
import type { PdfPrinter } from '../export/pdf/printer.js';
import { samePages, volumePdf } from '../export/pdf/volume.js';
import { fsyncDir } from '../folders.js';
import { registersWorkbook } from '../registers/xlsx.js';
import { fileStep } from '../steps.js';
import { errnoKind } from '../storage-errors.js';
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
  /** The app's version, named in the PDFs' metadata. */
  version: string;
  /** A retry: only these files, made again into the existing export folder. */
  only?: string[];
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

/** Writes one volume's Word file; `pages` are its PDF's, for the fields' cached values (null: no PDF). */
export type DocxWriter = (v: Volume, file: string, images: VolumeImages, pages: VolumePages | null) => Promise<void>;

/** What an export wrote, and which of its files could not be made. */
export interface ExportResult {
  files: ExportFileInfo[];
  failed: FailedFile[];
}

/** Failures that stop the whole export: a cancel, and a disk that is full or cannot be written (every other file would fail too). */
const stopsAll = (e: unknown) =>
  e instanceof ExportCancelled || (typeof (e as { code?: unknown } | null)?.code === 'string' && errnoKind((e as { code: string }).code) !== null);

/** The file names of a plan in the order the wizard lists them: the workbook, then each volume's Word and PDF. */
export const planFiles = (plan: Pick<ExportPlan, 'year' | 'volumes' | 'pdf'>) => [
  workbookName(plan.year),
  ...plan.volumes.flatMap((v) => [`${v.fileBase}.docx`, ...(plan.pdf ? [`${v.fileBase}.pdf`] : [])]),
];

const workbookName = (year: number) => `${year}年度_台账汇总.xlsx`;

/** Files (made or failed) in the plan's order. */
export function inPlanOrder<F extends { name: string }>(plan: Pick<ExportPlan, 'year' | 'volumes' | 'pdf'>, files: F[]): F[] {
  const order = planFiles(plan);
  return [...files].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
}

/**
 * Two lanes run side by side: the browser prints the volumes' PDFs, three at
 * a time, each in its own tab (its own processes do the layout), while the
 * workbook and the Word volumes are built (in the app by their own thread,
 * `docx`, so that a PDF's next step never waits behind a Word build); each
 * Word volume waits for its PDF's pages, the cached values of its fields.
 * A file that cannot be made (a PDF that will not print) is reported by name
 * with the reason and the others are kept; a cancel or a full or read-only
 * disk stops everything, and then the temporary folder goes.
 *
 * With `plan.only`, a retry: just those files are made again, into the
 * export's existing folder, each moved in by its own rename.
 */
export async function writeExport(
  plan: ExportPlan,
  printer: (() => Promise<PdfPrinter>) | null,
  onStep: (s: ExportStep) => void,
  signal: AbortSignal,
  docx: DocxWriter = writeVolumeDocx,
): Promise<ExportResult> {
  const tmp = tempDirOf(plan);
  const final = path.join(plan.yearDir, plan.exportId);
  const withPdf = plan.pdf && printer !== null;
  const wanted = (name: string) => !plan.only || plan.only.includes(name);
  const volumes = plan.volumes.filter((v) => wanted(`${v.fileBase}.docx`) || (withPdf && wanted(`${v.fileBase}.pdf`)));
  const workbook = wanted(workbookName(plan.year));
  const total = volumes.reduce((n, v) => n + Number(wanted(`${v.fileBase}.docx`)) + Number(withPdf && wanted(`${v.fileBase}.pdf`)), Number(workbook));
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener('abort', onAbort);
  let done = 0;
  const files: ExportFileInfo[] = [];
  const failed: FailedFile[] = [];
  /**
   * Make one file; one that cannot be made is listed as failed, and nothing of it is left.
   * Made again (a Word volume whose PDF's pages moved), it takes the place of what was listed.
   */
  const task = async (name: string, phase: string, make: (file: string) => Promise<unknown>): Promise<void> => {
    if (stop.signal.aborted) throw new ExportCancelled();
    for (const list of [files, failed] as { name: string }[][]) {
      const at = list.findIndex((f) => f.name === name);
      if (at >= 0) {
        list.splice(at, 1);
        done--;
      }
    }
    onStep({ done, total, phase });
    const file = path.join(tmp, name);
    try {
      await make(file);
    } catch (e) {
      if (stop.signal.aborted || stopsAll(e)) throw e;
      fs.rmSync(file, { force: true });
      failed.push({ name, reason: e instanceof Error ? e.message : String(e) });
      done++;
      return;
    }
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
  /** A few at a time, each PDF in its own browser tab. */
  const together = (steps: (() => Promise<unknown>)[]) => {
    const queue = [...steps];
    const worker = async () => {
      for (let run = queue.shift(); run; run = queue.shift()) await run();
    };
    return failFast(Promise.all(Array.from({ length: Math.min(PDF_TABS, queue.length) }, worker)));
  };

  // Each volume's images are checked (content hash and structure) and scaled once, into the
  // temporary folder's media folder, when its PDF or its Word file first needs them: the first
  // volumes print while the later ones' photos are still being scaled.
  const prepared = new Map<Volume, PlannedImages>();
  const imagesOf = (v: Volume) => prepared.get(v) ?? prepared.set(v, planImages(volumeItems(v), path.join(tmp, MEDIA_DIR), stop.signal)).get(v)!;
  /**
   * Every scaling started has ended (a volume whose PDF failed may still be scaling its photos):
   * only then may the media folder go, or a late photo would make it again, or fail to be written.
   */
  const imagesSettled = () => Promise.allSettled([...prepared.values()].flatMap((p) => [p.sizes, p.files]));
  // One PDF pass with the photos at a time: the browser holds a volume's photos decoded while it
  // prints them (a few hundred MB); the passes with boxes in their place go on beside it.
  let imagePass = Promise.resolve();
  const oneImagePass = (print: () => Promise<void>) => {
    const run = imagePass.then(print);
    imagePass = run.catch(() => {});
    return run;
  };
  // The pages of each volume's PDF: as first laid out (what the Word volume's fields show, built
  // beside the PDF's final pass), and once printed (null: it made none).
  const laidOut = new Map<Volume, Promise<VolumePages | null>>();
  const pagesOf = new Map<Volume, Promise<VolumePages | null>>();
  const pdfSteps = volumes.map((v) => {
    let settle: (p: VolumePages | null) => void = () => {};
    let laid: (p: VolumePages | null) => void = () => {};
    const printed = withPdf && wanted(`${v.fileBase}.pdf`);
    pagesOf.set(v, printed ? new Promise((r) => (settle = r)) : Promise.resolve(null));
    laidOut.set(v, printed ? new Promise((r) => (laid = r)) : Promise.resolve(null));
    return async () => {
      let pages: VolumePages | null = null;
      try {
        await task(`${v.fileBase}.pdf`, `正在生成《${v.cover.category}》PDF`, async (file) => {
          pdfPrinter ??= printer!();
          // the first pass lays out boxes of the photos' sizes while the photos are still being scaled
          const { sizes, files } = imagesOf(v);
          pages = await volumePdf(v, await pdfPrinter, tmp, file, { version: plan.version, images: await sizes, files, withImages: oneImagePass, onPages: laid });
        });
      } finally {
        // (a promise settles once: after the first layout, `laid` here changes nothing)
        laid(pages);
        settle(pages);
      }
    };
  });
  /** A Word volume, with the pages its fields show. */
  const wordOf = (v: Volume, pages: VolumePages | null) =>
    task(`${v.fileBase}.docx`, `正在生成《${v.cover.category}》Word 卷册`, async (file) => docx(v, file, await imagesOf(v).files, pages));
  let pdfPrinter: Promise<PdfPrinter> | null = null;
  fs.mkdirSync(tmp, { recursive: true });
  fileStep('export', 'temp folder made');
  try {
    const results = await Promise.allSettled([
      failFast(
        (async () => {
          if (workbook) await task(workbookName(plan.year), '正在生成台账工作簿', async (file) => fs.writeFileSync(file, await registersWorkbook(plan.registers, plan.meta), { flush: true }));
          // each Word volume as soon as its PDF's first layout gives the pages, in the order they come
          const waiting = new Map(volumes.filter((v) => wanted(`${v.fileBase}.docx`)).map((v) => [v, laidOut.get(v)!.then((pages) => ({ v, pages }))]));
          const built = new Map<Volume, VolumePages | null>();
          while (waiting.size) {
            const { v, pages } = await Promise.race(waiting.values());
            waiting.delete(v);
            await wordOf(v, pages);
            built.set(v, pages);
          }
          // a PDF whose pages moved in a later pass: its Word volume again, with the pages printed
          for (const [v, used] of built) {
            const printed = await pagesOf.get(v)!;
            if (printed && !(used && samePages(used, printed))) await wordOf(v, printed);
          }
        })(),
      ),
      together(withPdf ? pdfSteps.filter((_, i) => wanted(`${volumes[i]!.fileBase}.pdf`)) : []),
    ]);
    // The lane that failed first says why; the other lane only stopped because of it.
    const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    const cause = errors.find((e) => !(e instanceof ExportCancelled));
    if (signal.aborted) throw new ExportCancelled();
    if (cause) throw cause;
    if (errors.length) throw errors[0];
    // Nothing could be made: that is a failed export, not an empty one.
    if (!files.length) throw new Error(failed.map((f) => `${f.name}：${f.reason}`).join('；'));
    onStep({ done, total, phase: '正在保存' });
    // The scaled images served the volumes; the export holds only its files.
    await imagesSettled();
    fs.rmSync(path.join(tmp, MEDIA_DIR), { recursive: true, force: true });
    // Every file was fsync'd as it was written; their names too, before the folder takes its final one.
    fsyncDir(tmp);
    fileStep('export', 'files synced');
    if (plan.only) {
      // into the existing folder, a whole file at a time: a stop between two leaves each file old or new
      for (const f of files) {
        fs.renameSync(path.join(tmp, f.name), path.join(final, f.name));
        fileStep('export', 'retry: moved a file in');
      }
      fsyncDir(final);
      fs.rmSync(tmp, { recursive: true, force: true });
    } else {
      fs.renameSync(tmp, final);
    }
    fsyncDir(plan.yearDir);
    fileStep('export', 'renamed');
    onStep({ done: total, total, phase: '已完成' });
    return { files: inPlanOrder(plan, files), failed: inPlanOrder(plan, failed) };
  } catch (e) {
    stop.abort();
    await imagesSettled();
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    signal.removeEventListener('abort', onAbort);
    await (pdfPrinter as Promise<PdfPrinter> | null)?.then((p) => p.close()).catch(() => {});
  }
}
