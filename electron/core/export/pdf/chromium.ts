/**
 * PDF printing through a system Chromium, for where Electron's binary is absent (the
 * loopback web host, build machines, tests). Electron's own printer is electron/main/pdf.ts;
 * both implement PdfPrinter (./printer.ts).
 *
 * Why the DevTools protocol over a pipe (`--remote-debugging-pipe`) and not
 * `chromium --headless --print-to-pdf=out.pdf file.html`:
 *  - the command line has no way to say "wait until every image is decoded and the fonts
 *    are ready", nor preferCSSPageSize / no header-footer on every version, and it starts
 *    a whole browser per file (≈1 s each); one process here prints many files, several at
 *    once, each in its own target (tab);
 *  - a pipe (fd 3: our commands in, fd 4: Chromium's replies and events out, each message
 *    JSON terminated by \0) opens no TCP port, so nothing else on the PC can drive the
 *    browser, and it needs no WebSocket client (no dependency);
 *  - when our process dies, the pipe closes and Chromium exits by itself.
 *
 * One print: Target.createTarget(about:blank) → Target.attachToTarget(flatten) gives a
 * sessionId that tags that tab's commands and events → Page.enable → Page.navigate to
 * the file:// URL → Page.loadEventFired → Runtime.evaluate waits for every <img> to
 * decode and for document.fonts.ready → Page.printToPDF(preferCSSPageSize, backgrounds,
 * no header/footer, untagged, ReturnAsStream) → IO.read until eof → Target.closeTarget.
 * Page scripts of the printed HTML are disabled (Emulation.setScriptExecutionDisabled);
 * our own Runtime.evaluate still runs.
 *
 * How pages are resolved afterwards: the PDF is not parsed here. ./dests.ts reads the
 * finished PDF: page order is the /Pages tree, and every element that was the target of
 * an internal link (<a href="#j3"> → id="j3") is a named destination pointing at its page,
 * so the 目录 can be checked against (or filled from) the real page where each 件 starts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Readable, Writable } from 'node:stream';
import { duration, type PdfPrinter } from './printer.js';

export type { PdfPrinter } from './printer.js';

export interface ChromiumPrinterOptions {
  /** Path of the Chromium/Chrome executable; else $CHROMIUM_PATH, else the usual Linux paths. */
  executablePath?: string;
  /** Limit for one print() from new tab to PDF bytes (default 60 s). */
  printTimeoutMs?: number;
  /** Limit for the browser to start and answer (default 30 s). */
  startTimeoutMs?: number;
}

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** A system Chromium that asks the network for nothing and needs no GPU or sandbox (also the e2e tests' browser). */
export const QUIET_CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

export const CHROMIUM_MISSING = '未找到 Chromium 浏览器，无法生成 PDF。请安装：apt-get install chromium';

/** The executable that createChromiumPrinter would use, or null when there is none. */
export function findChromium(executablePath?: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const list = executablePath ? [executablePath] : [...(env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : []), ...CANDIDATES];
  for (const file of list) {
    try {
      if (fs.statSync(file).isFile()) return file;
    } catch {
      /* not there */
    }
  }
  return null;
}

interface Pending {
  resolve: (v: any) => void;
  reject: (e: Error) => void;
  method: string;
  sessionId: string | undefined;
}

interface CdpMessage {
  id?: number;
  method?: string;
  params?: any;
  result?: any;
  error?: { code: number; message: string; data?: string };
  sessionId?: string;
}

type EventListener = (params: any) => void;

/** A DevTools-protocol connection over Chromium's fds 3 (in) and 4 (out). */
class PipeConnection {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<EventListener>>();
  private chunks: Buffer[] = [];
  private closedError: Error | null = null;

  constructor(
    private readonly input: Writable,
    output: Readable,
  ) {
    output.on('data', (data: Buffer) => this.onData(data));
    output.on('error', () => {});
    input.on('error', () => {});
  }

  private onData(data: Buffer): void {
    let start = 0;
    for (let i = data.indexOf(0); i >= 0; i = data.indexOf(0, start)) {
      this.chunks.push(data.subarray(start, i));
      const text = Buffer.concat(this.chunks).toString('utf8');
      this.chunks = [];
      start = i + 1;
      let msg: CdpMessage;
      try {
        msg = JSON.parse(text) as CdpMessage;
      } catch {
        continue;
      }
      this.dispatch(msg);
    }
    if (start < data.length) this.chunks.push(data.subarray(start));
  }

  private dispatch(msg: CdpMessage): void {
    if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`Chromium ${p.method} 失败：${msg.error.message}${msg.error.data ? `（${msg.error.data}）` : ''}`));
      else p.resolve(msg.result ?? {});
      return;
    }
    if (msg.method) {
      const set = this.listeners.get(eventKey(msg.sessionId, msg.method));
      if (set) for (const l of [...set]) l(msg.params ?? {});
    }
  }

  send<T = any>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    if (this.closedError) return Promise.reject(this.closedError);
    const id = this.nextId++;
    const msg: CdpMessage & { params: object } = { id, method, params };
    if (sessionId) msg.sessionId = sessionId;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method, sessionId });
      this.input.write(JSON.stringify(msg) + '\0');
    });
  }

  /** Subscribe to an event of one session (or the browser when sessionId is undefined). */
  on(sessionId: string | undefined, method: string, listener: EventListener): () => void {
    const key = eventKey(sessionId, method);
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  }

  /** Reject the pending commands of one session (its tab is gone or timed out). */
  abandonSession(sessionId: string, error: Error): void {
    for (const [id, p] of this.pending) {
      if (p.sessionId === sessionId) {
        this.pending.delete(id);
        p.reject(error);
      }
    }
  }

  /** From now on every command fails with this error; pending ones are rejected. */
  fail(error: Error): void {
    if (!this.closedError) this.closedError = error;
    for (const p of this.pending.values()) p.reject(this.closedError);
    this.pending.clear();
    this.listeners.clear();
  }
}

const eventKey = (sessionId: string | undefined, method: string) => `${sessionId ?? ''}\n${method}`;

/**
 * Waits for lazy images (forced eager) to load and for web fonts, inside the printed page. The
 * others are loaded by the load event and not decoded here: printing embeds a JPEG's own bytes,
 * while decoding every photo first held them all decoded (about 4.5 MB a 200-dpi photo, two
 * hundred in a volume).
 */
const SETTLE_EXPRESSION = `(async () => {
  const lazy = [...document.images].filter((i) => i.loading === 'lazy');
  for (const i of lazy) i.loading = 'eager';
  await Promise.all(lazy.map((i) => i.decode().catch(() => {})));
  await document.fonts.ready;
  return true;
})()`;

const IO_CHUNK = 512 << 10;

class ChromiumPrinter implements PdfPrinter {
  private closing: Promise<void> | null = null;
  private dead: Error | null = null;
  private readonly exited: Promise<void>;
  private readonly onProcessExit = () => this.killSync();

  constructor(
    private readonly proc: ChildProcess,
    private readonly conn: PipeConnection,
    private readonly profileDir: string,
    private readonly printTimeoutMs: number,
    private readonly stderrTail: () => string,
  ) {
    this.exited = new Promise((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) resolve();
      else {
        proc.once('exit', () => resolve());
        proc.once('error', () => resolve());
      }
    });
    proc.once('error', (e) => {
      this.dead = new Error(`无法启动 Chromium：${e.message}`);
      conn.fail(this.dead);
    });
    proc.once('exit', (code, signal) => {
      const err = new Error(
        this.closing
          ? 'PDF 打印器已关闭'
          : `Chromium 意外退出（${signal ? `信号 ${signal}` : `退出码 ${code}`}），无法生成 PDF${this.stderrSuffix()}`,
      );
      this.dead = err;
      conn.fail(err);
    });
    process.once('exit', this.onProcessExit);
  }

  private stderrSuffix(): string {
    const tail = this.stderrTail()
      .split('\n')
      .filter((l) => l.trim() && !/dbus|unexpected operator/i.test(l))
      .slice(-3)
      .join(' | ');
    return tail ? `：${tail}` : '';
  }

  async print(htmlFile: string, pdfFile: string, limitMs: number = this.printTimeoutMs): Promise<void> {
    if (this.closing) throw new Error('PDF 打印器已关闭，无法继续打印');
    if (this.dead) throw this.dead;
    const file = path.resolve(htmlFile);
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new Error(`要打印的文件不存在：${file}`);
    const url = pathToFileURL(file).href;
    const conn = this.conn;

    // Whatever ends this print early (timeout, tab crash) rejects `aborted`; every step races it,
    // so the work stops at once and its finally closes the tab even if it was created late.
    let abort: (e: Error) => void = () => {};
    const aborted = new Promise<never>((_, reject) => {
      abort = reject;
    });
    aborted.catch(() => {});
    const step = <T>(p: Promise<T>): Promise<T> => Promise.race([p, aborted]);
    const timer = setTimeout(
      () => abort(new Error(`生成 PDF 超时（超过 ${duration(limitMs)}）：${file}`)),
      limitMs,
    );

    let targetId: string | undefined;
    let sessionId: string | undefined;
    const cleanups: (() => void)[] = [];
    let finished = false;
    try {
      // a tab created after a timeout is closed as soon as Chromium names it
      const created = conn.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
      created.then(
        (r) => {
          targetId = r.targetId;
          if (finished && !this.dead && !this.closing) conn.send('Target.closeTarget', { targetId }).catch(() => {});
        },
        () => {},
      );
      ({ targetId } = await step(created));
      ({ sessionId } = await step(conn.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true })));
      const sid = sessionId;
      cleanups.push(
        conn.on(sid, 'Inspector.targetCrashed', () => abort(new Error(`打印页面崩溃：${file}`))),
        conn.on(undefined, 'Target.detachedFromTarget', (p: { sessionId?: string }) => {
          if (p.sessionId === sid) abort(new Error(`打印页面被意外关闭：${file}`));
        }),
      );
      await step(conn.send('Page.enable', {}, sid));
      await step(conn.send('Emulation.setScriptExecutionDisabled', { value: true }, sid));
      const loaded = new Promise<void>((resolve) => cleanups.push(conn.on(sid, 'Page.loadEventFired', () => resolve())));
      const nav = await step(conn.send<{ errorText?: string }>('Page.navigate', { url }, sid));
      if (nav.errorText) throw new Error(`无法打开要打印的文件（${nav.errorText}）：${file}`);
      await step(loaded);
      const settled = await step(
        conn.send<{ exceptionDetails?: { text?: string } }>('Runtime.evaluate', { expression: SETTLE_EXPRESSION, awaitPromise: true, returnByValue: true }, sid),
      );
      if (settled.exceptionDetails) throw new Error(`等待图片和字体加载时出错：${settled.exceptionDetails.text ?? ''}`);
      const { stream } = await step(
        conn.send<{ stream?: string }>(
          'Page.printToPDF',
          { preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false, generateTaggedPDF: false, transferMode: 'ReturnAsStream' },
          sid,
        ),
      );
      if (!stream) throw new Error('Chromium 没有返回 PDF 数据流');
      // Chunk by chunk into the file: a volume with its photos is a PDF of a hundred megabytes or more.
      const fd = fs.openSync(pdfFile, 'w');
      let head = '';
      try {
        for (;;) {
          const chunk = await step(conn.send<{ data: string; eof: boolean; base64Encoded?: boolean }>('IO.read', { handle: stream, size: IO_CHUNK }, sid));
          if (chunk.data) {
            const bytes = Buffer.from(chunk.data, chunk.base64Encoded ? 'base64' : 'latin1');
            if (head.length < 5) head += bytes.subarray(0, 5 - head.length).toString('latin1');
            fs.writeSync(fd, bytes);
          }
          if (chunk.eof) break;
        }
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
        conn.send('IO.close', { handle: stream }, sid).catch(() => {});
      }
      if (head !== '%PDF-') {
        fs.rmSync(pdfFile, { force: true });
        throw new Error('Chromium 返回的数据不是 PDF');
      }
    } catch (e) {
      if (this.dead) throw this.dead;
      if (this.closing) throw new Error('PDF 打印器已关闭，打印未完成');
      throw e;
    } finally {
      finished = true;
      clearTimeout(timer);
      for (const c of cleanups) c();
      if (sessionId) conn.abandonSession(sessionId, new Error('打印已结束'));
      if (targetId && !this.dead && !this.closing) conn.send('Target.closeTarget', { targetId }).catch(() => {});
    }
  }

  close(): Promise<void> {
    if (!this.closing) this.closing = this.doClose();
    return this.closing;
  }

  private async doClose(): Promise<void> {
    process.removeListener('exit', this.onProcessExit);
    if (!this.dead) {
      this.conn.send('Browser.close').catch(() => {});
      const graceful = await Promise.race([this.exited.then(() => true), delay(3000).then(() => false)]);
      if (!graceful) {
        this.proc.kill('SIGKILL');
        await Promise.race([this.exited, delay(3000)]);
      }
    }
    this.conn.fail(new Error('PDF 打印器已关闭'));
    await fs.promises.rm(this.profileDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }).catch(() => {});
  }

  /** Last resort when Node exits without close(): no orphan browser, no profile left behind. */
  private killSync(): void {
    try {
      this.proc.kill('SIGKILL');
    } catch {
      /* already gone */
    }
    try {
      fs.rmSync(this.profileDir, { recursive: true, force: true });
    } catch {
      /* best effort */
    }
  }
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/** Start one headless Chromium for printing; close() it when done. */
export async function createChromiumPrinter(options: ChromiumPrinterOptions = {}): Promise<PdfPrinter> {
  const executable = findChromium(options.executablePath);
  if (!executable) throw new Error(options.executablePath ? `${CHROMIUM_MISSING}（指定的路径不存在：${options.executablePath}）` : CHROMIUM_MISSING);
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'branch-ledger-chromium-'));
  const args = [
    '--headless',
    '--remote-debugging-pipe',
    ...QUIET_CHROMIUM_FLAGS,
    '--allow-file-access-from-files',
    `--user-data-dir=${profileDir}`,
    'about:blank',
  ];
  let proc: ChildProcess;
  try {
    proc = spawn(executable, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], windowsHide: true });
  } catch (e) {
    fs.rmSync(profileDir, { recursive: true, force: true });
    throw new Error(`无法启动 Chromium（${executable}）：${(e as Error).message}`);
  }
  let stderr = '';
  proc.stderr?.setEncoding('utf8');
  proc.stderr?.on('data', (d: string) => {
    stderr = (stderr + d).slice(-4096);
  });
  const input = proc.stdio[3] as Writable | null;
  const output = proc.stdio[4] as Readable | null;
  if (!input || !output) {
    proc.kill('SIGKILL');
    fs.rmSync(profileDir, { recursive: true, force: true });
    throw new Error('无法与 Chromium 建立调试管道');
  }
  const conn = new PipeConnection(input, output);
  const printer = new ChromiumPrinter(proc, conn, profileDir, options.printTimeoutMs ?? 60_000, () => stderr);

  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      conn.send('Browser.getVersion'),
      new Promise<never>((_, reject) => {
        proc.once('error', (e) => reject(new Error(`无法启动 Chromium（${executable}）：${e.message}`)));
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Chromium 启动超时（超过 ${duration(startTimeoutMs)}）：${executable}`)), startTimeoutMs);
      }),
    ]);
  } catch (e) {
    await printer.close();
    throw e;
  } finally {
    clearTimeout(timer);
  }
  return printer;
}
