/**
 * 全部保存到… under SIGKILL: a child process saves an export into a folder (a U盘)
 * and is killed after each of its steps in turn (before the sweep, after each file's
 * start, each chunk written, each file read back, before the rename, after it), then
 * at random instants, again and again into the same folder. After every kill the
 * folder holds the complete, verified <名称>年度归档 folders of the saves that got past
 * their rename and temporary `.part-` folders, never a partial folder under a final
 * name; a save that got going has swept the temporary folders of the kills before it;
 * and a last save leaves no temporary folder at all.
 *
 * SAVE_KILLS (default 30) random kills after the stepwise ones; CRASH_SEED (default 1).
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isPartFolder, saveBaseName, saveExport, saveTarget } from '../../electron/core/archive/save.js';
import { killEverywhere, runKillable, type Kill, type KillRun } from '../fixtures/crash.js';
import { folderDigest, SAVE_CHILD_BRANCH, writeExportFiles, type StepLine } from '../fixtures/save.js';
import { bundleChild, childPath } from '../fixtures/child.js';
import { useTempDir } from '../fixtures/tmp.js';

const RANDOM_KILLS = Number(process.env.SAVE_KILLS ?? 30);
const SEED = Number(process.env.CRASH_SEED ?? 1);
const CHILD = childPath('save-child');
const BASE = saveBaseName(SAVE_CHILD_BRANCH, 2025);

type Run = KillRun<StepLine>;

/** Run the child, saving SOURCE into PARENT; killed as `kill` says. */
const run = (source: string, parent: string, kill: Kill) => runKillable<StepLine>(CHILD, [source, parent], kill);

/**
 * What `parent` holds: each entry a temporary folder or a complete save (every file of
 * the export with its bytes, nothing else) under the base name or a （N） of it; the
 * problems found, and the counts.
 */
function inspect(parent: string, want: Record<string, string>) {
  const problems: string[] = [];
  let parts = 0;
  let complete = 0;
  for (const name of fs.readdirSync(parent)) {
    if (isPartFolder(name)) parts++;
    else if (!new RegExp(`^${BASE}(?:（\\d+）)?$`).test(name)) problems.push(`a stray entry ${name}`);
    else if (JSON.stringify(folderDigest(path.join(parent, name))) !== JSON.stringify(want)) problems.push(`${name} is not the complete export`);
    else complete++;
  }
  return { problems, parts, complete };
}

describe('全部保存到… under SIGKILL', () => {
  const tempDir = useTempDir('save-crash');

  beforeAll(async () => {
    await bundleChild('save-child');
  });

  it(`leaves nothing or the whole checked folder, killed after every step and at ${RANDOM_KILLS} random instants`, { timeout: 240_000 }, async () => {
    const source = path.join(tempDir(), 'export');
    writeExportFiles(source);
    const want = folderDigest(source);
    const parent = path.join(tempDir(), 'U盘');
    fs.mkdirSync(parent);
    const t0 = Date.now();
    let complete = 0;
    let swept = 0;
    const check = (r: Run, where: string) => {
      const last = r.steps.at(-1);
      const before = complete;
      const now = inspect(parent, want);
      expect(now.problems, where).toEqual([]);
      // A kill after the rename has one more complete folder; a kill before it, none.
      if (last?.phase === 'done') expect(now.complete, where).toBe(before + 1);
      else if (r.steps.some((s) => s.phase === '正在完成')) expect(now.complete - before, where).toBeLessThanOrEqual(1);
      else expect(now.complete, where).toBe(before);
      // Past its first report the save had swept what the kills before it left: only its own is there.
      if (r.steps.length > 1) {
        expect(now.parts, where).toBeLessThanOrEqual(1);
        swept++;
      }
      complete = now.complete;
    };

    // After each step in turn until a run ends by itself, then at random instants over the length of a whole save.
    const { full: fullRun, landed } = await killEverywhere<StepLine>({
      run: (kill) => run(source, parent, kill),
      check,
      isDone: (last) => last?.phase === 'done',
      randomKills: RANDOM_KILLS,
      seed: SEED,
    });
    const stepwise = fullRun.steps.length;
    expect(stepwise).toBeGreaterThan(30);

    // One more save, to the end: the temporary folders are gone, every folder is whole.
    const files = Object.keys(want).map((name) => ({ name, size: fs.statSync(path.join(source, name)).size }));
    await saveExport(
      { id: '000000000000', year: 2025, exportId: '20260105-093000', source, files, parent, target: saveTarget(parent, BASE) },
      () => {},
      new AbortController().signal,
    );
    const end = inspect(parent, want);
    expect(end).toEqual({ problems: [], parts: 0, complete: complete + 1 });
    console.log(
      `save-crash: ${stepwise} kills after each step and ${RANDOM_KILLS} at random instants (${landed} mid-save; CRASH_SEED=${SEED}) in ${((Date.now() - t0) / 1000).toFixed(1)} s; ` +
        `${end.complete} complete folders, never a partial one; ${swept} saves swept the temporary folders of the kills before them; a whole save took ${fullRun.ms.toFixed(0)} ms`,
    );
  });
});
