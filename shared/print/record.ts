/**
 * What a printed record says and in which order, laid out from its definition:
 * short values in a header table, long text, sub-tables and votes as body
 * sections, signature lines at the end. The A4 print view (renderer) and the
 * Word export (core/export/docx) both lay out this one description.
 */
import { printTitle, type FieldDef, type RecordTypeDef } from '../books/index.js';
import type { Attendee, Motion } from '../books/schema.js';
import type { RecordDto } from '../methods/records.js';
import { chineseDate, halfDay } from '../dates.js';
import { judgeMotion } from '../rules/attendance.js';
import { displayValue, recordTitle, type DisplayContext } from './display.js';
import { chineseNumber } from './numerals.js';

export interface PrintCell {
  label: string;
  value: string;
}

/** A row of the header table: one cell spanning the width, or two side by side. */
export type PrintRow = [PrintCell] | [PrintCell, PrintCell];

export interface PrintTable {
  columns: string[];
  rows: string[][];
}

export interface PrintSection {
  heading: string;
  paragraphs: string[];
  table?: PrintTable;
}

export interface PrintDoc {
  org: string;
  title: string;
  subtitle: string;
  rows: PrintRow[];
  sections: PrintSection[];
  signatures: string[];
}

const NONE = '无';
/** Values longer than this take a whole row of the header table. */
const WIDE_AFTER = 14;

const orNone = (s: string) => (s.trim() === '' ? NONE : s.trim());
const paragraphs = (s: string) => {
  const ps = s
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return ps.length ? ps : [NONE];
};

/** Packs header cells into rows: short ones two to a row, long ones alone. */
class Rows {
  readonly rows: PrintRow[] = [];
  private pending: PrintCell | null = null;

  add(cell: PrintCell) {
    if (cell.value.length > WIDE_AFTER || cell.value.includes('\n')) return this.wide(cell);
    if (this.pending) {
      this.rows.push([this.pending, cell]);
      this.pending = null;
    } else this.pending = cell;
  }

  wide(cell: PrintCell) {
    this.flush();
    this.rows.push([cell]);
  }

  pair(a: PrintCell, b: PrintCell) {
    this.flush();
    this.rows.push([a, b]);
  }

  flush() {
    if (this.pending) this.rows.push([this.pending]);
    this.pending = null;
  }
}

function attendanceCells(rows: Rows, attendance: Attendee[]) {
  const present = attendance.filter((a) => a.present);
  rows.pair({ label: '应到人数', value: `${attendance.length}人` }, { label: '实到人数', value: `${present.length}人` });
  rows.wide({
    label: '出席人员',
    value: orNone(present.map((a) => (a.membership === '预备' ? `${a.name}（预备党员）` : a.name)).join('、')),
  });
  rows.wide({
    label: '缺席人员及原因',
    value: orNone(
      attendance
        .filter((a) => !a.present)
        .map((a) => `${a.name}（${a.absenceReason.trim() || '未说明原因'}）`)
        .join('、'),
    ),
  });
}

function tableSection(f: FieldDef, value: Record<string, unknown>[], ctx: DisplayContext): PrintSection {
  if (!value.length) return { heading: f.label, paragraphs: [NONE] };
  return {
    heading: f.label,
    paragraphs: [],
    table: {
      columns: f.columns!.map((c) => c.label),
      rows: value.map((row) => f.columns!.map((c) => displayValue(c, row[c.key], ctx))),
    },
  };
}

export function recordPrintDoc(def: RecordTypeDef, rec: RecordDto, orgName: string, ctx: DisplayContext): PrintDoc {
  const d = rec.data;
  const rows = new Rows();
  const sections: PrintSection[] = [];
  const keys = new Set(def.fields.map((f) => f.key));
  const timed = keys.has('startTime') && keys.has('endTime');
  const attendance = (d.attendance ?? []) as Attendee[];

  if (timed) {
    const start = d.startTime as string;
    rows.wide({ label: '时间', value: `${chineseDate(rec.date)} ${halfDay(start)} ${start}—${d.endTime as string}` });
  } else {
    rows.add({ label: def.dateLabel, value: chineseDate(rec.date) });
  }

  for (const f of def.fields) {
    const v = d[f.key];
    if (f.print === 'none' || (timed && (f.key === 'startTime' || f.key === 'endTime'))) continue;
    switch (f.kind) {
      case 'textarea':
        if (f.print === 'header') rows.wide({ label: f.label, value: orNone(displayValue(f, v, ctx)) });
        else sections.push({ heading: f.label, paragraphs: paragraphs((v as string) ?? '') });
        break;
      case 'table':
        sections.push(tableSection(f, (v as Record<string, unknown>[]) ?? [], ctx));
        break;
      case 'object':
        for (const c of f.columns!) rows.add({ label: c.label, value: orNone(displayValue(c, (v as Record<string, unknown>)?.[c.key], ctx)) });
        break;
      case 'attendance':
        attendanceCells(rows, attendance);
        break;
      case 'motions': {
        const motions = (v as Motion[]) ?? [];
        sections.push({
          heading: f.label,
          paragraphs: motions.length
            ? motions.map((m, i) => `${chineseNumber(i + 1)}、${m.title}：${judgeMotion(attendance, m).summary}`)
            : ['本次会议无表决事项。'],
        });
        break;
      }
      case 'lines':
      case 'people':
      case 'multiselect':
        rows.wide({ label: f.label, value: orNone(displayValue(f, v, ctx)) });
        break;
      default: {
        let value = displayValue(f, v, ctx);
        const extra = f.printWith ? displayValue(def.fields.find((x) => x.key === f.printWith)!, d[f.printWith], ctx) : '';
        if (value && extra) value = `${value}（${extra}）`;
        rows.add({ label: f.label, value: orNone(value) });
      }
    }
  }
  rows.flush();

  return {
    org: orgName,
    // A document (计划, 总结, 制度 …) prints under its own title.
    title: def.kind === 'document' ? recordTitle(def, d, ctx) : printTitle(def),
    subtitle: def.kind === 'meeting' && rec.seq ? `${rec.date.slice(0, 4)}年 第${rec.seq}次` : '',
    rows: rows.rows,
    sections,
    signatures: [...def.signatures],
  };
}
