/**
 * What is wrong (errors) or worth a second look (warnings) in a form, shown at
 * the fields. Issues are a function of the form's values, computed again on
 * every change, so a field's message goes as soon as its value is right. An
 * error shows once its field has been changed or a save was tried; a warning
 * shows whenever it holds. Problems only the core can find (a duplicate 身份证号)
 * stay at their field until it is changed.
 *
 * Paths are the dotted paths of FieldIssue (`data.motions.1.for`); nested
 * inputs read theirs through `useIssueAt`.
 */
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';
import type { FormInstance } from 'antd';
import type { FieldIssue } from '../../shared/result';

export interface Issue extends FieldIssue {
  level: 'error' | 'warning';
}

export const asErrors = (fields: readonly FieldIssue[]): Issue[] => fields.map((f) => ({ ...f, level: 'error' }));
export const asWarnings = (fields: readonly FieldIssue[]): Issue[] => fields.map((f) => ({ ...f, level: 'warning' }));

/** Form.Item props for a path: its message and colour, or nothing (antd shows its own). */
export interface ItemStatus {
  validateStatus?: 'error' | 'warning';
  help?: ReactNode;
}

type At = (path: string) => ItemStatus;
const IssueContext = createContext<At>(() => ({}));

/** Around a form's fields, so nested inputs find their status: `<IssuesProvider value={issues.at}>`. */
export const IssuesProvider = IssueContext.Provider;

/** The status of a path, for inputs nested in a form built by `useFormIssues`. */
export function useIssueAt(): At {
  return useContext(IssueContext);
}

/** Leaf paths of a partial values object, as antd's onValuesChange gives them. */
function leafPaths(v: unknown, prefix: string, out: string[]) {
  if (v && typeof v === 'object') {
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const).filter(([, x]) => x !== undefined) : Object.entries(v);
    if (entries.length === 0 && prefix) out.push(prefix);
    for (const [k, x] of entries) leafPaths(x, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out.push(prefix);
}

const related = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);

/** The form field name of an issue's dotted path (`data.motions.1.for` → ['data', 'motions', 1, 'for']). */
export const fieldName = (path: string) => path.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));

/** Bring the field of an issue into view (or the nearest field that holds it: a row of the attendance list). */
export function scrollToIssue(form: FormInstance, path: string) {
  const name = fieldName(path);
  for (let n = name.length; n > 0; n--) {
    if (form.getFieldInstance(name.slice(0, n))) return form.scrollToField(name.slice(0, n), { block: 'center' });
  }
}

export interface FormIssues<V> {
  /** Form.Item props for a path. */
  at: At;
  /** Give to the Form: recomputes the issues and notes what the user changed. */
  onValuesChange(changed: unknown, all: V): void;
  /** Values set by the form itself (opened, loaded): their warnings show at once, their errors once changed or saved. */
  refresh(values: V): void;
  /** A save is being tried: every error shows from now on. Returns the errors (the save goes ahead when there are none). */
  trySave(values: V): Issue[];
  /** Problems the core found (its FieldIssues): shown at their fields until those change. */
  setServer(fields: readonly FieldIssue[]): void;
}

/**
 * `compute(values)` gives every issue of the current values: the same checks
 * the core runs (the contract's schema, shared rules), plus warnings.
 */
export function useFormIssues<V>(compute: (values: V) => Issue[]): FormIssues<V> {
  const [issues, setIssues] = useState<Issue[]>([]);
  const [server, setServerState] = useState<Issue[]>([]);
  const touched = useRef<string[]>([]);
  const [tried, setTried] = useState(false);
  const computeRef = useRef(compute);
  computeRef.current = compute;

  const onValuesChange = useCallback((changed: unknown, all: V) => {
    const paths: string[] = [];
    leafPaths(changed, '', paths);
    touched.current = [...new Set([...touched.current, ...paths])];
    setServerState((s) => s.filter((i) => !paths.some((p) => related(p, i.path))));
    setIssues(computeRef.current(all));
  }, []);

  const trySave = useCallback(
    (values: V) => {
      const all = computeRef.current(values);
      setTried(true);
      setIssues(all);
      return all.filter((i) => i.level === 'error');
    },
    [],
  );

  const refresh = useCallback((values: V) => setIssues(computeRef.current(values)), []);

  const setServer = useCallback((fields: readonly FieldIssue[]) => setServerState(asErrors(fields.filter((f) => f.path))), []);

  const at = useCallback<At>(
    (path) => {
      const shown = (i: Issue) => i.path === path && (i.level === 'warning' || tried || touched.current.some((t) => related(t, path)));
      const error = server.find((i) => i.path === path) ?? issues.find((i) => i.level === 'error' && shown(i));
      if (error) return { validateStatus: 'error', help: error.message };
      const warning = issues.find((i) => i.level === 'warning' && shown(i));
      return warning ? { validateStatus: 'warning', help: warning.message } : {};
    },
    [issues, server, tried],
  );

  return { at, onValuesChange, refresh, trySave, setServer };
}
