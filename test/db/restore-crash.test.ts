/**
 * Restore under SIGKILL (issue 13, "nothing lost"). A child process
 * (test/fixtures/restore-child.ts) opens a copy of a data dir as the app does and
 * restores a backup file into it, and is killed after each fileStep boundary in
 * turn, then at random instants (the backup file's own kill test is
 * backup-file-crash.test.ts). After every kill the data
 * dir is opened again (openCore: the interrupted restore settled, the leftovers
 * removed) and must hold the data wholly as it was or wholly as restored (a digest of
 * every row and of the attachment files), pass integrity_check, have a file for every
 * attachment row and no stray one, show no leftover (.restore-, .replaced-, .tmp-,
 * the journal), and say which way an interrupted restore went.
 *
 * RESTORE_KILLS (default 8) random kills after the stepwise ones; RESTORE_ATTACHMENT_STEPS=1
 * also kills inside each attachment file's write (three steps a file: about 90 kills);
 * CRASH_SEED (default 1).
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app.js';
import { RESTORE_FINISHED, RESTORE_UNDONE } from '../../electron/core/backup/restore.js';
import { Rng } from '../../electron/core/demo/random.js';
import { recordType } from '../../shared/books/index.js';
import { bundleChild, childPath } from '../fixtures/child.js';
import { call, dbDigest, openTestCore } from '../fixtures/core.js';
import { checkStore, killEverywhere, runKillable, storeFiles, type KillRun } from '../fixtures/crash.js';
import type { RestoreStep } from '../fixtures/restore-child.js';
import { sampleRecord } from '../fixtures/sample.js';
import { seedBranch } from '../fixtures/seed.js';
import { makeTempDir, REPO_ROOT, removeDir } from '../fixtures/tmp.js';

const RANDOM_KILLS = Number(process.env.RESTORE_KILLS ?? 8);
const SEED = Number(process.env.CRASH_SEED ?? 1);
const CHILD = childPath('restore-child');
const TEXTS = path.join(REPO_ROOT, 'resources', 'texts');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

type Run = KillRun<RestoreStep>;

/** A branch with records, each with a photo of random bytes. */
async function fill(core: Core, rng: Rng, photos: number) {
  await seedBranch(core);
  for (let i = 0; i < photos; i++) {
    const rec = await call(core, 'records.create', sampleRecord(recordType('work-plan'), { date: `2026-0${1 + (i % 9)}-1${i % 10}` }));
    const bytes = Buffer.alloc(2048 + Math.floor(rng.next() * 60_000));
    for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(rng.next() * 256);
    bytes.set(PNG, 0);
    await call(core, 'attachments.add', { recordId: rec.id, name: `照片${i}.png`, base64: bytes.toString('base64'), thumbBase64: null });
  }
}

/** The data of a data dir as the app sees it once open: every row, and the attachment files by name. */
function digestOf(core: Core): string {
  return `${dbDigest(core.db)} ${storeFiles(core.dataDir).join(',')}`;
}

/** What a kill may leave that must be gone once the data dir is open again. */
function leftovers(dataDir: string): string[] {
  return (fs.readdirSync(dataDir, { recursive: true }) as string[]).filter((f) => {
    const name = path.basename(f);
    return /^\.(restore|replaced|tmp)-/.test(name) || name.startsWith('restore-journal') || (f === name && name.startsWith('ledger.sqlite3') && !['ledger.sqlite3', 'ledger.sqlite3-wal', 'ledger.sqlite3-shm'].includes(name));
  });
}

describe('restore under SIGKILL', () => {
  const root = makeTempDir('restore-crash');
  const template = path.join(root, 'template');
  const usb = path.join(root, 'U盘');
  let backupFile = '';
  let oldDigest = '';
  let newDigest = '';
  let runs = 0;
  const fresh = () => {
    const dir = path.join(root, `run-${runs++}`);
    fs.cpSync(template, dir, { recursive: true });
    return dir;
  };

  beforeAll(async () => {
    await bundleChild('restore-child');
    const rng = new Rng(SEED);
    fs.mkdirSync(usb);
    // the data of the backup: another branch's, with its own photos
    const src = openTestCore(path.join(root, 'src'));
    await fill(src, rng, 8);
    backupFile = (await call(src, 'backup.toFolder', { folder: usb })).id;
    src.close();
    const t = openTestCore(template);
    await fill(t, rng, 6);
    t.close();
    // wholly old and wholly new, as the app sees them after a start
    const o = openTestCore(fresh());
    oldDigest = digestOf(o);
    await call(o, 'backup.restore', { kind: 'file', id: backupFile });
    o.close();
    const n = openTestCore(o.dataDir);
    newDigest = digestOf(n);
    n.close();
    expect(newDigest).not.toBe(oldDigest);
    return () => removeDir(root);
  }, 60_000);

  /** Open the data dir again after a run and check it; which way it went. */
  function check(dir: string, r: Run, where: string): 'old' | 'new' {
    const core = openTestCore(dir);
    try {
      expect(core.damage, where).toBeNull();
      expect(core.db.sqlite.pragma('integrity_check', { simple: true }), where).toBe('ok');
      expect(checkStore(core), where).toEqual([]);
      expect(leftovers(dir), where).toEqual([]);
      const d = digestOf(core);
      expect([oldDigest, newDigest], where).toContain(d);
      const state = d === newDigest ? 'new' : 'old';
      const names = r.steps.map((s) => s.phase);
      // past the commit point it is restored; before the swap journal could be written it is not
      // (a kill just after that write and before its step is told may go either way: the journal decides)
      if (names.includes('restore: committed')) expect(state, where).toBe('new');
      if (!names.includes('restore: attachments in place')) expect(state, where).toBe('old');
      // a restore interrupted once it began says which way it went; one that ended by itself says nothing
      const told = state === 'new' ? RESTORE_FINISHED : RESTORE_UNDONE;
      if (!r.killed || names.includes('restore: done')) expect(core.notice, where).toBeNull();
      // killed once everything but the journal was cleaned: the journal may already be gone (a finished restore, nothing to tell)
      else if (names.includes('restore: cleaned')) expect([null, RESTORE_FINISHED], where).toContain(core.notice);
      else if (names.includes('restore: journal: staging')) expect(core.notice, where).toBe(told);
      // killed before the journal's step was printed: the journal may or may not have been written
      else expect([null, RESTORE_UNDONE], where).toContain(core.notice);
      return state;
    } finally {
      core.close();
    }
  }

  it('a restore is wholly done or wholly undone after a kill at every step and at random instants', { timeout: 120_000 }, async () => {
    const t0 = Date.now();
    const count = { old: 0, new: 0 };
    const { full, stepwise, landed } = await killEverywhere<RestoreStep, Run & { dir: string }>({
      run: async (kill) => {
        const dir = fresh();
        return { ...(await runKillable<RestoreStep>(CHILD, [dir, TEXTS, backupFile], kill)), dir };
      },
      check: (r, where) => {
        const state = check(r.dir, r, `restore ${where}`);
        if (r.killed) count[state]++;
        removeDir(r.dir);
      },
      isDone: (last) => last?.phase === 'end',
      randomKills: RANDOM_KILLS,
      seed: SEED,
    });
    expect(full.steps.length).toBeGreaterThan(15);
    console.log(
      `restore-crash: ${stepwise + RANDOM_KILLS} kills of a restore (${stepwise} after each step, ${RANDOM_KILLS} at random instants, ${landed} of them before its end; CRASH_SEED=${SEED}) in ${((Date.now() - t0) / 1000).toFixed(1)} s: ` +
        `${count.new} restored (finished at the next start, or done before the kill), ${count.old} undone; never half, no leftovers, every attachment row with its file; a whole restore took ${full.ms.toFixed(0)} ms`,
    );
  });
});
