/**
 * The worker thread of a year-end export (bundled as dist/electron/archive-worker.cjs):
 * it lays out and writes the files while the main thread keeps answering the
 * window. PDF printing needs the shell (Electron's window or the Chromium
 * process), so the worker asks its parent to print each HTML file.
 *
 * The Word volumes are built by a second thread of the same script (started
 * with { docx: true }): a Word build is seconds of synchronous work, and a
 * PDF's next step (the next pass's HTML, reading a printed file) must not
 * wait behind it while the browser sits idle.
 */
import { parentPort, Worker, workerData } from 'node:worker_threads';
import type { Volume, VolumePages } from '../../../shared/archive/volume.js';
import { writeVolumeDocx } from '../export/docx/volume.js';
import type { VolumeImages } from '../export/images.js';
import type { PdfPrinter } from '../export/pdf/printer.js';
import { storageError } from '../storage-errors.js';
import { writeExport, type DocxWriter, type ExportPlan } from './export.js';
import type { FromWorker, ToWorker } from './jobs.js';

const port = parentPort!;

/** A Word volume to build, and the answer: no error means the file is written. */
type DocxRequest = { id: number; volume: Volume; file: string; images: VolumeImages; pages: VolumePages | null };
type DocxAnswer = { id: number; error?: string; code?: string };

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Answers to requests by id, each settling its promise once. */
function requests<A extends { id: number }>() {
  const pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  let next = 0;
  return {
    send(post: (id: number) => void): Promise<void> {
      return new Promise((resolve, reject) => {
        const id = ++next;
        pending.set(id, { resolve, reject });
        post(id);
      });
    },
    answer(a: A, error: (a: A) => Error | null) {
      const p = pending.get(a.id);
      if (!p) return;
      pending.delete(a.id);
      const e = error(a);
      if (e) p.reject(e);
      else p.resolve();
    },
  };
}

if ((workerData as { docx?: true }).docx) {
  port.on('message', (m: DocxRequest) =>
    writeVolumeDocx(m.volume, m.file, m.images, m.pages).then(
      () => port.postMessage({ id: m.id } satisfies DocxAnswer),
      (e: unknown) => port.postMessage({ id: m.id, error: messageOf(e), code: (e as { code?: string }).code } satisfies DocxAnswer),
    ),
  );
} else {
  const plan = workerData as ExportPlan;
  const post = (m: FromWorker) => port.postMessage(m);
  const prints = requests<ToWorker>();
  port.on('message', (m: ToWorker) => prints.answer(m, (a) => (a.error === undefined ? null : new Error(a.error))));
  const printer: PdfPrinter = {
    print: (file, out, limitMs) => prints.send((id) => post({ type: 'print', id, file, out, limitMs })),
    close: async () => {},
  };

  let builder: Worker | null = null;
  const builds = requests<DocxAnswer>();
  const docx: DocxWriter = (volume, file, images, pages) => {
    if (!builder) {
      builder = new Worker(__filename, { workerData: { docx: true }, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
      builder.on('message', (a: DocxAnswer) =>
        // the error keeps its errno code: a full disk stops the whole export
        builds.answer(a, (x) => (x.error === undefined ? null : Object.assign(new Error(x.error), x.code ? { code: x.code } : {}))),
      );
      builder.on('error', (e) => post({ type: 'failed', message: `生成 Word 卷册的线程出错：${e.message}` }));
    }
    const w = builder;
    return builds.send((id) => w.postMessage({ id, volume, file, images, pages } satisfies DocxRequest));
  };

  writeExport(plan, plan.pdf ? async () => printer : null, (step) => post({ type: 'step', step }), new AbortController().signal, docx)
    .then(
      (result) => post({ type: 'done', result }),
      (e: unknown) => post({ type: 'failed', message: storageError(e, null)?.message ?? messageOf(e) }),
    )
    .finally(() => void (builder as Worker | null)?.terminate());
}
