/**
 * Unsaved changes. Every form that edits something registers here while it is
 * open (`useUnsavedChanges`), saying whether it differs from what it opened
 * with and how to save it. Whatever would leave it (a menu item, a link, Back,
 * closing its dialog, Esc) asks first, through `confirmLeave`: 保存 / 放弃修改 /
 * 继续编辑. Reloading or closing the window is refused by the browser's (or
 * Electron's) own question while anything is unsaved. Ctrl+S saves the form on
 * top. The question itself is drawn by <UnsavedDialog> (UnsavedDialog.tsx).
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';

export type LeaveChoice = 'save' | 'discard' | 'stay';

export interface UnsavedForm {
  /** What is being edited, for the question: 编辑人员：陈静. */
  title: string;
  /** Whether it differs from what it opened with (or last saved). */
  dirty(): boolean;
  /** Save it where it is (no navigation); resolves false when it could not be saved (the form shows why). */
  save?(): Promise<boolean>;
}

/** Open forms in the order they opened: the last is on top (a dialog over a page). */
const open: UnsavedForm[] = [];
let ask: ((form: UnsavedForm) => Promise<LeaveChoice>) | null = null;

/** The dialog host hands over how to ask (it owns the antd modal). */
export function setLeaveQuestion(fn: typeof ask) {
  ask = fn;
}

export function anyUnsaved(): boolean {
  return open.some((f) => f.dirty());
}

/** The changed form nearest the top that can be saved (Ctrl+S), if any. */
export function topSavable(): UnsavedForm | null {
  for (let i = open.length - 1; i >= 0; i--) if (open[i]!.save && open[i]!.dirty()) return open[i]!;
  return null;
}

/** May this form be left? Asks only when it is changed; 保存 saves it first. */
export async function confirmLeave(form: UnsavedForm): Promise<boolean> {
  if (!form.dirty()) return true;
  const choice = ask ? await ask(form) : window.confirm(`${form.title}有未保存的修改，确定放弃吗？`) ? 'discard' : 'stay';
  if (choice === 'discard') return true;
  if (choice === 'save' && form.save) return form.save();
  return false;
}

/** May every open form be left (navigation)? Asks for each changed one, the top first. */
export async function confirmLeaveAll(): Promise<boolean> {
  for (const f of [...open].reverse()) if (!(await confirmLeave(f))) return false;
  return true;
}

/**
 * Register the calling form while it is mounted. `dirty` and `save` are read
 * when asked, so they may close over the latest state. Returns `leave()`, for
 * the form's own 取消 / close / Esc: resolves true when it may close.
 */
export function useUnsavedChanges(o: UnsavedForm): { leave(): Promise<boolean> } {
  const latest = useRef(o);
  latest.current = o;
  const entry = useRef<UnsavedForm | null>(null);
  if (!entry.current) {
    entry.current = {
      get title() {
        return latest.current.title;
      },
      dirty: () => latest.current.dirty(),
      ...(o.save ? { save: () => latest.current.save!() } : {}),
    };
  }
  useEffect(() => {
    const e = entry.current!;
    open.push(e);
    return () => {
      const i = open.indexOf(e);
      if (i >= 0) open.splice(i, 1);
    };
  }, []);
  return { leave: () => confirmLeave(entry.current!) };
}

/** A form's values as one string: keys in order, undefined and missing keys the same. */
function canonical(v: unknown): string {
  return JSON.stringify(v ?? null, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).filter(([, y]) => y !== undefined).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0)))
      : x,
  );
}

/** Whether two sets of form values are the same as far as saving goes. */
export function sameValues(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/**
 * A form's onKeyDown: Enter in a box confirms it (a date, a name, a choice) and
 * never submits the whole form, half filled; Ctrl+S saves instead.
 */
export function enterNeverSubmits(e: KeyboardEvent) {
  if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') e.preventDefault();
}
