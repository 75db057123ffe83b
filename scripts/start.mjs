#!/usr/bin/env node
// npm start [-- --data-dir DIR] [-- --web]
// Opens the Electron window where Electron's binary is present; otherwise starts the
// loopback web host and opens the UI in the system Chromium (or prints the link).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';
import { electronBinary, ensureElectronSqlite } from './electron.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2).filter((a) => a !== '--web');

await build();
const electron = process.argv.includes('--web') ? null : electronBinary(root);
let child;
if (electron) {
  ensureElectronSqlite(root);
  console.log('启动 Electron 窗口…');
  child = spawn(electron, [root, ...args], { stdio: 'inherit' });
} else {
  console.log('未安装 Electron 程序本体，改用网页模式（本机回环地址，不联网）。');
  child = spawn(process.execPath, [path.join(root, 'dist', 'electron', 'host.cjs'), ...args], { stdio: 'inherit' });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
