/**
 * Year-end exports in the background: one at a time, each in a worker thread
 * when the bundled worker script is there (the app), or in-process otherwise
 * (tests). The window polls the job's progress; cancelling stops the worker
 * and removes its temporary folder.
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { ExportFileInfo, ExportJob } from '../../../shared/archive/model.js';
import { AppError } from '../errors.js';
import { storageError } from '../storage-errors.js';
import type { PdfPrinter } from '../export/pdf/printer.js';
import { ExportCancelled, tempDirOf, writeExport, type ExportPlan, type ExportStep } from './export.js';

/** The answer to a print request: no error means the PDF is in its file. */
export type ToWorker = { id: number; error?: string };
export type FromWorker =
  | { type: 'step'; step: ExportStep }
  | { type: 'print'; id: number; file: string; out: string }
  | { type: 'done'; files: ExportFileInfo[] }
  | { type: 'failed'; message: string };

export type PrinterFactory = () => Promise<PdfPrinter>;

/** Runs an export to the end, or throws ExportCancelled once `signal` aborts. */
type Runner = (plan: ExportPlan, printer: PrinterFactory | null, onStep: (s: ExportStep) => void, signal: AbortSignal) => Promise<ExportFileInfo[]>;

function workerRunner(script: string): Runner {
  return (plan, printerFactory, onStep, signal) =>
    new Promise((resolve, reject) => {
      // A runaway guard, not a budget: one volume of at most MAX_ITEMS_PER_VOLUME 件 builds in a few hundred MB.
      const worker = new Worker(script, { workerData: plan, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
      let printer: Promise<PdfPrinter> | null = null;
      let settled = false;
      const removeTemp = () => fs.rmSync(tempDirOf(plan), { recursive: true, force: true });
      const finish = (f: () => void) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', abort);
        // Its message port would keep the thread (and the process) alive.
        void worker.terminate();
        void printer?.then((p) => p.close()).catch(() => {});
        f();
      };
      const abort = () => {
        void worker.terminate().then(() => {
          removeTemp();
          finish(() => reject(new ExportCancelled()));
        });
      };
      signal.addEventListener('abort', abort);
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'step') onStep(m.step);
        else if (m.type === 'done') finish(() => resolve(m.files));
        else if (m.type === 'failed') finish(() => reject(new Error(m.message)));
        else if (m.type === 'print') {
          if (!printerFactory) return worker.postMessage({ id: m.id, error: '未启用 PDF' } satisfies ToWorker);
          printer ??= printerFactory();
          printer
            .then((p) => p.print(m.file, m.out))
            .then(
              () => worker.postMessage({ id: m.id } satisfies ToWorker),
              (e: unknown) => worker.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) } satisfies ToWorker),
            );
        }
      });
      worker.on('error', (e) => {
        removeTemp();
        finish(() => reject(e));
      });
      worker.on('exit', (code) => {
        if (!settled && !signal.aborted) {
          removeTemp();
          finish(() => reject(new Error(`归档进程意外退出（${code}）`)));
        }
      });
    });
}

export class ArchiveJobs {
  private readonly jobs = new Map<string, { job: ExportJob; abort: AbortController; finished: Promise<void> }>();
  private readonly run: Runner;

  constructor(
    private readonly printer: PrinterFactory | null,
    workerScript: string | null,
  ) {
    this.run = workerScript && fs.existsSync(workerScript) ? workerRunner(workerScript) : writeExport;
  }

  start(plan: ExportPlan): ExportJob {
    if ([...this.jobs.values()].some((j) => j.job.state === 'running')) throw new AppError('CONFLICT', '已有归档任务正在进行，请等它完成或取消后再试。');
    const job: ExportJob = { id: plan.exportId, year: plan.year, state: 'running', done: 0, total: 1, phase: '正在准备', files: [], error: null };
    const abort = new AbortController();
    const finished = this.run(plan, plan.pdf ? this.printer : null, (s) => Object.assign(job, s), abort.signal).then(
      (files) => {
        Object.assign(job, { state: 'done', files, done: job.total, phase: '已完成' });
      },
      (e: unknown) => {
        if (e instanceof ExportCancelled || abort.signal.aborted) Object.assign(job, { state: 'cancelled', phase: '已取消' });
        // A full disk or a read-only data dir in words the user can act on (the worker says it already).
        else Object.assign(job, { state: 'failed', phase: '失败', error: storageError(e, null)?.message ?? (e instanceof Error ? e.message : String(e)) });
      },
    );
    this.jobs.set(job.id, { job, abort, finished });
    return { ...job };
  }

  get(id: string): ExportJob {
    const j = this.jobs.get(id);
    if (!j) throw new AppError('NOT_FOUND', '没有这个归档任务（可能应用已重新启动）。');
    return { ...j.job, files: [...j.job.files] };
  }

  /** Ask a running job to stop; resolves once it has stopped and cleaned up. */
  async cancel(id: string): Promise<ExportJob> {
    const j = this.jobs.get(id);
    if (!j) throw new AppError('NOT_FOUND', '没有这个归档任务（可能应用已重新启动）。');
    if (j.job.state === 'running') j.abort.abort();
    await j.finished;
    return this.get(id);
  }

  /** Wait for a job to end (tests, shutdown). */
  async settle(id: string): Promise<ExportJob> {
    await this.jobs.get(id)?.finished;
    return this.get(id);
  }

  /** Stop everything (closing the app). */
  async close(): Promise<void> {
    for (const j of this.jobs.values()) if (j.job.state === 'running') j.abort.abort();
    await Promise.all([...this.jobs.values()].map((j) => j.finished));
  }
}
