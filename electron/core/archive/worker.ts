/**
 * The worker thread of a year-end export (bundled as dist/electron/archive-worker.cjs):
 * it lays out and writes the files while the main thread keeps answering the
 * window. PDF printing needs the shell (Electron's window or the Chromium
 * process), so the worker asks its parent to print each HTML file.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PdfPrinter } from '../export/pdf/printer.js';
import { storageError } from '../storage-errors.js';
import { writeExport, type ExportPlan } from './export.js';
import type { FromWorker, ToWorker } from './jobs.js';

const port = parentPort!;
const plan = workerData as ExportPlan;
const pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
let next = 0;

port.on('message', (m: ToWorker) => {
  const p = pending.get(m.id);
  if (!p) return;
  pending.delete(m.id);
  if (m.error === undefined) p.resolve();
  else p.reject(new Error(m.error));
});

const post = (m: FromWorker) => port.postMessage(m);

const printer: PdfPrinter = {
  print: (file, out, limitMs) =>
    new Promise((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve, reject });
      post({ type: 'print', id, file, out, limitMs });
    }),
  close: async () => {},
};

writeExport(plan, plan.pdf ? async () => printer : null, (step) => post({ type: 'step', step }), new AbortController().signal).then(
  (result) => post({ type: 'done', result }),
  (e: unknown) => post({ type: 'failed', message: storageError(e, null)?.message ?? (e instanceof Error ? e.message : String(e)) }),
);
