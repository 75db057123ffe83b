import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY, isOwnBlobUrl, isTrustedUrl } from '../../electron/main/security.js';
import {
  MAIN_WINDOW_PREFERENCES,
  navigationAllowed,
  PDF_VIEWER_PREFERENCES,
  PRINT_WINDOW_PREFERENCES,
  windowOpenAction,
} from '../../electron/main/window-options.js';
import { staticPath } from '../../electron/host/server.js';
import { CSP, CSP_META } from '../../shared/csp.js';
import { REPO_ROOT } from '../fixtures/tmp.js';

/** URLs a page could ask to load, navigate to or open, and whether they are our own bundle. */
const URLS: [string, boolean][] = [
  ['app://ledger/index.html', true],
  ['app://ledger/x', true],
  ['app://ledger/assets/index-abc.js?v=1#top', true],
  [APP_ENTRY, true],
  // an empty port is no port; `..` stays inside our origin (the protocol serves only the build)
  ['app://ledger:/index.html', true],
  ['app://ledger/../../etc/passwd', true],
  ['app://evil/', false],
  ['app://ledger.evil/', false],
  ['app://evil.ledger/', false],
  ['app://ledger./', false],
  ['app://ledger%2eevil/', false],
  ['app://xn--ledger/', false],
  ['app://127.0.0.1/', false],
  ['app://[::1]/', false],
  ['app://user@ledger/', false],
  ['app://user:pass@ledger/', false],
  ['app://ledger@ledger/', false],
  ['app://ledger\\@evil/', false],
  ['app://evil#@ledger/', false],
  ['app://ledger:80/', false],
  ['app://ledger:0/', false],
  ['app:ledger/index.html', false],
  ['app:///ledger/index.html', false],
  ['http://ledger/', false],
  ['https://ledger/index.html', false],
  ['http://localhost/', false],
  ['http://localhost:5173/', false],
  ['http://127.0.0.1:5173/', false],
  ['ws://ledger/', false],
  ['file:///etc/passwd', false],
  ['file://ledger/index.html', false],
  ['javascript:alert(1)', false],
  ['data:text/html,<script>alert(1)</script>', false],
  ['blob:app://ledger/0f6c3f5e', false],
  ['about:blank', false],
  ['chrome://settings', false],
  ['devtools://devtools/bundled/inspector.html', false],
  ['', false],
  ['not a url', false],
  ['//ledger/index.html', false],
];

describe('isTrustedUrl', () => {
  it.each(URLS)('%s → %s', (url, trusted) => {
    expect(isTrustedUrl(url)).toBe(trusted);
  });
});

describe('navigation', () => {
  it.each(URLS)('to %s is allowed: %s', (url, allowed) => {
    expect(navigationAllowed(url)).toBe(allowed);
  });
});

describe('staticPath', () => {
  const root = path.resolve('/srv/renderer');

  it.each([
    ['/', path.join(root, 'index.html')],
    ['/index.html', path.join(root, 'index.html')],
    ['/assets/a.js', path.join(root, 'assets', 'a.js')],
    ['/assets/%E5%9B%BE.png', path.join(root, 'assets', '图.png')],
    ['/assets/../index.html', path.join(root, 'index.html')],
  ])('%s → a file inside the root', (url, expected) => {
    expect(staticPath(root, url)).toBe(expected);
  });

  it.each([
    '/../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/..%2f..%2fetc',
    '/%00',
    '/index.html%00.js',
    '/assets/../../x',
    // a sibling directory whose name starts with the root's name
    '/../renderer-evil/x',
    '/.',
    '/%E0%A4%A', // malformed percent-encoding
  ])('%s → null', (url) => {
    expect(staticPath(root, url)).toBeNull();
  });
});

/** What window.open may open: only a PDF our own page made (blob: of app://ledger). */
const BLOBS: [string, boolean][] = [
  ['blob:app://ledger/0f6c3f5e-1b7a-4c1e-9d55-1c2b3a4d5e6f', true],
  ['blob:app://evil/0f6c3f5e', false],
  ['blob:app://ledger.evil/0f6c3f5e', false],
  ['blob:app://ledger:1/0f6c3f5e', false],
  ['blob:https://ledger/0f6c3f5e', false],
  ['blob:http://localhost/0f6c3f5e', false],
  ['blob:http://127.0.0.1:5173/0f6c3f5e', false],
  ['blob:null/0f6c3f5e', false],
  ['blob:file:///0f6c3f5e', false],
  ['blob:blob:app://ledger/0f6c3f5e', false],
  ['BLOB:app://ledger/0f6c3f5e', false],
  ['blob:app://user@ledger/0f6c3f5e', false],
  ['app://ledger/index.html', false],
  ['file:///etc/passwd', false],
  ['javascript:alert(1)', false],
  ['data:application/pdf;base64,JVBERi0=', false],
  ['about:blank', false],
  ['https://example.com/', false],
];

describe('isOwnBlobUrl', () => {
  it.each(BLOBS)('%s → %s', (url, allowed) => {
    expect(isOwnBlobUrl(url)).toBe(allowed);
  });
});

describe('new windows', () => {
  // our own pages included: nothing but a PDF opens in a window of its own
  const pages = URLS.filter(([url]) => !url.startsWith('blob:')).map(([url]): [string, boolean] => [url, false]);
  it.each([...BLOBS, ...pages])('window.open(%s) allowed: %s', (url, allowed) => {
    const decision = windowOpenAction(url);
    if (!allowed) return expect(decision).toEqual({ action: 'deny' });
    // the PDF viewer: locked down like every window, and with no preload (no window.api in it)
    expect(decision).toEqual({ action: 'allow', overrideBrowserWindowOptions: { autoHideMenuBar: true, webPreferences: PDF_VIEWER_PREFERENCES } });
  });
});

describe('the Electron checklist (window-options.ts)', () => {
  it.each([
    ['main window', MAIN_WINDOW_PREFERENCES],
    ['PDF viewer window', PDF_VIEWER_PREFERENCES],
    ['PDF print window', PRINT_WINDOW_PREFERENCES],
  ])('%s: sandboxed, isolated, no Node, web security on, no <webview>, no insecure content', (_name, prefs) => {
    // the checklist: on …
    for (const key of ['contextIsolation', 'sandbox', 'webSecurity'] as const) expect(prefs[key], key).toBe(true);
    // … and off
    for (const key of ['nodeIntegration', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'webviewTag', 'allowRunningInsecureContent'] as const) {
      expect(prefs[key], key).toBe(false);
    }
    for (const key of ['preload', 'experimentalFeatures', 'enableBlinkFeatures', 'additionalArguments', 'session', 'partition']) {
      expect(prefs, key).not.toHaveProperty(key);
    }
  });

  it('the print window runs no JavaScript', () => {
    expect(PRINT_WINDOW_PREFERENCES.javascript).toBe(false);
  });

  it('main.ts and pdf.ts build every window from these, and register IPC through ipcCall', () => {
    const main = fs.readFileSync(path.join(REPO_ROOT, 'electron', 'main', 'main.ts'), 'utf8');
    const pdf = fs.readFileSync(path.join(REPO_ROOT, 'electron', 'main', 'pdf.ts'), 'utf8');
    expect(main).toContain('webPreferences: { ...MAIN_WINDOW_PREFERENCES, preload:');
    expect(pdf).toContain('webPreferences: { ...PRINT_WINDOW_PREFERENCES, session:');
    for (const source of [main, pdf]) {
      expect(source.match(/webPreferences:/g)?.length, 'one window per file').toBe(1);
      expect(source).not.toMatch(/sandbox:\s*false|contextIsolation:\s*false|nodeIntegration:\s*true|webSecurity:\s*false|webviewTag:\s*true/);
    }
    // both the app window and every other web contents: navigation and window.open decided by the pure functions
    expect(main.match(/setWindowOpenHandler\(\(\{ url \}\) => windowOpenAction\(url\)\)/g)?.length).toBe(2);
    expect(main.match(/setWindowOpenHandler\(/g)?.length).toBe(2);
    expect(main.match(/if \(!navigationAllowed\(url\)\) e\.preventDefault\(\)/g)?.length).toBe(2);
    expect(main.match(/will-navigate/g)?.length).toBe(2);
    expect(main).toMatch(/ipcMain\.handle\(channelOf\(method\),[^\n]*ipcCall\(c\.dispatch, event\.senderFrame\?\.url \?\? null, method, input\)/);
    expect(main.match(/ipcMain\.handle\(/g)?.length).toBe(1);
    expect(main).not.toContain('shell.openExternal');
  });

  it('the pure modules of main/ import no electron (they run under vitest)', () => {
    for (const file of ['security.ts', 'ipc.ts', 'window-options.ts']) {
      const code = fs.readFileSync(path.join(REPO_ROOT, 'electron', 'main', file), 'utf8');
      expect(code, file).not.toMatch(/from\s+['"]electron['"]|require\(['"]electron['"]\)/);
    }
  });
});

/** A policy as a map of directive → sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('Content-Security-Policy (shared/csp.ts)', () => {
  const header = directives(CSP);
  const meta = directives(CSP_META);

  it.each<[string, string[]]>([
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['connect-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ])('the header has %s %j', (name, sources) => {
    expect(header.get(name)).toEqual(sources);
  });

  it('allows no eval, no inline script, no remote host and no wildcard anywhere', () => {
    for (const [name, sources] of header) {
      expect(sources, name).not.toContain("'unsafe-eval'");
      expect(sources, name).not.toContain("'wasm-unsafe-eval'");
      for (const src of sources) expect(src, `${name} ${src}`).not.toMatch(/^\*|^https?:|^wss?:|^\*\.|\.[a-z]{2,}$/i);
    }
    expect(header.get('script-src')).not.toContain("'unsafe-inline'");
    // styles inline only (antd writes its styles at run time); images and fonts also from data:/blob: of the page
    expect(header.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(header.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(header.get('font-src')).toEqual(["'self'", 'data:']);
  });

  it('the meta tag has the same policy less frame-ancestors (which a meta tag may not carry)', () => {
    expect(meta.has('frame-ancestors')).toBe(false);
    expect(new Map([...header].filter(([name]) => name !== 'frame-ancestors'))).toEqual(meta);
    const indexHtml = fs.readFileSync(path.join(REPO_ROOT, 'renderer', 'index.html'), 'utf8');
    expect(indexHtml).toMatch(/<meta\s+http-equiv="Content-Security-Policy"\s+content="%BRANCH_LEDGER_CSP%"/);
  });
});
