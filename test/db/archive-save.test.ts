/**
 * 全部保存到… (electron/core/archive/save.ts): every file of an export copied into
 * <支部名称>-<年度>年度归档 in a chosen folder (a U盘), byte for byte; a folder of that
 * name is never touched (（2）, （3）…); a missing folder, a U盘 pulled out, a file that
 * reads back wrong and a cancel each leave nothing there; a temporary folder a crash
 * left is swept by the next save. The copy streams: memory stays flat and the event
 * loop keeps answering. Kills at every step are in archive-save-crash.test.ts; a full
 * and a write-protected U盘 in disk.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { saveExport, sweepStale, type SaveProgress } from '../../electron/core/archive/save.js';
import { planSave } from '../../electron/core/archive/service.js';
import { exportDir } from '../../electron/core/archive/paths.js';
import { recordType } from '../../shared/books/index.js';
import type { SaveJob } from '../../shared/archive/model.js';
import type { Core } from '../../electron/core/app.js';
import { call, callError, useCore } from '../fixtures/core.js';
import { sampleRecord } from '../fixtures/sample.js';
import { folderDigest, writeExportFiles } from '../fixtures/save.js';
import { setupInput } from '../fixtures/seed.js';
import { useTempDir } from '../fixtures/tmp.js';

const YEAR = 2025;
const EXPORT_ID = '20260105-093000';
/** A name Windows would refuse as is: the folder drops : / " ? and keeps the rest. */
const BRANCH = '中共钻井一队:第一/"党支部"?';
const FOLDER = '中共钻井一队第一党支部-2025年度归档';

async function setUp(core: Core, dataDir: string, files?: [string, number][]) {
  await call(core, 'branch.setup', setupInput({ name: BRANCH }));
  const source = exportDir(dataDir, YEAR, EXPORT_ID);
  writeExportFiles(source, files);
  return source;
}

/** Poll a save through the dispatch until it ends. */
async function settle(core: Core, job: SaveJob): Promise<SaveJob> {
  while (job.state === 'running') {
    await new Promise((r) => setTimeout(r, 10));
    job = await call(core, 'archive.saveJob', { id: job.id });
  }
  return job;
}

describe('全部保存到…', () => {
  const h = useCore();
  const tempDir = useTempDir('usb');

  it('copies every file of the export into <支部名称>-<年度>年度归档, byte for byte, and a second save into （2）', async () => {
    const source = await setUp(h.core, h.dir);
    const usb = tempDir();
    expect(await call(h.core, 'archive.saveTarget', { year: YEAR, folder: usb })).toEqual({ baseName: FOLDER, name: FOLDER, folder: path.join(usb, FOLDER) });

    const started = await call(h.core, 'archive.saveAll', { year: YEAR, exportId: EXPORT_ID, folder: usb });
    expect(started).toMatchObject({ state: 'running', exportId: EXPORT_ID, folder: path.join(usb, FOLDER), bytes: 7_325_389, total: 2 * 7_325_389 });
    const job = await settle(h.core, started);
    expect(job).toMatchObject({ state: 'done', done: job.total, folder: path.join(usb, FOLDER), error: null });
    const want = folderDigest(source);
    expect(folderDigest(path.join(usb, FOLDER))).toEqual(want);
    expect(Object.fromEntries(job.files.map((f) => [f.name, f.sha256]))).toEqual(want);
    expect(job.files.map((f) => f.size)).toEqual((await call(h.core, 'archive.exports', { year: YEAR }))[0]!.files.map((f) => f.size));
    expect(fs.readdirSync(usb)).toEqual([FOLDER]);

    // The folder is there now: the next save says so, and goes beside it.
    expect(await call(h.core, 'archive.saveTarget', { year: YEAR, folder: usb })).toEqual({ baseName: FOLDER, name: `${FOLDER}（2）`, folder: path.join(usb, `${FOLDER}（2）`) });
    const again = await settle(h.core, await call(h.core, 'archive.saveAll', { year: YEAR, exportId: EXPORT_ID, folder: usb }));
    expect(again.folder).toBe(path.join(usb, `${FOLDER}（2）`));
    expect(folderDigest(again.folder)).toEqual(want);
    // A file of the next name counts as taken too.
    fs.writeFileSync(path.join(usb, `${FOLDER}（3）`), '');
    expect((await call(h.core, 'archive.saveTarget', { year: YEAR, folder: usb })).name).toBe(`${FOLDER}（4）`);
    expect(folderDigest(path.join(usb, FOLDER))).toEqual(want);
  });

  it('saves a real export (the wizard’s files) the same way', async () => {
    await call(h.core, 'branch.setup', setupInput());
    await call(h.core, 'records.create', sampleRecord(recordType('work-plan'), { date: `${YEAR}-01-10`, status: 'final' }));
    const exported = await call(h.core, 'archive.start', { year: YEAR, mode: 'single', fullIds: false, pdf: false, compiler: '', checker: '' });
    let e = exported;
    while (e.state === 'running') {
      await new Promise((r) => setTimeout(r, 20));
      e = await call(h.core, 'archive.job', { id: exported.id });
    }
    expect(e.state).toBe('done');
    const usb = tempDir();
    const job = await settle(h.core, await call(h.core, 'archive.saveAll', { year: YEAR, exportId: exported.id, folder: usb }));
    expect(job.state).toBe('done');
    expect(job.files.map((f) => f.name)).toEqual(e.files.map((f) => f.name));
    expect(folderDigest(job.folder)).toEqual(folderDigest(exportDir(h.dir, YEAR, exported.id)));
  });

  it('refuses a folder that is not there, or an export that is not, before writing anything', async () => {
    await setUp(h.core, h.dir);
    const gone = path.join(tempDir(), 'U盘');
    const missing = { code: 'NOT_FOUND', message: `找不到文件夹：${gone}。请检查U盘是否已插好。` };
    expect(await callError(h.core, 'archive.saveTarget', { year: YEAR, folder: gone })).toMatchObject(missing);
    expect(await callError(h.core, 'archive.saveAll', { year: YEAR, exportId: EXPORT_ID, folder: gone })).toMatchObject(missing);
    expect(await callError(h.core, 'archive.saveAll', { year: YEAR, exportId: '20260105-093001', folder: tempDir() })).toMatchObject({ code: 'NOT_FOUND' });
    expect(fs.readdirSync(tempDir())).toEqual([]);
    expect(await callError(h.core, 'archive.saveAll', { year: YEAR, exportId: EXPORT_ID, folder: 'U盘' })).toMatchObject({ code: 'VALIDATION' });
  });

  it('reports progress by bytes, file by file: written, then read back', async () => {
    await setUp(h.core, h.dir);
    const usb = tempDir();
    const plan = planSave(h.core.db, h.dir, { year: YEAR, exportId: EXPORT_ID, folder: usb });
    const seen: SaveProgress[] = [];
    await saveExport(plan, (p) => seen.push({ ...p }), new AbortController().signal);
    const done = seen.flatMap((p) => (p.done === undefined ? [] : [p.done]));
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBe(2 * plan.files.reduce((n, f) => n + f.size, 0));
    const phases = seen.flatMap((p) => (p.phase ? [p.phase] : []));
    expect(phases).toEqual([
      ...plan.files.map((f, i) => `正在写入：${f.name}（${i + 1}/6）`),
      ...plan.files.map((f, i) => `正在读回核对：${f.name}（${i + 1}/6）`),
      '正在完成',
    ]);
  });

  it('cancelled, leaves nothing in the folder', async () => {
    await setUp(h.core, h.dir, [
      ['a.pdf', 24 << 20],
      ['b.pdf', 24 << 20],
    ]);
    const usb = tempDir();
    const job = await call(h.core, 'archive.saveAll', { year: YEAR, exportId: EXPORT_ID, folder: usb });
    let now = job;
    while (now.done === 0) {
      await new Promise((r) => setTimeout(r, 1));
      now = await call(h.core, 'archive.saveJob', { id: job.id });
    }
    expect(fs.readdirSync(usb)).toHaveLength(1); // its temporary folder, on the way
    const cancelled = await call(h.core, 'archive.saveCancel', { id: job.id });
    expect(cancelled).toMatchObject({ state: 'cancelled', phase: '已取消', files: [] });
    expect(cancelled.done).toBeLessThan(cancelled.total);
    expect(fs.readdirSync(usb)).toEqual([]);
  });

  it('a U盘 pulled out while it writes: NOT_FOUND said of the U盘, and nothing left', async () => {
    const source = await setUp(h.core, h.dir);
    const root = tempDir();
    const usb = path.join(root, 'U盘');
    fs.mkdirSync(usb);
    const plan = planSave(h.core.db, h.dir, { year: YEAR, exportId: EXPORT_ID, folder: usb });
    const pull = (p: SaveProgress) => {
      if (p.phase?.includes('（3/6）')) fs.rmSync(usb, { recursive: true });
    };
    await expect(saveExport(plan, pull, new AbortController().signal)).rejects.toMatchObject({
      name: 'AppError',
      code: 'NOT_FOUND',
      message: `写入过程中无法访问目标文件夹：${usb}。U盘是否被拔出？请插好后重试。`,
    });
    expect(fs.readdirSync(root)).toEqual([]);
    expect(Object.keys(folderDigest(source))).toHaveLength(6);
  });

  it('a file that reads back with other bytes: CHECK_FAILED, and the folder is removed', async () => {
    await setUp(h.core, h.dir);
    const usb = tempDir();
    const plan = planSave(h.core.db, h.dir, { year: YEAR, exportId: EXPORT_ID, folder: usb });
    const victim = plan.files[2]!.name;
    // A flaky U盘: one byte of a written file changes before it is read back.
    const corrupt = (p: SaveProgress) => {
      if (!p.phase?.startsWith(`正在读回核对：${victim}`)) return;
      const file = path.join(usb, fs.readdirSync(usb)[0]!, victim);
      const fd = fs.openSync(file, 'r+');
      const b = Buffer.alloc(1);
      fs.readSync(fd, b, 0, 1, 1000);
      fs.writeSync(fd, Buffer.from([b[0]! ^ 0xff]), 0, 1, 1000);
      fs.closeSync(fd);
    };
    await expect(saveExport(plan, corrupt, new AbortController().signal)).rejects.toMatchObject({
      code: 'CHECK_FAILED',
      message: expect.stringContaining(`“${victim}”写入后读回的内容与归档文件不一致`),
    });
    expect(fs.readdirSync(usb)).toEqual([]);
  });

  it('sweeps the temporary folders a killed save left, and nothing else', async () => {
    await setUp(h.core, h.dir);
    const usb = tempDir();
    const stale = [`.${FOLDER}.part-0badc0de`, `.${FOLDER}（2）.part-12345678`, '.其他支部-2024年度归档.part-abcdef01'];
    const kept = ['.hidden', '.照片.part-0badc0de', `${FOLDER}.part-0badc0de`, '我的文件夹'];
    for (const d of [...stale, ...kept]) {
      fs.mkdirSync(path.join(usb, d));
      fs.writeFileSync(path.join(usb, d, '半个文件.pdf'), 'x');
    }
    fs.writeFileSync(path.join(usb, `.${FOLDER}.part-feedf00d`), 'a file of that name stays');
    const job = await settle(h.core, await call(h.core, 'archive.saveAll', { year: YEAR, exportId: EXPORT_ID, folder: usb }));
    expect(job.state).toBe('done');
    expect(fs.readdirSync(usb).sort()).toEqual([...kept, `.${FOLDER}.part-feedf00d`, FOLDER].sort());
    expect(sweepStale(usb)).toEqual([]);
  });

  it('streams: memory stays flat and the app keeps answering while a 96 MB export is saved', async () => {
    const big: [string, number][] = [
      ['2025年度_党支部综合记录.pdf', 64 << 20],
      ['2025年度_支部档案.pdf', 32 << 20],
    ];
    const source = await setUp(h.core, h.dir, big);
    const usb = tempDir();
    const plan = planSave(h.core.db, h.dir, { year: YEAR, exportId: EXPORT_ID, folder: usb });
    const delay = monitorEventLoopDelay({ resolution: 5 });
    let peak = 0;
    const base = process.memoryUsage().arrayBuffers;
    const t0 = performance.now();
    delay.enable();
    const out = await saveExport(plan, () => (peak = Math.max(peak, process.memoryUsage().arrayBuffers - base)), new AbortController().signal);
    delay.disable();
    const ms = performance.now() - t0;
    console.log(`[save] 96 MB written, fsync'd and read back in ${ms.toFixed(0)} ms; buffers grew by ${(peak / 1048576).toFixed(1)} MB at most; event loop delay max ${(delay.max / 1e6).toFixed(0)} ms`);
    expect(folderDigest(out.folder)).toEqual(folderDigest(source));
    expect(peak).toBeLessThan(16 << 20);
    expect(delay.max / 1e6).toBeLessThan(250);
  });
});
