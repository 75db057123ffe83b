/**
 * Builds the zod schema of a record's data from its definition: the same schema
 * checks the form in the renderer and the input at the API boundary.
 */
import { KINDS } from './kinds.js';
import { z } from 'zod';
import { datedProblem, type DateKind } from '../dates.js';
import type { FieldDef, RecordTypeDef } from './types.js';

// Messages zod writes itself (wrong types, unknown keys) in Chinese too.
z.config(z.locales.zhCN());

const DEFAULT_MAX = { text: 200, textarea: 50000, person: 40 } as const;

/** A date (YYYY-MM-DD) within the days of its kind (shared/dates.ts DATE_RANGES); out of them, the message names the field. */
export const dateIn = (kind: DateKind, label: string) =>
  z.string({ error: `请选择${label}` }).refine((s) => datedProblem(s, kind, label) === null, { error: (iss) => datedProblem(String(iss.input), kind, label) });
export const recordId = z.number({ error: '编号无效' }).int('编号无效').positive('编号无效');
const time = z.string({ error: '请填写时间' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 时:分，如 09:30');
const month = z.string({ error: '请选择月份' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 年-月，如 2026-03');

export const attendee = z.strictObject({
  personId: recordId,
  name: z.string().trim().min(1, '请填写姓名').max(40, '姓名不能超过40个字'),
  /** 正式/预备: Party members (正式 vote); 其他: everyone else at non-Party meetings. */
  membership: z.enum(['正式', '预备', '其他']),
  /** 职务 as printed next to the name, e.g. 书记 */
  title: z.string().trim().max(60, '职务不能超过60个字'),
  present: z.boolean(),
  absenceReason: z.string().trim().max(60, '缺席原因不能超过60个字'),
});

const count = z.number({ error: '请填写票数' }).int('票数应为整数').min(0, '票数不能为负').max(10000, '票数过大');
export const motion = z.strictObject({
  title: z.string().trim().min(1, '请填写表决事项').max(200, '表决事项不能超过200个字'),
  for: count,
  against: count,
  abstain: count,
});

export type Attendee = z.infer<typeof attendee>;
export type Motion = z.infer<typeof motion>;

/** The most characters a text field takes (its own max, else its kind's). */
export function textMax(f: FieldDef): number {
  return f.max ?? (f.kind === 'textarea' ? DEFAULT_MAX.textarea : f.kind === 'person' ? DEFAULT_MAX.person : DEFAULT_MAX.text);
}

function text(f: FieldDef, max: number) {
  const s = z.string({ error: `请填写${f.label}` }).trim().max(max, `${f.label}不能超过${max}个字`);
  return f.required ? s.min(1, `请填写${f.label}`) : s;
}

function decimalsOk(v: number, decimals: number) {
  return Math.abs(Math.round(v * 10 ** decimals) - v * 10 ** decimals) < 1e-6;
}

function number(f: FieldDef, decimals: number, defaultMax: number) {
  const min = f.min ?? 0;
  const max = f.max ?? defaultMax;
  const n = z
    .number({ error: `请填写${f.label}` })
    .min(min, `${f.label}不能小于${min}`)
    .max(max, `${f.label}不能大于${max}`)
    .refine((v) => decimalsOk(v, decimals), decimals ? `${f.label}最多${decimals}位小数` : `${f.label}应为整数`);
  return f.required ? n : n.nullable();
}

/** Optional: the value or ''. Required: '' is refused with a message naming the field. */
function orEmpty(f: FieldDef, s: z.ZodType<string, string>) {
  const verb = f.kind === 'time' ? '填写' : '选择';
  return f.required
    ? z.string({ error: `请${verb}${f.label}` }).min(1, `请${verb}${f.label}`).pipe(s)
    : z.string({ error: `${f.label}无效，请重新${verb}` }).refine((v) => v === '' || s.safeParse(v).success, {
        // The value's own problem (日期“2010.13.1”不存在), not a generic one.
        error: (iss) => s.safeParse(iss.input).error?.issues[0]?.message ?? `${f.label}无效，请重新${verb}`,
      });
}

/** Most characters of one line of a `lines` field (an 议题, a 列席人员) or a name of `people`. */
export const LINE_MAX = 200;

/** An unfilled value as a form leaves it: '', null, false, an empty list. */
function isBlank(v: unknown): boolean {
  return v === undefined || v === null || v === '' || v === false || (Array.isArray(v) && v.length === 0);
}

/** `draft`: the schema of a draft's field, which keeps the rows left empty (see dataSchema). */
export function fieldSchema(f: FieldDef, o: { draft?: boolean } = {}): z.ZodType {
  const draft = o.draft === true;
  switch (f.kind) {
    case 'text':
    case 'textarea':
    case 'person':
      return text(f, textMax(f));
    case 'date':
      // A field marked as a birth date (plausible: 'birthDate') has the days of one; every other date is a record's.
      return orEmpty(f, dateIn(f.plausible === 'birthDate' ? 'birth' : 'record', f.label));
    case 'month':
      return orEmpty(f, month);
    case 'time':
      return orEmpty(f, time);
    case 'number':
      return number(f, f.decimals ?? 0, 1_000_000);
    case 'money':
      return number(f, 2, 100_000_000);
    case 'select': {
      const e = z.enum(f.options as [string, ...string[]], { error: `请选择${f.label}` });
      return orEmpty(f, e);
    }
    case 'multiselect': {
      const a = z.array(z.enum(f.options as [string, ...string[]], { error: `${f.label}的选项无效` })).max(f.options!.length);
      return f.required ? a.min(1, `请选择${f.label}`) : a;
    }
    case 'boolean':
      return z.boolean({ error: `请选择${f.label}` });
    case 'people': {
      const item = z.string().trim().min(1, `${f.label}不能有空项`).max(LINE_MAX, `${f.label}每项不超过${LINE_MAX}个字`);
      const a = z.array(item).max(200, `${f.label}不超过200项`);
      return f.required ? a.min(1, `请至少填写一项${f.label}`) : a;
    }
    case 'lines': {
      const item = z.string().trim().max(LINE_MAX, `每项${f.label}不超过${LINE_MAX}个字`);
      const a = z.array(item).max(200, `${f.label}不超过200项`);
      // A draft keeps its empty rows (the form shows them again); a 定稿 drops them.
      if (draft) return a;
      return z.preprocess((v) => (Array.isArray(v) ? v.filter((x) => !(typeof x === 'string' && x.trim() === '')) : v), f.required ? a.min(1, `请至少填写一项${f.label}`) : a);
    }
    case 'table': {
      const cols = f.columns!;
      const row = z.strictObject(Object.fromEntries(cols.map((c) => [c.key, fieldSchema(c, o)])));
      const a = z.array(row).max(1000, `${f.label}不超过1000行`);
      if (draft) return a;
      const blank = (r: unknown) => !!r && typeof r === 'object' && cols.every((c) => isBlank((r as Record<string, unknown>)[c.key]));
      return z.preprocess((v) => (Array.isArray(v) ? v.filter((r) => !blank(r)) : v), f.required ? a.min(1, `请至少填写一行${f.label}`) : a);
    }
    case 'object':
      return z.strictObject(Object.fromEntries(f.columns!.map((c) => [c.key, fieldSchema(c, o)])));
    case 'group':
      return f.required ? z.number({ error: `请选择${f.label}` }).int().positive() : recordId.nullable();
    case 'attendance':
      return z.array(attendee).max(1000, '人数过多');
    case 'motions':
      return z.array(motion).max(30, '表决事项不超过30项');
  }
}

/** A field as a draft holds it: nothing is required (a planned activity, a record half written); formats are still checked. */
function relaxed<F extends FieldDef>(f: F): F {
  return { ...f, required: false, ...(f.columns ? { columns: f.columns.map((c) => relaxed(c)) } : {}) };
}

/**
 * The schema of a record's data. A 定稿 needs every required field; a draft
 * (`draft: true`) may leave any field empty or out (it is stored blank), so
 * an activity can be planned with its date, type and 议题 and completed when held.
 */
export function dataSchema(def: RecordTypeDef, o: { draft?: boolean } = {}) {
  return z.strictObject(
    Object.fromEntries(
      def.fields.map((f) => {
        if (!o.draft) return [f.key, fieldSchema(f)];
        const r = relaxed(f);
        return [f.key, fieldSchema(r, o).default(emptyValue(r) as never)];
      }),
    ),
  );
}

/** The value an empty form starts from (kinds.ts). */
export const emptyValue = (f: FieldDef): unknown => KINDS[f.kind].empty(f);

export function emptyData(def: RecordTypeDef): Record<string, unknown> {
  return Object.fromEntries(def.fields.map((f) => [f.key, emptyValue(f)]));
}
