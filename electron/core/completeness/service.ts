/**
 * The completeness check of a year before it is archived (issue 5): what the
 * rules and the branch's arrangements expect of the year but is missing. Each
 * gap says what is missing as the 卷内备考表 prints it, where it is fixed (a
 * renderer route) and which rule it comes from. The user may archive anyway.
 *
 * The rules live in shared/rules (cadence, dues, transfer); this file only
 * reads the year's records, people and ledger and hands them to those rules.
 * Nothing here writes.
 */
import { isRecordType, recordType } from '../../../shared/books/index.js';
import type { Gap } from '../../../shared/archive/model.js';
import { recordTitle } from '../../../shared/print/display.js';
import {
  BRANCH_RULES,
  TALK_COVERAGE,
  cadenceKind,
  cadenceTitle,
  lastDayOfMonth,
  missingMessage,
  missingPeriods,
  uncoveredMembers,
  type Cadence,
  type CadenceContext,
} from '../../../shared/rules/cadence.js';
import { DUES_SOURCE, dueMonths } from '../../../shared/rules/dues.js';
import { MEMBER_STATUSES } from '../../../shared/rules/membership.js';
import { localToday } from '../../../shared/dates.js';
import { transferDue, transferOverdue } from '../../../shared/rules/transfer.js';
import { addDays } from '../../../shared/rules/development.js';
import { groupContext } from '../branch/groups.js';
import { requireBranch } from '../branch/service.js';
import { duesYear } from '../dues/service.js';
import { booksStart, branchCadences } from '../cadence/service.js';
import { all, q, type Db } from '../db/sql.js';

/** 整改 statuses that close an item: 已完成 (整改清单 and 台账) and 已销号 (台账 only). */
export const CLOSED_RECTIFY: readonly string[] = ['已完成', '已销号'];

/** Routes of the renderer that a gap links to. */
export const newRecord = (typeId: string) => `/records/new?type=${typeId}`;
export const recordLink = (id: number) => `/records/${id}`;
/** Where a period of an obligation is dealt with: the record that holds or plans it, else a new one of its type. */
export const periodLink = (typeId: string, s: { recordId: number | null }) => (s.recordId ? recordLink(s.recordId) : newRecord(typeId));

/** The year's active records of some types, as stored (data parsed). */
export function yearRecords(db: Db, year: number, types: readonly string[]) {
  return all(
    db,
    q
      .selectFrom('records')
      .select(['id', 'type', 'date', 'status', 'group_id', 'data'])
      .where('deleted_at', 'is', null)
      .where('date', '>=', `${year}-01-01`)
      .where('date', '<=', `${year}-12-31`)
      .where('type', 'in', types.length ? [...types] : [''])
      .orderBy('date')
      .orderBy('id'),
  ).map((r) => ({ id: r.id, type: r.type, date: r.date, status: r.status, groupId: r.group_id, data: JSON.parse(r.data) as Record<string, unknown> }));
}

type YearRecord = ReturnType<typeof yearRecords>[number];

/** 3个月（7月—9月）: months as runs of consecutive months. */
export function monthSpans(months: readonly number[]): string {
  const sorted = [...new Set(months)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const m of sorted) {
    const last = runs.at(-1);
    if (last && m === last[1] + 1) last[1] = m;
    else runs.push([m, m]);
  }
  return runs.map(([a, b]) => (a === b ? `${a}月` : `${a}月—${b}月`)).join('、');
}

/** Where a gap about a record type is printed: in its book, in the volume of the type's 保管期限. */
function filedAs(typeId: string): Pick<Gap, 'book' | 'retention'> {
  const t = recordType(typeId);
  return { book: t.book, retention: t.retention };
}

function cadenceGaps(cadences: readonly Cadence[], records: YearRecord[], ctx: CadenceContext): Gap[] {
  return cadences.flatMap((c) =>
    missingPeriods(c, records, ctx).map((m) => ({
      kind: cadenceKind(c),
      label: cadenceTitle(c),
      message: missingMessage(c, m),
      ...filedAs(c.typeId),
      link: newRecord(c.typeId),
      source: c.source,
    })),
  );
}

/** Party members on the roster at the end of the year: those who left before it are not asked for. */
export function yearMembers(db: Db, year: number) {
  const yearEnd = `${year}-12-31`;
  return all(
    db,
    q
      .selectFrom('people')
      .select(['id', 'name', 'join_date', 'removed_at'])
      .where('political_status', 'in', [...MEMBER_STATUSES])
      .orderBy('id'),
  )
    .filter((p) => p.removed_at === null || localToday(new Date(p.removed_at)) > yearEnd)
    .map((p) => ({ id: p.id, name: p.name, joinDate: p.join_date }));
}

function talkGaps(db: Db, talks: YearRecord[], ctx: CadenceContext): Gap[] {
  return uncoveredMembers(yearMembers(db, ctx.year), talks, ctx).map((m) => ({
    kind: 'talk-coverage',
    label: `${TALK_COVERAGE.label}（每年，每名党员）`,
    message: `${m.name}：${ctx.year}年未记录谈心谈话`,
    ...filedAs(TALK_COVERAGE.typeId),
    link: newRecord(TALK_COVERAGE.typeId),
    source: TALK_COVERAGE.source,
  }));
}

/**
 * Dues: each member's months that were due, are over on `asOf`, and are unpaid
 * (the month of `asOf` itself may still be paid in time); and current members
 * whose monthly amount was never fixed for a year that has such months. Months
 * that ended before the branch existed are not counted, as with meetings.
 */
function duesGaps(db: Db, year: number, asOf: string, branchStart: string): Gap[] {
  const ledger = duesYear(db, year, asOf);
  const monthEnd = (m: number) => `${year}-${String(m).padStart(2, '0')}-${String(lastDayOfMonth(year, m)).padStart(2, '0')}`;
  // Months over on asOf, in which the branch existed (not blamed for months before it, as with meetings).
  const ended = (m: number) => monthEnd(m) < asOf && monthEnd(m) >= branchStart;
  const gaps: Gap[] = [];
  for (const row of ledger.members) {
    const owed = row.owedMonths.filter(ended);
    if (owed.length === 0) continue;
    gaps.push({
      kind: 'dues-arrears',
      label: '党费按月交纳',
      message: `${row.name}：党费欠缴${owed.length}个月（${monthSpans(owed)}）`,
      book: 'archive',
      link: '/dues',
      source: `${DUES_SOURCE}：党员应按月交纳党费`,
    });
  }
  for (const s of ledger.setup) {
    if (s.fixed) continue;
    if (!dueMonths(year, s.joinDate, asOf).some(ended)) continue;
    gaps.push({
      kind: 'dues-unfixed',
      label: '党费交纳标准',
      message: `${s.name}：未确定${year}年每月应交纳的党费金额`,
      book: 'archive',
      link: '/dues',
      source: `${DUES_SOURCE}：党员每月交纳党费的数额于每年年初核定一次`,
    });
  }
  return gaps;
}

/** An open 整改 item: a row of the 问题整改台账, or of a 组织生活会's 整改清单. */
export interface OpenRectification {
  recordId: number;
  /** The record's type (its book holds the gap). */
  type: string;
  /** 整改事项“…”, or 组织生活会（2026-12-20）整改清单“…”. */
  what: string;
  status: string;
  deadline: string;
  source: string;
}

/** The 整改 items of these records that are not 已完成 or 已销号, in record order. */
export function openRectifications(records: readonly Pick<YearRecord, 'id' | 'type' | 'date' | 'data'>[]): OpenRectification[] {
  const out: OpenRectification[] = [];
  const open = (item: Record<string, unknown>) => !CLOSED_RECTIFY.includes(String(item.status ?? ''));
  const fields = (item: Record<string, unknown>) => ({ status: String(item.status ?? ''), deadline: String(item.deadline ?? '') });
  for (const r of records) {
    if (r.type === 'rectification-ledger') {
      if (!open(r.data)) continue;
      out.push({ recordId: r.id, type: r.type, what: `整改事项“${String(r.data.issue ?? '')}”`, ...fields(r.data), source: '问题整改台账：逐项整改落实，完成后销号' });
    } else if (r.type === 'org-life-meeting') {
      const rows = Array.isArray(r.data.rectification) ? (r.data.rectification as Record<string, unknown>[]) : [];
      for (const item of rows.filter(open)) {
        out.push({
          recordId: r.id,
          type: r.type,
          what: `组织生活会（${r.date}）整改清单“${String(item.issue ?? '')}”`,
          ...fields(item),
          source: `${BRANCH_RULES}第十七条：会后制定整改措施，逐一整改落实`,
        });
      }
    }
  }
  return out;
}

function rectificationGaps(records: YearRecord[]): Gap[] {
  return openRectifications(records).map((o) => ({
    kind: 'rectification-open',
    label: '问题整改（未完成）',
    message: `${o.what}${o.status || '未填写状态'}${o.deadline ? `，时限${o.deadline}` : ''}`,
    ...filedAs(o.type),
    link: recordLink(o.recordId),
    source: o.source,
  }));
}

function transferGaps(records: YearRecord[], asOf: string): Gap[] {
  return records
    .filter((r) => r.type === 'membership-transfer' && transferOverdue(r.data, r.date, asOf))
    .map((r) => ({
      kind: 'transfer-receipt-overdue',
      label: '组织关系转接回执',
      message: `${String(r.data.name ?? '')}：组织关系转出回执逾期未退回（介绍信有效期至${transferDue(r.data, r.date)}）`,
      ...filedAs(r.type),
      link: recordLink(r.id),
      source: '党员组织关系转接：回执退回前，转出党组织仍负有管理责任',
    }));
}

/** The drafts dated from `from` to `to` (both included), with their type and title, by date. */
export function draftsBetween(db: Db, from: string, to: string) {
  const ctx = groupContext(db);
  return all(
    db,
    q
      .selectFrom('records')
      .select(['id', 'type', 'date', 'data'])
      .where('deleted_at', 'is', null)
      .where('status', '=', 'draft')
      .where('date', '>=', from)
      .where('date', '<=', to)
      .orderBy('date')
      .orderBy('id'),
  )
    .filter((r) => isRecordType(r.type))
    .map((r) => {
      const def = recordType(r.type);
      const title = recordTitle(def, JSON.parse(r.data) as Record<string, unknown>, ctx);
      /** “研究下半年工作” after the type, when the record has a title of its own. */
      const named = title === def.label ? '' : `“${title}”`;
      return { id: r.id, date: r.date, def, named };
    });
}

/** Records of the year still 草稿, before `asOf`: a draft dated later is a plan, not yet a gap. */
function draftGaps(db: Db, year: number, asOf: string): Gap[] {
  const yearEnd = `${year}-12-31`;
  const dayBefore = addDays(asOf, -1);
  return draftsBetween(db, `${year}-01-01`, dayBefore < yearEnd ? dayBefore : yearEnd).map((d) => ({
    kind: 'draft-record',
    label: '草稿未定稿',
    message: `${d.def.label}（${d.date}）${d.named}仍为草稿，未定稿`,
    book: d.def.book,
    retention: d.def.retention,
    link: recordLink(d.id),
    source: '年度归档：入卷的记录应为定稿',
  }));
}

/**
 * Everything the year lacks, on `asOf` (default today): cadence gaps (per
 * 党小组 for 党小组会), members without a 谈心谈话, dues arrears and amounts not
 * fixed, open 整改 items, 转出 回执 overdue, and records still 草稿.
 */
export function yearGaps(db: Db, year: number, asOf: string = localToday(), cadences: readonly Cadence[] = branchCadences(db)): Gap[] {
  const branch = requireBranch(db);
  const ctx: CadenceContext = { year, asOf, branchStart: booksStart(db).effective, groups: branch.groups };
  const records = yearRecords(db, year, [
    ...cadences.map((c) => c.typeId),
    TALK_COVERAGE.typeId,
    'rectification-ledger',
    'org-life-meeting',
    'membership-transfer',
  ]);
  return [
    ...cadenceGaps(cadences, records, ctx),
    ...talkGaps(
      db,
      records.filter((r) => r.type === TALK_COVERAGE.typeId),
      ctx,
    ),
    ...duesGaps(db, year, asOf, ctx.branchStart),
    ...rectificationGaps(records),
    ...transferGaps(records, asOf),
    ...draftGaps(db, year, asOf),
  ];
}
