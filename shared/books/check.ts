/**
 * Checks that span several fields of one record, from the definition alone:
 * run by the form before saving and by the core before writing.
 */
import type { FieldIssue } from '../result.js';
import { judgeMotion } from '../rules/attendance.js';
import { birthDateWarning, futureFinalWarning, phoneWarning } from '../rules/plausible.js';
import type { Attendee, Motion } from './schema.js';
import type { FieldDef, RecordTypeDef } from './types.js';
import type { RecordStatus } from './vocab.js';

export function checkRecord(def: RecordTypeDef, data: Record<string, unknown>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path: `data.${path}`, message });
  const keys = new Set(def.fields.map((f) => f.key));

  if (keys.has('startTime') && keys.has('endTime')) {
    const s = data.startTime as string;
    const e = data.endTime as string;
    if (s && e && e <= s) add('endTime', '结束时间应晚于开始时间');
  }
  const attendance = (data.attendance ?? []) as Attendee[];
  const seen = new Set<number>();
  attendance.forEach((a, i) => {
    if (seen.has(a.personId)) add(`attendance.${i}`, `${a.name}重复出现在应到人员中`);
    seen.add(a.personId);
    if (!a.present && a.absenceReason.trim() === '') add(`attendance.${i}.absenceReason`, `请填写${a.name}的缺席原因`);
  });
  ((data.motions ?? []) as Motion[]).forEach((m, i) => {
    const outcome = judgeMotion(attendance, m);
    if (outcome.invalid) add(`motions.${i}.for`, outcome.invalid);
  });
  return issues;
}

const PLAUSIBLE: Record<NonNullable<FieldDef['plausible']>, (v: string, today: string) => string | null> = {
  phone: (v) => phoneWarning(v),
  birthDate: birthDateWarning,
};

/**
 * What the form questions in a record without refusing it (shared/rules/plausible.ts):
 * a 定稿 dated after today, and the fields marked `plausible` (in sub-tables too).
 */
export function recordWarnings(def: RecordTypeDef, input: { date: string; status: RecordStatus; data: Record<string, unknown> }, today: string): FieldIssue[] {
  const out: FieldIssue[] = [];
  const future = futureFinalWarning({ date: input.date, final: input.status === 'final', dateLabel: def.dateLabel, meeting: def.kind === 'meeting' }, today);
  if (future) out.push({ path: 'date', message: future });
  const check = (f: FieldDef, value: unknown, path: string) => {
    const w = f.plausible && typeof value === 'string' ? PLAUSIBLE[f.plausible](value, today) : null;
    if (w) out.push({ path, message: w });
  };
  for (const f of def.fields) {
    const v = input.data[f.key];
    check(f, v, `data.${f.key}`);
    if (f.kind === 'table' && Array.isArray(v)) {
      v.forEach((row: Record<string, unknown>, i) => f.columns!.forEach((c) => check(c, row?.[c.key], `data.${f.key}.${i}.${c.key}`)));
    }
  }
  return out;
}
