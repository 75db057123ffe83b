/**
 * Which file of the renderer build a URL path names: the one rule for both shells, the web
 * host's static files (server.ts) and the Electron window's app:// protocol (main/main.ts).
 */
import fs from 'node:fs';
import path from 'node:path';

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
 * The file to serve for a URL path: a regular file inside the renderer build once
 * links are resolved, or null. A symlink (or, on Windows, a junction) that leads out of
 * the build is not followed, nor is a directory, a FIFO or a device name (CON resolves
 * to \\.\CON, outside the build).
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
