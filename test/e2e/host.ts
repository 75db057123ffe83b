/** Starts and stops the real web host (dist/electron/host.cjs) on a data directory, as `npm start` would. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from '@playwright/test';

export interface RunningHost {
  /**
   * A link the specs can open as often as they like: a small redirector of this harness
   * that, on each visit, asks the host for a fresh one-time link (POST /auth/code with the
   * harness's own session) and sends the browser on to it. The host's links work once.
   */
  url: string;
  stop(): Promise<void>;
}

/** Use the printed one-time link once, as a browser would, for a session cookie of the harness. */
async function sessionCookie(link: string): Promise<string> {
  const r = await fetch(link, { redirect: 'manual' });
  const setCookie = r.headers.get('set-cookie');
  if (r.status !== 302 || !setCookie) throw new Error(`the host's link was refused (${r.status})`);
  return setCookie.split(';')[0]!;
}

/** The redirector described at RunningHost.url; resolves to its address. */
function startRedirector(link: string, cookie: string): Promise<{ url: string; close(): Promise<void> }> {
  const origin = new URL(link).origin;
  const server = http.createServer((req, res) => {
    fetch(`${origin}/auth/code`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' })
      .then((r) => r.json() as Promise<{ ok: boolean; value: { url: string } }>)
      .then((answer) => {
        if (!answer.ok) throw new Error(JSON.stringify(answer));
        res.writeHead(302, { Location: answer.value.url, 'Cache-Control': 'no-store' });
        res.end();
      })
      .catch((e: Error) => {
        res.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(`e2e redirector: no link from the host: ${e.message}`);
      });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      }),
    ),
  );
}

/** `env`: variables to set for the host process beside this one's (e.g. CHROMIUM_PATH). */
export function startHost(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<RunningHost> {
  const child: ChildProcess = spawn(process.execPath, [path.resolve('dist/electron/host.cjs'), '--data-dir', dataDir, '--no-open'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let out = '';
  const stop = () =>
    new Promise<void>((r) => {
      if (child.exitCode !== null || child.signalCode !== null) return r();
      child.once('exit', () => r());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let found = false;
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${out}`)), 15_000);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LEDGER_URL=(\S+)/.exec(out);
      if (m && !found) {
        found = true;
        clearTimeout(timer);
        sessionCookie(m[1]!)
          .then((cookie) => startRedirector(m[1]!, cookie))
          .then((redirector) =>
            resolve({
              url: redirector.url,
              stop: async () => {
                await redirector.close();
                await stop();
              },
            }),
          )
          .catch((e: Error) => {
            void stop();
            reject(new Error(`${e.message}:\n${out}`));
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
    /**
     * (Re)start the host; `whileStopped` runs between stopping it and starting it again (e.g.
     * damaging its data); `env` is set for the host process.
     */
    async start(whileStopped?: () => void, env?: NodeJS.ProcessEnv) {
      await state.host?.stop();
      whileStopped?.();
      state.host = await startHost(state.dataDir, env);
      return state.host;
    },
  };
}
