#!/usr/bin/env node
// Builds the Electron main/preload and the web host with esbuild, and the renderer with Vite,
// into dist/. Skips a part whose sources are older than its output unless --force.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

function newest(dirs) {
  let t = 0;
  const walk = (p) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const f of fs.readdirSync(p)) walk(path.join(p, f));
    else t = Math.max(t, st.mtimeMs);
  };
  for (const d of dirs) if (fs.existsSync(path.join(root, d))) walk(path.join(root, d));
  return t;
}
/** esbuild options for the Node-side bundles (main, preload, host, bench). */
export const NODE_BUNDLE = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  // native modules, loaded from node_modules (sharp's binaries unpacked from the asar, electron-builder.yml)
  external: ['electron', 'better-sqlite3', 'sharp'],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
  absWorkingDir: root,
};

export async function build({ quiet = false, force = process.argv.includes('--force') } = {}) {
  const stale = (output, inputs) => {
    const out = path.join(root, output);
    return force || !fs.existsSync(out) || fs.statSync(out).mtimeMs < newest(inputs);
  };
  const log = (s) => quiet || console.log(s);
  if (stale('dist/electron/host.cjs', ['electron', 'shared', 'package.json'])) {
    log('构建主进程与网页服务 (esbuild)…');
    await esbuild.build({
      ...NODE_BUNDLE,
      entryPoints: {
        main: 'electron/main/main.ts',
        preload: 'electron/preload/preload.ts',
        host: 'electron/host/main.ts',
        'archive-worker': 'electron/core/archive/worker.ts',
        'import-worker': 'electron/core/members/read-worker.ts',
      },
      outdir: path.join(root, 'dist/electron'),
      outExtension: { '.js': '.cjs' },
    });
  }
  if (stale('dist/renderer/index.html', ['renderer', 'shared', 'vite.config.ts'])) {
    log('构建界面 (vite)…');
    const { build: viteBuild } = await import('vite');
    // The production build whoever calls: a NODE_ENV of the caller's (vitest sets `test`) would
    // otherwise reach the bundle, and React's development build with it.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await viteBuild({ configFile: path.join(root, 'vite.config.ts'), mode: 'production', logLevel: quiet ? 'error' : 'warn' });
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  build().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
