/**
 * How a field's value reads as text: in list cells, on the printed page, in the
 * Word export and in the search index. One function, so they all agree.
 */
import { chineseDate } from '../dates.js';
import type { FieldDef, RecordTypeDef } from '../books/types.js';
import type { Attendee, Motion } from '../books/schema.js';
import { countAttendance } from '../rules/attendance.js';

export interface DisplayContext {
  /** The name of a 党小组 by id (the record keeps the id). */
  groupName(id: number): string | null;
}

export const NO_GROUPS: DisplayContext = { groupName: () => null };

export function chineseMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
}

/** A size for people: 20 MB, 1.5 MB, 800 KB, 12 字节. */
export function formatSize(bytes: number): string {
  const trim = (n: number) => String(Number(n.toFixed(1)));
  if (bytes >= 1024 * 1024) return `${trim(bytes / 1024 / 1024)} MB`;
  if (bytes >= 1024) return `${trim(bytes / 1024)} KB`;
  return `${bytes} 字节`;
}

/**
 * The images a page can show: no side over 20000 pixels and at most 100 million
 * pixels (a 50000×50000 header would have the viewer allocate 10 GB to decode it).
 * The exports judge stored images by it (electron/core/export/images.ts), the
 * print page the images it is given.
 */
export const IMAGE_LIMITS = { side: 20_000, pixels: 100_000_000 } as const;

export const withinImageLimits = (width: number, height: number) =>
  width > 0 && height > 0 && width <= IMAGE_LIMITS.side && height <= IMAGE_LIMITS.side && width * height <= IMAGE_LIMITS.pixels;

export function money(v: number): string {
  return `${v.toFixed(2)}元`;
}

export function displayValue(f: FieldDef, v: unknown, ctx: DisplayContext = NO_GROUPS): string {
  if (v === null || v === undefined) return '';
  switch (f.kind) {
    case 'date':
      return v ? chineseDate(v as string) : '';
    case 'month':
      return v ? chineseMonth(v as string) : '';
    case 'number':
      return `${v as number}${f.unit ?? ''}`;
    case 'money':
      return money(v as number);
    case 'boolean':
      return v ? '是' : '否';
    case 'multiselect':
    case 'people':
      return (v as string[]).join('、');
    case 'lines': {
      const lines = v as string[];
      return lines.length > 1 ? lines.map((l, i) => `${i + 1}. ${l}`).join('\n') : (lines[0] ?? '');
    }
    case 'table':
      return (v as Record<string, unknown>[]).length ? `${(v as unknown[]).length}项` : '';
    case 'object':
      return f
        .columns!.map((c) => [c.label, displayValue(c, (v as Record<string, unknown>)[c.key], ctx)] as const)
        .filter(([, t]) => t)
        .map(([l, t]) => `${l}：${t}`)
        .join('；');
    case 'group':
      return ctx.groupName(v as number) ?? '';
    case 'attendance': {
      const c = countAttendance(v as Attendee[]);
      return `应到${c.expected}人，实到${c.present}人`;
    }
    case 'motions':
      return (v as Motion[]).map((m) => m.title).join('；');
    default:
      return String(v).trim();
  }
}

/** The words that name a record in lists and search results. */
export function recordTitle(def: RecordTypeDef, data: Record<string, unknown>, ctx: DisplayContext = NO_GROUPS): string {
  const f = def.fields.find((x) => x.key === def.titleKey);
  if (!f) return def.label;
  const v = data[f.key];
  let t = '';
  if (f.kind === 'lines') t = ((v as string[]) ?? [])[0] ?? '';
  else if (f.kind === 'object') {
    const first = f.columns![0]!;
    t = displayValue(first, (v as Record<string, unknown> | undefined)?.[first.key], ctx);
  } else t = displayValue(f, v, ctx);
  return t.trim() || def.label;
}

/** All the text of a record, label by label, for the search index. */
export function recordText(def: RecordTypeDef, data: Record<string, unknown>, ctx: DisplayContext = NO_GROUPS): string {
  const parts: string[] = [];
  for (const f of def.fields) {
    const v = data[f.key];
    if (v === undefined || v === null) continue;
    if (f.kind === 'table') {
      for (const row of v as Record<string, unknown>[]) {
        parts.push(f.columns!.map((c) => displayValue(c, row[c.key], ctx)).filter(Boolean).join(' '));
      }
    } else if (f.kind === 'attendance') {
      parts.push((v as Attendee[]).map((a) => (a.present ? a.name : `${a.name} ${a.absenceReason}`)).join(' '));
    } else if (f.kind === 'motions') {
      parts.push((v as Motion[]).map((m) => m.title).join(' '));
    } else {
      const t = displayValue(f, v, ctx);
      if (t) parts.push(t);
    }
  }
  return parts.join('\n');
}
