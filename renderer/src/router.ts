/**
 * A hash router: enough for a desktop app with a handful of pages and no server routes.
 *
 * One store for the whole page: every change of the hash (a menu item, a link,
 * Back, `go`) passes through it, and while a form has unsaved changes it is
 * held until the user has answered 保存 / 放弃修改 / 继续编辑 (unsaved.ts). The
 * address bar (and the history) show the form meanwhile, and again if the user
 * stays: Back pressed and refused leaves one Back still to press, not two.
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

/**
 * Each history entry of the app carries its position (`ledgerIndex` in
 * history.state), so a change of the hash is told apart: a new entry (a link,
 * the menu, `go`) has none yet and sits right after the one shown; Back and
 * Forward land on one that has.
 */
const placeOf = (): number | undefined => (history.state as { ledgerIndex?: number } | null)?.ledgerIndex;
function stamp(place: number): number {
  history.replaceState({ ...((history.state as object | null) ?? {}), ledgerIndex: place }, '');
  return place;
}

let shown = currentHash();
let shownPlace = placeOf() ?? stamp(history.length - 1);
let route = parse(shown);
/** A hash the user has agreed to go to: it passes without asking again. */
let agreed: string | null = null;
let asking = false;
const listeners = new Set<() => void>();

function show(hash: string) {
  shown = hash;
  shownPlace = placeOf() ?? stamp(shownPlace + 1);
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
  // Back to the form while asking: a new entry is stepped back from (it stays ahead), Back or Forward undone.
  const place = placeOf() ?? stamp(shownPlace + 1);
  const delta = shownPlace - place;
  history.go(delta);
  if (asking) return;
  asking = true;
  try {
    if (await confirmLeaveAll()) {
      agreed = next;
      history.go(-delta);
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
