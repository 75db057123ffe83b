/**
 * The web host's limits: two instances side by side, idle and half-open connections,
 * and hostile bodies (their shape judged before JSON.parse builds anything).
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES, MAX_THUMB_BYTES } from '../../electron/core/attachments/service.js';
import type { Dispatch } from '../../shared/result.js';
import { MAX_BODY_BYTES, MAX_JSON_DEPTH, MAX_JSON_VALUES, scanJson, startHost, type Host } from '../../electron/host/server.js';
import { makeTempDir, removeDir } from '../fixtures/tmp.js';

let staticDir: string;
/** What the stub dispatch was last given. */
let received: { method: string; input: unknown } | null = null;
const dispatch: Dispatch = async (method, input) => {
  received = { method, input };
  return { ok: true, value: method };
};

beforeAll(() => {
  staticDir = makeTempDir('host-limits-static');
});
afterAll(() => removeDir(staticDir));

/** A browser's cookie jar for 127.0.0.1: cookies do not tell ports apart. */
class Jar {
  readonly cookies = new Map<string, string>();
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async open(link: string) {
    const r = await fetch(link, { redirect: 'manual', headers: { cookie: this.header() } });
    const set = r.headers.get('set-cookie');
    if (set) {
      const [pair] = set.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    return r.status;
  }
  call(host: Host, method: string, body = '{}') {
    return fetch(`http://127.0.0.1:${host.port}/api/${method}`, { method: 'POST', headers: { cookie: this.header(), 'content-type': 'application/json' }, body });
  }
}

describe('web host: two instances', () => {
  it('keep two sessions in one browser apart: opening the second does not log out the first', async () => {
    const a = await startHost({ dispatch, staticDir });
    const b = await startHost({ dispatch, staticDir });
    try {
      expect(a.cookieName).not.toBe(b.cookieName);
      const jar = new Jar();
      expect(await jar.open(a.link())).toBe(302);
      expect((await jar.call(a, 'app.info')).status).toBe(200);
      expect(await jar.open(b.link())).toBe(302);
      expect(jar.cookies.size).toBe(2);
      for (let i = 0; i < 3; i++) {
        for (const h of [a, b]) expect((await jar.call(h, 'app.info')).status, `port ${h.port}`).toBe(200);
      }
      // Each cookie opens its own instance only.
      const onlyA = `${a.cookieName}=${a.token}`;
      const r = await fetch(`http://127.0.0.1:${b.port}/api/app.info`, { method: 'POST', headers: { cookie: onlyA, 'content-type': 'application/json' }, body: '{}' });
      expect(r.status).toBe(403);
      // A code of one instance does not open the other.
      expect(await new Jar().open(`http://127.0.0.1:${b.port}/${new URL(a.link()).search}`)).toBe(403);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

/** Open `n` sockets that send nothing (or, with `partial`, the start of a request and no more). */
async function idleSockets(port: number, n: number, partial = false): Promise<net.Socket[]> {
  const sockets: net.Socket[] = [];
  await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<void>((resolve) => {
          const s = net.connect(port, '127.0.0.1', () => {
            if (partial) s.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `);
            resolve();
          });
          s.on('error', () => resolve());
          s.on('close', () => resolve());
          sockets.push(s);
        }),
    ),
  );
  return sockets;
}

describe('web host: connections', () => {
  let host: Host;
  let jar: Jar;
  beforeAll(async () => {
    host = await startHost({ dispatch, staticDir });
    jar = new Jar();
    await jar.open(host.link());
  });
  afterAll(() => host.close());

  it('holds at most 16 unauthenticated connections: hundreds of idle and half-sent ones do not starve a real call', async () => {
    // An authenticated keep-alive connection first (fetch keeps it), then the flood.
    expect((await jar.call(host, 'app.info')).status).toBe(200);
    const flood = [...(await idleSockets(host.port, 400)), ...(await idleSockets(host.port, 200, true))];
    try {
      await new Promise((r) => setTimeout(r, 50));
      const held = host.connections();
      expect(held.unauthenticated).toBeLessThanOrEqual(16);
      expect(held.total).toBeLessThanOrEqual(64);
      const t0 = performance.now();
      const r = await jar.call(host, 'app.info');
      const ms = performance.now() - t0;
      expect(r.status).toBe(200);
      expect(ms).toBeLessThan(1_000);
      const closed = flood.filter((s) => s.destroyed || s.readyState === 'closed').length;
      console.log(`[host limits] 600 idle/half-sent sockets opened: held ${JSON.stringify(held)}, ${closed} closed by the host, a real call took ${ms.toFixed(1)} ms`);
    } finally {
      for (const s of flood) s.destroy();
    }
  });

  it('closes, within seconds, a connection that sends nothing, stops mid-header or drips headers', async () => {
    const t0 = performance.now();
    const closedAfter = (first: string | null, drip: boolean) =>
      new Promise<number>((resolve) => {
        const s = net.connect(host.port, '127.0.0.1', () => first && s.write(first));
        const timer = drip ? setInterval(() => s.write('X-Drip: 1\r\n'), 300) : undefined;
        s.on('error', () => {});
        s.on('close', () => {
          clearInterval(timer);
          resolve(performance.now() - t0);
        });
      });
    const times = await Promise.all([
      closedAfter(null, false),
      closedAfter(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n`, false),
      closedAfter('GET / HTTP/1.1\r\n', true),
    ]);
    console.log(`[host limits] silent / half-header / dripping sockets closed after ${times.map((t) => (t / 1000).toFixed(1)).join(' / ')} s`);
    for (const t of times) expect(t).toBeLessThan(8_000);
  }, 15_000);

  it('holds at most 64 in all: a flood of authenticated keep-alive connections leaves room for a new one', async () => {
    const agents = await Promise.all(
      Array.from({ length: 100 }, async () => {
        // each a raw keep-alive connection that authenticated once and then sits idle
        const s = await idleSockets(host.port, 1);
        s[0]!.write(`POST /api/app.info HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: ${jar.header()}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`);
        return s[0]!;
      }),
    );
    try {
      await new Promise((r) => setTimeout(r, 200));
      expect(host.connections().total).toBeLessThanOrEqual(64);
      const t0 = performance.now();
      expect((await new Jar().open(host.link())) === 302 && (await jar.call(host, 'app.info')).status).toBe(200);
      expect(performance.now() - t0).toBeLessThan(1_000);
    } finally {
      for (const s of agents) s.destroy();
    }
  });
});

describe('scanJson', () => {
  it.each<[string, string, ReturnType<typeof scanJson>]>([
    ['an object', '{"a":1,"b":[true,false,null],"c":"x"}', { ok: true }],
    ['nothing', '', { ok: true }],
    ['brackets inside a string', JSON.stringify({ a: '[[[[{{{{'.repeat(100) }), { ok: true }],
    ['escaped quotes inside a string', JSON.stringify({ a: 'say "[[[" and \\"{{{' }), { ok: true }],
    ['an escaped quote followed by 100 brackets', JSON.stringify({ a: `"${'['.repeat(100)}` }), { ok: true }],
    ['escaped quotes and commas past the value limit', JSON.stringify({ a: '",1,'.repeat(2000) }), { ok: true }],
    ['a run of escaped backslashes and quotes', JSON.stringify({ a: '\\\\"\\"[['.repeat(100) }), { ok: true }],
    ['an escaped backslash before the closing quote', '{"a":"x\\\\","b":[1]}', { ok: true }],
    ['a string that never ends', '{"a":"x\\"}', { ok: false, reason: 'invalid' }],
    ['closing more than opened', ']]][[[', { ok: false, reason: 'invalid' }],
    ['depth 64', '['.repeat(64) + ']'.repeat(64), { ok: true }],
    ['depth 65', '['.repeat(65) + ']'.repeat(65), { ok: false, reason: 'depth' }],
  ])('%s', (_label, text, shape) => {
    expect(scanJson(text, 64, 1000)).toEqual(shape);
  });

  it('counts values (keys, strings, numbers, literals, containers) up to the limit', () => {
    expect(scanJson(`[${'0,'.repeat(998)}0]`, 64, 1000)).toEqual({ ok: true }); // 1 + 999
    expect(scanJson(`[${'0,'.repeat(999)}0]`, 64, 1000)).toEqual({ ok: false, reason: 'count' });
    // an object counts itself, each key and each value: 1 + 2 × 499 + 2 = 1001
    expect(scanJson(`{${'"k":-1.5e3,'.repeat(498)}"k":1}`, 64, 1000)).toEqual({ ok: true });
    expect(scanJson(`{${'"k":-1.5e3,'.repeat(499)}"k":1}`, 64, 1000)).toEqual({ ok: false, reason: 'count' });
  });
});

describe('web host: hostile bodies', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost({ dispatch, staticDir });
  });
  afterAll(() => host.close());

  const post = (body: string) =>
    fetch(`http://127.0.0.1:${host.port}/api/attachments.add`, { method: 'POST', headers: { 'x-ledger-token': host.token, 'content-type': 'application/json' }, body });

  it('derives its body limit from the largest attachment and thumbnail', () => {
    expect(MAX_BODY_BYTES).toBe(Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + Math.ceil(MAX_THUMB_BYTES / 3) * 4 + 256 * 1024);
    expect(MAX_BODY_BYTES).toBeLessThan(32 * 1024 * 1024);
  });

  const pdf = Buffer.alloc(MAX_ATTACHMENT_BYTES, 0x41);
  pdf.write('%PDF-1.4\n');
  const largestAttachment = () =>
    JSON.stringify({ recordId: 1, name: '会议照片（最大）.pdf', base64: pdf.toString('base64'), thumbBase64: Buffer.alloc(MAX_THUMB_BYTES, 7).toString('base64') });

  it.each<[string, number, string | null, () => string]>([
    // 22 M empty objects (63 MB) scaled down to what fits under the limit: ~10 M, refused at the 200,001st value
    ['10 M empty objects (30 MB)', 413, '项数过多', () => `[${'{},'.repeat(10_000_000 - 1)}{}]`],
    ['300,000 numbers', 413, '项数过多', () => `[${'1,'.repeat(299_999)}1]`],
    ['10 M-deep nesting', 400, '层级过深', () => '['.repeat(10_000_000) + ']'.repeat(10_000_000)],
    ['10 M-deep objects', 400, '层级过深', () => '{"a":'.repeat(5_000_000) + '1' + '}'.repeat(5_000_000)],
    ['over the byte limit', 413, '过大', () => JSON.stringify({ base64: 'A'.repeat(MAX_BODY_BYTES) })],
    ['brackets and escaped quotes in strings (must not count)', 200, null, () => JSON.stringify({ name: '[{"\\'.repeat(2_000_000), base64: '\\"[[[{{{'.repeat(500_000) })],
    ['64 levels of nesting', 200, null, () => JSON.stringify(Array.from({ length: 63 }).reduce<unknown>((inner) => [inner], []))],
    ['200,000 values', 200, null, () => `[${'0,'.repeat(MAX_JSON_VALUES - 2)}0]`],
    ['the largest attachment (20 MB file, 2 MB thumbnail, base64)', 200, null, largestAttachment],
  ])('%s → %i', async (_label, status, words, make) => {
    const body = make();
    received = null;
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const r = await post(body);
    const answer = (await r.json()) as { ok: boolean; error?: { code: string; message: string } };
    const ms = performance.now() - t0;
    const heapMb = (process.memoryUsage().heapUsed - heap0) / 1024 / 1024;
    console.log(`[host limits] ${_label}: ${(body.length / 1e6).toFixed(1)} MB → ${r.status} in ${ms.toFixed(0)} ms, heap +${heapMb.toFixed(0)} MB`);
    expect(r.status).toBe(status);
    if (words === null) {
      expect(answer).toEqual({ ok: true, value: 'attachments.add' });
      expect(received).not.toBeNull();
    } else {
      expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining(words) } });
      expect(received).toBeNull();
    }
    expect(ms).toBeLessThan(5_000);
  });

  it('hands the largest attachment to the method intact', async () => {
    const body = largestAttachment();
    received = null;
    expect((await post(body)).status).toBe(200);
    expect((received!.input as { base64: string }).base64).toBe(pdf.toString('base64'));
    expect(MAX_JSON_DEPTH).toBe(64);
  });
});
