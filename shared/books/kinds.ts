/**
 * What each field kind means, one entry per kind: the value an empty form starts from and the
 * width of its column in a register (the workbook's 台账). A Record<FieldKind, …>: a kind
 * added to FieldKind without its entry does not compile. (Its zod schema, display text
 * and print placement are still switches of their own: schema.ts, print/display.ts,
 * print/record.ts.)
 */
import type { FieldDef, FieldKind } from './types.js';

export interface KindDef {
  /** The value an empty form starts from (`undefined`: nothing, the form asks for it). */
  empty: (f: FieldDef) => unknown;
  /** A register column's width in characters, when the register does not say. */
  width: (f: FieldDef) => number;
}

const text = (f: FieldDef) => ((f.max ?? 100) <= 30 ? 10 : 16);
const amount = (f: FieldDef) => (f.required ? undefined : null);

export const KINDS: Record<FieldKind, KindDef> = {
  text: { empty: () => '', width: text },
  textarea: { empty: () => '', width: () => 28 },
  date: { empty: () => '', width: () => 14 },
  month: { empty: () => '', width: () => 11 },
  time: { empty: () => '', width: () => 7 },
  number: { empty: amount, width: () => 8 },
  money: { empty: amount, width: () => 11 },
  select: { empty: () => '', width: () => 10 },
  multiselect: { empty: () => [], width: () => 14 },
  boolean: { empty: () => false, width: () => 7 },
  person: { empty: () => '', width: () => 9 },
  people: { empty: () => [], width: () => 14 },
  lines: { empty: (f) => (f.required ? [''] : []), width: () => 28 },
  table: { empty: () => [], width: () => 28 },
  object: { empty: (f): unknown => Object.fromEntries(f.columns!.map((c) => [c.key, KINDS[c.kind].empty(c)])), width: () => 14 },
  group: { empty: () => null, width: () => 14 },
  attendance: { empty: () => [], width: () => 14 },
  motions: { empty: () => [], width: () => 14 },
};
