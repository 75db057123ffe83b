// Where Electron's binary is, if it is here at all, and a better-sqlite3 built for it.
// The Node build in node_modules (used by tests and the web host) is never touched:
// the Electron build lives in .cache/electron-native/ and is passed as nativeBinding.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The Electron executable if it is installed, else null (never downloads). */
export function electronBinary(root) {
  const dir = path.join(root, 'node_modules', 'electron');
  const pathTxt = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathTxt)) return null;
  const rel = fs.readFileSync(pathTxt, 'utf8').trim();
  const base = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist');
  const full = path.join(base, rel);
  return fs.existsSync(full) ? full : null;
}

export function electronVersion(root) {
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

/** npm sets npm_config_node_gyp inside scripts; otherwise look beside the running Node. */
function nodeGyp() {
  if (process.env.npm_config_node_gyp) return process.env.npm_config_node_gyp;
  const bin = path.dirname(process.execPath);
  const inNpm = ['node-gyp', 'bin', 'node-gyp.js'];
  const found = [
    path.join(bin, '..', 'lib', 'node_modules', 'npm', 'node_modules', ...inNpm),
    path.join(bin, 'node_modules', 'npm', 'node_modules', ...inNpm),
  ].find((p) => fs.existsSync(p));
  if (!found) throw new Error('找不到 node-gyp，请通过 npm start 启动');
  return found;
}

/** Build better-sqlite3 for Electron into .cache/electron-native/ once per Electron version. */
export function ensureElectronSqlite(root) {
  const out = path.join(root, '.cache', 'electron-native');
  const target = path.join(out, 'better_sqlite3.node');
  const version = electronVersion(root);
  const stamp = path.join(out, 'electron-version.txt');
  if (fs.existsSync(target) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === version) return target;
  console.log(`为 Electron ${version} 编译 better-sqlite3（仅首次，约一分钟）…`);
  const src = path.join(out, 'better-sqlite3');
  fs.rmSync(src, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'node_modules', 'better-sqlite3'), src, {
    recursive: true,
    filter: (p) => !p.includes(`${path.sep}build${path.sep}`),
  });
  const r = spawnSync(
    process.execPath,
    [nodeGyp(), 'rebuild', '--release', '--runtime=electron', `--target=${version}`, '--dist-url=https://electronjs.org/headers'],
    { cwd: src, stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error('为 Electron 编译 better-sqlite3 失败');
  fs.copyFileSync(path.join(src, 'build', 'Release', 'better_sqlite3.node'), target);
  fs.writeFileSync(stamp, version);
  return target;
}
