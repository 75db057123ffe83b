/**
 * A hash router: enough for a desktop app with a handful of pages and no server routes.
 *
 * One store for the whole page: every change of the hash (a menu item, a link,
 * Back, `go`) passes through it, and while a form has unsaved changes it is
 * held until the user has answered 保存 / 放弃修改 / 继续编辑 (unsaved.ts). The
 * address bar shows the form meanwhile, and again if the user stays.
 */
import { useSyncExternalStore } from 'react';
import { anyUnsaved, confirmLeaveAll } from './unsaved';

export interface Route {
  path: string[];
  query: URLSearchParams;
}

const currentHash = () => window.location.hash || '#/';

function parse(hash: string): Route {
  const [p, qs] = hash.replace(/^#/, '').split('?');
  return { path: (p ?? '/').split('/').filter(Boolean), query: new URLSearchParams(qs ?? '') };
}

let shown = currentHash();
let route = parse(shown);
/** A hash the user has agreed to go to: it passes without asking again. */
let agreed: string | null = null;
let asking = false;
const listeners = new Set<() => void>();

function show(hash: string) {
  shown = hash;
  route = parse(hash);
  for (const l of listeners) l();
}

async function onHashChange() {
  const next = currentHash();
  if (next === shown) return;
  if (next === agreed || !anyUnsaved()) {
    agreed = null;
    return show(next);
  }
  // Put the form's address back while asking (replaceState fires no hashchange).
  history.replaceState(history.state, '', shown);
  if (asking) return;
  asking = true;
  try {
    if (await confirmLeaveAll()) {
      agreed = next;
      window.location.hash = next;
    }
  } finally {
    asking = false;
  }
}
window.addEventListener('hashchange', () => void onHashChange());

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, () => route);
}

export function go(path: string) {
  window.location.hash = path;
}

/** Show another address for the page in view without a new history entry and without asking (a new record once saved). */
export function replace(path: string) {
  const hash = `#${path}`;
  history.replaceState(history.state, '', hash);
  show(hash);
}
