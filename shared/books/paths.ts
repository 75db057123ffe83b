/**
 * Where in a record a problem is, in the words of its form: `data.motions.1.for`
 * is 第2项表决的赞成票, `data.family.0.name` 家庭成员第1行的姓名. Used by the form's
 * messages and by the API boundary's, so neither ever shows a code path.
 */
import { isRecordType, recordType } from './index.js';
import type { FieldDef, RecordTypeDef } from './types.js';

/** The top-level keys of a record input besides its data. */
const RECORD_KEYS: Record<string, (def: RecordTypeDef) => string> = {
  date: (def) => def.dateLabel,
  status: () => '记录状态',
  type: () => '记录类型',
};

const MOTION_PARTS: Record<string, string> = { title: '表决事项', for: '赞成票', against: '反对票', abstain: '弃权票' };
const ATTENDEE_PARTS: Record<string, string> = { name: '姓名', title: '职务', present: '出席', absenceReason: '缺席原因', membership: '身份' };

function nth(segment: string | undefined): number | null {
  return segment !== undefined && /^\d+$/.test(segment) ? Number(segment) + 1 : null;
}

/** A data path (`motions.1.for`, without `data.`) of one field, in words; null when the path is not the field's. */
function fieldPath(f: FieldDef, rest: string[]): string | null {
  const [i, part] = rest;
  const n = nth(i);
  if (rest.length === 0) return f.label;
  switch (f.kind) {
    case 'lines':
      return n ? `第${n}项${f.label}` : f.label;
    case 'people':
      return n ? `${f.label}第${n}人` : f.label;
    case 'motions':
      if (!n) return f.label;
      return part ? `第${n}项表决的${MOTION_PARTS[part] ?? part}` : `第${n}项表决`;
    case 'attendance':
      if (!n) return '应到人员';
      return part ? `应到人员第${n}人的${ATTENDEE_PARTS[part] ?? part}` : `应到人员第${n}人`;
    case 'table': {
      if (!n) return f.label;
      const col = part ? f.columns?.find((c) => c.key === part) : undefined;
      return col ? `${f.label}第${n}行的${col.label}` : `${f.label}第${n}行`;
    }
    case 'object':
      return f.columns?.find((c) => c.key === i)?.label ?? f.label;
    default:
      return f.label;
  }
}

/** A path into a record input (`date`, `data.location`, `data.motions.1.for`) in the form's words, or null. */
export function recordPathLabel(def: RecordTypeDef, path: string): string | null {
  const [head, key, ...rest] = path.split('.');
  if (head === undefined) return null;
  if (head !== 'data') return RECORD_KEYS[head]?.(def) ?? null;
  const f = def.fields.find((x) => x.key === key);
  return f ? fieldPath(f, rest) : null;
}

/**
 * A path into any method's input that holds a record (records.create's input,
 * records.update's `record`), in words; null for other inputs and paths.
 */
export function inputPathLabel(input: unknown, path: string): string | null {
  const o = (input ?? {}) as { type?: unknown; record?: { type?: unknown } };
  if (typeof o.type === 'string' && isRecordType(o.type)) return recordPathLabel(recordType(o.type), path);
  if (typeof o.record?.type === 'string' && isRecordType(o.record.type) && path.startsWith('record.')) {
    return recordPathLabel(recordType(o.record.type), path.slice('record.'.length));
  }
  return null;
}
