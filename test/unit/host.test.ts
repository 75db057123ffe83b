/** The loopback web host, started for real on a real core, spoken to over HTTP. */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../electron/core/app.js';
import { MIGRATIONS } from '../../electron/core/db/migrations/index.js';
import { startHost, type Host } from '../../electron/host/server.js';
import { METHOD_NAMES } from '../../shared/contract.js';
import { CSP } from '../../shared/csp.js';
import type { Result } from '../../shared/result.js';
import { VALID } from '../fixtures/contract-inputs.js';
import { dbDigest, openTestCore, rows } from '../fixtures/core.js';
import { makeTempDir, removeDir } from '../fixtures/tmp.js';

const INDEX_HTML = '<!doctype html><title>支部四本一档</title>';

let dataDir: string;
let staticDir: string;
let core: Core;
let host: Host;
let base: string;
let cookie: string;

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** http.request, for what fetch will not do: a chosen Host header or an unnormalised path. */
function rawRequest(opts: { path: string; method?: string; headers?: http.OutgoingHttpHeaders; body?: string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: host.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

function api(method: string, init: { body?: string; headers?: Record<string, string>; auth?: 'cookie' | 'header' | 'none' } = {}) {
  const auth = init.auth ?? 'cookie';
  const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
  if (auth === 'cookie') headers.cookie = cookie;
  if (auth === 'header') headers['x-ledger-token'] = host.token;
  return fetch(`${base}/api/${method}`, { method: 'POST', headers, body: init.body ?? '{}', redirect: 'manual' });
}

beforeAll(async () => {
  dataDir = makeTempDir('host-data');
  staticDir = makeTempDir('host-static');
  fs.writeFileSync(path.join(staticDir, 'index.html'), INDEX_HTML);
  fs.mkdirSync(path.join(staticDir, 'assets'));
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  // A file just outside the static dir, which must never be served.
  fs.writeFileSync(path.join(path.dirname(staticDir), `${path.basename(staticDir)}-secret.txt`), 'secret');
  core = openTestCore(dataDir);
  host = await startHost({ dispatch: core.dispatch, staticDir });
  base = `http://127.0.0.1:${host.port}`;
  cookie = `${host.cookieName}=${host.token}`;
});

afterAll(async () => {
  await host?.close();
  core?.close();
  removeDir(dataDir);
  fs.rmSync(path.join(path.dirname(staticDir), `${path.basename(staticDir)}-secret.txt`), { force: true });
  removeDir(staticDir);
});

describe('web host', () => {
  it('listens on 127.0.0.1 and makes links carrying a one-time code, never the token', () => {
    const a = host.link();
    const b = host.link();
    expect(a).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?c=[A-Za-z0-9_-]{24}$`));
    expect(b).not.toBe(a);
    expect(a).not.toContain(host.token);
    expect(host.token).toMatch(/^[0-9a-f]{48}$/);
    expect(host.cookieName).toBe(`ledger_${host.port}`);
  });

  it('is bound to 127.0.0.1 only', async () => {
    // Reachable on 127.0.0.1 (403 without a token), refused on every other address of this machine.
    expect((await fetch(`${base}/`)).status).toBe(403);
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((a) => a !== undefined && a.address !== '127.0.0.1' && !a.address.startsWith('fe80'))
      .map((a) => (a!.family === 'IPv6' ? `[${a!.address}]` : a!.address));
    for (const address of new Set([...others, '[::1]'])) {
      await expect(fetch(`http://${address}:${host.port}/`), address).rejects.toThrow();
    }
  });

  it('refuses a request without a token', async () => {
    const r = await fetch(`${base}/`, { redirect: 'manual' });
    expect(r.status).toBe(403);
    expect(await r.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await api('app.info', { auth: 'none' })).status).toBe(403);
  });

  it.each<[string, () => string]>([
    ['a wrong code', () => 'wrong'],
    ['an empty code', () => ''],
    ['the token itself as the code', () => host.token],
    ['the token in the old ?t= form', () => `x&t=${host.token}`],
  ])('refuses a link with %s (403, no cookie)', async (_label, code) => {
    const r = await fetch(`${base}/?c=${code()}`, { redirect: 'manual' });
    expect(r.status).toBe(403);
    expect(r.headers.get('set-cookie')).toBeNull();
    expect(await r.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('链接已失效') } });
    const old = await fetch(`${base}/?t=${host.token}`, { redirect: 'manual' });
    expect(old.status).toBe(403);
    expect(old.headers.get('set-cookie')).toBeNull();
  });

  it('trades a one-time code for an HttpOnly SameSite=Strict Path=/ cookie named after the instance and redirects to /', async () => {
    const r = await fetch(host.link(), { redirect: 'manual' });
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe('/');
    expect(r.headers.get('cache-control')).toBe('no-store');
    const setCookie = r.headers.get('set-cookie')!;
    expect(setCookie.split(';')[0]).toBe(`ledger_${host.port}=${host.token}`);
    expect(setCookie).toMatch(/;\s*HttpOnly/);
    expect(setCookie).toMatch(/;\s*SameSite=Strict/);
    expect(setCookie).toMatch(/;\s*Path=\//);
  });

  it('takes a code once only: a second use, even at once, is refused', async () => {
    const link = host.link();
    const [a, b] = await Promise.all([fetch(link, { redirect: 'manual' }), fetch(link, { redirect: 'manual' })]);
    expect([a.status, b.status].sort()).toEqual([302, 403]);
    const again = await fetch(link, { redirect: 'manual' });
    expect(again.status).toBe(403);
    expect(again.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a code once it has expired (and it stays used up)', async () => {
    const link = host.link(50);
    await new Promise((r) => setTimeout(r, 80));
    const r = await fetch(link, { redirect: 'manual' });
    expect(r.status).toBe(403);
    expect(r.headers.get('set-cookie')).toBeNull();
    // a code valid for longer (the printed one: 10 minutes) works
    expect((await fetch(host.link(10 * 60_000), { redirect: 'manual' })).status).toBe(302);
  });

  it('gives an authenticated session a fresh one-time link on POST /auth/code, and nobody else', async () => {
    const r = await fetch(`${base}/auth/code`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', origin: base }, body: '{}' });
    expect(r.status).toBe(200);
    const { value } = (await r.json()) as { value: { url: string } };
    expect(value.url).toMatch(new RegExp(`^${base}/\\?c=`));
    expect((await fetch(value.url, { redirect: 'manual' })).status).toBe(302);
    expect((await fetch(value.url, { redirect: 'manual' })).status).toBe(403);
    const refused = [
      await fetch(`${base}/auth/code`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
      await fetch(`${base}/auth/code`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', origin: 'http://evil.example' }, body: '{}' }),
      await fetch(`${base}/auth/code`, { method: 'POST', headers: { cookie, 'content-type': 'text/plain' }, body: '{}' }),
      await fetch(`${base}/auth/code`, { headers: { cookie } }),
    ];
    expect(refused.map((x) => x.status)).toEqual([403, 403, 415, 405]);
  });

  it('serves index.html and assets with the cookie', async () => {
    const r = await fetch(`${base}/`, { headers: { cookie } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await r.text()).toBe(INDEX_HTML);
    const js = await fetch(`${base}/assets/app.js`, { headers: { cookie } });
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
    expect((await fetch(`${base}/missing.js`, { headers: { cookie } })).status).toBe(404);
  });

  it('answers the API with the cookie or the x-ledger-token header', async () => {
    for (const auth of ['cookie', 'header'] as const) {
      const r = await api('app.info', { auth });
      expect(r.status).toBe(200);
      expect(r.headers.get('cache-control')).toBe('no-store');
      expect(await r.json()).toEqual({ ok: true, value: { version: '0.0.0-test', dataDir, schemaVersion: MIGRATIONS.length, damage: null } });
    }
  });

  it('accepts an empty body as no input', async () => {
    expect(await (await api('branch.get', { body: '' })).json()).toEqual({ ok: true, value: null });
  });

  it('writes through the API like the IPC transport', async () => {
    const body = JSON.stringify({ name: '网页支部', parentOrg: '机关党委', fondsNo: '', groups: ['第一党小组'], committee: [] });
    const r = await api('branch.setup', { body, headers: { origin: base } });
    expect(await r.json()).toMatchObject({ ok: true, value: { name: '网页支部' } });
    expect(rows(core.db, 'SELECT name FROM branch')).toEqual([{ name: '网页支部' }]);
  });

  it.each<[string, (port: number) => string]>([
    ['another name', () => 'evil.com'],
    ['another name on our port', (port) => `evil.com:${port}`],
    ['a rebound name on our port', (port) => `attacker.example:${port}`],
    ['our address on another port', () => '127.0.0.1:1'],
    ['our address without the port', () => '127.0.0.1'],
    ['a name of the brief on our port', (port) => `evil.example:${port}`],
    ['a name that starts like ours', (port) => `localhost.evil.example:${port}`],
    ['a wildcard-DNS name of our address', (port) => `127.0.0.1.nip.io:${port}`],
    ['our host and port followed by a name', (port) => `127.0.0.1:${port}.evil.example`],
    ['our host and port with userinfo after it', (port) => `127.0.0.1:${port}@evil.example`],
    ['IPv6 loopback', (port) => `[::1]:${port}`],
    ['any address', (port) => `0.0.0.0:${port}`],
    ['another loopback address', (port) => `127.0.0.2:${port}`],
  ])('refuses a Host header naming %s with 421', async (_label, hostHeader) => {
    const headers = { host: hostHeader(host.port), cookie, 'content-type': 'application/json' };
    expect((await rawRequest({ path: '/', headers })).status).toBe(421);
    const apiCall = await rawRequest({ path: '/api/app.info', method: 'POST', headers, body: '{}' });
    expect(apiCall.status).toBe(421);
    expect(JSON.parse(apiCall.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  // http.request fills in a Host of its own when given none or an empty one: these go over a bare socket.
  it.each([
    ['no Host (HTTP/1.1: Node answers 400)', 'GET / HTTP/1.1\r\n', 400],
    ['an empty Host', 'GET / HTTP/1.1\r\nHost: \r\n', 421],
    ['no Host (HTTP/1.0)', 'GET / HTTP/1.0\r\n', 421],
    ['no Host on the API (HTTP/1.0)', 'POST /api/app.info HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: 2\r\n', 421],
  ])('refuses a request with %s', async (_label, head, status) => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(host.port, '127.0.0.1', () => socket.end(`${head}Cookie: ${cookie}\r\n\r\n{}`));
      let text = '';
      socket.on('data', (c) => (text += c));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer.split('\r\n')[0]).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    expect(answer).not.toContain('支部四本一档');
  });

  it('accepts localhost:PORT as Host', async () => {
    const r = await rawRequest({ path: '/', headers: { host: `localhost:${host.port}`, cookie } });
    expect(r.status).toBe(200);
    expect(r.body).toBe(INDEX_HTML);
  });

  it('refuses a cross-site Origin with 403 and does not run the method', async () => {
    const body = JSON.stringify({ name: '跨站', parentOrg: '跨站', fondsNo: '', groups: [], committee: [] });
    for (const origin of [
      'http://evil.com',
      `http://evil.com:${host.port}`,
      `https://127.0.0.1:${host.port}`,
      'null',
      'http://127.0.0.1',
      `http://127.0.0.1:${host.port + 1}`,
      `http://127.0.0.1:${host.port}.evil.example`,
      `http://localhost.evil.example:${host.port}`,
      `http://[::1]:${host.port}`,
      `http://127.0.0.1:${host.port}/`,
      'file://',
      'chrome-extension://abcdefghijklmnop',
      'app://ledger',
    ]) {
      const r = await api('branch.setup', { body, headers: { origin } });
      expect(r.status, origin).toBe(403);
      expect(await r.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(rows(core.db, "SELECT * FROM branch WHERE name = '跨站'")).toEqual([]);
  });

  it('only accepts POST on the API (405)', async () => {
    const r = await fetch(`${base}/api/x`, { headers: { cookie } });
    expect(r.status).toBe(405);
    expect((await fetch(`${base}/api/app.info`, { headers: { cookie } })).status).toBe(405);
  });

  it('refuses a body that is not JSON', async () => {
    const r = await api('app.info', { body: '{not json' });
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('JSON') } });
    const wrongType = await api('app.info', { headers: { 'content-type': 'text/plain' } });
    expect(wrongType.status).toBe(415);
  });

  it('returns a VALIDATION result (HTTP 200) for a bad body', async () => {
    const r = await api('records.create', { body: JSON.stringify({ type: 'branch-assembly', date: '2026-13-01', status: 'final' }) });
    expect(r.status).toBe(200);
    const json = (await r.json()) as Result<unknown>;
    expect(json).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(json.ok || json.error.fields?.map((f) => f.path)).toEqual(expect.arrayContaining(['date', 'data']));
    expect(rows(core.db, 'SELECT * FROM records')).toEqual([]);
  });

  it('answers an unknown method with UNKNOWN_METHOD', async () => {
    expect(await (await api('records.drop')).json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it.each([
    '/../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/..%2f..%2fetc%2fpasswd',
    '/assets/../../etc/passwd',
    '/%00',
    // encoded backslashes (a separator on Windows), double encoding, absolute paths
    '/%5c..%5c..%5cetc%5cpasswd',
    '/..%5c..%5c..%5cetc%5cpasswd',
    '/%2e%2e%5c%2e%2e%5cetc%5cpasswd',
    '/assets/..%5c..%5c..%5cetc%5cpasswd',
    '/%252e%252e/%252e%252e/etc/passwd',
    '/.%2e/.%2e/etc/passwd',
    '/etc/passwd',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    '/C:%5cWindows%5cwin.ini',
    '/index.html%00.js',
  ])('does not serve %s (404)', async (rawPath) => {
    const r = await rawRequest({ path: rawPath, headers: { host: `127.0.0.1:${host.port}`, cookie } });
    expect(r.status).toBe(404);
    expect(r.body).not.toContain('root:');
  });

  it('does not serve a sibling of the static dir', async () => {
    const sibling = `/../${path.basename(staticDir)}-secret.txt`;
    const r = await rawRequest({ path: sibling, headers: { host: `127.0.0.1:${host.port}`, cookie } });
    expect(r.status).toBe(404);
    expect(r.body).not.toContain('secret');
  });

  it('does not follow a symlink out of the build, and follows one inside it', async () => {
    const secret = path.join(path.dirname(staticDir), `${path.basename(staticDir)}-secret.txt`);
    const links = [path.join(staticDir, 'assets', 'leak.txt'), path.join(staticDir, 'up'), path.join(staticDir, 'assets', 'alias.js')];
    fs.symlinkSync(secret, links[0]!);
    fs.symlinkSync(path.dirname(staticDir), links[1]!, 'dir');
    fs.symlinkSync('app.js', links[2]!);
    try {
      for (const p of ['/assets/leak.txt', `/up/${path.basename(staticDir)}-secret.txt`, '/up/']) {
        const r = await rawRequest({ path: p, headers: { host: `127.0.0.1:${host.port}`, cookie } });
        expect(r.status, p).toBe(404);
        expect(r.body).not.toContain('secret');
      }
      expect((await rawRequest({ path: '/assets/alias.js', headers: { host: `127.0.0.1:${host.port}`, cookie } })).body).toBe('console.log(1)');
    } finally {
      for (const l of links) fs.rmSync(l, { force: true });
    }
  });

  const html = 'text/html; charset=utf-8';
  it.each<[string, string, string]>([
    ['GET', '/', html],
    ['GET', '/index.html', html],
    ['HEAD', '/', html],
    ['GET', '/?x=1', html],
    ['GET', '/assets/app.js', 'text/javascript; charset=utf-8'],
    ['GET', '/missing.html', 'text/plain; charset=utf-8'],
    ['POST', '/api/app.info', 'application/json; charset=utf-8'],
  ])('sends the CSP (and nosniff, DENY) with %s %s', async (method, p, type) => {
    const r = await rawRequest({ path: p, method, headers: { host: `127.0.0.1:${host.port}`, cookie, 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
    expect(r.headers['content-type']).toBe(type);
    expect(r.headers['content-security-policy']).toBe(CSP);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('DENY');
  });

  it('sends the CSP with refusals and the token redirect too', async () => {
    const refusals = [
      await rawRequest({ path: '/', headers: { host: `127.0.0.1:${host.port}` } }),
      await rawRequest({ path: '/', headers: { host: `evil.example:${host.port}`, cookie } }),
      await rawRequest({ path: new URL(host.link()).pathname + new URL(host.link()).search, headers: { host: `127.0.0.1:${host.port}` } }),
    ];
    expect(refusals.map((r) => r.status)).toEqual([403, 421, 302]);
    for (const r of refusals) expect(r.headers['content-security-policy']).toBe(CSP);
  });
});

describe('web host: every method needs the token', () => {
  const wrongToken = () => host.token.replace(/^./, (c) => (c === '0' ? '1' : '0'));
  /** Headers and query of a request that does not carry the token where the host takes it. */
  it.each<[string, () => { headers?: Record<string, string>; query?: string }]>([
    ['no token', () => ({})],
    ['a wrong cookie of the right length', () => ({ headers: { cookie: `${host.cookieName}=${wrongToken()}` } })],
    ['the token cut short', () => ({ headers: { cookie: `${host.cookieName}=${host.token.slice(0, -1)}` } })],
    ['the token with more after it', () => ({ headers: { cookie: `${host.cookieName}=${host.token}0` } })],
    ['an empty cookie', () => ({ headers: { cookie: `${host.cookieName}=` } })],
    ['the token under another cookie name', () => ({ headers: { cookie: `token=${host.token}` } })],
    ['the token under the old shared cookie name', () => ({ headers: { cookie: `bl_token=${host.token}` } })],
    ['the token under another port\'s cookie name', () => ({ headers: { cookie: `ledger_${host.port + 1}=${host.token}` } })],
    ['a one-time code as the cookie', () => ({ headers: { cookie: `${host.cookieName}=${new URL(host.link()).searchParams.get('c')}` } })],
    ['a wrong x-ledger-token', () => ({ headers: { 'x-ledger-token': wrongToken() } })],
    ['the token as a Bearer', () => ({ headers: { authorization: `Bearer ${host.token}` } })],
    ['the token in the query', () => ({ query: `?t=${host.token}` })],
    ['a one-time code in the query', () => ({ query: new URL(host.link()).search })],
  ])('refuses every method with %s (403, typed) and runs none', async (_label, request) => {
    const { headers = {}, query = '' } = request();
    const before = dbDigest(core.db);
    for (const method of METHOD_NAMES) {
      const r = await fetch(`${base}/api/${method}${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(VALID[method] ?? {}),
        redirect: 'manual',
      });
      expect(r.status, method).toBe(403);
      expect(await r.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/\p{Script=Han}/u) } });
    }
    expect(dbDigest(core.db)).toBe(before);
  });
});

describe('web host: sockets and sizes', () => {
  it('binds its server to 127.0.0.1 (IPv4) and nothing else', async () => {
    const listen = vi.spyOn(http.Server.prototype, 'listen');
    const other = await startHost({ dispatch: core.dispatch, staticDir });
    try {
      const server = listen.mock.contexts[0] as http.Server;
      expect(server.address()).toEqual({ address: '127.0.0.1', family: 'IPv4', port: other.port });
      expect(listen.mock.calls[0]?.[1]).toBe('127.0.0.1');
    } finally {
      listen.mockRestore();
      await other.close();
    }
  });

  it('answers a body over its limit with 413 and a typed VALIDATION (the rest dropped as it comes), and keeps serving', async () => {
    const small = await startHost({ dispatch: core.dispatch, staticDir, maxBodyBytes: 1024 * 1024 });
    const post = (body: string) =>
      fetch(`http://127.0.0.1:${small.port}/api/rules.update`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-ledger-token': small.token }, body });
    try {
      const before = dbDigest(core.db);
      for (const size of [1024 * 1024 + 1, 2 * 1024 * 1024, 10 * 1024 * 1024]) {
        const r = await post(JSON.stringify({ id: 'sanhui-yike', body: 'A'.repeat(size) }));
        expect(r.status, String(size)).toBe(413);
        expect(await r.json()).toEqual({ ok: false, error: { code: 'VALIDATION', message: '提交的内容过大' } });
      }
      expect(dbDigest(core.db)).toBe(before);
      // Under the limit the body reaches the schema.
      const under = await post(JSON.stringify({ id: 'sanhui-yike', body: 'A'.repeat(200_000) }));
      expect(under.status).toBe(200);
      expect(await under.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'body' }] } });
      expect(await (await post('{"id":"sanhui-yike","body":"一、本支部的制度。"}')).json()).toMatchObject({ ok: true });
    } finally {
      await small.close();
    }
  });
});
