/**
 * The year-end export of a busy branch year (issue 5): 50 members, 60 meetings,
 * 120 other records and 200 photos (JPEG 1600×1200) → every volume in Word, the
 * registers workbook and every volume's PDF through a system Chromium. Prints
 * the wall time and the peak memory of this process plus its child processes
 * (the Chromium that prints), sampled every 50 ms from /proc. The export runs
 * as in the app: files written by the export worker thread (when its bundle
 * is given), PDFs printed through one Chromium driven from this thread.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { openCore, type Core } from '../../electron/core/app.js';
import { ArchiveJobs } from '../../electron/core/archive/jobs.js';
import { planExport } from '../../electron/core/archive/service.js';
import { Rng } from '../../electron/core/demo/random.js';
import { createChromiumPrinter, findChromium } from '../../electron/core/export/pdf/chromium.js';
import { prepareImages } from '../../electron/core/export/media.js';
import type { PdfPrinter } from '../../electron/core/export/pdf/printer.js';
import { volumeItems, type VolumeItem } from '../../shared/archive/volume.js';
import { recordType } from '../../shared/books/index.js';
import type { InputOf, MethodName, OutputOf } from '../../shared/contract.js';
import { sampleRecord } from '../fixtures/sample.js';

const YEAR = 2025;
const MEETINGS: [string, number][] = [
  ['branch-assembly', 4],
  ['committee-meeting', 12],
  ['group-meeting', 24],
  ['theme-party-day', 12],
  ['party-lecture', 4],
  ['org-life-meeting', 2],
  ['member-review', 2],
];
const OTHERS: [string, number][] = [
  ['talk', 50],
  ['staff-profile', 20],
  ['work-plan', 10],
  ['work-summary', 10],
  ['rectification-ledger', 10],
  ['study-session', 20],
];

async function call<M extends MethodName>(core: Core, m: M, input: InputOf<M>): Promise<OutputOf<M>> {
  const r = await core.dispatch(m, input);
  if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
  return r.value as OutputOf<M>;
}

/** Pictures from the seeded Rng's pixels, encoded by sharp: the same files on every machine. */
const raw = (px: Uint8Array, width: number, height: number) => sharp(px, { raw: { width, height, channels: 3 } });

/** A photo-like picture: gradients and noise, as a phone's JPEG. */
async function photo(rng: Rng, w: number, h: number, orientation?: number): Promise<Buffer> {
  const px = new Uint8Array(w * h * 3);
  const [r0, g0, b0] = [rng.int(40, 200), rng.int(40, 200), rng.int(40, 200)];
  const sx = 1600 / w;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      const n = rng.int(0, 24);
      px[i] = (r0 + (x * sx) / 16 + n) & 0xff;
      px[i + 1] = (g0 + (y * sx) / 12 + n) & 0xff;
      px[i + 2] = (b0 + ((x + y) * sx) / 32 + n) & 0xff;
    }
  }
  const img = raw(px, w, h);
  return (orientation ? img.withMetadata({ orientation }) : img).jpeg({ quality: 85 }).toBuffer();
}

/** A scanned page: white, with lines of dark word-like strokes and a little scanner grain, as PNG. */
async function scan(rng: Rng, w: number, h: number): Promise<Buffer> {
  const px = new Uint8Array(w * h * 3).fill(255);
  const ink = (x: number, y: number, v: number) => px.fill(v, (y * w + x) * 3, (y * w + x) * 3 + 3);
  for (let line = 90; line < h - 90; line += 44) {
    for (let x = 110; x < w - 110; ) {
      const word = rng.int(20, 120);
      for (let dx = 0; dx < word && x + dx < w - 110; dx++) {
        // strokes of a glyph: a few vertical bars and a baseline and x-height bar
        const tall = dx % 9 < 2 ? rng.int(14, 26) : 0;
        for (let dy = 0; dy < tall; dy++) ink(x + dx, line - dy, rng.int(10, 60));
        if (dx % 3 === 0) ink(x + dx, line - 12, rng.int(20, 70));
        ink(x + dx, line, rng.int(20, 70));
      }
      x += word + rng.int(12, 30);
    }
  }
  for (let k = 0; k < (w * h) / 400; k++) ink(rng.int(0, w - 1), rng.int(0, h - 1), rng.int(180, 230));
  return raw(px, w, h).png().toBuffer();
}

/** The two busy years' photos. */
export const ARCHIVE_YEARS = {
  jpeg: { about: '200 张照片（JPEG 1600×1200）', targetMs: 7_000 },
  png: { about: '200 张扫描件（PNG 1600×1200）+ 10 张手机照片（JPEG 4000×3000，EXIF 方向 6）', targetMs: 12_000 },
} as const;
export type ArchiveYearKind = keyof typeof ARCHIVE_YEARS;

async function* photos(kind: ArchiveYearKind, rng: Rng): AsyncGenerator<{ name: string; bytes: Buffer }> {
  if (kind === 'jpeg') {
    for (let i = 0; i < 200; i++) yield { name: `现场照片${i + 1}.jpg`, bytes: await photo(rng, 1600, 1200) };
    return;
  }
  for (let i = 0; i < 200; i++) yield { name: `扫描件${i + 1}.png`, bytes: await scan(rng, 1600, 1200) };
  for (let i = 0; i < 10; i++) yield { name: `手机照片${i + 1}.jpg`, bytes: await photo(rng, 4000, 3000, 6) };
}

/** CPU time of each process below this one, as last seen (utime + stime, ms): their sum is the browser's CPU. */
const childCpu = new Map<number, number>();
const TICK_MS = 1000 / 100; // USER_HZ

/**
 * A sample of the processes below this one (the printing Chromium), found through
 * /proc/<pid>/task/<tid>/children (a few small files, not all of /proc: a sampler that
 * reads /proc whole every 50 ms takes a core's share from the export it measures). Each
 * one's CPU time is noted, and the sum of their own memory is returned: RssAnon + RssShmem
 * of /proc/<pid>/status, without the pages of files they map (the browser's code, the CJK
 * fonts), which every process shares and a sum of RSS would count in each of them. (PSS
 * from smaps_rollup would split those pages fairly, but costs the kernel a walk of every
 * page, about 27 ms a sample for the printing browser: ten samples a second took a quarter
 * of a core from the export it measured.)
 */
function sampleChildren(): number {
  const read = (f: string) => {
    try {
      return fs.readFileSync(f, 'latin1');
    } catch {
      return ''; // gone
    }
  };
  const childrenOf = (pid: number) => {
    let tasks: string[] = [];
    try {
      tasks = fs.readdirSync(`/proc/${pid}/task`);
    } catch {
      return [];
    }
    return tasks.flatMap((t) => read(`/proc/${pid}/task/${t}/children`).split(' ').filter(Boolean).map(Number));
  };
  let total = 0;
  const walk = (pid: number, own: boolean) => {
    if (own) {
      const status = read(`/proc/${pid}/status`);
      for (const key of ['RssAnon', 'RssShmem']) total += Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
      const stat = read(`/proc/${pid}/stat`);
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (f.length > 14) childCpu.set(pid, (Number(f[11]) + Number(f[12])) * TICK_MS);
    }
    for (const c of childrenOf(pid)) walk(c, true);
  };
  walk(process.pid, false);
  return total;
}

export interface ArchiveBench extends ArchiveYearData {
  exportMs: number;
  planMs: number;
  /** The images of the export scaled on their own afterwards (nothing else running): wall and CPU time. */
  imagesAlone: { count: number; ms: number; cpuMs: number };
  /** When the last Word volume (or the workbook) was written: the end of the Word lane. */
  wordMs: number;
  /** Each PDF layout pass: from its first print's start to its last print's end, and its prints. */
  passes: { pass: number; fromMs: number; toMs: number; prints: number; busyMs: number }[];
  files: { name: string; size: number }[];
  /** RSS of this process when the export starts (after the data was made). */
  startRss: number;
  /** This process (the app's: the export worker thread is in it). */
  peakNodeRss: number;
  /** The printing Chromium: the own memory (RssAnon + RssShmem) of all its processes together. */
  peakBrowserMemory: number;
  /** When each peak was seen, from the start of the export. */
  peakAtMs: { node: number; browser: number };
  /** CPU time over the export: this process (all its threads: the worker, the Word thread, sharp's) and the printing browser. */
  cpuMs: { app: number; browser: number };
  /** When each reported phase began, from the start of the export. */
  steps: { phase: string; ms: number }[];
}

/** A busy year as made into a data dir (by a process of its own: its memory is not the export's). */
export interface ArchiveYearData {
  kind: ArchiveYearKind;
  records: number;
  photos: number;
  photoBytes: number;
  setupMs: number;
}

/** Make the busy year of `kind` into the data dir `dir`. */
export async function makeArchiveYear(dir: string, kind: ArchiveYearKind): Promise<ArchiveYearData> {
  const core = openCore({ dataDir: dir, version: 'bench' });
  const rng = new Rng(2025);
  try {
    const t0 = performance.now();
    await call(core, 'branch.setup', {
      name: '中共某油田钻井公司第一钻井队党支部',
      parentOrg: '中共某油田钻井公司委员会',
      fondsNo: 'J027',
      groups: ['第一党小组', '第二党小组'],
      committee: [
        { name: '张书记', gender: '男', role: '书记' },
        { name: '李组织', gender: '女', role: '组织委员' },
        { name: '王宣传', gender: '男', role: '宣传委员' },
      ],
    });
    for (let i = 0; i < 47; i++) {
      await call(core, 'people.create', {
        name: `党员${String(i + 1).padStart(2, '0')}`,
        gender: i % 3 ? '男' : '女',
        birthDate: '1985-05-01',
        politicalStatus: i % 10 ? '中共党员' : '中共预备党员',
        groupId: null,
        position: '钻工',
        phone: '',
      });
    }
    const branch = await call(core, 'branch.get', {});
    const dateOf = (i: number, n: number) => {
      const day = Math.floor(((i + 0.5) / n) * 360);
      const d = new Date(Date.UTC(YEAR, 0, 1 + day));
      return d.toISOString().slice(0, 10);
    };
    const meetings: number[] = [];
    for (const [type, n] of MEETINGS) {
      const def = recordType(type);
      for (let i = 0; i < n; i++) {
        const groupId = def.fields.some((f) => f.kind === 'group') ? branch!.groups[i % 2]!.id : null;
        const attendance = def.attendees ? await call(core, 'records.expected', { type, groupId }) : undefined;
        const rec = await call(core, 'records.create', sampleRecord(def, { date: dateOf(i, n), attendance, groupId }) as never);
        meetings.push(rec.id);
      }
    }
    for (const [type, n] of OTHERS) {
      for (let i = 0; i < n; i++) await call(core, 'records.create', sampleRecord(recordType(type), { date: dateOf(i, n) }) as never);
    }
    let photoBytes = 0;
    let count = 0;
    for await (const p of photos(kind, rng)) {
      photoBytes += p.bytes.length;
      await call(core, 'attachments.add', { recordId: meetings[count++ % meetings.length]!, name: p.name, base64: p.bytes.toString('base64'), thumbBase64: null });
    }
    return { kind, records: meetings.length + OTHERS.reduce((n, [, k]) => n + k, 0), photos: count, photoBytes, setupMs: performance.now() - t0 };
  } finally {
    core.close();
  }
}

/** What the export's image step costs by itself: the same images checked and scaled, alone. */
async function scaleAlone(items: VolumeItem[], into: string) {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const done = await prepareImages(items, into);
  const ms = performance.now() - t0;
  const used = process.cpuUsage(cpu);
  fs.rmSync(into, { recursive: true, force: true });
  return { count: done.size, ms, cpuMs: (used.user + used.system) / 1000 };
}

/** Export the year made into `dir` (makeArchiveYear), as the app does, and measure it. */
export async function benchArchiveYear(workerScript: string | null, dir: string, data: ArchiveYearData): Promise<ArchiveBench | null> {
  if (!findChromium()) return null;
  const core = openCore({ dataDir: dir, version: 'bench' });
  try {
    (globalThis as { gc?: () => void }).gc?.();
    const startRss = process.memoryUsage().rss;
    let peakNodeRss = startRss;
    let peakBrowserMemory = 0;
    const at = { node: 0, browser: 0 };
    const tStart = performance.now();
    childCpu.clear();
    const cpuAtStart = process.cpuUsage();
    const ticker = setInterval(() => {
      const [node, browser] = [process.memoryUsage.rss(), sampleChildren()];
      if (node > peakNodeRss) [peakNodeRss, at.node] = [node, performance.now() - tStart];
      if (browser > peakBrowserMemory) [peakBrowserMemory, at.browser] = [browser, performance.now() - tStart];
    }, 100);
    const steps: { phase: string; ms: number }[] = [];
    try {
      const t1 = performance.now();
      const plan = planExport(core.db, dir, path.resolve('resources/texts'), { year: YEAR, mode: 'books', fullIds: false, pdf: true, compiler: '李组织', checker: '张书记' }, 'bench');
      const planMs = performance.now() - t1;
      // As in the app: the files are written by the export worker, the PDFs printed from this thread.
      // Each print timed, by its layout pass (the export names the files <volume>.<pass>.html).
      const prints: { pass: number; from: number; to: number }[] = [];
      const timed = async (): Promise<PdfPrinter> => {
        const p = await createChromiumPrinter();
        return {
          close: () => p.close(),
          print: async (file, out) => {
            const from = performance.now() - t1;
            await p.print(file, out);
            prints.push({ pass: Number(/\.(\d+)\.html$/.exec(file)?.[1] ?? 0), from, to: performance.now() - t1 });
          },
        };
      };
      const t1Wall = Date.now() - (performance.now() - t1);
      const jobs = new ArchiveJobs(timed, workerScript);
      let job = jobs.start(plan);
      // Word and PDF run side by side, so a phase is when a step began (and how many were done by then).
      let phase = '';
      while (job.state === 'running') {
        if (job.phase !== phase) {
          phase = job.phase;
          steps.push({ phase: `${job.done}/${job.total} ${phase}`, ms: performance.now() - t1 });
        }
        await new Promise((r) => setTimeout(r, 20));
        job = jobs.exports.get(job.id);
      }
      if (job.state !== 'done') throw new Error(`年度归档失败：${job.error ?? job.state}`);
      const files = job.files;
      const exportMs = performance.now() - t1;
      const used = process.cpuUsage(cpuAtStart);
      const cpuMs = { app: (used.user + used.system) / 1000, browser: [...childCpu.values()].reduce((a, b) => a + b, 0) };
      const out = path.join(plan.yearDir, plan.exportId);
      // the Word lane's files were each fsync'd as written: their times say when the lane ended
      const wordMs = Math.max(...files.filter((f) => !f.name.endsWith('.pdf')).map((f) => fs.statSync(path.join(out, f.name)).mtimeMs - t1Wall));
      const passes = [...new Set(prints.map((p) => p.pass))].sort().map((pass) => {
        const of = prints.filter((p) => p.pass === pass);
        return {
          pass,
          fromMs: Math.min(...of.map((p) => p.from)),
          toMs: Math.max(...of.map((p) => p.to)),
          prints: of.length,
          busyMs: of.reduce((n, p) => n + p.to - p.from, 0),
        };
      });
      return {
        ...data,
        exportMs,
        planMs,
        imagesAlone: await scaleAlone(plan.volumes.flatMap((v) => volumeItems(v)), path.join(dir, 'bench-media')),
        wordMs,
        passes,
        files,
        startRss,
        peakNodeRss,
        peakBrowserMemory,
        peakAtMs: at,
        cpuMs,
        steps,
      };
    } finally {
      clearInterval(ticker);
    }
  } finally {
    core.close();
  }
}
