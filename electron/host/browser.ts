/** Finding and opening a system Chromium/Chrome/Edge in app mode for the web host. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CANDIDATES: Record<string, string[]> = {
  linux: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge'],
  win32: [
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  ],
  darwin: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'],
};

export function findBrowser(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string | null {
  if (env.BRANCH_LEDGER_BROWSER) return env.BRANCH_LEDGER_BROWSER;
  for (const c of CANDIDATES[platform] ?? []) {
    if (path.isAbsolute(c)) {
      if (fs.existsSync(c)) return c;
      continue;
    }
    for (const dir of (env.PATH ?? '').split(path.delimiter)) {
      const full = path.join(dir, c);
      if (dir && fs.existsSync(full)) return full;
    }
  }
  return null;
}

/** Whether a window can be shown at all (a Linux box without X or Wayland cannot). */
export function hasDisplay(env: NodeJS.ProcessEnv = process.env, platform = process.platform): boolean {
  return platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export interface AppWindow {
  child: ChildProcess;
  /** Close the window (if still open), wait briefly for it to go, and remove its profile. */
  close(): Promise<void>;
}

/**
 * Open `url` in an app-mode window with a profile of its own (a fresh temporary
 * directory, removed when the window closes or `close` is called), so that its
 * cookie jar holds only this instance's cookie and no other browser session sees it.
 * `url` is on the browser's command line, visible to every local user: pass a
 * one-time link, never the token.
 */
export function openAppWindow(browser: string, url: string): AppWindow {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'branch-ledger-browser-'));
  const args = [
    `--app=${url}`,
    `--user-data-dir=${profile}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--window-size=1280,860',
    '--lang=zh-CN',
    '--disable-features=Translate',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const child = spawn(browser, args, { stdio: 'ignore' });
  const removeProfile = () => fs.rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  child.on('exit', removeProfile);
  return {
    child,
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise<void>((r) => {
          child.once('exit', () => r());
          setTimeout(r, 3_000).unref();
        });
        child.kill();
        await gone;
      }
      removeProfile();
    },
  };
}
