#!/usr/bin/env node
// npm test: every test there is. System packages → typecheck → lint → vitest (unit, db, export, package)
// → build → Playwright end to end through the web host. Ends with one line:
// "N passed, N failed" (", N skipped" when any), counting every test of both runners.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';
import { ensureSystemDeps } from './system-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const results = path.join(root, '.cache', 'test-results');
fs.mkdirSync(results, { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const tally = { passed: 0, failed: 0, skipped: 0 };

function step(title, cmd, args) {
  console.log(`\n=== ${title} ===`);
  const color = process.env.CI ? { NO_COLOR: '1' } : { FORCE_COLOR: '1' };
  return spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...color } }).status === 0;
}
function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

if (!ensureSystemDeps()) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}

for (const [name, project] of [['typecheck (node)', 'tsconfig.json'], ['typecheck (renderer)', 'renderer/tsconfig.json']]) {
  if (step(name, bin('tsc'), ['-p', project, '--noEmit'])) tally.passed++;
  else tally.failed++;
}

// eslint.config.js: floating promises, import circles, the rules of hooks; any finding fails
if (step('lint (eslint)', bin('eslint'), ['.', '--max-warnings', '0'])) tally.passed++;
else tally.failed++;

const vitestJson = path.join(results, 'vitest.json');
fs.rmSync(vitestJson, { force: true });
const vitestOk = step('vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const v = readJson(vitestJson);
if (v) {
  tally.passed += v.numPassedTests;
  tally.failed += v.numFailedTests;
  tally.skipped += v.numPendingTests + (v.numTodoTests ?? 0);
}
if (!vitestOk && (!v || v.numFailedTests === 0)) tally.failed++; // a suite that failed to load

console.log('\n=== build ===');
let built = true;
try {
  await build();
} catch (e) {
  console.error(e);
  built = false;
  tally.failed++;
}

if (built) {
  const pwJson = path.join(results, 'playwright.json');
  fs.rmSync(pwJson, { force: true });
  const pwOk = step('playwright (end to end)', bin('playwright'), ['test']);
  const p = readJson(pwJson);
  if (p?.stats) {
    tally.passed += p.stats.expected;
    tally.passed += p.stats.flaky ?? 0;
    tally.failed += p.stats.unexpected;
    tally.skipped += p.stats.skipped;
  }
  if (!pwOk && (!p || p.stats?.unexpected === 0)) tally.failed++;
}

const summary = `${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ''}`;
console.log(`\n${summary}`);
process.exit(tally.failed === 0 ? 0 : 1);
