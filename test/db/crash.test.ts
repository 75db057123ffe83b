/**
 * Crash safety (issue 7, item 3): a child process writes through a real core
 * (records created, changed and removed, attachments, people, dues) and is
 * killed with SIGKILL at a random moment, again and again on the same data
 * dir. After every kill the data dir must open (the lock is free), pass
 * SQLite's integrity and foreign key checks, hold every write the child was
 * told had succeeded, and keep no attachment file without its row.
 *
 * CRASH_ITERATIONS (default 60) and CRASH_SEED (default 1) repeat it longer or
 * differently; the summary line gives what to quote and the seed to replay.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { DB_FILE } from '../../electron/core/app.js';
import { Rng } from '../../electron/core/demo/random.js';
import { openTestCore, rows } from '../fixtures/core.js';
import { checkStore, CrashModel, parseLines, readWalTail, storeFiles, type Line } from '../fixtures/crash.js';
import { bundleChild, childPath } from '../fixtures/child.js';
import { REPO_ROOT, useTempDir } from '../fixtures/tmp.js';

const ITERATIONS = Number(process.env.CRASH_ITERATIONS ?? 60);
const SEED = Number(process.env.CRASH_SEED ?? 1);
const CHILD = childPath('crash-child');
const TEXTS = path.join(REPO_ROOT, 'resources', 'texts');

interface Run {
  lines: Line[];
  /** The child had opened the core (and printed ready) when it was killed. */
  ready: boolean;
}

interface Child {
  /** Opens the core and writes until killed `delay` ms after it is ready (with `opening`: after it starts opening). */
  run(seed: number, firstOp: number, delay: number, opening: boolean): Promise<Run>;
  /** For the spare child left at the end. */
  kill(): void;
}

/**
 * A child that loads its code now and waits for run(): the next child loads
 * while the last one's data dir is checked. With `opening`, kills land in the
 * lock, the migrations, the start-up sweep or the branch's setup.
 */
function startChild(dir: string): Child {
  const child = spawn(process.execPath, [CHILD, dir, TEXTS], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let killed = false;
  let arm: ((out: string) => void) | null = null;
  const kill = () => {
    killed = true;
    child.kill('SIGKILL');
  };
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    arm?.(out);
  });
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    // 'close' comes after stdout has been read to its end.
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  return {
    kill,
    async run(seed, firstOp, delay, opening) {
      let armed = false;
      // Never wait for ever: a child that does not get going in time is killed, and the run fails below.
      const guard = setTimeout(kill, 20_000);
      arm = (o) => {
        if (armed || !o.includes(opening ? '{"t":"opening"}' : '{"t":"ready"}')) return;
        armed = true;
        clearTimeout(guard);
        setTimeout(kill, delay);
      };
      child.stdin.end(`${seed} ${firstOp}\n`);
      const { code, signal } = await closed;
      clearTimeout(guard);
      if (!killed || signal !== 'SIGKILL') throw new Error(`the child ended by itself (${code ?? signal}): ${err}${out.slice(-2000)}`);
      if (!armed) throw new Error(`the child did not get going within 20 s: ${err}`);
      return { lines: parseLines(out), ready: out.includes('{"t":"ready"}') };
    },
  };
}

describe('crash safety under SIGKILL', () => {
  const tempDir = useTempDir('crash');

  beforeAll(async () => {
    await bundleChild('crash-child');
  });

  it(`keeps every acknowledged write through ${ITERATIONS} kills at random moments`, { timeout: Math.max(120_000, ITERATIONS * 3000) }, async () => {
    const dir = tempDir();
    const rng = new Rng(SEED);
    const model = new CrashModel();
    const t0 = Date.now();
    // The next child loads its code while this one runs and its data dir is checked.
    let next = startChild(dir);
    onTestFinished(() => next.kill());
    const tally = { beforeReady: 0, inFlight: 0, committed: 0, rolledBack: 0, walUncommitted: 0, walTorn: 0, swept: 0, checks: 0 };

    for (let i = 1; i <= ITERATIONS; i++) {
      const opening = rng.chance(0.15);
      // Half of the kills within 50 ms (log-uniform from 1 ms, for the fine timings), half up to 400 ms.
      const delay = opening ? rng.int(0, 30) : rng.chance(0.5) ? Math.round(Math.exp(rng.next() * Math.log(50))) : rng.int(50, 400);
      const child = next;
      next = startChild(dir);
      const run = await child.run(rng.int(1, 2 ** 31), model.lastOp + 1, delay, opening);
      const where = `iteration ${i} (CRASH_SEED=${SEED}, killed ${delay} ms after ${opening ? 'it began opening the core' : 'ready'})`;
      if (!run.ready) tally.beforeReady++;

      const open = model.apply(run.lines);
      const wal = readWalTail(path.join(dir, `${DB_FILE}-wal`));
      if (wal?.uncommitted) tally.walUncommitted++;
      if (wal?.torn) tally.walTorn++;
      const filesBefore = storeFiles(dir).length;

      // The lock went with the process: opening must work straight away.
      const core = openTestCore(dir);
      try {
        expect(core.db.sqlite.pragma('integrity_check', { simple: true }), where).toBe('ok');
        expect(core.db.sqlite.pragma('foreign_key_check'), where).toEqual([]);
        core.db.sqlite.exec("INSERT INTO search_index(search_index) VALUES ('integrity-check')");
        const indexed = rows<{ id: number }>(core.db, "SELECT DISTINCT ref_id AS id FROM search_index WHERE kind = 'record' ORDER BY 1").map((r) => r.id);
        const live = rows<{ id: number }>(core.db, 'SELECT id FROM records WHERE deleted_at IS NULL ORDER BY 1').map((r) => r.id);
        expect(indexed, `${where}: the search index follows the records`).toEqual(live);

        const r = await model.resolve(core, open);
        if (r.method) {
          tally.inFlight++;
          if (r.committed) tally.committed++;
          else if (r.committed === false) tally.rolledBack++;
        }
        const { problems, checked } = await model.verify(core);
        tally.checks += checked;
        // The start-up sweep has removed what a kill between an attachment's file and its row left.
        expect([...problems, ...checkStore(core)], where).toEqual([]);
        tally.swept += filesBefore - storeFiles(dir).length;
      } finally {
        core.close();
      }
    }

    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    console.log(
      `crash: ${ITERATIONS} SIGKILLs survived in ${secs} s (CRASH_SEED=${SEED}); ${model.acknowledged} acknowledged writes (ops ${model.lastOp}), ` +
        `${tally.checks} checks of acknowledged state after the kills; ${tally.beforeReady} kills while opening; ` +
        `${tally.inFlight} kills with a write in flight (${tally.committed} had committed, ${tally.rolledBack} rolled back); ` +
        `${tally.walUncommitted} left a transaction's frames uncommitted in the WAL, ${tally.walTorn} a torn WAL tail; ` +
        `${tally.swept} orphan attachment files swept at start`,
    );
    expect(model.acknowledged).toBeGreaterThan(ITERATIONS);
    expect(model.records.size).toBeGreaterThan(0);
    expect(model.attachments.size).toBeGreaterThan(0);
    expect(model.payments.size).toBeGreaterThan(0);
  });
});
