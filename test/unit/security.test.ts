import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY, isOwnBlobUrl, isTrustedUrl } from '../../electron/main/security.js';
import {
  mainWindowPreferences,
  navigationAllowed,
  pdfViewerPreferences,
  PRINT_WINDOW_PREFERENCES,
  windowOpenAction,
} from '../../electron/main/window-options.js';
import { servedFile, staticPath } from '../../electron/host/static.js';
import { CSP, CSP_META } from '../../shared/csp.js';
import { REPO_ROOT, useTempDir } from '../fixtures/tmp.js';

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

/** Where a frame may go besides our own pages: a PDF our page made, and (in a frame only) the built-in PDF viewer. */
const FRAMES: [string, { main: boolean; sub: boolean }][] = [
  ['blob:app://ledger/0f6c3f5e-1b7a-4c1e-9d55-1c2b3a4d5e6f', { main: true, sub: true }],
  ['blob:app://evil/0f6c3f5e', { main: false, sub: false }],
  ['chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html', { main: false, sub: true }],
  ['chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai:1/index.html', { main: false, sub: false }],
  ['chrome-extension://x@mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html', { main: false, sub: false }],
  ['chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/index.html', { main: false, sub: false }],
  ['chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai.evil/index.html', { main: false, sub: false }],
  ['https://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html', { main: false, sub: false }],
  ['about:srcdoc', { main: false, sub: false }],
];

describe('navigation (will-navigate, will-frame-navigate, will-redirect)', () => {
  it.each(URLS.filter(([u]) => !u.startsWith('blob:')))('to %s is allowed: %s, in a page and in a frame', (url, allowed) => {
    expect(navigationAllowed(url)).toBe(allowed);
    expect(navigationAllowed(url, false)).toBe(allowed);
  });

  it.each(FRAMES)('to %s: %o', (url, { main, sub }) => {
    expect(navigationAllowed(url, true)).toBe(main);
    expect(navigationAllowed(url, false)).toBe(sub);
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

describe('servedFile (the web host and the app:// protocol)', () => {
  const tmp = useTempDir('served-');
  /** A renderer build with a file, a folder, links in and out of it, a FIFO, and a secret beside it. */
  function build() {
    const root = path.join(tmp(), 'renderer');
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<p>');
    fs.writeFileSync(path.join(root, 'assets', 'a.js'), '1');
    const outside = path.join(tmp(), 'secret');
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'ledger.db'), 'x');
    // a link to a file outside, and a folder link (a junction's effect) leading out
    fs.symlinkSync(path.join(outside, 'ledger.db'), path.join(root, 'db.js'));
    fs.symlinkSync(outside, path.join(root, 'assets', 'out'), 'dir');
    // a sibling folder named like the build: a prefix check alone would let it through
    fs.mkdirSync(path.join(tmp(), 'renderer-evil'));
    fs.writeFileSync(path.join(tmp(), 'renderer-evil', 'x.js'), 'x');
    fs.symlinkSync(path.join(tmp(), 'renderer-evil', 'x.js'), path.join(root, 'sibling.js'));
    // links that stay inside are followed
    fs.symlinkSync(path.join(root, 'assets', 'a.js'), path.join(root, 'alias.js'));
    fs.symlinkSync(path.join(root, 'assets'), path.join(root, 'more'), 'dir');
    // a loop, a dangling link, and a FIFO
    fs.symlinkSync(path.join(root, 'loop2'), path.join(root, 'loop1'));
    fs.symlinkSync(path.join(root, 'loop1'), path.join(root, 'loop2'));
    fs.symlinkSync(path.join(root, 'gone'), path.join(root, 'dangling.js'));
    expect(spawnSync('mkfifo', [path.join(root, 'pipe.js')]).status).toBe(0);
    return root;
  }

  it('serves regular files inside the build, through links that stay inside', () => {
    const root = build();
    const real = fs.realpathSync(root);
    expect(servedFile(root, '/')).toBe(path.join(real, 'index.html'));
    expect(servedFile(root, '/assets/a.js')).toBe(path.join(real, 'assets', 'a.js'));
    expect(servedFile(root, '/alias.js')).toBe(path.join(real, 'assets', 'a.js'));
    expect(servedFile(root, '/more/a.js')).toBe(path.join(real, 'assets', 'a.js'));
  });

  it.each([
    '/db.js',
    '/assets/out/ledger.db',
    '/assets/out/../out/ledger.db',
    '/sibling.js',
    '/../renderer-evil/x.js',
    '/%2e%2e/secret/ledger.db',
    '/assets',
    '/assets/',
    '/loop1',
    '/dangling.js',
    '/pipe.js',
    '/missing.js',
    '/index.html%00',
  ])('%s → nothing', (url) => {
    expect(servedFile(build(), url)).toBeNull();
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
    for (const packaged of [true, false]) {
      const decision = windowOpenAction(url, packaged);
      if (!allowed) {
        expect(decision).toEqual({ action: 'deny' });
        continue;
      }
      // the PDF viewer: locked down like every window, and with no preload (no window.api in it)
      expect(decision).toEqual({ action: 'allow', overrideBrowserWindowOptions: { autoHideMenuBar: true, webPreferences: pdfViewerPreferences(packaged) } });
    }
  });
});

describe('the Electron checklist (window-options.ts)', () => {
  it.each([
    ['main window', mainWindowPreferences(true)],
    ['main window (npm start)', mainWindowPreferences(false)],
    ['PDF viewer window', pdfViewerPreferences(true)],
    ['PDF viewer window (npm start)', pdfViewerPreferences(false)],
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

  it('DevTools: off in every window of the installed app, on in a developer\'s build (npm start), never in the print window', () => {
    expect(mainWindowPreferences(true).devTools).toBe(false);
    expect(pdfViewerPreferences(true).devTools).toBe(false);
    expect(PRINT_WINDOW_PREFERENCES.devTools).toBe(false);
    expect(mainWindowPreferences(false).devTools).toBe(true);
    expect(pdfViewerPreferences(false).devTools).toBe(true);
  });

  it('main.ts and pdf.ts build every window from these, and register IPC through ipcCall', () => {
    const read = (f: string) => fs.readFileSync(path.join(REPO_ROOT, 'electron', 'main', f), 'utf8');
    const [main, pdf, lockdown] = ['main.ts', 'pdf.ts', 'lockdown.ts'].map(read) as [string, string, string];
    expect(main).toContain('webPreferences: { ...mainWindowPreferences(app.isPackaged), preload:');
    expect(pdf).toContain('webPreferences: { ...PRINT_WINDOW_PREFERENCES, session:');
    for (const source of [main, pdf]) {
      expect(source.match(/webPreferences:/g)?.length, 'one window per file').toBe(1);
      expect(source).not.toMatch(/sandbox:\s*false|contextIsolation:\s*false|nodeIntegration:\s*true|webSecurity:\s*false|webviewTag:\s*true|devTools:\s*true/);
    }
    // every web contents (the app window among them): navigation of every kind and window.open decided by the pure functions
    expect(main).toContain("app.on('web-contents-created', (_e, contents) => lockContents(contents));");
    expect(lockdown).toContain('contents.setWindowOpenHandler(({ url }) => windowOpenAction(url, app.isPackaged));');
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) expect(lockdown, event).toMatch(new RegExp(`'${event}', \\(e\\) => \\{\\n\\s+if \\(!navigationAllowed\\(e\\.url`));
    // the default session and the print windows' session grant no permission, asked or checked
    expect(lockdown).toMatch(/setPermissionRequestHandler\(\(_wc, _perm, cb\) => cb\(false\)\);\n\s+s\.setPermissionCheckHandler\(\(\) => false\);/);
    expect(main).toContain('lockSession(session.defaultSession);');
    expect(pdf).toContain('lockSession(s);');
    // app:// serves by the web host's rule: regular files inside the build, links resolved
    expect(main).toContain('servedFile(paths.renderer, u.pathname)');
    expect(main).not.toContain('staticPath');
    expect(main).toContain('if (!app.requestSingleInstanceLock()) {');
    expect(main).toMatch(/ipcMain\.handle\(channelOf\(method\),[^\n]*ipcCall\(c\.dispatch, event\.senderFrame\?\.url \?\? null, method, input\)/);
    expect(main.match(/ipcMain\.handle\(/g)?.length).toBe(1);
    expect(main).not.toContain('shell.openExternal');
  });

  it('the pure modules of main/ import no electron (they run under vitest)', () => {
    for (const file of ['security.ts', 'ipc.ts', 'window-options.ts', 'paths.ts', 'window-state.ts']) {
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
