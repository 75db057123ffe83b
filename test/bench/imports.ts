/**
 * The roster import against hostile .xlsx files (issue 13), each in a process
 * of its own so its memory is its own: the file is made by
 * test/fixtures/hostile-xlsx.ts (the same bytes on every machine), then
 * members.importPreview reads it through the bundled worker thread, as in the
 * app, while another call (branch.get) is made every 20 ms to see that the
 * core keeps answering. With `before`, the old reading (exceljs loads the whole
 * workbook, then the rows are counted) is measured instead, its heap capped at
 * 1 GB so that a bomb cannot take the machine down.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { openCore } from '../../electron/core/app.js';
import { HOSTILE } from '../fixtures/hostile-xlsx.js';

export interface ImportBench {
  name: string;
  about: string;
  fileBytes: number;
  makeMs: number;
  ms: number;
  /** RSS of the whole process (main thread + worker) as the read starts, and its peak while it runs */
  startRss: number;
  peakRss: number;
  /** the longest a branch.get, due every 20 ms while the read ran, waited for its answer */
  maxCallMs: number;
  calls: number;
  outcome: string;
  refusedAsExpected: boolean;
}

export async function benchImportCase(name: string, workerScript: string, before: boolean): Promise<ImportBench> {
  const c = HOSTILE.find((x) => x.name === name);
  if (!c) throw new Error(`no such case ${name}`);
  const t0 = performance.now();
  const data = await c.make();
  const makeMs = performance.now() - t0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'branch-ledger-bench-import-'));
  const core = openCore({ dataDir: dir, version: 'bench', importWorker: workerScript });
  try {
    const base64 = data.toString('base64');
    (globalThis as { gc?: () => void }).gc?.();
    let peakRss = process.memoryUsage().rss;
    const startRss = peakRss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 10);
    let done = false;
    let maxCallMs = 0;
    let calls = 0;
    // A call due every 20 ms: how long after it was due its answer came (a blocked thread shows here).
    const prober = (async () => {
      let due = performance.now();
      for (;;) {
        await core.dispatch('branch.get', undefined);
        maxCallMs = Math.max(maxCallMs, performance.now() - due);
        calls++;
        if (done) break;
        due = performance.now() + 20;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const s = performance.now();
    let outcome: string;
    let refusedAsExpected = false;
    if (before) {
      outcome = await oldRead(Buffer.from(base64, 'base64'));
    } else {
      const r = await core.dispatch('members.importPreview', { base64 });
      outcome = r.ok ? '未拒绝（读取成功）' : r.error.message;
      refusedAsExpected = !r.ok && c.message.test(r.error.message);
    }
    const ms = performance.now() - s;
    done = true;
    await prober;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    // Sampling cannot run while the old reading blocks the thread: the system's peak covers it.
    if (before) peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
    return { name, about: c.about, fileBytes: data.length, makeMs, ms, startRss, peakRss, maxCallMs, calls, outcome, refusedAsExpected };
  } finally {
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** What electron/core/members/xlsx.ts did before issue 13. */
async function oldRead(data: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch (e) {
    return `exceljs 拒绝：${String(e).slice(0, 60)}`;
  }
  let rows = 0;
  try {
    for (const ws of wb.worksheets) {
      ws.eachRow((_row, r) => {
        if (r > 20_000) throw new Error(`工作表“${ws.name}”超过20000行`);
        rows++;
      });
    }
  } catch (e) {
    return `载入后拒绝：${(e as Error).message}`;
  }
  return `读取成功（${rows} 行）`;
}

export const IMPORT_CASES = HOSTILE.map((c) => c.name);
export const aboutCase = (name: string) => HOSTILE.find((c) => c.name === name)?.about ?? name;
