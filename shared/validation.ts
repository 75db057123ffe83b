/**
 * Field issues from a zod failure and from text no field keeps (scrubInput); used at the
 * API boundary and in the renderer's forms alike.
 */
import type { z } from 'zod';
import type { FieldIssue } from './result.js';
import { scrubText } from './text.js';

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

/** Deeper than any input of the contract: below this the schema refuses the shape anyway. */
const SCRUB_DEPTH = 64;

/**
 * Every string of an input through scrubText (shared/text.ts): the value with the
 * invisible controls dropped (a copy where anything changed; the input is left
 * alone), and an issue at each string that holds a character no text keeps. The
 * dispatcher runs it on every call before the method's schema, so no method, old
 * or new, can take such text; forms run it to show the problem at the field.
 */
export function scrubInput(input: unknown): { value: unknown; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const done = new Map<object, unknown>();
  const visit = (v: unknown, path: readonly (string | number)[]): unknown => {
    if (typeof v === 'string') {
      const r = scrubText(v);
      if (r.ok) return r.value;
      issues.push({ path: path.join('.'), message: r.message });
      return v;
    }
    if (typeof v !== 'object' || v === null || path.length >= SCRUB_DEPTH) return v;
    if (done.has(v)) return done.get(v);
    done.set(v, v); // a cycle (IPC's structured clone can carry one) meets the object as it is
    if (Array.isArray(v)) {
      let out: unknown[] | null = null;
      for (let i = 0; i < v.length; i++) {
        const x = visit(v[i], [...path, i]);
        if (x !== v[i]) (out ??= v.slice())[i] = x;
      }
      done.set(v, out ?? v);
      return out ?? v;
    }
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return v; // a Date, a Map …: the schema refuses it
    let out: Record<string, unknown> | null = null;
    for (const [k, x] of Object.entries(v)) {
      const y = visit(x, [...path, k]);
      if (y === x) continue;
      if (!out) {
        out = Object.create(proto as object | null) as Record<string, unknown>;
        // Own keys stay own keys (`__proto__` included), for the schema to refuse as before.
        for (const [k2, x2] of Object.entries(v)) Object.defineProperty(out, k2, { value: x2, enumerable: true, writable: true, configurable: true });
      }
      Object.defineProperty(out, k, { value: y, enumerable: true, writable: true, configurable: true });
    }
    done.set(v, out ?? v);
    return out ?? v;
  };
  const value = visit(input, []);
  return { value, issues };
}

export type ParsedInput<T> = { success: true; data: T } | { success: false; issues: FieldIssue[] };

/** An input read as the boundary reads it: every string scrubbed (scrubInput), then the schema. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): ParsedInput<z.output<S>> {
  const scrubbed = scrubInput(input);
  if (scrubbed.issues.length) return { success: false, issues: scrubbed.issues };
  const r = schema.safeParse(scrubbed.value);
  return r.success ? { success: true, data: r.data } : { success: false, issues: fieldIssues(r.error) };
}
