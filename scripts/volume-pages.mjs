#!/usr/bin/env node
// npm run volume-pages [-- --data-dir DIR] [--year YYYY]
// Bundles test/bench/volume-pages.ts with esbuild into .cache/bench/volume-pages.cjs and runs it:
// the year's volumes exported (Word and PDF), the Word files rendered by LibreOffice, and each
// volume's page counts printed side by side. Needs Chromium, LibreOffice with python3-uno, poppler.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { NODE_BUNDLE } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, '.cache', 'bench', 'volume-pages.cjs');
await esbuild.build({ ...NODE_BUNDLE, entryPoints: [path.join(root, 'test', 'bench', 'volume-pages.ts')], outfile });
const r = spawnSync(process.execPath, ['--enable-source-maps', outfile, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
if (r.error) {
  console.error(r.error);
  process.exit(1);
}
process.exit(r.status ?? 1);
