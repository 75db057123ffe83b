/**
 * Where the Electron shell finds what it loads at run time, in the checkout (`npm start`) and
 * in the installed package. No electron import: test/package/layout.test.ts computes these
 * for the package electron-builder makes and fails when one points at nothing there.
 */
import path from 'node:path';

export interface ShellPlaces {
  /** The folder main.cjs runs from (__dirname): dist/electron, inside app.asar once packaged. */
  bundleDir: string;
  /** app.getAppPath(): the checkout, or resources/app.asar. */
  appPath: string;
  /** process.resourcesPath: resources/ beside app.asar. */
  resourcesPath: string;
  packaged: boolean;
}

export interface ShellPaths {
  /** The renderer build the app:// protocol serves. */
  renderer: string;
  preload: string;
  /** The worker threads: real files, since a worker cannot load a script from inside app.asar. */
  archiveWorker: string;
  importWorker: string;
  /** better-sqlite3 built for Electron (the Node build in node_modules is the tests'). */
  nativeBinding: string;
  /** The regulation texts shipped beside the app; in the checkout, core's default (resources/texts). */
  texts: string | null;
}

/** A file electron-builder unpacked (asarUnpack): the same path with app.asar.unpacked for app.asar. */
export const unpacked = (file: string) => file.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);

export function shellPaths(p: ShellPlaces): ShellPaths {
  return {
    renderer: path.join(p.bundleDir, '..', 'renderer'),
    preload: path.join(p.bundleDir, 'preload.cjs'),
    archiveWorker: unpacked(path.join(p.bundleDir, 'archive-worker.cjs')),
    importWorker: unpacked(path.join(p.bundleDir, 'import-worker.cjs')),
    nativeBinding: p.packaged
      ? path.join(p.resourcesPath, 'native', 'better_sqlite3.node')
      : path.join(p.appPath, '.cache', 'electron-native', 'better_sqlite3.node'),
    texts: p.packaged ? path.join(p.resourcesPath, 'texts') : null,
  };
}
