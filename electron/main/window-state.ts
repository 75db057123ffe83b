/**
 * The main window opens where it was last closed: its size and position kept in a small file
 * beside Electron's profile, and checked against the screens there are now (a laptop taken off
 * its second monitor must not open the window out of sight). No electron import: tested in
 * test/unit/window-state.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../core/folders.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where the window opens: no x/y means centred on the primary screen. */
export interface WindowPlace {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const WINDOW_DEFAULT: WindowPlace = { width: 1280, height: 860, maximized: false };
export const WINDOW_MIN = { width: 960, height: 640 } as const;
/** How much of the window's title bar must lie on a screen for the saved place to be kept: enough to grab it. */
const GRIP = { width: 120, height: 40 } as const;

const int = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/** The saved place as written by saveWindowPlace, or null for anything else (a missing, partial or hand-edited file). */
export function parseWindowPlace(text: string): WindowPlace | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  if (!int(o.x) || !int(o.y) || !int(o.width) || !int(o.height) || typeof o.maximized !== 'boolean') return null;
  if (o.width <= 0 || o.height <= 0) return null;
  return { x: o.x, y: o.y, width: o.width, height: o.height, maximized: o.maximized };
}

const overlap = (a: Rect, b: Rect) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/**
 * Where to open, given the saved place and the work areas of today's screens: the saved place
 * when its title bar lies on a screen (shrunk to fit that screen, and moved onto it), else the
 * default size centred; maximized as it was either way.
 */
export function placeWindow(saved: WindowPlace | null, screens: readonly Rect[]): WindowPlace {
  if (!saved || saved.x === undefined || saved.y === undefined) return { ...WINDOW_DEFAULT, maximized: saved?.maximized ?? false };
  const titleBar: Rect = { x: saved.x, y: saved.y, width: saved.width, height: GRIP.height };
  const [screen] = screens
    .map((s) => ({ s, seen: overlap(titleBar, s) }))
    .filter((o) => o.seen >= Math.min(GRIP.width, saved.width) * GRIP.height)
    .sort((a, b) => b.seen - a.seen)
    .map((o) => o.s);
  if (!screen) return { ...WINDOW_DEFAULT, maximized: saved.maximized };
  const width = Math.max(Math.min(saved.width, screen.width), Math.min(WINDOW_MIN.width, screen.width));
  const height = Math.max(Math.min(saved.height, screen.height), Math.min(WINDOW_MIN.height, screen.height));
  const x = Math.min(Math.max(saved.x, screen.x), screen.x + screen.width - width);
  const y = Math.min(Math.max(saved.y, screen.y), screen.y + screen.height - height);
  return { x, y, width, height, maximized: saved.maximized };
}

export function readWindowPlace(file: string): WindowPlace | null {
  try {
    return parseWindowPlace(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Written whole or not at all (the core's writeFileAtomic): a crash leaves the last good place. */
export function saveWindowPlace(file: string, bounds: Rect, maximized: boolean): void {
  const place: WindowPlace = { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height, maximized };
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomic(file, JSON.stringify(place));
  } catch {
    // a window that cannot remember its place still closes
  }
}
