/**
 * Import boundaries (ARCHITECTURE.md): shared/ imports nothing platform-specific;
 * the renderer never imports electron/ or Node; core/ and host/ never import electron.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|tsx)$/.test(e.name)) out.push(p);
    }
  };
  walk(path.join(root, dir));
  return out;
}

/** Every module specifier of `import … from '…'`, `export … from '…'` and `import('…')`. */
function importsOf(code: string): string[] {
  const specs: string[] = [];
  for (const m of code.matchAll(/\b(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|\bimport\s+['"]([^'"]+)['"]/g)) {
    specs.push((m[1] ?? m[2] ?? m[3])!);
  }
  return specs;
}

function violations(dir: string, forbidden: (spec: string, resolved: string | null) => boolean) {
  const bad: string[] = [];
  for (const file of sources(dir)) {
    for (const spec of importsOf(fs.readFileSync(file, 'utf8'))) {
      const resolved = spec.startsWith('.') ? path.relative(root, path.resolve(path.dirname(file), spec)) : null;
      if (forbidden(spec, resolved)) bad.push(`${path.relative(root, file)} imports ${spec}`);
    }
  }
  return bad;
}

const isNode = (s: string) => s.startsWith('node:') || ['fs', 'path', 'os', 'child_process', 'crypto', 'http'].includes(s);
const under = (resolved: string | null, dir: string) => resolved !== null && (resolved === dir || resolved.startsWith(dir + path.sep));

describe('import boundaries', () => {
  it('finds the imports it is meant to check', () => {
    expect(importsOf(`import a from 'x';\nimport type { B } from "../y.js";\nexport { c } from './z.js';\nconst d = import('w');\nimport './s.css';`)).toEqual([
      'x',
      '../y.js',
      './z.js',
      'w',
      './s.css',
    ]);
  });

  it('shared/ imports only itself and pure libraries', () => {
    expect(
      violations('shared', (s, r) => s === 'electron' || isNode(s) || (r !== null && !under(r, 'shared')) || s === 'react' || s === 'antd'),
    ).toEqual([]);
  });

  it('the renderer never imports electron/ or Node', () => {
    expect(violations('renderer', (s, r) => s === 'electron' || isNode(s) || under(r, 'electron'))).toEqual([]);
  });

  it('core/ and host/ never import electron, main/ or the renderer', () => {
    const rule = (s: string, r: string | null) =>
      s === 'electron' || under(r, path.join('electron', 'main')) || under(r, 'renderer');
    expect([...violations(path.join('electron', 'core'), rule), ...violations(path.join('electron', 'host'), rule)]).toEqual([]);
  });

  it('core/ never reaches up into the transports', () => {
    expect(violations(path.join('electron', 'core'), (_s, r) => under(r, path.join('electron', 'host')) || under(r, path.join('electron', 'preload')))).toEqual([]);
  });
});
