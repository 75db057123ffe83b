/** Turns a zod failure into field issues; used at the API boundary and in the renderer's forms alike. */
import type { z } from 'zod';
import type { FieldIssue } from './result.js';

export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** A problem with where it is, in words: 第2项表决的赞成票：票数应为整数; 请填写地点 (the message names it already). */
export function issueText(where: string | null, message: string): string {
  return where && !message.includes(where) ? `${where}：${message}` : message;
}

/**
 * The one-line message for a failed validation, naming the first field at
 * fault in words (`where` tells a path's name; without it, the message alone).
 * Never a code path.
 */
export function validationMessage(fields: readonly FieldIssue[], where: (path: string) => string | null = () => null): string {
  const first = fields[0];
  if (!first) return '输入有误：格式不正确';
  const more = fields.length > 1 ? `（另有${fields.length - 1}处）` : '';
  return `输入有误：${issueText(first.path ? where(first.path) : null, first.message)}${more}`;
}
