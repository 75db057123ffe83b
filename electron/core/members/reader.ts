/**
 * Reading an imported workbook off the main thread: in a worker thread with a
 * capped heap when the bundled worker script is there (the app, the web host,
 * the import tests), in-process otherwise. One read at a time: a second
 * import waits for the first, so two hostile files never add up. A worker
 * that runs out of memory or time is ended and its file refused.
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { WorkbookRefused, type WorkbookProblem } from '../errors.js';
import type { Sheet } from './import.js';
import { readWorkbookBounded, type ReadLimits } from './xlsx-read.js';

export type FromReadWorker =
  | { ok: true; sheets: Sheet[] }
  | { ok: false; refused: { problem: WorkbookProblem; message: string; short: string } }
  | { ok: false; error: string };

export type WorkbookReader = (data: Uint8Array, limits?: Partial<ReadLimits>) => Promise<Sheet[]>;

export interface ReaderOptions {
  /** the worker's old-generation heap, in MB */
  heapMb?: number;
  /** the longest a read may take before its worker is ended */
  timeoutMs?: number;
}

export const READER_DEFAULTS = { heapMb: 256, timeoutMs: 20_000 };

export const outOfMemory = () => new WorkbookRefused('out-of-memory', '文件过大或结构异常，无法读取。', '文件过大或结构异常');
export const tooSlow = () => new WorkbookRefused('timeout', '读取这个文件用时过长，已停止：文件过大或结构异常，无法读取。', '读取超时');

function inWorker(script: string, data: Uint8Array, limits: Partial<ReadLimits>, o: Required<ReaderOptions>): Promise<Sheet[]> {
  return new Promise((resolve, reject) => {
    // The worker gets its own copy of the bytes, moved rather than copied again.
    const bytes = new Uint8Array(data);
    const worker = new Worker(script, {
      workerData: { data: bytes, limits },
      transferList: [bytes.buffer],
      resourceLimits: { maxOldGenerationSizeMb: o.heapMb, maxYoungGenerationSizeMb: Math.min(32, Math.max(4, o.heapMb / 8)), stackSizeMb: 4 },
      stdout: false,
      stderr: false,
    });
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      f();
    };
    const timer = setTimeout(() => finish(() => reject(tooSlow())), o.timeoutMs);
    worker.on('message', (m: FromReadWorker) => {
      if (m.ok) finish(() => resolve(m.sheets));
      else if ('refused' in m) finish(() => reject(new WorkbookRefused(m.refused.problem, m.refused.message, m.refused.short)));
      else finish(() => reject(new Error(m.error)));
    });
    worker.on('error', (e: Error & { code?: string }) =>
      finish(() => reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? outOfMemory() : e)),
    );
    worker.on('exit', (code) => finish(() => reject(new Error(`读取文件的线程意外退出（${code}）`))));
  });
}

/** A reader over `script` (the bundled read-worker.ts) when it exists, in-process otherwise. */
export function workbookReader(script: string | null | undefined, options: ReaderOptions = {}): WorkbookReader {
  const o = { ...READER_DEFAULTS, ...options };
  const useWorker = !!script && fs.existsSync(script);
  let queue: Promise<unknown> = Promise.resolve();
  return (data, limits = {}) => {
    const run = () => (useWorker ? inWorker(script!, data, limits, o) : readWorkbookBounded(data, limits));
    const next = queue.then(run, run);
    queue = next.catch(() => {});
    return next;
  };
}
