/** The loopback web host, started for real on a real core, spoken to over HTTP. */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app.js';
import { MIGRATIONS } from '../../electron/core/db/migrations/index.js';
import { startHost, type Host } from '../../electron/host/server.js';
import type { Result } from '../../shared/result.js';
import { openTestCore, rows } from '../fixtures/core.js';
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
  cookie = `bl_token=${host.token}`;
});

afterAll(async () => {
  await host?.close();
  core?.close();
  removeDir(dataDir);
  fs.rmSync(path.join(path.dirname(staticDir), `${path.basename(staticDir)}-secret.txt`), { force: true });
  removeDir(staticDir);
});

describe('web host', () => {
  it('listens on 127.0.0.1 and prints a link carrying the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?t=${host.token}`);
    expect(host.token).toMatch(/^[0-9a-f]{48}$/);
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

  it('refuses a wrong link token', async () => {
    const r = await fetch(`${base}/?t=wrong`, { redirect: 'manual' });
    expect(r.status).toBe(403);
    expect(r.headers.get('set-cookie')).toBeNull();
  });

  it('trades the link token for an HttpOnly SameSite=Strict cookie and redirects to /', async () => {
    const r = await fetch(host.url, { redirect: 'manual' });
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe('/');
    const setCookie = r.headers.get('set-cookie')!;
    expect(setCookie).toContain(`bl_token=${host.token}`);
    expect(setCookie).toMatch(/;\s*HttpOnly/);
    expect(setCookie).toMatch(/;\s*SameSite=Strict/);
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
  ])('refuses a Host header naming %s with 421', async (_label, hostHeader) => {
    const headers = { host: hostHeader(host.port), cookie, 'content-type': 'application/json' };
    expect((await rawRequest({ path: '/', headers })).status).toBe(421);
    const apiCall = await rawRequest({ path: '/api/app.info', method: 'POST', headers, body: '{}' });
    expect(apiCall.status).toBe(421);
    expect(JSON.parse(apiCall.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('accepts localhost:PORT as Host', async () => {
    const r = await rawRequest({ path: '/', headers: { host: `localhost:${host.port}`, cookie } });
    expect(r.status).toBe(200);
    expect(r.body).toBe(INDEX_HTML);
  });

  it('refuses a cross-site Origin with 403 and does not run the method', async () => {
    const body = JSON.stringify({ name: '跨站', parentOrg: '跨站', fondsNo: '', groups: [], committee: [] });
    for (const origin of ['http://evil.com', `http://evil.com:${host.port}`, `https://127.0.0.1:${host.port}`, 'null']) {
      const r = await api('branch.setup', { body, headers: { origin } });
      expect(r.status, origin).toBe(403);
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
});
