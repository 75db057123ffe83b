/**
 * The loopback web host: the same handlers as Electron's IPC, over HTTP on
 * 127.0.0.1, for machines where Electron's binary is absent (and for tests).
 *
 * - listens on 127.0.0.1 only, on a free port unless told otherwise;
 * - a per-launch token is required on every request. It never leaves the process
 *   on a command line or in a link: a link carries a one-time code (`/?c=…`,
 *   random, single use, expiring), which the host trades for an HttpOnly
 *   SameSite=Strict cookie named after this instance (`ledger_<port>`, so two
 *   instances do not overwrite each other's) and a redirect to `/`;
 * - connections are capped (in all, and those that have not yet shown the
 *   token, the oldest idle of which are closed first) and their timeouts are
 *   short, so idle sockets cannot starve real calls;
 * - a body is limited to what the largest input needs, and its nesting depth
 *   and number of values are counted before JSON.parse builds anything;
 * - the Host header must name this loopback port (defeats DNS rebinding) and a
 *   POST's Origin, when present, must be this origin (defeats cross-site calls);
 * - only files inside the renderer build are served (symlinks resolved).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { CSP } from '../../shared/csp.js';
import type { Result } from '../../shared/result.js';
import { MAX_ATTACHMENT_BYTES, MAX_THUMB_BYTES } from '../core/attachments/service.js';
import type { Dispatch } from '../../shared/result.js';
import { servedFile } from './static.js';

export interface HostOptions {
  dispatch: Dispatch;
  staticDir: string;
  port?: number;
  token?: string;
  maxBodyBytes?: number;
  /** Connections held at once, in all (default 64) and before they have shown the token (default 16). */
  maxConnections?: number;
  maxUnauthenticated?: number;
  /** Limits of a JSON body, checked before it is parsed (defaults: depth 64, 200,000 values). */
  maxJsonDepth?: number;
  maxJsonValues?: number;
}

export interface Host {
  port: number;
  token: string;
  /** The session cookie's name: this instance's own. */
  cookieName: string;
  /**
   * A link to open: carries a fresh one-time code (not the token), which works once,
   * within `ttlMs` (default 30 s).
   */
  link(ttlMs?: number): string;
  /** Connections held now: in all, and those not (yet) authenticated. */
  connections(): { total: number; unauthenticated: number };
  close(): Promise<void>;
}

/** Base64 text of `bytes` bytes. */
const base64Length = (bytes: number) => Math.ceil(bytes / 3) * 4;
/**
 * The largest body any method needs: an attachment of the largest size with its largest
 * thumbnail, both in base64, plus room for the rest of the JSON (name, ids, escapes).
 * (The members import's workbook, up to 28,000,000 characters, fits in it too.)
 */
export const MAX_BODY_BYTES = base64Length(MAX_ATTACHMENT_BYTES) + base64Length(MAX_THUMB_BYTES) + 256 * 1024;
export const MAX_JSON_DEPTH = 64;
export const MAX_JSON_VALUES = 200_000;
const DEFAULT_CODE_TTL_MS = 30_000;
/** How long a connection may sit without having shown the token. */
const UNAUTHENTICATED_IDLE_MS = 5_000;
const MAX_PENDING_CODES = 64;
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

function cookieValue(req: http.IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === name) return v;
  }
  return undefined;
}

export type JsonShape = { ok: true } | { ok: false; reason: 'depth' | 'count' | 'invalid' };

/**
 * One pass over a JSON text, before JSON.parse builds anything: the nesting depth and the
 * number of values (containers, strings — object keys included — and scalars) against
 * limits. String contents are skipped (an escaped quote does not end them), so brackets
 * inside strings do not count. Only the shape is judged; JSON.parse still judges validity.
 */
export function scanJson(text: string, maxDepth: number, maxValues: number): JsonShape {
  let depth = 0;
  let values = 0;
  let inScalar = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // the closing quote: the next one not escaped by an odd run of backslashes
      let j = i;
      for (;;) {
        j = text.indexOf('"', j + 1);
        if (j < 0) return { ok: false, reason: 'invalid' };
        let k = j - 1;
        while (text.charCodeAt(k) === 0x5c /* \ */) k--;
        if ((j - 1 - k) % 2 === 0) break;
      }
      i = j;
      inScalar = false;
      if (++values > maxValues) return { ok: false, reason: 'count' };
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      inScalar = false;
      if (++depth > maxDepth) return { ok: false, reason: 'depth' };
      if (++values > maxValues) return { ok: false, reason: 'count' };
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      inScalar = false;
      if (--depth < 0) return { ok: false, reason: 'invalid' };
    } else if (c === 0x2c || c === 0x3a || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      inScalar = false; // , : and JSON whitespace
    } else if (!inScalar) {
      inScalar = true; // the first character of a number, true, false or null
      if (++values > maxValues) return { ok: false, reason: 'count' };
    }
  }
  return { ok: true };
}

function sendJson(res: http.ServerResponse, status: number, body: Result<unknown>) {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

const refuse = (res: http.ServerResponse, status: number, message: string) =>
  sendJson(res, status, { ok: false, error: { code: 'FORBIDDEN', message } });


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


interface Conn {
  /** A request on it has shown the token. */
  authed: boolean;
  /** Requests on it not yet answered. */
  busy: number;
}

const badBody = (res: http.ServerResponse, status: number, message: string) =>
  sendJson(res, status, { ok: false, error: { code: 'VALIDATION', message } });

export function startHost(opts: HostOptions): Promise<Host> {
  const token = opts.token ?? crypto.randomBytes(24).toString('hex');
  const limit = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  const maxDepth = opts.maxJsonDepth ?? MAX_JSON_DEPTH;
  const maxValues = opts.maxJsonValues ?? MAX_JSON_VALUES;
  const maxConnections = opts.maxConnections ?? 64;
  const maxUnauthenticated = opts.maxUnauthenticated ?? 16;
  let port = 0;
  let cookieName = 'ledger';
  /** One-time codes not yet used, with when they expire. */
  const codes = new Map<string, number>();

  const mintCode = (ttlMs: number) => {
    const t = Date.now();
    for (const [c, expires] of codes) if (expires <= t) codes.delete(c);
    // the oldest first, should links be asked for faster than they expire
    while (codes.size >= MAX_PENDING_CODES) codes.delete(codes.keys().next().value!);
    const code = crypto.randomBytes(18).toString('base64url');
    codes.set(code, t + ttlMs);
    return code;
  };
  /** Whether `code` is a live one-time code; it is used up either way. */
  const useCode = (code: string) => {
    let found: string | undefined;
    for (const c of codes.keys()) if (sameSecret(code, c)) found = c;
    if (found === undefined) return false;
    const expires = codes.get(found)!;
    codes.delete(found);
    return expires > Date.now();
  };
  const link = (ttlMs = DEFAULT_CODE_TTL_MS) => `http://127.0.0.1:${port}/?c=${mintCode(ttlMs)}`;

  const conns = new Map<Socket, Conn>();

  const server = http.createServer({ connectionsCheckingInterval: 1000 }, async (req, res) => {
    const conn = conns.get(req.socket);
    if (conn) {
      conn.busy++;
      res.once('close', () => conn.busy--);
    }
    try {
      const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
      if (!allowedHosts.includes(req.headers.host ?? '')) return refuse(res, 421, '主机名不正确');
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

      // A link: trade its one-time code for the cookie, then go to / (the code leaves the address bar and history).
      const code = url.searchParams.get('c');
      if (req.method === 'GET' && url.pathname === '/' && code !== null) {
        if (!useCode(code)) return refuse(res, 403, '链接已失效（每个链接只能使用一次，且有时限），请使用程序新打印的链接');
        if (conn) conn.authed = true;
        res.writeHead(302, {
          ...BASE_HEADERS,
          'Cache-Control': 'no-store',
          'Set-Cookie': `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          Location: '/',
        });
        return res.end();
      }
      const authed = sameSecret(cookieValue(req, cookieName), token) || sameSecret(req.headers['x-ledger-token'] as string | undefined, token);
      if (!authed) return refuse(res, 403, '未授权：请使用程序启动时打印的链接打开');
      if (conn) conn.authed = true;

      const isApi = url.pathname.startsWith('/api/');
      if (isApi || url.pathname === '/auth/code') {
        if (req.method !== 'POST') return refuse(res, 405, '只接受 POST');
        const origin = req.headers.origin;
        if (origin !== undefined && !allowedHosts.map((h) => `http://${h}`).includes(origin)) return refuse(res, 403, '来源不被允许');
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, '请求格式应为 JSON');
      }
      // Another link for this session (another window, the e2e tests): a fresh one-time code.
      if (url.pathname === '/auth/code') {
        req.resume();
        return sendJson(res, 200, { ok: true, value: { url: link() } });
      }
      if (isApi) {
        const raw = await readBody(req, limit);
        if (raw === null) return badBody(res, 413, '提交的内容过大');
        const shape = scanJson(raw, maxDepth, maxValues);
        if (!shape.ok && shape.reason === 'depth') return badBody(res, 400, `提交的内容层级过深（不超过${maxDepth}层）`);
        if (!shape.ok && shape.reason === 'count') return badBody(res, 413, `提交的内容项数过多（不超过${maxValues}项）`);
        let input: unknown;
        try {
          if (!shape.ok) throw new SyntaxError();
          input = raw === '' ? undefined : JSON.parse(raw);
        } catch {
          return badBody(res, 400, '提交的内容不是有效的 JSON');
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
  // Short timeouts: a connection must send its headers within seconds, its whole request
  // within half a minute (the largest body is ~30 MB over loopback), and an idle keep-alive goes soon.
  server.headersTimeout = 5_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;

  /** Close the oldest idle connection that `which` accepts; whether there was one. */
  const closeOldestIdle = (which: (c: Conn) => boolean) => {
    for (const [socket, c] of conns) {
      if (c.busy === 0 && which(c)) {
        conns.delete(socket);
        socket.destroy();
        return true;
      }
    }
    return false;
  };
  server.on('connection', (socket: Socket) => {
    let unauthenticated = 0;
    for (const c of conns.values()) if (!c.authed) unauthenticated++;
    const room =
      (unauthenticated < maxUnauthenticated || closeOldestIdle((c) => !c.authed)) &&
      (conns.size < maxConnections || closeOldestIdle((c) => !c.authed) || closeOldestIdle(() => true));
    if (!room) {
      socket.destroy();
      return;
    }
    const conn: Conn = { authed: false, busy: 0 };
    conns.set(socket, conn);
    // Node's headersTimeout does not reach a socket that sends nothing (or stops mid-header):
    // one that has not shown the token within a few seconds and is not being answered goes.
    const idle = setTimeout(() => {
      if (!conn.authed && conn.busy === 0) socket.destroy();
    }, UNAUTHENTICATED_IDLE_MS);
    idle.unref();
    socket.once('close', () => {
      clearTimeout(idle);
      conns.delete(socket);
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      cookieName = `ledger_${port}`;
      resolve({
        port,
        token,
        cookieName,
        link,
        connections: () => {
          let unauthenticated = 0;
          for (const c of conns.values()) if (!c.authed) unauthenticated++;
          return { total: conns.size, unauthenticated };
        },
        close: () =>
          new Promise<void>((r) => {
            server.close(() => r());
            server.closeAllConnections();
            for (const socket of conns.keys()) socket.destroy();
            codes.clear();
          }),
      });
    });
  });
}
