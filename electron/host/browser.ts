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

export function openAppWindow(browser: string, url: string): ChildProcess {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'branch-ledger-browser-'));
  const args = [
    `--app=${url}`,
    `--user-data-dir=${profile}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--window-size=1280,860',
    '--lang=zh-CN',
    '--disable-features=Translate',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const child = spawn(browser, args, { stdio: 'ignore' });
  child.on('exit', () => fs.rmSync(profile, { recursive: true, force: true }));
  return child;
}
