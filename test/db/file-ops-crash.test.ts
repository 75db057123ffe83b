/**
 * The multi-step file operations under SIGKILL: the year's export (files into
 * archive/<year>/.tmp-<id>, fsync'd, the rename to the final folder), its 重试
 * (the failed files made again into the .tmp- folder, then moved into the
 * export's folder one rename each: each file whole, first made or made again), the seal
 * (the files hashed, then the manifest and its log entry in one transaction) and
 * an attachment's add (each blob's temp file, its fsync, the rename into the
 * content-addressed store, then the rows). A child process (file-op-child.ts)
 * runs one of them and is killed after each of its steps in turn (the code's own
 * fileStep boundaries, electron/core/steps.ts), then at random instants over the
 * length of a whole run. After every kill the data dir is opened as the app
 * starts (openCore: the start-up sweeps run), and what the operation wrote is
 * wholly there or wholly not: an export listed with every file whole or not
 * listed, a seal with its manifest verifying and its log entry or neither, an
 * attachment with its row and files or neither; integrity_check is ok, and no
 * archive/<year>/.tmp-* folder nor temp or orphan blob file is left.
 *
 * EXPORT_KILLS (default 4), RETRY_KILLS (default 4), SEAL_KILLS (default 6), ATTACH_KILLS (default 8)
 * random kills after the stepwise ones; CRASH_SEED (default 1).
 */
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app.js';
import { yearArchiveDir } from '../../electron/core/archive/paths.js';
import { blobPath, sha256Hex } from '../../electron/core/attachments/store.js';
import { bundleChild, childPath } from '../fixtures/child.js';
import { call, openTestCore } from '../fixtures/core.js';
import { checkStore, killEverywhere, runKillable, storeFiles, type Kill, type KillRun } from '../fixtures/crash.js';
import { attachBytes, attachName, exportYear, FILE_OPS_YEAR as YEAR, type FileOp, type FileOpStep } from '../fixtures/file-ops.js';
import { sampleRecordOn } from '../fixtures/records.js';
import { createMeeting, seedBranch } from '../fixtures/seed.js';
import { useTempDir } from '../fixtures/tmp.js';
import { recordType } from '../../shared/books/index.js';

const SEED = Number(process.env.CRASH_SEED ?? 1);
const KILLS: Record<FileOp, number> = {
  export: Number(process.env.EXPORT_KILLS ?? 4),
  seal: Number(process.env.SEAL_KILLS ?? 6),
  attach: Number(process.env.ATTACH_KILLS ?? 8),
  retry: Number(process.env.RETRY_KILLS ?? 4),
};
const CHILD = childPath('file-op-child');

type Run = KillRun<FileOpStep>;
const run = (op: FileOp, dir: string, arg: string, kill: Kill) => runKillable<FileOpStep>(CHILD, [op, dir, arg], kill);
const saw = (r: Run, step: string) => r.steps.filter((s) => s.step === step).length;

/** A data dir with a branch, a year of two books (a meeting with a photo, a work plan) and one finished export of it. */
async function seedYear(dir: string): Promise<{ exportId: string; recordId: number; blobs: string[] }> {
  const core = openTestCore(dir);
  try {
    const seed = await seedBranch(core);
    const meeting = await createMeeting(core, { date: `${YEAR}-03-05` });
    await call(core, 'records.create', await sampleRecordOn(core, seed, recordType('work-plan'), { date: `${YEAR}-01-10` }));
    await call(core, 'attachments.add', { recordId: meeting.id, name: '会议照片.png', base64: attachBytes(0, 'file', 2048).toString('base64'), thumbBase64: null });
    const job = await exportYear(core);
    expect(job.state).toBe('done');
    return { exportId: job.id, recordId: meeting.id, blobs: core.db.sqlite.prepare('SELECT sha256 FROM blobs').pluck().all() as string[] };
  } finally {
    core.close();
  }
}

/** Each file of an export with the entries of its zip (every file is a .docx or .xlsx here); throws on one that does not unzip. */
function exportShape(folder: string): Record<string, string[]> {
  return Object.fromEntries(
    fs
      .readdirSync(folder)
      .sort()
      .map((name) => [name, Object.keys(unzipSync(fs.readFileSync(path.join(folder, name)))).sort()]),
  );
}

/** Temporary export folders in archive/<YEAR>/. */
const exportTemps = (dir: string) => fs.readdirSync(yearArchiveDir(dir, YEAR)).filter((n) => n.startsWith('.tmp-'));

/** Blob files without a blobs row (temp files included), before the start-up sweep. */
function orphanBlobs(dir: string, known: Set<string>): number {
  return storeFiles(dir).filter((f) => !known.has(path.basename(f))).length;
}

/**
 * Open the data dir as the app starts, check what every operation must leave
 * (integrity, no leftovers, the store against its table), then `check` the operation's own.
 */
async function reopen<T>(dir: string, where: string, check: (core: Core) => Promise<T>): Promise<T> {
  const core = openTestCore(dir);
  try {
    expect(core.db.sqlite.pragma('integrity_check', { simple: true }), where).toBe('ok');
    expect(exportTemps(dir), `${where}: temporary export folders after start`).toEqual([]);
    expect(checkStore(core), `${where}: the attachment store after start`).toEqual([]);
    return await check(core);
  } finally {
    core.close();
  }
}

interface Tally {
  /** Children run (each killed, or ending by itself). */
  runs: number;
  stepwise: number;
  /** Random kills that landed before the operation's end, and of them after its first file step. */
  landed: number;
  landedInFileSteps: number;
  /** The operation's result found after a kill: wholly new / wholly old. */
  applied: number;
  absent: number;
  /** Leftovers found on disk after a kill, before the start-up sweep removed them. */
  leftovers: number;
  wholeRunMs: number;
}

/** What `after` found: whether the operation's result was there (wholly), and how many leftovers there were before the start-up sweep. */
interface Outcome {
  applied: boolean;
  leftovers: number;
}

/**
 * Kill `op` after each step in turn until a run ends by itself, then at random
 * instants over the length of that whole run; `after` checks the data dir after each run.
 */

async function killEveryWay(op: FileOp, dir: string, arg: (i: number) => string, after: (r: Run, where: string, i: number) => Promise<Outcome>): Promise<Tally> {
  const t: Tally = { runs: 0, stepwise: 0, landed: 0, landedInFileSteps: 0, applied: 0, absent: 0, leftovers: 0, wholeRunMs: 0 };
  const { full, stepwise, landed } = await killEverywhere<FileOpStep>({
    run: (kill, { i }) => run(op, dir, arg(i), kill),
    check: async (r, where, { i, random }) => {
      t.runs++;
      if (random && r.killed && r.steps.at(-1)?.step !== 'done' && r.steps.length > 1) t.landedInFileSteps++;
      const o = await after(r, `${op} ${where}`, i);
      if (o.applied) t.applied++;
      else t.absent++;
      t.leftovers += o.leftovers;
    },
    isDone: (last) => last?.step === 'done',
    randomKills: KILLS[op],
    seed: SEED,
  });
  return { ...t, stepwise, landed, wholeRunMs: full.ms };
}

const summary = (op: string, t: Tally, extra: string) =>
  `${op}-crash: ${t.stepwise} kills after each step and ${KILLS[op as FileOp]} at random instants (${t.landed} before its end, ${t.landedInFileSteps} of them past its first file step; CRASH_SEED=${SEED}); ` +
  `found wholly new ${t.applied}, wholly old ${t.absent}; ${t.leftovers} leftovers swept at start; ${extra}a whole run took ${t.wholeRunMs.toFixed(0)} ms`;

describe('multi-step file operations under SIGKILL', () => {
  const tempDir = useTempDir('file-ops-crash');

  beforeAll(async () => {
    await bundleChild('file-op-child');
  });

  it('the start removes the temporary folders of exports, and nothing else in archive/', () => {
    const dir = tempDir();
    const put = (rel: string) => {
      fs.mkdirSync(path.join(dir, 'archive', path.dirname(rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, 'archive', rel), 'x');
    };
    const keep = ['2025/20250105-093000/2025年度_台账汇总.xlsx', '2025/.tmp-notes/a.txt', '2025/.tmp-20250105-093000.txt', 'old/.tmp-20250105-093000/a.docx'];
    for (const rel of [...keep, '2025/.tmp-20250105-093001/a.docx', '2024/.tmp-20250105-093000/b/c.pdf']) put(rel);
    openTestCore(dir).close();
    const left = (fs.readdirSync(path.join(dir, 'archive'), { recursive: true, withFileTypes: true }) as fs.Dirent[])
      .filter((d) => d.isFile())
      .map((d) => path.relative(path.join(dir, 'archive'), path.join(d.parentPath, d.name)))
      .sort();
    expect(left).toEqual([...keep].sort());
    expect(fs.readdirSync(path.join(dir, 'archive', '2024'))).toEqual([]);
  });

  it('year export: listed with every file whole, or not at all', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const first = await seedYear(dir);
    const want = exportShape(path.join(yearArchiveDir(dir, YEAR), first.exportId));
    expect(Object.keys(want).length).toBeGreaterThanOrEqual(3);
    let listed = 1;
    const t = await killEveryWay(
      'export',
      dir,
      () => '-',
      async (r, where) => {
        const leftovers = exportTemps(dir).length;
        const done = r.steps.find((s) => s.step === 'done');
        const now = await reopen(dir, where, (core) => call(core, 'archive.exports', { year: YEAR }));
        // A kill after the rename has one more export listed; one before it, none; one between, either.
        const added = now.length - listed;
        if (saw(r, 'renamed')) expect(added, where).toBe(1);
        else if (saw(r, 'files synced')) expect(added, where).toBeLessThanOrEqual(1);
        else expect(added, where).toBe(0);
        expect(added, where).toBeGreaterThanOrEqual(0);
        // The job said done: its export is there, whole.
        if (done) expect(now.map((e) => e.exportId), where).toContain(done.exportId);
        for (const e of now.slice(0, added)) {
          expect(exportShape(path.join(yearArchiveDir(dir, YEAR), e.exportId)), `${where}: export ${e.exportId}`).toEqual(want);
          if (done) expect(e.files.map((f) => f.name).sort(), where).toEqual([...done.files!].sort());
        }
        listed = now.length;
        return { applied: added === 1, leftovers };
      },
    );
    console.log(summary('export', t, `${listed} exports listed, every one whole; `));
  });

  it('重试: every file of the export whole, as first made or made again; nothing left over', { timeout: 180_000 }, async () => {
    const dir = tempDir();
    const first = await seedYear(dir);
    // an export whose PDFs all failed holds what one without PDFs holds
    const want = exportShape(path.join(yearArchiveDir(dir, YEAR), first.exportId));
    let listed = 1;
    const t = await killEveryWay(
      'retry',
      dir,
      () => '-',
      async (r, where) => {
        const leftovers = exportTemps(dir).length;
        const now = await reopen(dir, where, (core) => call(core, 'archive.exports', { year: YEAR }));
        const added = now.length - listed;
        // the child's export is listed once its own rename is past (before the 重试 began, surely)
        if (saw(r, 'exported')) expect(added, where).toBe(1);
        expect([0, 1], where).toContain(added);
        // every export, the retried one too, killed between two of its renames or not: each file whole
        for (const e of now) expect(exportShape(path.join(yearArchiveDir(dir, YEAR), e.exportId)), `${where}: export ${e.exportId}`).toEqual(want);
        listed = now.length;
        return { applied: saw(r, 'retry: moved a file in') > 0, leftovers };
      },
    );
    expect(t.applied, 'kills after a retried file was moved in').toBeGreaterThan(0);
    console.log(summary('retry', t, `${listed} exports listed, every one whole; `));
  });

  it('seal: the manifest and its log entry, or neither', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const { exportId } = await seedYear(dir);
    let unsealed = 0;
    const t = await killEveryWay(
      'seal',
      dir,
      () => exportId,
      async (r, where) => {
        const sealed = await reopen(dir, where, async (core) => {
          const s = await call(core, 'seal.status', { year: YEAR });
          const seals = s.log.filter((e) => e.action === 'seal').length;
          expect(seals - s.log.filter((e) => e.action === 'unseal').length, `${where}: seal entries less unseal entries`).toBe(s.sealed ? 1 : 0);
          expect(s.log.length, where).toBe(2 * unsealed + (s.sealed ? 1 : 0));
          if (s.sealed) {
            expect(s.exportId, where).toBe(exportId);
            expect(s.manifest.length, where).toBeGreaterThan(3);
            expect(await call(core, 'seal.verify', { year: YEAR }), where).toEqual([]);
            // Open again for the next run.
            await call(core, 'seal.unseal', { year: YEAR, reason: '崩溃测试后解除封存' });
            unsealed++;
          }
          return s.sealed;
        });
        if (saw(r, 'committed')) expect(sealed, where).toBe(true);
        else if (!saw(r, 'checked')) expect(sealed, where).toBe(false);
        return { applied: sealed, leftovers: 0 };
      },
    );
    console.log(summary('seal', t, ''));
  });

  it('attachment add: the row and its files, or neither', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const { recordId, blobs } = await seedYear(dir);
    let known = new Set(blobs);
    const t = await killEveryWay(
      'attach',
      dir,
      (i) => `${recordId}:${i + 1}`,
      async (r, where, i) => {
        const seed = i + 1;
        const leftovers = orphanBlobs(dir, known);
        const file = sha256Hex(attachBytes(seed, 'file'));
        const thumb = sha256Hex(attachBytes(seed, 'thumb'));
        const added = await reopen(dir, where, async (core) => {
          const rows = core.db.sqlite.prepare('SELECT id, sha256, thumb_sha256 FROM attachments WHERE name = ?').all(attachName(seed)) as {
            id: number;
            sha256: string;
            thumb_sha256: string;
          }[];
          expect(rows.length, where).toBeLessThanOrEqual(1);
          const blobs = new Set(core.db.sqlite.prepare('SELECT sha256 FROM blobs').pluck().all() as string[]);
          known = blobs;
          if (rows.length) {
            expect(rows[0], where).toMatchObject({ sha256: file, thumb_sha256: thumb });
            for (const thumbOf of [false, true]) {
              const c = await call(core, 'attachments.get', { id: rows[0]!.id, thumb: thumbOf });
              expect(sha256Hex(Buffer.from(c.base64, 'base64')), where).toBe(thumbOf ? thumb : file);
            }
          } else {
            for (const sha of [file, thumb]) {
              expect(blobs.has(sha), `${where}: a blobs row without its attachment`).toBe(false);
              expect(fs.existsSync(blobPath(dir, sha)), `${where}: a file without its row`).toBe(false);
            }
          }
          return rows.length === 1;
        });
        if (saw(r, 'committed')) expect(added, where).toBe(true);
        else if (saw(r, 'renamed') < 2) expect(added, where).toBe(false);
        return { applied: added, leftovers };
      },
    );
    console.log(summary('attach', t, ''));
  });
});
