import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY, isOwnBlobUrl, isTrustedUrl } from '../../electron/main/security.js';
import { staticPath } from '../../electron/host/server.js';

describe('isTrustedUrl', () => {
  it.each([
    ['app://ledger/index.html', true],
    ['app://ledger/x', true],
    ['app://ledger/assets/index-abc.js?v=1#top', true],
    [APP_ENTRY, true],
    ['app://evil/', false],
    ['app://ledger.evil/', false],
    ['app://evil.ledger/', false],
    ['app://user@ledger/', false],
    ['app://user:pass@ledger/', false],
    ['app://ledger:80/', false],
    ['http://ledger/', false],
    ['https://ledger/index.html', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['', false],
    ['not a url', false],
    ['//ledger/index.html', false],
  ])('%s → %s', (url, trusted) => {
    expect(isTrustedUrl(url)).toBe(trusted);
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

describe('isOwnBlobUrl', () => {
  it.each([
    ['blob:app://ledger/0f6c3f5e-1b7a-4c1e-9d55-1c2b3a4d5e6f', true],
    ['blob:app://evil/0f6c3f5e', false],
    ['blob:app://ledger.evil/0f6c3f5e', false],
    ['blob:https://ledger/0f6c3f5e', false],
    ['blob:app://user@ledger/0f6c3f5e', false],
    ['app://ledger/index.html', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
  ])('%s → %s', (url, allowed) => {
    expect(isOwnBlobUrl(url)).toBe(allowed);
  });
});
