/**
 * The worker thread that reads an imported workbook (bundled as
 * dist/electron/import-worker.cjs): its heap is capped by the parent
 * (reader.ts), so a file nobody foresaw ends this thread, not the app.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { WorkbookRefused } from '../errors.js';
import { readWorkbookBounded, type ReadLimits } from './xlsx-read.js';
import type { FromReadWorker } from './reader.js';

const { data, limits } = workerData as { data: Uint8Array; limits: Partial<ReadLimits> };
const post = (m: FromReadWorker) => parentPort!.postMessage(m);

readWorkbookBounded(data, limits).then(
  (sheets) => post({ ok: true, sheets }),
  (e: unknown) =>
    post(
      e instanceof WorkbookRefused
        ? { ok: false, refused: { problem: e.problem, message: e.message, short: e.fields?.[0]?.message ?? '' } }
        : { ok: false, error: e instanceof Error ? e.message : String(e) },
    ),
);
