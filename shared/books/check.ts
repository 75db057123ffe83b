/**
 * Checks that span several fields of one record, from the definition alone:
 * run by the form before saving and by the core before writing.
 */
import type { FieldIssue } from '../result.js';
import { judgeMotion } from '../rules/attendance.js';
import type { Attendee, Motion } from './schema.js';
import type { RecordTypeDef } from './types.js';

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
