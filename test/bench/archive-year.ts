/**
 * The year-end export of a busy branch year (issue 5): 50 members, 60 meetings,
 * 120 other records and 200 photos (JPEG 1600×1200) → every volume in Word, the
 * registers workbook and every volume's PDF through a system Chromium. Prints
 * the wall time and the peak memory of this process plus its child processes
 * (the Chromium that prints), sampled every 50 ms from /proc. The export runs
 * as in the app: files written by the export worker thread (when its bundle
 * is given), PDFs printed through one Chromium driven from this thread.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore, type Core } from '../../electron/core/app.js';
import { ArchiveJobs } from '../../electron/core/archive/jobs.js';
import { planExport } from '../../electron/core/archive/service.js';
import { encodePng } from '../../electron/core/demo/files.js';
import { Rng } from '../../electron/core/demo/random.js';
import { createChromiumPrinter, findChromium } from '../../electron/core/export/pdf/chromium.js';
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

/**
 * A photo-like picture: gradients and noise, 1600×1200. Photos are JPEG (as
 * a phone takes them), encoded by ImageMagick where it is installed; without
 * it they stay PNG, which is heavier to embed, and the bench says so.
 */
const HAS_CONVERT = spawnSync('convert', ['-version']).status === 0;

function photo(rng: Rng): { bytes: Buffer; ext: 'jpg' | 'png' } {
  const png = photoPng(rng);
  if (!HAS_CONVERT) return { bytes: png, ext: 'png' };
  const r = spawnSync('convert', ['png:-', '-quality', '85', 'jpg:-'], { input: png, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`convert: ${r.stderr.toString()}`);
  return { bytes: r.stdout, ext: 'jpg' };
}

function photoPng(rng: Rng): Buffer {
  const w = 1600;
  const h = 1200;
  const px = new Uint8Array(w * h * 3);
  const [r0, g0, b0] = [rng.int(40, 200), rng.int(40, 200), rng.int(40, 200)];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      const n = rng.int(0, 24);
      px[i] = (r0 + x / 16 + n) & 0xff;
      px[i + 1] = (g0 + y / 12 + n) & 0xff;
      px[i + 2] = (b0 + (x + y) / 32 + n) & 0xff;
    }
  }
  return encodePng(w, h, px);
}

/** RSS of this process and every process below it, in bytes (Linux /proc). */
function treeRss(): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(name);
      const ppid = Number(fields[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
      rss.set(pid, Number(fields[21]) * 4096);
    } catch {
      /* gone */
    }
  }
  let total = 0;
  const walk = (pid: number) => {
    total += rss.get(pid) ?? 0;
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(process.pid);
  return total;
}

export interface ArchiveBench {
  records: number;
  photos: number;
  photoBytes: number;
  photoKind: string;
  setupMs: number;
  exportMs: number;
  planMs: number;
  files: { name: string; size: number }[];
  /** RSS of this process when the export starts (after the data was made). */
  startRss: number;
  peakNodeRss: number;
  peakTreeRss: number;
  /** When each reported phase began, from the start of the export. */
  steps: { phase: string; ms: number }[];
}

export async function benchArchiveYear(workerScript: string | null): Promise<ArchiveBench | null> {
  if (!findChromium()) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'branch-ledger-bench-archive-'));
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
    let photoKind = '';
    for (let i = 0; i < 200; i++) {
      const p = photo(rng);
      photoBytes += p.bytes.length;
      photoKind = p.ext === 'jpg' ? 'JPEG 1600×1200' : 'PNG 1600×1200（未安装 ImageMagick）';
      await call(core, 'attachments.add', { recordId: meetings[i % meetings.length]!, name: `现场照片${i + 1}.${p.ext}`, base64: p.bytes.toString('base64'), thumbBase64: null });
    }
    const setupMs = performance.now() - t0;

    (globalThis as { gc?: () => void }).gc?.();
    const startRss = process.memoryUsage().rss;
    let peakNodeRss = startRss;
    let peakTreeRss = treeRss();
    const ticker = setInterval(() => {
      peakNodeRss = Math.max(peakNodeRss, process.memoryUsage().rss);
      peakTreeRss = Math.max(peakTreeRss, treeRss());
    }, 50);
    const steps: { phase: string; ms: number }[] = [];
    try {
      const t1 = performance.now();
      const plan = planExport(core.db, dir, path.resolve('resources/texts'), { year: YEAR, mode: 'books', fullIds: false, pdf: true, compiler: '李组织', checker: '张书记' }, 'bench');
      const planMs = performance.now() - t1;
      // As in the app: the files are written by the export worker, the PDFs printed from this thread.
      const jobs = new ArchiveJobs(() => createChromiumPrinter(), workerScript);
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
      return {
        records: meetings.length + OTHERS.reduce((n, [, k]) => n + k, 0),
        photos: 200,
        photoBytes,
        photoKind,
        setupMs,
        exportMs,
        planMs,
        files,
        startRss,
        peakNodeRss,
        peakTreeRss,
        steps,
      };
    } finally {
      clearInterval(ticker);
    }
  } finally {
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
