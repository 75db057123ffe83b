/**
 * PdfPrinter in Electron: each print() loads the HTML file into its own hidden, locked-down
 * window and calls webContents.printToPDF. Without Electron the same interface is served by
 * a headless system Chromium (electron/core/export/pdf/chromium.ts).
 *
 * The window: no preload, sandboxed, context-isolated, no Node, and JavaScript off (the
 * volume HTML is static; its @page CSS does the page numbers). It lives in its own
 * in-memory session that may load file: and data: URLs only, grants no permission, and
 * may not navigate away or open windows. Create the printer after app 'ready'.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BrowserWindow, session, type Session } from 'electron';
import { duration, type PdfPrinter } from '../core/export/pdf/printer.js';
import { lockSession } from './lockdown.js';
import { PRINT_WINDOW_PREFERENCES } from './window-options.js';

export interface ElectronPrinterOptions {
  /** Limit for one print() from window creation to PDF bytes (default 60 s). */
  printTimeoutMs?: number;
}

const PARTITION = 'branch-ledger-pdf';

let printSession: Session | null = null;

/** The in-memory session for print windows: local files only, no permissions. */
function pdfSession(): Session {
  if (printSession) return printSession;
  const s = session.fromPartition(PARTITION, { cache: false });
  lockSession(s);
  s.webRequest.onBeforeRequest((details, cb) => {
    const scheme = details.url.slice(0, details.url.indexOf(':') + 1).toLowerCase();
    cb({ cancel: scheme !== 'file:' && scheme !== 'data:' });
  });
  printSession = s;
  return s;
}


export function createElectronPrinter(options: ElectronPrinterOptions = {}): PdfPrinter {
  const timeoutMs = options.printTimeoutMs ?? 60_000;
  const open = new Set<BrowserWindow>();
  let closed = false;

  async function print(htmlFile: string, pdfFile: string, limitMs: number = timeoutMs): Promise<void> {
    if (closed) throw new Error('PDF 打印器已关闭，无法继续打印');
    const file = path.resolve(htmlFile);
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new Error(`要打印的文件不存在：${file}`);

    const win = new BrowserWindow({
      show: false,
      width: 794, // A4 at 96 dpi; the PDF's size comes from the page's @page rule
      height: 1123,
      webPreferences: { ...PRINT_WINDOW_PREFERENCES, session: pdfSession() },
    });
    open.add(win);
    const wc = win.webContents;
    wc.on('will-navigate', (e) => e.preventDefault());
    wc.on('will-redirect', (e) => e.preventDefault());
    wc.on('will-attach-webview', (e) => e.preventDefault());
    wc.setWindowOpenHandler(() => ({ action: 'deny' }));

    let timer: NodeJS.Timeout | undefined;
    const failure = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`生成 PDF 超时（超过 ${duration(limitMs)}）：${file}`)), limitMs);
      wc.once('render-process-gone', (_e, details) => reject(new Error(`打印页面崩溃（${details.reason}）：${file}`)));
      win.once('closed', () => reject(new Error('PDF 打印器已关闭，打印未完成')));
    });
    failure.catch(() => {});

    try {
      return await Promise.race([
        (async () => {
          // loadFile resolves on did-finish-load (after the load event: images and fonts in use are in) and rejects on did-fail-load
          try {
            await wc.loadFile(file);
          } catch (e) {
            throw new Error(`无法打开要打印的文件（${(e as Error).message}）：${file}`);
          }
          const pdf = await wc.printToPDF({ preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false, generateTaggedPDF: false });
          fs.writeFileSync(pdfFile, pdf, { flush: true });
        })(),
        failure,
      ]);
    } finally {
      clearTimeout(timer);
      open.delete(win);
      if (!win.isDestroyed()) win.destroy();
    }
  }

  async function close(): Promise<void> {
    closed = true;
    for (const win of open) if (!win.isDestroyed()) win.destroy();
    open.clear();
  }

  return { print, close };
}
