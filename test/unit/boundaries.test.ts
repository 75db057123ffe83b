/**
 * Import boundaries (ARCHITECTURE.md): shared/ imports nothing platform-specific;
 * the renderer never imports electron/ or Node; core/ and host/ never import electron.
 * And the code is a tree: no import circle, type-only imports included (the linter's
 * import-x/no-cycle passes over those).
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

  it('no import circle anywhere in electron/, shared/ or renderer/, type-only imports included', () => {
    expect(circles(['electron', 'shared', 'renderer'])).toEqual([]);
  });

  it('the circle check sees a circle, through a type-only import too', () => {
    const dir = fs.mkdtempSync(path.join(root, 'shared', '.circle-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.ts'), "import type { B } from './b.js';\nexport type A = B[];\n");
      fs.writeFileSync(path.join(dir, 'b.ts'), "import { c } from './c.js';\nexport type B = typeof c;\n");
      fs.writeFileSync(path.join(dir, 'c.ts'), "import type { A } from './a.js';\nexport const c: A | null = null;\n");
      expect(circles([path.relative(root, dir)])).toEqual([['a.ts', 'b.ts', 'c.ts'].map((f) => path.relative(root, path.join(dir, f)))]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The import circles among the sources under `dirs` (Tarjan's strongly connected components), each as its files, sorted. */
function circles(dirs: string[]): string[][] {
  const files = dirs.flatMap(sources).filter((f) => !f.endsWith('.d.ts'));
  const known = new Set(files);
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const to: string[] = [];
    for (const spec of importsOf(fs.readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const base = path.resolve(path.dirname(file), spec).replace(/\.js$/, '');
      const hit = [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((c) => known.has(c));
      if (hit) to.push(hit);
    }
    edges.set(file, to);
  }
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v)!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(path.relative(root, w));
    } while (w !== v);
    // a file importing itself is a circle too
    if (component.length > 1 || edges.get(v)!.includes(v)) found.push(component.sort());
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return found;
}
