#!/usr/bin/env node
// npm run dist [-- --win|--linux]: build, compile better-sqlite3 for Electron into .cache/,
// then package with electron-builder. Needs Electron's binary and headers (a networked machine);
// it cannot run on the offline build machine and says so.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';
import { electronBinary, ensureElectronSqlite } from './electron.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!electronBinary(root)) {
  console.error('打包需要 Electron 程序本体：请在能联网的机器上先运行 `npx install-electron`，再运行 npm run dist。');
  process.exit(1);
}
await build({ force: true });
ensureElectronSqlite(root);
// electron-builder's CLI through Node itself: on Windows, node_modules/.bin holds .cmd shims that spawnSync cannot start
const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-builder', 'cli.js'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);
