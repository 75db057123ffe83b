/**
 * 活动日历: planning the year's activities and holding them. A plan is a 草稿
 * record of a meeting type with its date and 议题 (and, when known, 地点 and
 * 开始时间); holding the meeting completes that record as 定稿. So the calendar
 * reads the year's records, and the year's rules (shared/rules/cadence.ts) count
 * a plan as planned, not held.
 */
import type { RecordInput } from '../methods/records.js';
import type { FieldIssue } from '../result.js';
import { isoDateProblem, isValidIsoDate } from '../dates.js';
import { RECORD_TYPES, recordType } from './index.js';
import { BOOK_TREE } from './tree.js';
import type { BookDef, FieldDef, RecordTypeDef } from './types.js';
import type { RecordStatus } from './vocab.js';

/** The types an activity can be planned for: those with 议题 (every meeting type), in book order. */
export const PLANNABLE_TYPES: readonly RecordTypeDef[] = RECORD_TYPES.filter((t) => t.fields.some((f) => f.key === 'topics'));

const PLANNABLE = new Set(PLANNABLE_TYPES.map((t) => t.id));

export function isPlannable(type: string): boolean {
  return PLANNABLE.has(type);
}

/** The plannable types under their books (books without any are left out), for a grouped picker. */
export function plannableByBook(): { book: BookDef; types: RecordTypeDef[] }[] {
  return BOOK_TREE.map((book) => ({ book, types: PLANNABLE_TYPES.filter((t) => t.book === book.id) })).filter((g) => g.types.length);
}

const PLAN_KEYS = new Set(['startTime', 'location', 'topics']);

/**
 * What a plan asks for besides its date, in the type's own order: its 党小组
 * (党小组会), 开始时间, 地点 and 议题. A plan needs its 议题 and its 党小组; the
 * time and place may wait until the meeting is held.
 */
export function planFields(def: RecordTypeDef): FieldDef[] {
  return def.fields.filter((f) => f.kind === 'group' || PLAN_KEYS.has(f.key)).map((f) => ({ ...f, required: f.kind === 'group' || f.key === 'topics' }));
}

/** The 草稿 a plan creates: only the plan's fields, text trimmed, blank lines dropped, empty optional ones left out. */
export function planRecord(def: RecordTypeDef, date: string, values: Record<string, unknown>): RecordInput {
  const data: Record<string, unknown> = {};
  for (const f of planFields(def)) {
    const v = values[f.key];
    if (f.kind === 'lines') {
      data[f.key] = ((v as string[] | undefined) ?? []).map((s) => s.trim()).filter(Boolean);
      continue;
    }
    const clean = typeof v === 'string' ? v.trim() : v;
    if (clean !== '' && clean != null) data[f.key] = clean;
  }
  return { type: def.id, date, status: 'draft', data };
}

/** A plan as its form holds it. */
export interface PlanValues {
  type?: string;
  date?: string;
  data: Record<string, unknown>;
}

/**
 * What keeps a plan from being saved, before the record's own checks: a type,
 * a date in the year being planned, and the plan's required fields. Paths are
 * the form's (`data.topics.0` is the first 议题).
 */
export function planIssues(year: number, plan: PlanValues): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!plan.type || !isPlannable(plan.type)) issues.push({ path: 'type', message: '请选择活动类型' });
  if (!plan.date) issues.push({ path: 'date', message: '请选择日期' });
  else if (!isValidIsoDate(plan.date)) issues.push({ path: 'date', message: isoDateProblem(plan.date) });
  else if (!plan.date.startsWith(`${year}-`)) issues.push({ path: 'date', message: `日期应在${year}年内` });
  if (plan.type && isPlannable(plan.type)) {
    const def = recordType(plan.type);
    const { data } = planRecord(def, plan.date ?? '', plan.data);
    for (const f of planFields(def)) {
      if (!f.required) continue;
      if (f.kind === 'lines' && !(data[f.key] as string[]).length) issues.push({ path: `data.${f.key}.0`, message: `请至少填写一项${f.label}` });
      else if (f.kind !== 'lines' && data[f.key] === undefined) issues.push({ path: `data.${f.key}`, message: `请选择${f.label}` });
    }
  }
  return issues;
}

/** What the calendar needs of a record (a RecordSummary has it). */
export interface Activity {
  type: string;
  date: string;
  status: RecordStatus;
}

export interface MonthCount {
  /** 定稿: the activity was held and recorded. */
  held: number;
  /** 草稿: planned, not yet recorded as held. */
  planned: number;
}

/**
 * The year's activities for the calendar: the records of plannable types by day
 * (YYYY-MM-DD, each day in the order given) and the held and planned ones per
 * month, January first.
 */
export function yearCalendar<T extends Activity>(records: readonly T[]): { days: Map<string, T[]>; months: MonthCount[] } {
  const days = new Map<string, T[]>();
  const months: MonthCount[] = Array.from({ length: 12 }, () => ({ held: 0, planned: 0 }));
  for (const r of records) {
    if (!isPlannable(r.type)) continue;
    days.set(r.date, [...(days.get(r.date) ?? []), r]);
    const m = months[Number(r.date.slice(5, 7)) - 1]!;
    if (r.status === 'final') m.held++;
    else m.planned++;
  }
  return { days, months };
}
