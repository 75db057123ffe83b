/**
 * The Electron shell itself: runs only where Electron's binary is installed
 * (never on the offline build machine, where it is reported as skipped).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
// @ts-expect-error plain .mjs helper without types
import { electronBinary, ensureElectronSqlite } from '../../scripts/electron.mjs';

const root = path.resolve('.');
const binary: string | null = electronBinary(root);

test.skip(!binary, 'Electron 程序本体未安装（本机无法下载），跳过 Electron 窗口测试');

test('the Electron window opens the setup page with window.api and no Node in the page', async () => {
  ensureElectronSqlite(root);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bl-electron-'));
  const app = await electron.launch({ executablePath: binary!, args: [root, '--data-dir', dataDir] });
  try {
    const win = await app.firstWindow();
    await expect(win.getByText('欢迎使用“支部四本一档”')).toBeVisible();
    expect(win.url()).toBe('app://ledger/index.html');
    const globals = await win.evaluate(() => {
      const g = globalThis as Record<string, unknown>;
      return { api: typeof g.api, require: typeof g.require, process: typeof g.process };
    });
    // window.api is there; Node is not (contextIsolation on, nodeIntegration off)
    expect(globals).toEqual({ api: 'object', require: 'undefined', process: 'undefined' });
    const api = await win.evaluate(() => Object.keys((globalThis as unknown as { api: object }).api).length);
    expect(api).toBeGreaterThan(10);
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
