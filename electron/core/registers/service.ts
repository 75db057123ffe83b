/**
 * The year's registers (台账) as tables of display text (shared/archive/model.ts):
 * the registers workbook writes each as a sheet, the print view lays each out
 * on A4. Gathered from the services that own the data:
 *
 *   members        people + person_statuses: everyone who was 党员/预备党员 at some
 *                  point of the year, in the 花名册 columns (members/service.ts)
 *   staff          职工基本情况登记表 records of the year
 *   hardship       困难职工基本情况登记表 records of the year
 *   meetings       every meeting record of the year (all books), by type then 第N次
 *   talks          谈心谈话、家访 records
 *   dues           the year's 党费 ledger (dues/service.ts duesYear)
 *   development    发展党员 cases in progress during the year, as they stood at its end
 *   transfers      组织关系转接 records, with the 回执 state
 *   rectification  问题整改台账 records and the 整改清单 rows of the year's 组织生活会
 *
 * Only records not in the 回收站. Cell text comes from displayValue (one way a
 * value reads everywhere); 身份证号 are masked unless `fullIds`.
 */
import { KINDS } from '../../../shared/books/kinds.js';
import { sql } from 'kysely';
import { REGISTER_KEYS, REGISTER_TITLES, type Register, type RegisterColumn, type RegisterKey } from '../../../shared/archive/model.js';
import { RECORD_TYPES, recordType, type FieldDef, type RecordTypeDef } from '../../../shared/books/index.js';
import type { Attendee } from '../../../shared/books/schema.js';
import type { Person } from '../../../shared/methods/people.js';
import type { RecordDto } from '../../../shared/methods/records.js';
import { chineseDate } from '../../../shared/dates.js';
import type { DuesMemberRow } from '../../../shared/methods/dues.js';
import { displayValue, type DisplayContext } from '../../../shared/print/display.js';
import { countAttendance } from '../../../shared/rules/attendance.js';
import {
  BOARD_COLUMNS,
  boardColumn,
  circled,
  fullMemberDate,
  nextStep,
  stepDef,
  STEP_COUNT,
  type CaseFacts,
} from '../../../shared/rules/development.js';
import { formatYuan, isPercentCategory } from '../../../shared/rules/dues.js';
import { maskIdNumber } from '../../../shared/rules/idcard.js';
import { MEMBER_STATUSES, partyYears } from '../../../shared/rules/membership.js';
import { localToday } from '../../../shared/dates.js';
import { transferDue, transferOverdue, type TransferData } from '../../../shared/rules/transfer.js';
import { groupContext } from '../branch/groups.js';
import { all, q, type Db } from '../db/sql.js';
import { getCase } from '../development/service.js';
import { notesOf } from '../dues/xlsx.js';
import { duesYear } from '../dues/service.js';
import { ROSTER_COLUMNS, rosterRow } from '../members/service.js';
import { toPerson, type selectPeople } from '../people/service.js';
import { yearRecords } from '../records/service.js';

export interface RegisterOptions {
  /** 身份证号 in full (the user asked for it); masked otherwise. */
  fullIds: boolean;
  /** The day the registers are made (default today): 党龄, 回执 and 党费 states are as of this day or the year's end, whichever is earlier. */
  today?: string;
}


/** A table wider than this (in Excel character widths) prints landscape; A4 portrait holds about this much. */
export const PORTRAIT_MAX_WIDTH = 100;

const SEQ: RegisterColumn = { header: '序号', width: 5 };

function register(key: RegisterKey, columns: RegisterColumn[], rows: string[][]): Register {
  const width = columns.reduce((s, c) => s + c.width, 0);
  return { key, title: REGISTER_TITLES[key], columns, rows, landscape: width > PORTRAIT_MAX_WIDTH };
}

// ---------- the year's context ----------

interface Ctx {
  db: Db;
  year: number;
  fullIds: boolean;
  /** min(today, the year's last day): what "now" is for this year. */
  asOf: string;
  today: string;
  groups: DisplayContext;
}

const yearStart = (y: number) => `${y}-01-01`;
/** 3月5日: a date within the register's own year. */
const monthDay = (iso: string) => chineseDate(iso).replace(/^\d+年/, '');
const yearEnd = (y: number) => `${y}-12-31`;

/**
 * The year's 定稿 records of these types not in the 回收站, with 第N次, by date,
 * start time and id: the registers list what the volumes bind (drafts are gaps
 * the completeness check names).
 */
function recordsOf(c: Ctx, types: readonly string[]): RecordDto[] {
  return yearRecords(c.db, c.year, types).filter((r) => r.status === 'final');
}

// ---------- columns from a record type's fields ----------

/** A sub-table as lines: each row's filled cells, space-separated. */
function tableText(f: FieldDef, v: unknown, ctx: DisplayContext): string {
  if (!Array.isArray(v)) return '';
  return (v as Record<string, unknown>[])
    .map((row) =>
      f
        .columns!.map((col) => displayValue(col, row[col.key], ctx))
        .filter(Boolean)
        .join(' '),
    )
    .filter(Boolean)
    .join('\n');
}

interface FieldColumn {
  key: string;
  /** header instead of the field's label */
  header?: string;
  width?: number;
  /** printed after the value in （）, e.g. 谈话人（职务） */
  with?: string;
}

/** Columns and cell text of a record type's fields. */
function fieldColumns(def: RecordTypeDef, specs: readonly (FieldColumn | string)[]) {
  const cols = specs.map((s) => {
    const spec = typeof s === 'string' ? { key: s } : s;
    const field = def.fields.find((f) => f.key === spec.key);
    if (!field) throw new Error(`${def.id} has no field ${spec.key}`);
    const withField = spec.with ? def.fields.find((f) => f.key === spec.with) : undefined;
    return { spec, field, withField };
  });
  return {
    columns: cols.map(({ spec, field }): RegisterColumn => ({ header: spec.header ?? field.label, width: spec.width ?? KINDS[field.kind].width(field) })),
    cells(data: Record<string, unknown>, c: Ctx): string[] {
      return cols.map(({ spec, field, withField }) => {
        const v = data[field.key];
        let t = field.kind === 'table' ? tableText(field, v, c.groups) : displayValue(field, v, c.groups);
        if (field.personalId && !c.fullIds) t = maskIdNumber(t);
        const w = withField ? displayValue(withField, data[withField.key], c.groups) : '';
        return w && t ? `${t}（${w}）` : t;
      });
    },
  };
}

const dateColumn = (def: RecordTypeDef, width = 14): RegisterColumn => ({ header: def.dateLabel, width });

/** A register of one record type: 序号, then the record's date where `dateFirst`, the fields, else the date last. */
function recordRegister(c: Ctx, key: RegisterKey, typeId: string, specs: readonly (FieldColumn | string)[], dateFirst: boolean): Register {
  const def = recordType(typeId);
  const f = fieldColumns(def, specs);
  const columns = dateFirst ? [SEQ, dateColumn(def), ...f.columns] : [SEQ, ...f.columns, dateColumn(def)];
  const rows = recordsOf(c, [typeId]).map((r, i) => {
    const cells = f.cells(r.data, c);
    const date = chineseDate(r.date);
    return dateFirst ? [String(i + 1), date, ...cells] : [String(i + 1), ...cells, date];
  });
  return register(key, columns, rows);
}

// ---------- 党员花名册 ----------

type PersonRow = ReturnType<typeof all<ReturnType<typeof selectPeople>>>[number];

/**
 * Whether the status history puts a person in the Party at some point of the
 * year, and the status they last had in it. Without a history (rows older
 * than the history), the roster's status from its date.
 */
function membershipInYear(history: { status: string; since: string }[], current: { status: string; joinDate: string; fullDate: string }, year: number) {
  const isMember = (s: string) => (MEMBER_STATUSES as readonly string[]).includes(s);
  const h = history.length
    ? history
    : [{ status: current.status, since: current.status === '中共预备党员' ? current.joinDate : current.status === '中共党员' ? current.fullDate || current.joinDate : '' }];
  let last: string | null = null;
  for (const [i, e] of h.entries()) {
    const next = h[i + 1];
    if (!isMember(e.status) || e.since > yearEnd(year)) continue;
    if (next && next.since <= yearStart(year)) continue; // ended before the year began
    last = e.status;
  }
  return last;
}

function membersRegister(c: Ctx): Register {
  const people = all(
    c.db,
    q
      .selectFrom('people')
      .leftJoin('party_groups', 'party_groups.id', 'people.group_id')
      .leftJoin('committee', 'committee.person_id', 'people.id')
      .selectAll('people')
      .select(['party_groups.name as group_name', 'committee.role as committee_role'])
      .where((eb) => eb.or([eb('people.removed_at', 'is', null), eb('people.removed_at', '>=', yearStart(c.year))]))
      .orderBy(sql`coalesce(party_groups.sort, 1e9)`)
      .orderBy('people.id'),
  );
  const history = new Map<number, { status: string; since: string }[]>();
  for (const s of all(c.db, q.selectFrom('person_statuses').select(['person_id', 'status', 'since']).orderBy('since').orderBy('id'))) {
    const list = history.get(s.person_id) ?? [];
    list.push(s);
    history.set(s.person_id, list);
  }
  const rows: string[][] = [];
  for (const r of people) {
    const status = membershipInYear(history.get(r.id) ?? [], { status: r.political_status, joinDate: r.join_date, fullDate: r.full_date }, c.year);
    if (!status) continue;
    // As the person stood at the end of the year (or when they left the Party in it).
    const fullDate = status === '中共党员' && r.full_date <= yearEnd(c.year) ? r.full_date : '';
    const removedOn = r.removed_at ? r.removed_at.slice(0, 10) : null;
    const p: Person = {
      ...toPerson(r as PersonRow, c.asOf),
      politicalStatus: status as Person['politicalStatus'],
      fullDate,
      partyYears: status === '中共党员' ? partyYears(fullDate, removedOn && removedOn < c.asOf ? removedOn : c.asOf) : null,
    };
    if (removedOn && removedOn <= yearEnd(c.year)) p.notes = [p.notes, `${chineseDate(removedOn)}移出名册`].filter(Boolean).join('；');
    rows.push(rosterRow(p, rows.length + 1, c.fullIds ? r.id_number : maskIdNumber(r.id_number)));
  }
  return register('members', ROSTER_COLUMNS.map(([header, width]) => ({ header, width })), rows);
}

// ---------- 会议台账 ----------

const MEETING_TYPES = RECORD_TYPES.filter((t) => t.kind === 'meeting');
const TYPE_ORDER = new Map(RECORD_TYPES.map((t, i) => [t.id, i]));

function meetingsRegister(c: Ctx): Register {
  // 第N次 as the records service numbers it (type, year, and 党小组 for 党小组会).
  const groupSort = new Map(all(c.db, q.selectFrom('party_groups').select(['name', 'sort'])).map((g) => [g.name, g.sort]));
  const meetings = recordsOf(
    c,
    MEETING_TYPES.map((t) => t.id),
  ).sort(
    (a, b) =>
      TYPE_ORDER.get(a.type)! - TYPE_ORDER.get(b.type)! ||
      (groupSort.get(a.groupName ?? '') ?? -1) - (groupSort.get(b.groupName ?? '') ?? -1) ||
      (a.seq ?? 0) - (b.seq ?? 0),
  );
  const columns: RegisterColumn[] = [
    SEQ,
    { header: '会议类型', width: 18 },
    { header: '第N次', width: 7 },
    { header: '日期', width: 14 },
    { header: '主持人', width: 10 },
    { header: '应到', width: 6 },
    { header: '实到', width: 6 },
    { header: '缺席人员及原因', width: 24 },
    { header: '议题', width: 40 },
  ];
  const rows = meetings.map((r, i) => {
    const def = recordType(r.type);
    const attendance = (r.data.attendance ?? []) as Attendee[];
    const counted = attendance.length > 0 || def.attendees !== undefined;
    const n = countAttendance(attendance);
    const topicsField = def.fields.find((f) => f.key === 'topics')!;
    const hostField = def.fields.find((f) => f.key === 'host')!;
    const s = r.seq;
    return [
      String(i + 1),
      r.groupName ? `${def.label}（${r.groupName}）` : def.label,
      s ? `第${s}次` : '',
      chineseDate(r.date),
      displayValue(hostField, r.data.host, c.groups),
      counted ? String(n.expected) : '',
      counted ? String(n.present) : '',
      attendance
        .filter((a) => !a.present)
        .map((a) => (a.absenceReason ? `${a.name}（${a.absenceReason}）` : a.name))
        .join('、'),
      displayValue(topicsField, r.data.topics, c.groups),
    ];
  });
  return register('meetings', columns, rows);
}

// ---------- 党费收缴台账 ----------

function monthCell(m: DuesMemberRow, month: number, year: number): string {
  const cell = m.cells[month - 1]!;
  switch (cell.state) {
    case 'paid': {
      const [y, mo, d] = cell.paidDate.split('-').map(Number);
      const date = y === year ? `${mo}.${d}` : `${y}.${mo}.${d}`;
      return `${formatYuan(cell.amount ?? 0)}\n${date}`;
    }
    case 'none':
      return '—';
    case 'notYet':
      return '';
    default:
      return '未交';
  }
}

function duesRegister(c: Ctx): Register {
  const d = duesYear(c.db, c.year, c.today);
  const columns: RegisterColumn[] = [
    SEQ,
    { header: '姓名', width: 8 },
    { header: '月工资收入（税后）', width: 10 },
    { header: '交纳比例', width: 8 },
    { header: '月应缴', width: 7.5 },
    ...Array.from({ length: 12 }, (_, k): RegisterColumn => ({ header: `${k + 1}月`, width: 7.5 })),
    { header: '全年应缴', width: 8.5 },
    { header: '全年实缴', width: 8.5 },
    { header: '备注', width: 16 },
  ];
  const rows = d.members.map((m, i) => [
    String(i + 1),
    m.name,
    isPercentCategory(m.category) ? formatYuan(m.base) : '—',
    m.rateLabel,
    formatYuan(m.monthly),
    ...Array.from({ length: 12 }, (_, k) => monthCell(m, k + 1, c.year)),
    formatYuan(m.dueTotal),
    formatYuan(m.paidTotal),
    notesOf(m, c.year),
  ]);
  if (d.members.length) {
    const monthly = d.members.reduce((s, m) => s + Math.round(m.monthly * 100), 0) / 100;
    rows.push(['合计', '', '', '', formatYuan(monthly), ...d.monthTotals.map((t) => formatYuan(t.paid)), formatYuan(d.dueTotal), formatYuan(d.paidTotal), '']);
  }
  return register('dues', columns, rows);
}

// ---------- 发展党员进度 ----------

function developmentRegister(c: Ctx): Register {
  const start = yearStart(c.year);
  const end = yearEnd(c.year);
  const columns: RegisterColumn[] = [
    SEQ,
    { header: '姓名', width: 8 },
    { header: '性别', width: 5 },
    { header: '出生日期', width: 13 },
    { header: '递交入党申请书', width: 13 },
    { header: '确定为入党积极分子', width: 13 },
    { header: '培养联系人', width: 11 },
    { header: '确定为发展对象', width: 13 },
    { header: '入党介绍人', width: 11 },
    { header: '支部大会接收为预备党员', width: 13 },
    { header: '转为正式党员', width: 13 },
    { header: '年末所处阶段', width: 11 },
    { header: '本年完成步骤', width: 32 },
    { header: '下一步', width: 20 },
    { header: '备注', width: 12 },
  ];
  const rows: string[][] = [];
  for (const { id } of all(c.db, q.selectFrom('development_cases').select('id').orderBy('id'))) {
    const k = getCase(c.db, id);
    const steps = k.steps.filter((s) => s.date <= end);
    if (!steps.length) continue;
    const closedOn = k.closedAt ? k.closedAt.slice(0, 10) : null;
    const inYear = steps.filter((s) => s.date >= start);
    const reviewsInYear = k.reviews.some((r) => r.date >= start && r.date <= end);
    const before = steps.filter((s) => s.date < start);
    const furthestBefore = before.reduce((m, s) => Math.max(m, s.step), 0);
    const finishedBefore = furthestBefore >= STEP_COUNT || (closedOn !== null && closedOn < start);
    if (!inYear.length && !reviewsInYear && finishedBefore) continue;

    const facts: CaseFacts = {
      birthDate: k.person.birthDate,
      politicalStatus: k.person.politicalStatus,
      steps: steps.map((s) => ({ step: s.step, date: s.date, people: s.people, details: s.details })),
      reviews: k.reviews.filter((r) => r.date <= end).map((r) => ({ date: r.date, kind: r.kind })),
      closed: closedOn !== null && closedOn <= end,
    };
    const at = new Map(steps.map((s) => [s.step, s]));
    const date = (n: number) => (at.get(n) ? chineseDate(at.get(n)!.date) : '');
    const names = (n: number, role: string) => (at.get(n)?.people[role] ?? []).join('、');
    const full = fullMemberDate(facts);
    const next = nextStep(facts, c.asOf);
    const due = next?.due ? { by: `${chineseDate(next.due)}前`, from: `${chineseDate(next.due)}起`, on: chineseDate(next.due) }[next.dueKind ?? 'on'] : '';
    const notes: string[] = [];
    if (facts.closed) notes.push(`已结束：${k.closedReason}`);
    if (k.person.removed) notes.push('已移出名册');
    rows.push([
      String(rows.length + 1),
      k.person.name,
      k.person.gender,
      k.person.birthDate ? chineseDate(k.person.birthDate) : '',
      date(1),
      date(3),
      names(5, 'contacts'),
      date(7),
      names(9, 'introducers'),
      date(15),
      full && full <= end ? chineseDate(full) : '',
      BOARD_COLUMNS.find((b) => b.key === boardColumn(facts))!.label,
      inYear.map((s) => `${circled(s.step)}${stepDef(s.step).name}（${monthDay(s.date)}）`).join('\n'),
      next ? [`${circled(next.step)}${next.name}`, due, next.overdue ? '（已逾期）' : ''].filter(Boolean).join(' ') : '',
      notes.join('；'),
    ]);
  }
  return register('development', columns, rows);
}

// ---------- 组织关系转接 ----------

function transfersRegister(c: Ctx): Register {
  const def = recordType('membership-transfer');
  const f = fieldColumns(def, [
    { key: 'direction', width: 7 },
    { key: 'name', width: 8 },
    { key: 'counterpart', width: 26 },
    { key: 'duesPaidTo', width: 11 },
    { key: 'letterNo', width: 11 },
    { key: 'validityDays', width: 8 },
    { key: 'receiptDate', width: 13 },
    { key: 'fileHandover', width: 8 },
    { key: 'remarks', width: 14 },
  ]);
  const columns = [SEQ, dateColumn(def, 13), ...f.columns, { header: '回执情况', width: 14 }];
  const rows = recordsOf(c, [def.id]).map((r, i) => {
    const data = r.data as TransferData;
    const due = transferDue(data, r.date);
    const receipt =
      data.direction !== '转出' ? '' : due === null ? '已退回' : transferOverdue(data, r.date, c.today) ? `逾期未退回（有效期至${chineseDate(due)}）` : `待退回（有效期至${chineseDate(due)}）`;
    return [String(i + 1), chineseDate(r.date), ...f.cells(r.data, c), receipt];
  });
  return register('transfers', columns, rows);
}

// ---------- 问题整改台账 ----------

function rectificationRegister(c: Ctx): Register {
  const def = recordType('rectification-ledger');
  const f = fieldColumns(def, [
    { key: 'source', width: 10 },
    { key: 'issue', width: 22 },
    { key: 'measures', width: 28 },
    { key: 'responsible', width: 9 },
    { key: 'deadline', width: 13 },
    { key: 'status', width: 8 },
    { key: 'outcome', width: 22 },
    { key: 'closedDate', width: 13 },
  ]);
  const columns = [SEQ, dateColumn(def, 13), ...f.columns];
  // The ledger's entries, and each 组织生活会's 整改清单 (its rows have the same fields).
  const entries = recordsOf(c, [def.id, 'org-life-meeting']).flatMap((r) =>
    r.type === def.id
      ? [{ date: r.date, data: r.data }]
      : ((r.data.rectification ?? []) as Record<string, unknown>[]).map((row) => ({ date: r.date, data: { ...row, source: '组织生活会' } })),
  );
  const rows = entries.map((e, i) => [String(i + 1), chineseDate(e.date), ...f.cells(e.data, c)]);
  return register('rectification', columns, rows);
}

// ---------- the nine ----------

const BUILDERS: Record<RegisterKey, (c: Ctx) => Register> = {
  members: membersRegister,
  staff: (c) =>
    recordRegister(
      c,
      'staff',
      'staff-profile',
      [
        { key: 'name', width: 8 },
        { key: 'gender', width: 5 },
        { key: 'ethnicity', width: 7 },
        { key: 'birthDate', width: 13 },
        { key: 'nativePlace', width: 10 },
        { key: 'idNumber', width: 20 },
        { key: 'politicalStatus', width: 10 },
        { key: 'education', width: 9 },
        { key: 'position', width: 12 },
        { key: 'workStartDate', width: 13 },
        { key: 'hireDate', width: 13 },
        { key: 'phone', width: 13 },
        { key: 'address', width: 18 },
        { key: 'family', width: 26 },
        { key: 'remarks', width: 12 },
      ],
      false,
    ),
  hardship: (c) =>
    recordRegister(
      c,
      'hardship',
      'hardship-profile',
      [
        { key: 'name', width: 8 },
        { key: 'gender', width: 5 },
        { key: 'birthDate', width: 13 },
        { key: 'position', width: 11 },
        { key: 'phone', width: 13 },
        { key: 'address', width: 16 },
        { key: 'category', width: 8 },
        { key: 'cause', width: 20 },
        { key: 'health', width: 7 },
        { key: 'housing', width: 8 },
        { key: 'annualIncome', width: 11 },
        { key: 'familySize', width: 6 },
        { key: 'assistance', width: 20 },
        { key: 'visits', width: 26 },
        { key: 'creator', width: 8 },
        { key: 'reviewer', width: 8 },
      ],
      false,
    ),
  meetings: meetingsRegister,
  talks: (c) =>
    recordRegister(
      c,
      'talks',
      'talk',
      [
        { key: 'location', width: 12 },
        { key: 'talker', width: 12, with: 'talkerTitle' },
        { key: 'subject', width: 10 },
        { key: 'method', width: 8 },
        { key: 'category', width: 10 },
        { key: 'theme', width: 14 },
        { key: 'content', width: 30 },
        { key: 'concerns', width: 20 },
        { key: 'measures', width: 20 },
        { key: 'followUpDate', header: '回访日期', width: 13 },
        { key: 'followUp', width: 16 },
      ],
      true,
    ),
  dues: duesRegister,
  development: developmentRegister,
  transfers: transfersRegister,
  rectification: rectificationRegister,
};

function context(db: Db, year: number, opts: RegisterOptions): Ctx {
  const today = opts.today ?? localToday();
  return { db, year, fullIds: opts.fullIds, today, asOf: today < yearEnd(year) ? today : yearEnd(year), groups: groupContext(db) };
}

/** One register of the year. */
export function yearRegister(db: Db, year: number, key: RegisterKey, opts: RegisterOptions): Register {
  return BUILDERS[key](context(db, year, opts));
}

/** All nine registers of the year, in REGISTER_KEYS order. */
export function yearRegisters(db: Db, year: number, opts: RegisterOptions): Register[] {
  const c = context(db, year, opts);
  return REGISTER_KEYS.map((k) => BUILDERS[k](c));
}
