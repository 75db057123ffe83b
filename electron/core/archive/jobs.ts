/**
 * The archive's background work: year-end exports, one at a time, each in a
 * worker thread when the bundled worker script is there (the app), or
 * in-process otherwise (tests); and 全部保存到… (save.ts), one at a time, in
 * this thread (it streams, so the window keeps its answers). The window polls
 * a job's progress; cancelling stops it and removes its temporary folder.
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { BackgroundJob, ExportJob, SaveJob } from '../../../shared/archive/model.js';
import { AppError } from '../errors.js';
import { storageError } from '../storage-errors.js';
import type { PdfPrinter } from '../export/pdf/printer.js';
import { ExportCancelled, inPlanOrder, planFiles, tempDirOf, writeExport, type ExportPlan, type ExportResult, type ExportStep } from './export.js';
import { saveExport, type SavePlan } from './save.js';

/** The answer to a print request: no error means the PDF is in its file. */
export type ToWorker = { id: number; error?: string };
export type FromWorker =
  | { type: 'step'; step: ExportStep }
  | { type: 'print'; id: number; file: string; out: string; limitMs?: number }
  | { type: 'done'; result: ExportResult }
  | { type: 'failed'; message: string };

export type PrinterFactory = () => Promise<PdfPrinter>;

/** Runs an export to the end, or throws ExportCancelled once `signal` aborts. */
type Runner = (plan: ExportPlan, printer: PrinterFactory | null, onStep: (s: ExportStep) => void, signal: AbortSignal) => Promise<ExportResult>;

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
        else if (m.type === 'done') finish(() => resolve(m.result));
        else if (m.type === 'failed') finish(() => reject(new Error(m.message)));
        else if (m.type === 'print') {
          if (!printerFactory) return worker.postMessage({ id: m.id, error: '未启用 PDF' } satisfies ToWorker);
          printer ??= printerFactory();
          printer
            .then((p) => p.print(m.file, m.out, m.limitMs))
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

/** Why a job failed, in words the user can act on: a full disk or a read-only data dir said so (the worker says it already). */
function failure(e: unknown): string {
  return storageError(e, null)?.message ?? (e instanceof Error ? e.message : String(e));
}

/** Jobs of one kind, one running at a time, kept by id for the window to poll. */
class JobList<J extends BackgroundJob> {
  private readonly jobs = new Map<string, { job: J; abort: AbortController; finished: Promise<void> }>();

  constructor(private readonly words: { busy: string; missing: string }) {}

  /** Run `work` in the background; it reports progress through `update` and ends with the job's last fields. */
  start(job: J, work: (update: (p: Partial<J>) => void, signal: AbortSignal) => Promise<Partial<J>>): J {
    if ([...this.jobs.values()].some((j) => j.job.state === 'running')) throw new AppError('CONFLICT', this.words.busy);
    const abort = new AbortController();
    const finished = work((p) => Object.assign(job, p), abort.signal).then(
      (last) => {
        Object.assign(job, last, { state: 'done', done: job.total, phase: '已完成' });
      },
      (e: unknown) => {
        // Whatever a cancelled job threw on its way out (ExportCancelled, an AbortError), it was cancelled.
        if (abort.signal.aborted) Object.assign(job, { state: 'cancelled', phase: '已取消' });
        else Object.assign(job, { state: 'failed', phase: '失败', error: failure(e) });
      },
    );
    this.jobs.set(job.id, { job, abort, finished });
    return structuredClone(job);
  }

  get(id: string): J {
    const j = this.jobs.get(id);
    if (!j) throw new AppError('NOT_FOUND', this.words.missing);
    return structuredClone(j.job);
  }

  /** Ask a running job to stop; resolves once it has stopped and cleaned up. */
  async cancel(id: string): Promise<J> {
    const j = this.jobs.get(id);
    if (!j) throw new AppError('NOT_FOUND', this.words.missing);
    if (j.job.state === 'running') j.abort.abort();
    await j.finished;
    return this.get(id);
  }

  /** Stop everything (closing the app). */
  async close(): Promise<void> {
    for (const j of this.jobs.values()) if (j.job.state === 'running') j.abort.abort();
    await Promise.all([...this.jobs.values()].map((j) => j.finished));
  }
}

export class ArchiveJobs {
  /** Year-end exports; a job's id is its export's folder id. */
  readonly exports = new JobList<ExportJob>({ busy: '已有归档任务正在进行，请等它完成或取消后再试。', missing: '没有这个归档任务（可能应用已重新启动）。' });
  /** 全部保存到…: an export copied into a folder. */
  readonly saves = new JobList<SaveJob>({ busy: '已有保存任务正在进行，请等它完成或取消后再试。', missing: '没有这个保存任务（可能应用已重新启动）。' });
  private readonly run: Runner;
  /** The plans of exports with files that failed, for 重试 (this run of the app only: a new start makes a new export). */
  private readonly plans = new Map<string, ExportPlan>();

  constructor(
    private readonly printer: PrinterFactory | null,
    workerScript: string | null,
  ) {
    this.run = workerScript && fs.existsSync(workerScript) ? workerRunner(workerScript) : writeExport;
  }

  /** Export a year in the background. */
  start(plan: ExportPlan): ExportJob {
    const job: ExportJob = { id: plan.exportId, year: plan.year, state: 'running', done: 0, total: 1, phase: '正在准备', files: [], failed: [], error: null };
    return this.exports.start(job, (update, signal) => this.runKeeping(plan, update, signal, []));
  }

  /**
   * Make the files of a finished export that failed once more, from the same
   * plan (the same volumes, whatever was edited since), into its folder; a
   * volume's Word file is made again with its PDF, for its fields' cached pages.
   * `sealedExport` names the export a year is sealed with, if any (its files are then fixed).
   */
  retry(id: string, sealedExport: (year: number) => string | null): ExportJob {
    const before = this.exports.get(id);
    const plan = this.plans.get(id);
    if (before.state === 'running') throw new AppError('CONFLICT', '这次归档还在进行，请等它完成。');
    if (!plan || !before.failed.length) throw new AppError('CONFLICT', '这次归档没有需要重试的文件（或应用已重新启动），请重新归档。');
    if (sealedExport(before.year) === id) throw new AppError('CONFLICT', '这批归档文件已封存，不能再补生成文件；如需补生成，请先解除封存，或重新归档后再封存。');
    const names = new Set(before.failed.map((f) => f.name));
    for (const f of before.failed) if (f.name.endsWith('.pdf')) names.add(f.name.replace(/\.pdf$/, '.docx'));
    const only = planFiles(plan).filter((n) => names.has(n));
    const kept = before.files.filter((f) => !names.has(f.name));
    const job: ExportJob = { ...before, state: 'running', done: 0, total: only.length, phase: '正在准备', failed: [], error: null };
    return this.exports.start(job, (update, signal) => this.runKeeping({ ...plan, only }, update, signal, kept));
  }

  /** Run a plan; keep it while some of its files failed; the job's files are `kept` and what it made. */
  private async runKeeping(plan: ExportPlan, update: (p: Partial<ExportJob>) => void, signal: AbortSignal, kept: ExportJob['files']): Promise<Partial<ExportJob>> {
    const { files, failed } = await this.run(plan, plan.pdf ? this.printer : null, update, signal);
    const base = { ...plan, only: undefined };
    if (failed.length) this.plans.set(plan.exportId, base);
    else this.plans.delete(plan.exportId);
    return { files: inPlanOrder(base, [...kept, ...files]), failed };
  }

  /** Copy an export's files into a new folder in the background (全部保存到…). */
  save(plan: SavePlan): SaveJob {
    const bytes = plan.files.reduce((n, f) => n + f.size, 0);
    const job: SaveJob = {
      id: plan.id,
      year: plan.year,
      exportId: plan.exportId,
      state: 'running',
      done: 0,
      total: 2 * bytes,
      phase: '正在准备',
      folder: plan.target.folder,
      files: [],
      bytes,
      error: null,
    };
    return this.saves.start(job, (update, signal) => saveExport(plan, update, signal));
  }

  /** Stop everything (closing the app). */
  async close(): Promise<void> {
    await Promise.all([this.exports.close(), this.saves.close()]);
  }
}
