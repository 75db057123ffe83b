/** Starts and stops the real web host (dist/electron/host.cjs) on a data directory, as `npm start` would. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from '@playwright/test';

export interface RunningHost {
  url: string;
  stop(): Promise<void>;
}

export function startHost(dataDir: string): Promise<RunningHost> {
  const child: ChildProcess = spawn(process.execPath, [path.resolve('dist/electron/host.cjs'), '--data-dir', dataDir, '--no-open'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${out}`)), 15_000);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LEDGER_URL=(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!,
          stop: () =>
            new Promise<void>((r) => {
              child.once('exit', () => r());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`host exited with ${code}:\n${out}`)));
  });
}

/** Where the specs leave screenshots and files for a person to look at. */
export const SHOTS = path.resolve('.cache/test-results/screens');

/**
 * This spec file's own data dir and web host. `await app.start()` starts the host
 * (again: restarts it on the same data); both are removed after the file's tests.
 */
export function useApp(prefix: string) {
  const state: { dataDir: string; host: RunningHost | null } = { dataDir: '', host: null };
  test.beforeAll(() => {
    state.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `bl-e2e-${prefix}-`));
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  test.afterAll(async () => {
    await state.host?.stop();
    fs.rmSync(state.dataDir, { recursive: true, force: true });
  });
  return {
    get dataDir() {
      return state.dataDir;
    },
    get url() {
      if (!state.host) throw new Error('call app.start() first');
      return state.host.url;
    },
    /** (Re)start the host; `whileStopped` runs between stopping it and starting it again (e.g. damaging its data). */
    async start(whileStopped?: () => void) {
      await state.host?.stop();
      whileStopped?.();
      state.host = await startHost(state.dataDir);
      return state.host;
    },
  };
}
