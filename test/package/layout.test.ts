/**
 * The package the secretary installs, made here with the real electron-builder.yml and a
 * stand-in Electron distribution (Electron's binary cannot be downloaded on this machine, and
 * electron-builder accepts an unpacked distribution as electronDist). The stand-in is a small
 * file holding the fuse wire where Electron's executable has it, so the fuses electron-builder
 * flips can be read back. Checked here:
 * - every path the shell computes at run time (electron/main/paths.ts) names a file in the package,
 *   inside app.asar or unpacked beside it as the code expects;
 * - the four bundles load from the package under Node far enough to prove their module graph
 *   resolves there: main.cjs and preload.cjs as Electron sees app.asar, the worker threads from
 *   app.asar.unpacked (a module there resolves its requires there, never inside app.asar), with
 *   `electron` an empty module, so each stops at its first use of Electron or of its worker data;
 * - the fuses; nothing of the sources, tests, maps, caches or dev dependencies; the size.
 * What only a real Electron can show (the window opens, prints, exports) is the release
 * workflow's test (test/release/).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import asar from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { Arch, build as pack, Platform } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs build script without types
import { build } from '../../scripts/build.mjs';
// @ts-expect-error plain .mjs helper without types
import { electronVersion } from '../../scripts/electron.mjs';
import { shellPaths, unpacked, type ShellPaths } from '../../electron/main/paths.js';
import { makeTempDir, REPO_ROOT, removeDir } from '../fixtures/tmp.js';

const ELECTRON_VERSION: string = electronVersion(REPO_ROOT);
/** Electron's fuse sentinel, then the wire's version (1), its length and each fuse as shipped ('1' on, '0' off). */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const SHIPPED_WIRE = '10110001';
/**
 * The addon the package ships (electron-builder.yml's extraResources): better-sqlite3 built for
 * Electron by `npm run dist`, where the shell's own paths put it in the checkout; a stand-in when absent.
 */
const NATIVE_ADDON = shellPaths({ bundleDir: path.join(REPO_ROOT, 'dist', 'electron'), appPath: REPO_ROOT, resourcesPath: '', packaged: false }).nativeBinding;

let tmp = '';
let appDir = '';
let resources = '';
let madeAddon = false;

/** A stand-in unpacked Electron for Linux: the executable electron-builder renames, and the version file. */
function standInElectron(dir: string) {
  fs.mkdirSync(path.join(dir, 'locales'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'resources'), { recursive: true });
  const exe = Buffer.concat([Buffer.from('stand-in for the Electron executable\n'), Buffer.from(SENTINEL), Buffer.from([1, SHIPPED_WIRE.length]), Buffer.from(SHIPPED_WIRE)]);
  fs.writeFileSync(path.join(dir, 'electron'), exe, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'version'), ELECTRON_VERSION);
}

/** Every file in app.asar, with whether electron-builder unpacked it. */
function asarEntries(archive: string): Map<string, { unpacked: boolean }> {
  const out = new Map<string, { unpacked: boolean }>();
  type Node = { files?: Record<string, Node>; unpacked?: boolean };
  const walk = (node: Node, at: string) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const p = `${at}/${name}`;
      if (child.files) walk(child, p);
      else out.set(p, { unpacked: child.unpacked === true });
    }
  };
  walk(asar.getRawHeader(archive).header as Node, '');
  return out;
}

/** The run-time paths of the shell that name nothing in the package at `res` (its resources folder). */
function missingPaths(res: string, paths: ShellPaths): string[] {
  const archive = path.join(res, 'app.asar');
  const entries = asarEntries(archive);
  const inAsar = (p: string) => (p.startsWith(archive + path.sep) ? entries.get(p.slice(archive.length).split(path.sep).join('/')) : undefined);
  const missing: string[] = [];
  const need = (what: string, ok: boolean) => ok || missing.push(what);
  const isFile = (p: string) => {
    try {
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  };
  need('renderer/index.html', !!inAsar(path.join(paths.renderer, 'index.html')));
  need('preload', !!inAsar(paths.preload));
  // a worker is a real file, and app.asar lists it as unpacked (else Electron would look inside the archive)
  for (const [what, file] of [['archiveWorker', paths.archiveWorker], ['importWorker', paths.importWorker]] as const) {
    const packed = file.replace(`app.asar.unpacked${path.sep}`, `app.asar${path.sep}`);
    need(what, isFile(file) && inAsar(packed)?.unpacked === true);
  }
  need('nativeBinding', isFile(paths.nativeBinding));
  need('texts', !!paths.texts && fs.readdirSync(paths.texts).some((f) => f.endsWith('.md') || f.endsWith('.json')));
  return missing;
}

interface Loaded {
  error: { name: string; code?: string; message: string } | null;
  modules: string[];
}

/**
 * Load `file` in a fresh Node with `electron` as an empty module (Electron's own module, which the
 * package does not hold), and report where it stopped and every module it loaded.
 */
function loadUnderNode(file: string): Loaded {
  const hook = path.join(tmp, 'hook.cjs');
  const out = path.join(tmp, `loaded-${path.basename(file)}.json`);
  fs.writeFileSync(path.join(tmp, 'electron-module.cjs'), 'module.exports = {};\n');
  fs.writeFileSync(
    hook,
    `const Module = require('node:module');
const fake = require('node:path').join(__dirname, 'electron-module.cjs');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? fake : resolve.call(this, request, ...rest);
};
`,
  );
  const script = `const fs = require('node:fs');
let error = null;
try { require(process.argv[1]); } catch (e) { error = { name: e.name, code: e.code, message: e.message }; }
fs.writeFileSync(process.argv[2], JSON.stringify({ error, modules: Object.keys(require.cache) }));`;
  const r = spawnSync(process.execPath, ['-r', hook, '-e', script, file, out], { cwd: tmp, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(fs.readFileSync(out, 'utf8')) as Loaded;
}

describe('the installed package (electron-builder with the real configuration)', () => {
  beforeAll(async () => {
    await build({ quiet: true });
    tmp = makeTempDir('package');
    const electronDist = path.join(tmp, 'electron-dist');
    standInElectron(electronDist);
    if (!fs.existsSync(NATIVE_ADDON)) {
      fs.mkdirSync(path.dirname(NATIVE_ADDON), { recursive: true });
      fs.copyFileSync(path.join(REPO_ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), NATIVE_ADDON);
      madeAddon = true;
    }
    await pack({
      projectDir: REPO_ROOT,
      targets: Platform.LINUX.createTarget('dir', Arch.x64),
      publish: 'never',
      config: { electronDist, directories: { output: path.join(tmp, 'release') } },
    });
    appDir = path.join(tmp, 'release', 'linux-unpacked');
    resources = path.join(appDir, 'resources');
  }, 300_000);

  afterAll(() => {
    // the stand-in addon has no version stamp, so `npm start` would build the real one over it; it goes anyway
    if (madeAddon) fs.rmSync(NATIVE_ADDON, { force: true });
    if (tmp) removeDir(tmp);
  });

  const paths = () => shellPaths({ bundleDir: path.join(resources, 'app.asar', 'dist', 'electron'), appPath: path.join(resources, 'app.asar'), resourcesPath: resources, packaged: true });

  it('every path the shell computes at run time names a file in the package, where the code expects it', () => {
    expect(missingPaths(resources, paths())).toEqual([]);
    // and the check sees a path that points at nothing
    const p = paths();
    expect(missingPaths(resources, { ...p, preload: p.preload.replace('preload.cjs', 'preload.js'), archiveWorker: p.archiveWorker.replace('app.asar.unpacked', 'app.asar') })).toEqual(['preload', 'archiveWorker']);
  });

  it('the fuses are flipped in the packaged executable', async () => {
    const wire = await getCurrentFuseWire(path.join(appDir, 'branch-ledger'));
    // each fuse is a byte on the wire: '0' off, '1' on
    const FuseState = { DISABLE: 0x30, ENABLE: 0x31 };
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
  });

  it('the shipped main process holds the lockdown: permission checks denied, one instance, DevTools only outside the package', () => {
    const main = asar.extractFile(path.join(resources, 'app.asar'), 'dist/electron/main.cjs').toString('utf8');
    expect(main).toMatch(/setPermissionCheckHandler\(\(\) => false\)/);
    expect(main).toMatch(/setPermissionRequestHandler\(\(_wc, _perm, cb\) => cb\(false\)\)/);
    expect(main).toContain('requestSingleInstanceLock()');
    expect(main).toMatch(/devTools: !packaged/);
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) expect(main, event).toContain(`"${event}"`);
  });

  it('holds what runs and nothing else: no sources, tests, maps, caches, build tools or dev dependencies; prints its size', () => {
    const entries = [...asarEntries(path.join(resources, 'app.asar')).keys()];
    const forbidden = entries.filter(
      (e) =>
        /\.(ts|tsx|mts|cts|map|c|cc|cpp|h|hpp|gyp|gypi|mjs)$/.test(e) ||
        /\/(src|test|tests|docs|deps|build|\.cache|benchmark|install)\//.test(e) ||
        /^\/(electron|renderer|shared|test|scripts|resources)\//.test(e) ||
        /^\/node_modules\/(electron|react|react-dom|antd|docx|exceljs|kysely|vite|vitest|typescript|prebuild-install|node-gyp|bindings|tar-fs)\//.test(e),
    );
    expect(forbidden).toEqual([]);
    expect(entries.filter((e) => e.startsWith('/dist/electron/')).sort()).toEqual(['/dist/electron/archive-worker.cjs', '/dist/electron/import-worker.cjs', '/dist/electron/main.cjs', '/dist/electron/preload.cjs']);
    // the native code is unpacked (the OS loads it from a real file): sharp's addon and libvips
    const natives = entries.filter((e) => /\.(node|so(\.\d+)*|dll|dylib)$/.test(e));
    expect(natives.length).toBeGreaterThan(0);
    for (const n of natives) expect(asarEntries(path.join(resources, 'app.asar')).get(n)?.unpacked, n).toBe(true);
    const size = (dir: string): number =>
      fs.readdirSync(dir, { withFileTypes: true }).reduce((n, d) => n + (d.isDirectory() ? size(path.join(dir, d.name)) : fs.statSync(path.join(dir, d.name)).size), 0);
    const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
    console.log(
      `安装包内容（不含 Electron 本体）：app.asar ${mb(fs.statSync(path.join(resources, 'app.asar')).size)}，app.asar.unpacked ${mb(size(path.join(resources, 'app.asar.unpacked')))}，` +
        `native ${mb(size(path.join(resources, 'native')))}，texts ${mb(size(path.join(resources, 'texts')))}`,
    );
  });

  describe('the bundles load from the package, every module they require found there', () => {
    /** The package as the app sees it: app.asar a folder (Electron reads inside it), app.asar.unpacked real files beside it. */
    let seen = '';
    beforeAll(() => {
      seen = path.join(tmp, 'as-seen', 'resources');
      fs.cpSync(resources, seen, { recursive: true, filter: (f) => f !== path.join(resources, 'app.asar') });
      asar.extractAll(path.join(resources, 'app.asar'), path.join(seen, 'app.asar'));
    });
    const seenPaths = () =>
      shellPaths({ bundleDir: path.join(seen, 'app.asar', 'dist', 'electron'), appPath: path.join(seen, 'app.asar'), resourcesPath: seen, packaged: true });
    const inPackage = (loaded: Loaded) => loaded.modules.filter((m) => !m.startsWith(seen + path.sep) && path.dirname(m) !== tmp);

    it.each([
      ['main.cjs', () => path.join(seenPaths().preload, '..', 'main.cjs'), "reading 'registerSchemesAsPrivileged'", ['better-sqlite3', 'sharp']],
      ['preload.cjs', () => seenPaths().preload, "reading 'exposeInMainWorld'", []],
      ['archive-worker.cjs', () => seenPaths().archiveWorker, "reading 'docx'", ['sharp']],
      ['import-worker.cjs', () => seenPaths().importWorker, "property 'data'", []],
    ] as const)('%s', (_name, file, firstUse, natives) => {
      const loaded = loadUnderNode(file());
      expect(loaded.error?.code, loaded.error?.message).not.toBe('MODULE_NOT_FOUND');
      expect(loaded.error?.name, loaded.error?.message).toBe('TypeError');
      expect(loaded.error?.message).toContain(firstUse);
      expect(inPackage(loaded)).toEqual([]);
      const places = (m: string) => loaded.modules.filter((f) => f.includes(`${path.sep}node_modules${path.sep}${m}${path.sep}`));
      for (const m of natives) expect(places(m), m).not.toEqual([]);
      // sharp's native addon itself, from the unpacked files
      if (natives.includes('sharp' as never)) expect(loaded.modules.some((f) => f.endsWith('.node') && f.includes(`${path.sep}@img${path.sep}`))).toBe(true);
    });

    it('a worker whose dependency stayed inside app.asar fails to load (what the check is for)', () => {
      const broken = path.join(tmp, 'broken', 'resources');
      fs.cpSync(seen, broken, { recursive: true });
      fs.rmSync(path.join(broken, 'app.asar.unpacked', 'node_modules', 'detect-libc'), { recursive: true });
      const loaded = loadUnderNode(unpacked(path.join(broken, 'app.asar', 'dist', 'electron', 'archive-worker.cjs')));
      expect(loaded.error?.code).toBe('MODULE_NOT_FOUND');
      expect(loaded.error?.message).toContain('detect-libc');
    });
  });
});
