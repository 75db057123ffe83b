#!/usr/bin/env node
// npm run bench [-- --years N --people N --images N --seed N --rounds N]
// Bundles test/bench/bench.ts with esbuild into .cache/bench/bench.cjs (better-sqlite3 stays
// external, as in the web host build) and runs it with `node --expose-gc`: it generates the
// 10-year demo into a temp data dir, measures search, list pages, opening, printing and the
// Word export, prints a table, and removes the temp dir. Timings are reported, never asserted.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { NODE_BUNDLE } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, '.cache', 'bench', 'bench.cjs');

console.log('构建性能测试 (esbuild)…');
await esbuild.build({ ...NODE_BUNDLE, entryPoints: [path.join(root, 'test', 'bench', 'bench.ts')], outfile });
// The year export runs in its worker thread, as in the app.
await esbuild.build({ ...NODE_BUNDLE, entryPoints: [path.join(root, 'electron', 'core', 'archive', 'worker.ts')], outfile: path.join(path.dirname(outfile), 'archive-worker.cjs') });
// The roster import reads in its worker thread, as in the app.
await esbuild.build({ ...NODE_BUNDLE, entryPoints: [path.join(root, 'electron', 'core', 'members', 'read-worker.ts')], outfile: path.join(path.dirname(outfile), 'import-worker.cjs') });

const r = spawnSync(process.execPath, ['--expose-gc', '--enable-source-maps', outfile, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
if (r.error) {
  console.error(r.error);
  process.exit(1);
}
process.exit(r.status ?? 1);
