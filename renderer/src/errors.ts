import type { FormInstance } from 'antd';
import type { ErrorCode, FieldIssue } from '../../shared/result';
import { ApiCallError } from './api';
import { fieldName } from './formIssues';

/** Put field issues next to their fields (a form checked by antd's rules): `groups.0.name` is the form name ['groups', 0, 'name']. */
export function markFields(form: FormInstance, fields: readonly FieldIssue[]) {
  form.setFields(fields.filter((f) => f.path).map((f) => ({ name: fieldName(f.path), errors: [f.message] })));
}

/** Errors whose (long) message must stay up until it is read: nothing was saved, and the user has to act. */
const LASTING: ReadonlySet<ErrorCode> = new Set(['DISK_FULL', 'READ_ONLY']);
/** Seconds a lasting message stays (antd's default is 3). */
const LASTING_SECONDS = 15;

/**
 * Show a failed call: the message in a toast (`message.error` takes the
 * duration), and its field issues to `onFields` (a form's `issues.setServer`,
 * or `(f) => markFields(form, f)` for a form checked by antd's rules).
 */
export function showError(e: unknown, toast: (msg: string, seconds?: number) => void, onFields?: (fields: readonly FieldIssue[]) => void) {
  if (e instanceof ApiCallError) {
    onFields?.(e.fields);
    if (LASTING.has(e.error.code)) toast(e.message, LASTING_SECONDS);
    else toast(e.message);
    return;
  }
  toast(`操作失败：${(e as Error)?.message ?? String(e)}`);
}
