/**
 * `node dist/electron/host.cjs [--data-dir DIR] [--port N] [--no-open] [--demo]`
 * Starts the loopback web host on one data directory and opens the UI in the
 * system browser in app mode where there is a display, printing the link either way.
 */
import path from 'node:path';
import { openCore } from '../core/app.js';
import { maybeGenerateDemo } from '../core/demo/index.js';
import { defaultDataDir, resolveDataDir } from '../core/datadir.js';
import { AppError } from '../core/errors.js';
import { findBrowser, hasDisplay, openAppWindow, type AppWindow } from './browser.js';
import { startHost } from './server.js';

declare const __APP_VERSION__: string;

const MANUAL_LINK_TTL_MS = 10 * 60_000;

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const dataDir = resolveDataDir(process.argv.slice(2), process.env, () => defaultDataDir());
  let core;
  try {
    core = openCore({ dataDir, version: __APP_VERSION__, archiveWorker: path.join(__dirname, 'archive-worker.cjs'), importWorker: path.join(__dirname, 'import-worker.cjs'), autoBackup: true });
  } catch (e) {
    if (e instanceof AppError) {
      console.error(`无法打开：${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  // --demo: fill an empty data dir with the demo branch before serving (refused, with a message, when not empty)
  maybeGenerateDemo(core, process.argv.slice(2), (msg) => console.log(msg));
  const host = await startHost({
    dispatch: core.dispatch,
    staticDir: path.join(__dirname, '..', 'renderer'),
    port: Number(argValue('--port') ?? 0),
  });
  console.log(`支部四本一档 ${__APP_VERSION__}（网页模式）数据目录：${dataDir}`);

  let window: AppWindow | null = null;
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await window?.close();
    await host.close();
    await core.shutdown();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  /**
   * For a person to open by hand: a one-time link (the token itself is never printed or
   * put on a command line), valid for 10 minutes and once; Enter prints another.
   */
  const printLink = () => {
    const url = host.link(MANUAL_LINK_TTL_MS);
    console.log(`请在本机浏览器中打开（链接10分钟内有效，只能使用一次${process.stdin.isTTY ? '；按回车键可生成新链接' : ''}）：${url}`);
    console.log(`LEDGER_URL=${url}`);
  };
  if (process.stdin.isTTY) {
    process.stdin.on('data', printLink);
    process.stdin.unref?.();
  }

  const browser = process.argv.includes('--no-open') ? null : findBrowser();
  if (process.argv.includes('--no-open')) printLink();
  else if (!browser) {
    console.log('未找到 Chromium / Chrome / Edge。');
    printLink();
  } else if (!hasDisplay()) {
    console.log('没有图形界面（DISPLAY 未设置）。');
    printLink();
  } else {
    console.log(`正在用 ${browser} 打开窗口（独立的临时配置目录）；关闭窗口即退出。`);
    // The window's link is on the browser's command line: a one-time code that works once, for 30 s.
    window = openAppWindow(browser, host.link(30_000));
    window.child.on('error', (e) => {
      console.log(`无法启动浏览器：${e.message}`);
      window = null;
      printLink();
    });
    window.child.on('exit', () => void stop());
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
