/**
 * The loopback web host: the same handlers as Electron's IPC, over HTTP on
 * 127.0.0.1, for machines where Electron's binary is absent (and for tests).
 *
 * - listens on 127.0.0.1 only, on a free port unless told otherwise;
 * - a per-launch token is required on every request: the printed link carries
 *   it once (`/?t=…`), the host answers with an HttpOnly SameSite=Strict cookie;
 * - the Host header must name this loopback port (defeats DNS rebinding) and a
 *   POST's Origin, when present, must be this origin (defeats cross-site calls);
 * - only files inside the renderer build are served (symlinks resolved).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { CSP } from '../../shared/csp.js';
import type { Result } from '../../shared/result.js';
import type { Dispatch } from '../core/dispatch.js';

export interface HostOptions {
  dispatch: Dispatch;
  staticDir: string;
  port?: number;
  token?: string;
  maxBodyBytes?: number;
}

export interface Host {
  port: number;
  token: string;
  /** The link to open: carries the token once. */
  url: string;
  close(): Promise<void>;
}

const COOKIE = 'bl_token';
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};
const BASE_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function sameSecret(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function cookieToken(req: http.IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === COOKIE) return v;
  }
  return undefined;
}

function sendJson(res: http.ServerResponse, status: number, body: Result<unknown>) {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

const refuse = (res: http.ServerResponse, status: number, message: string) =>
  sendJson(res, status, { ok: false, error: { code: 'FORBIDDEN', message } });

/** Resolve a URL path to a file inside `root`, or null when it would leave it. */
export function staticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const rel = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = path.resolve(root, rel);
  const base = path.resolve(root);
  return full.startsWith(base + path.sep) ? full : null;
}

/**
 * The body as text, or null when it is larger than `limit`. An oversized body is still
 * read to its end (and dropped as it comes), so that the client gets the 413 answer
 * rather than a reset connection.
 */
function readBody(req: http.IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) chunks.length = 0;
      else chunks.push(c);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * The file to serve for a URL path: a regular file inside the renderer build once
 * symlinks are resolved (a link pointing out of the build is not followed), or null.
 */
export function servedFile(root: string, urlPath: string): string | null {
  const file = staticPath(root, urlPath);
  if (!file) return null;
  try {
    const real = fs.realpathSync(file);
    if (!real.startsWith(fs.realpathSync(root) + path.sep) || !fs.statSync(real).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}

export function startHost(opts: HostOptions): Promise<Host> {
  const token = opts.token ?? crypto.randomBytes(24).toString('hex');
  const limit = opts.maxBodyBytes ?? 64 * 1024 * 1024;
  let port = 0;

  const server = http.createServer(async (req, res) => {
    try {
      const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
      if (!allowedHosts.includes(req.headers.host ?? '')) return refuse(res, 421, '主机名不正确');
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

      // The printed link: trade the token in the query for a cookie, then drop it from the address bar.
      const linkToken = url.searchParams.get('t');
      if (req.method === 'GET' && url.pathname === '/' && linkToken !== null) {
        if (!sameSecret(linkToken, token)) return refuse(res, 403, '链接已失效，请使用程序启动时打印的最新链接');
        res.writeHead(302, {
          ...BASE_HEADERS,
          'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          Location: '/',
        });
        return res.end();
      }
      const authed = sameSecret(cookieToken(req), token) || sameSecret(req.headers['x-ledger-token'] as string | undefined, token);
      if (!authed) return refuse(res, 403, '未授权：请使用程序启动时打印的链接打开');

      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return refuse(res, 405, '只接受 POST');
        const origin = req.headers.origin;
        if (origin !== undefined && !allowedHosts.map((h) => `http://${h}`).includes(origin)) return refuse(res, 403, '来源不被允许');
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, '请求格式应为 JSON');
        const raw = await readBody(req, limit);
        if (raw === null) return sendJson(res, 413, { ok: false, error: { code: 'VALIDATION', message: '提交的内容过大' } });
        let input: unknown;
        try {
          input = raw === '' ? undefined : JSON.parse(raw);
        } catch {
          return sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message: '提交的内容不是有效的 JSON' } });
        }
        return sendJson(res, 200, await opts.dispatch(url.pathname.slice('/api/'.length), input));
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, '不支持的请求');
      const file = servedFile(opts.staticDir, url.pathname);
      if (!file) {
        res.writeHead(404, { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
        return res.end('未找到');
      }
      res.writeHead(200, {
        ...BASE_HEADERS,
        'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-cache',
      });
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(file).pipe(res);
    } catch (e) {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: `服务出错：${(e as Error).message}` } });
      else res.destroy();
    }
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        port,
        token,
        url: `http://127.0.0.1:${port}/?t=${token}`,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
