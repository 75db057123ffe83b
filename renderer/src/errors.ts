import type { FormInstance } from 'antd';
import type { FieldIssue } from '../../shared/result';
import { ApiCallError } from './api';

/** Put field issues next to their fields: `data.motions.0.for` becomes the form name ['motions', 0, 'for']. */
export function markFields(form: FormInstance, fields: readonly FieldIssue[], prefix = 'data.') {
  form.setFields(
    fields
      .filter((f) => f.path)
      .map((f) => ({
        name: (f.path.startsWith(prefix) ? f.path.slice(prefix.length) : f.path)
          .split('.')
          .map((k) => (/^\d+$/.test(k) ? Number(k) : k)),
        errors: [f.message],
      })),
  );
}

/** Show a failed call: field issues next to their fields, the message in a toast. */
export function showError(e: unknown, toast: (msg: string) => void, form?: FormInstance, prefix = 'data.') {
  if (e instanceof ApiCallError) {
    if (form) markFields(form, e.fields, prefix);
    toast(e.message);
    return;
  }
  toast(`操作失败：${(e as Error)?.message ?? String(e)}`);
}
