/** Turns a zod failure into field issues; used at the API boundary and in the renderer's forms alike. */
import type { z } from 'zod';
import type { FieldIssue } from './result.js';

export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** The one-line message for a failed validation, naming the first field at fault. */
export function validationMessage(fields: readonly FieldIssue[]): string {
  const first = fields[0];
  const where = first && first.path ? `（${first.path}）` : '';
  return `输入有误：${first?.message ?? '格式不正确'}${where}`;
}
