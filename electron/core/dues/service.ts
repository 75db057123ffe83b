/**
 * The 党费收缴台账: each member's monthly amount, fixed for the whole year, and
 * what was paid for each month (one row per month; a quarterly payment is three
 * rows with the same date). The rules (bands, due months, arrears, back payment)
 * live in shared/rules/dues.ts; this file reads and writes the two tables.
 *
 * Nothing here ever acts on arrears: the grid only shows warnings and flags.
 */
import type { FieldIssue } from '../../../shared/result.js';
import type { DuesCell, DuesEntry, DuesFixed, DuesMemberRow, DuesPayResult, DuesSetupRow, DuesYear } from '../../../shared/methods/dues.js';
import {
  arrears,
  duesProblem,
  duesRate,
  dueMonths,
  formatYuan,
  hasManualAmount,
  isPercentCategory,
  monthKey,
  monthlyDues,
  monthsLate,
  paymentWarnings,
  runLevel,
  splitAmount,
  toFen,
  toYuan,
  BACK_PAYMENT_LIMIT,
  type DuesCategory,
} from '../../../shared/rules/dues.js';
import { AppError, notFound } from '../errors.js';
import { localToday } from '../../../shared/dates.js';
import { all, first, now, q, run, tx, type Db } from '../db/sql.js';
import { assertYearOpen } from '../seal/service.js';

const MEMBER_STATUSES = ['中共党员', '中共预备党员'];


/** The day a person left the roster (removed_at is a UTC timestamp), or null. */
const leftOn = (removedAt: string | null) => (removedAt ? removedAt.slice(0, 10) : null);
const sum = (xs: number[]) => toYuan(xs.reduce((s, x) => s + toFen(x), 0));
const yuan = (x: number) => `${formatYuan(x)}元`;

// ---------- readers ----------

function currentMembers(db: Db) {
  return all(
    db,
    q
      .selectFrom('people')
      .select(['id', 'name', 'political_status', 'join_date'])
      .where('removed_at', 'is', null)
      .where('political_status', 'in', MEMBER_STATUSES)
      .orderBy('id'),
  );
}

function fixedRows(db: Db, year: number) {
  return all(
    db,
    q
      .selectFrom('dues_bases as b')
      .innerJoin('people as p', 'p.id', 'b.person_id')
      .select(['b.person_id', 'b.category', 'b.base', 'b.monthly', 'b.notes', 'p.name', 'p.political_status', 'p.join_date', 'p.removed_at'])
      .where('b.year', '=', year)
      .orderBy('p.id'),
  );
}

function fixedRow(db: Db, year: number, personId: number) {
  return first(db, q.selectFrom('dues_bases').selectAll().where('year', '=', year).where('person_id', '=', personId));
}

function payments(db: Db, years: number[], personId?: number) {
  let query = q
    .selectFrom('dues_payments')
    .select(['person_id', 'year', 'month', 'amount', 'paid_date', 'collector', 'created_at'])
    .where('year', 'in', years);
  if (personId !== undefined) query = query.where('person_id', '=', personId);
  return all(db, query.orderBy('year').orderBy('month'));
}

function person(db: Db, id: number) {
  const p = first(db, q.selectFrom('people').select(['id', 'name', 'political_status', 'join_date', 'removed_at']).where('id', '=', id));
  if (!p) throw notFound('该人员');
  return p;
}

function fixedOf(r: { category: string; base: number; monthly: number; notes: string }): DuesFixed {
  const category = r.category as DuesCategory;
  return { category, base: r.base, rateLabel: duesRate(category, r.base).label, monthly: r.monthly, notes: r.notes };
}

type PaymentRow = ReturnType<typeof payments>[number];

function cellsOf(
  year: number,
  fullDue: number[],
  dueNow: number[],
  paid: Map<number, PaymentRow>,
  entries: Map<string, number[]>,
  runs: ReturnType<typeof arrears>['runs'],
): DuesCell[] {
  return Array.from({ length: 12 }, (_, i) => {
    const month = i + 1;
    const p = paid.get(month);
    if (p) {
      const late = monthsLate(year, month, p.paid_date);
      return {
        month,
        state: 'paid',
        amount: p.amount,
        paidDate: p.paid_date,
        collector: p.collector,
        entryMonths: entries.get(`${p.paid_date}|${p.created_at}`) ?? [month],
        late: late > BACK_PAYMENT_LIMIT ? late : 0,
      };
    }
    const key = monthKey(year, month);
    const runOf = runs.find((r) => r.from <= key && key <= r.to);
    const state = !fullDue.includes(month)
      ? 'none'
      : !dueNow.includes(month)
        ? 'notYet'
        : ({ none: 'unpaid', warning: 'warning', flag: 'flag' } as const)[runLevel(runOf?.length ?? 1)];
    return { month, state, amount: null, paidDate: '', collector: '', entryMonths: [], late: 0 };
  });
}

/** The year's ledger as of `asOf`: fixed members × 12 months, totals, arrears, and the setup table. */
export function duesYear(db: Db, year: number, asOf: string = localToday()): DuesYear {
  const rows = fixedRows(db, year);
  const lastYear = new Map(fixedRows(db, year - 1).map((r) => [r.person_id, r]));
  const pays = payments(db, [year - 1, year]);
  const yearEnd = `${year}-12-31`;

  const members: DuesMemberRow[] = rows.map((r) => {
    const mine = pays.filter((p) => p.person_id === r.person_id);
    const paidThisYear = new Map(mine.filter((p) => p.year === year).map((p) => [p.month, p]));
    const entries = new Map<string, number[]>();
    for (const p of paidThisYear.values()) {
      const k = `${p.paid_date}|${p.created_at}`;
      entries.set(k, [...(entries.get(k) ?? []), p.month]);
    }
    const until = leftOn(r.removed_at);
    const fullDue = dueMonths(year, r.join_date, yearEnd, until);
    const dueNow = dueMonths(year, r.join_date, asOf, until);
    // Arrears may run on from last year's December when last year was kept here too.
    const duePrev = lastYear.has(r.person_id) ? dueMonths(year - 1, r.join_date, asOf, until).map((m) => monthKey(year - 1, m)) : [];
    const dueKeys = [...duePrev, ...dueNow.map((m) => monthKey(year, m))];
    // Only runs that reach into this year concern this year's ledger.
    const a = arrears(
      mine.map((p) => monthKey(p.year, p.month)),
      dueKeys,
      asOf,
      monthKey(year, 1),
    );
    const monthly = r.monthly;
    return {
      personId: r.person_id,
      name: r.name,
      politicalStatus: r.political_status,
      joinDate: r.join_date,
      removed: r.removed_at !== null,
      ...fixedOf(r),
      cells: cellsOf(year, fullDue, dueNow, paidThisYear, entries, a.runs),
      dueMonths: fullDue,
      dueTotal: toYuan(toFen(monthly) * fullDue.length),
      paidTotal: sum([...paidThisYear.values()].map((p) => p.amount)),
      owedMonths: dueNow.filter((m) => !paidThisYear.has(m)),
      arrears: a,
    };
  });

  const fixedById = new Map(rows.map((r) => [r.person_id, r]));
  const setup: DuesSetupRow[] = currentMembers(db).map((p) => {
    const f = fixedById.get(p.id);
    const prev = lastYear.get(p.id);
    const prevCategory = prev?.category as DuesCategory | undefined;
    return {
      personId: p.id,
      name: p.name,
      politicalStatus: p.political_status,
      joinDate: p.join_date,
      fixed: f ? fixedOf(f) : null,
      suggestion: prev
        ? { category: prevCategory!, base: prev.base, amount: hasManualAmount(prevCategory!) ? prev.monthly : null }
        : { category: '在职', base: 0, amount: null },
    };
  });
  // Members fixed this year who are no longer current 党员 still show in the ledger, not in setup.

  const monthTotals = Array.from({ length: 12 }, (_, i) => {
    const month = i + 1;
    return {
      month,
      due: sum(members.filter((m) => m.dueMonths.includes(month)).map((m) => m.monthly)),
      paid: sum(members.map((m) => m.cells[i]!.amount ?? 0)),
    };
  });
  return {
    year,
    asOf,
    members,
    setup,
    monthTotals,
    dueTotal: sum(members.map((m) => m.dueTotal)),
    paidTotal: sum(members.map((m) => m.paidTotal)),
  };
}

// ---------- writers ----------

interface Normalized {
  category: DuesCategory;
  base: number;
  monthly: number;
}

/** The figures to store for an entry (base 0 for fixed amounts; 农民 default 0.2), or the problem with it. */
function normalize(e: Omit<DuesEntry, 'personId'>): Normalized | { problem: string; path: 'base' | 'amount' } {
  const manual = hasManualAmount(e.category) ? e.amount : null;
  const base = isPercentCategory(e.category) ? e.base : 0;
  const problem = duesProblem(e.category, base, manual);
  if (problem) return { problem, path: isPercentCategory(e.category) ? 'base' : 'amount' };
  return { category: e.category, base, monthly: monthlyDues(e.category, base, manual) };
}

const describe = (r: { category: string; base: number; monthly: number }) =>
  `${r.category}${isPercentCategory(r.category as DuesCategory) ? ` 月收入${yuan(r.base)}` : ''} 月应缴${yuan(r.monthly)}`;

const sameFigures = (a: Normalized, b: { category: string; base: number; monthly: number }) =>
  a.category === b.category && toFen(a.base) === toFen(b.base) && toFen(a.monthly) === toFen(b.monthly);

function invalid(issues: FieldIssue[]): AppError {
  return new AppError('VALIDATION', issues[0]!.message, issues);
}

function checkMember(db: Db, personId: number) {
  const p = person(db, personId);
  if (p.removed_at !== null || !MEMBER_STATUSES.includes(p.political_status)) return { p, problem: `${p.name}不是在册的中共党员或预备党员` };
  return { p, problem: null };
}

/**
 * Fix the year's monthly amounts of members not fixed yet. Entries for members already fixed
 * with the same figures are left alone; different figures are refused: the amount is fixed
 * for the whole year and changes only through refixDues with a reason.
 */
export function setupYear(db: Db, year: number, entries: DuesEntry[], asOf: string = localToday()): DuesYear {
  tx(db, () => {
    assertYearOpen(db, year);
    const issues: FieldIssue[] = [];
    const seen = new Set<number>();
    const inserts: (Normalized & { personId: number })[] = [];
    entries.forEach((e, i) => {
      const at = `entries.${i}`;
      if (seen.has(e.personId)) return void issues.push({ path: `${at}.personId`, message: '同一人重复出现' });
      seen.add(e.personId);
      const existing = fixedRow(db, year, e.personId);
      const { p, problem } = checkMember(db, e.personId);
      if (problem && !existing) return void issues.push({ path: `${at}.personId`, message: problem });
      const n = normalize(e);
      if ('problem' in n) return void issues.push({ path: `${at}.${n.path}`, message: `${p.name}：${n.problem}` });
      if (existing) {
        if (!sameFigures(n, existing)) {
          issues.push({
            path: at,
            message: `${p.name}的${year}年党费已确定为${describe(existing)}，全年不变；如需调整，请用“调整”并写明原因`,
          });
        }
        return;
      }
      inserts.push({ ...n, personId: e.personId });
    });
    if (issues.length) throw invalid(issues);
    for (const r of inserts) {
      run(db, q.insertInto('dues_bases').values({ year, person_id: r.personId, category: r.category, base: r.base, monthly: r.monthly, notes: '' }));
    }
  });
  return duesYear(db, year, asOf);
}

/** Fix one member's amount again (or for the first time) with a reason, which the 备注 keeps. */
export function refixDues(db: Db, input: DuesEntry & { year: number; reason: string }, asOf: string = localToday()): DuesYear {
  const { year, personId, reason } = input;
  tx(db, () => {
    assertYearOpen(db, year);
    const existing = fixedRow(db, year, personId);
    const { p, problem } = checkMember(db, personId);
    if (problem && !existing) throw invalid([{ path: 'personId', message: problem }]);
    const n = normalize(input);
    if ('problem' in n) throw invalid([{ path: n.path, message: `${p.name}：${n.problem}` }]);
    if (!existing) {
      run(db, q.insertInto('dues_bases').values({ year, person_id: personId, category: n.category, base: n.base, monthly: n.monthly, notes: `${asOf}确定：${reason}` }));
      return;
    }
    if (sameFigures(n, existing)) return;
    const line = `${asOf}调整：${describe(existing)} → ${describe(n)}；原因：${reason}`;
    const notes = existing.notes ? `${existing.notes}\n${line}` : line;
    run(
      db,
      q
        .updateTable('dues_bases')
        .set({ category: n.category, base: n.base, monthly: n.monthly, notes })
        .where('year', '=', year)
        .where('person_id', '=', personId),
    );
  });
  return duesYear(db, year, asOf);
}

/** Take a member off the year's ledger; refused once anything is recorded as paid. */
export function unfixDues(db: Db, year: number, personId: number, asOf: string = localToday()): DuesYear {
  tx(db, () => {
    assertYearOpen(db, year);
    const p = person(db, personId);
    if (!fixedRow(db, year, personId)) throw notFound(`${p.name}的${year}年党费设置`);
    const paid = payments(db, [year], personId);
    if (paid.length) throw new AppError('CONFLICT', `${p.name}${year}年已登记${paid.length}个月的党费，请先撤销这些交纳记录`);
    run(db, q.deleteFrom('dues_bases').where('year', '=', year).where('person_id', '=', personId));
  });
  return duesYear(db, year, asOf);
}

export interface PayInput {
  year: number;
  personId: number;
  months: number[];
  amount: number;
  paidDate: string;
  collector: string;
}

/**
 * Record one payment for one or several months: one row per month with the same date and
 * collector, the amount split over the months in whole 分. Returns what to point out about it
 * (amount differing from the fixed one, back payment later than 6 months); it is recorded anyway.
 */
/** Record payments for one or more months; returns the warnings (the write only: see recordPayment for the API's answer). */
export function payDues(db: Db, input: PayInput, asOf: string = localToday()): string[] {
  const months = [...input.months].sort((a, b) => a - b);
  return tx(db, () => {
    assertYearOpen(db, input.year);
    const p = person(db, input.personId);
    const fixed = fixedRow(db, input.year, input.personId);
    if (!fixed) throw new AppError('CONFLICT', `请先在“年度设置”中确定${p.name}${input.year}年的党费`);
    if (input.paidDate > asOf) throw invalid([{ path: 'paidDate', message: '交纳日期不能晚于今天' }]);
    if (input.paidDate < `${input.year - 1}-01-01`) throw invalid([{ path: 'paidDate', message: `交纳日期早于${input.year - 1}年，请核对` }]);
    const due = dueMonths(input.year, p.join_date, `${input.year}-12-31`, leftOn(p.removed_at));
    const notDue = months.filter((m) => !due.includes(m));
    if (notDue.length) {
      const why = p.join_date && p.join_date.slice(0, 7) > monthKey(input.year, notDue[0]!) ? `（${p.join_date}经支部大会接收，从当月起交纳）` : '（已移出名册）';
      throw invalid([{ path: 'months', message: `${p.name}${notDue.map((m) => `${m}月`).join('、')}不需交纳党费${why}` }]);
    }
    const taken = payments(db, [input.year], input.personId).filter((r) => months.includes(r.month));
    if (taken.length) {
      throw new AppError(
        'CONFLICT',
        `${p.name}${input.year}年${taken.map((r) => `${r.month}月`).join('、')}的党费已登记（${taken[0]!.paid_date}），如需更正请先撤销`,
      );
    }
    const amounts = splitAmount(input.amount, months.length);
    const t = now();
    months.forEach((month, i) => {
      run(
        db,
        q.insertInto('dues_payments').values({
          person_id: input.personId,
          year: input.year,
          month,
          amount: amounts[i]!,
          paid_date: input.paidDate,
          collector: input.collector,
          created_at: t,
        }),
      );
    });
    return paymentWarnings({ year: input.year, months, amount: input.amount, monthly: fixed.monthly, paidDate: input.paidDate }).map(
      (w) => `${p.name}：${w}`,
    );
  });
}

/** The API's answer to a payment: its warnings and the refreshed year, so the grid needs no second call. */
export function recordPayment(db: Db, input: PayInput, asOf: string = localToday()): DuesPayResult {
  const warnings = payDues(db, input, asOf);
  return { year: duesYear(db, input.year, asOf), warnings };
}

/** Undo the payments recorded for these months. */
export function undoPayment(db: Db, year: number, personId: number, months: number[], asOf: string = localToday()): DuesYear {
  tx(db, () => {
    assertYearOpen(db, year);
    const p = person(db, personId);
    const { changes } = run(
      db,
      q.deleteFrom('dues_payments').where('year', '=', year).where('person_id', '=', personId).where('month', 'in', months),
    );
    if (changes === 0) throw notFound(`${p.name}${year}年${months.map((m) => `${m}月`).join('、')}的交纳记录`);
  });
  return duesYear(db, year, asOf);
}
