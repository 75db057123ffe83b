/**
 * What is due as of a day (the home page's 近期待办), in groups: the
 * obligations of the period under way (this month, quarter, year) that are
 * neither held nor planned; activities planned (in the next UPCOMING_DAYS, or
 * planning an obligation of this period); 发展党员 steps due in that time or
 * overdue; open 整改 items past or near their 时限; 转出 回执 still out. Unlike
 * the year's gaps the last three do not belong to a year: a 整改 item of last
 * year whose 时限 is next month is due now. What is overdue since an earlier
 * year goes into one line of its own, so that it does not push this period's
 * work off the page. Nothing here writes.
 */
import type { Upcoming, UpcomingKind, UpcomingList } from '../../../shared/methods/cadence.js';
import { UPCOMING_DAYS, cadenceTitle, periodUnderWay, type Cadence, type PeriodStatus } from '../../../shared/rules/cadence.js';
import { SOURCE as DEVELOPMENT_RULES, addDays, circled } from '../../../shared/rules/development.js';
import { all, q, type Db } from '../db/sql.js';
import { listCases, listTransfers, readOptions } from '../development/service.js';
import { draftsBetween, openRectifications, periodLink, recordLink } from './service.js';

/** One obligation the branch keeps (for one 党小组, for per-group ones) and where each period of a year stands (glance.ts). */
export interface KeptObligation {
  cadence: Cadence;
  group: { id: number; name: string } | null;
  periods: PeriodStatus[];
}

/** The periods under way on `asOf` in a given state, with their obligation. */
function underWay(current: readonly KeptObligation[], asOf: string, state: PeriodStatus['state']) {
  return current.flatMap((o) => o.periods.filter((s) => s.state === state && periodUnderWay(s.period, asOf)).map((s) => ({ ...o, status: s })));
}

/** 本期待办: the obligations of this month, quarter and year that no record holds or plans yet (the glance's 'due' cells). */
function unheldObligations(current: readonly KeptObligation[], asOf: string): Upcoming[] {
  return underWay(current, asOf, 'due').map(({ cadence: c, group, status: s }) => ({
    kind: 'period-obligation',
    label: cadenceTitle(c),
    message: `${group ? `${group.name}：` : ''}${s.period.unit === 'year' ? `${s.period.year}年` : s.period.label}尚未${c.verb}${c.label}`,
    link: periodLink(c.typeId, s),
    source: c.source,
    due: s.period.end,
    overdue: false,
  }));
}

/**
 * Drafts dated from `asOf` to `horizon`, and the drafts that plan an
 * obligation of this period whatever their date (one dated yesterday is still
 * to be finished, one in November of the year is this year's plan).
 */
function plannedActivities(db: Db, current: readonly KeptObligation[], asOf: string, horizon: string): Upcoming[] {
  const plans = underWay(current, asOf, 'planned');
  const ids = new Set(plans.map((p) => p.status.recordId));
  const from = plans.reduce((d, p) => (p.status.period.start < d ? p.status.period.start : d), asOf);
  const to = plans.reduce((d, p) => (p.status.period.end > d ? p.status.period.end : d), horizon);
  return draftsBetween(db, from, to)
    .filter((d) => ids.has(d.id) || (d.date >= asOf && d.date <= horizon))
    .map((d) => ({
      kind: 'planned-activity',
      label: '已计划的活动',
      message: `${d.date} ${d.def.label}${d.named}${d.date < asOf ? '（日期已过，仍为草稿）' : ''}`,
      link: recordLink(d.id),
      source: '活动日历：计划的活动以草稿保存，召开后完善记录并定稿',
      due: d.date,
      overdue: false,
    }));
}

/** The next step of each open 发展党员 case, when it is overdue or due within the window. */
function developmentSteps(db: Db, asOf: string, horizon: string): Upcoming[] {
  return listCases(db, readOptions(asOf)).flatMap((c) => {
    const n = c.next;
    if (c.closedAt || !n?.due || !n.dueKind) return [];
    const soon = n.due >= asOf && n.due <= horizon;
    if (!(n.overdue || soon)) return [];
    const when = n.dueKind === 'by' ? `应于${n.due}前完成` : n.dueKind === 'from' ? `${n.due}起可进行` : `预备期于${n.due}期满`;
    return [
      {
        kind: 'development-step',
        label: '发展党员',
        message: `${c.name}：${circled(n.step)}${n.name}，${when}${n.overdue ? '，已逾期' : ''}`,
        link: `/development/${c.id}`,
        source: `${DEVELOPMENT_RULES}：${n.basis}`,
        due: n.due,
        overdue: n.overdue,
      },
    ];
  });
}

/** 转出 whose 回执 has not come back, overdue or not. */
function receipts(db: Db, asOf: string): Upcoming[] {
  return listTransfers(db, asOf).flatMap((t) =>
    t.due === null
      ? []
      : [
          {
            kind: 'transfer-receipt',
            label: '组织关系转接回执',
            message: `${t.name}：转出回执未退回（介绍信有效期至${t.due}${t.overdue ? '，已逾期' : ''}）`,
            link: recordLink(t.id),
            source: '党员组织关系转接：回执退回前，转出党组织仍负有管理责任',
            due: t.due,
            overdue: t.overdue,
          },
        ],
  );
}

/** Open 整改 items (any year, 定稿) past their 时限 or near it (时限 is a required field). */
function rectifications(db: Db, asOf: string, horizon: string): Upcoming[] {
  const records = all(
    db,
    q
      .selectFrom('records')
      .select(['id', 'type', 'date', 'data'])
      .where('deleted_at', 'is', null)
      .where('status', '=', 'final')
      .where('type', 'in', ['rectification-ledger', 'org-life-meeting'])
      .orderBy('date')
      .orderBy('id'),
  ).map((r) => ({ ...r, data: JSON.parse(r.data) as Record<string, unknown> }));
  return openRectifications(records)
    .filter((o) => o.deadline <= horizon)
    .map((o) => {
      const overdue = o.deadline < asOf;
      return {
        kind: 'rectification',
        label: '问题整改',
        message: `${o.what}${o.status ? `${o.status}，` : ''}整改时限${o.deadline}${overdue ? '已过' : ''}`,
        link: recordLink(o.recordId),
        source: o.source,
        due: o.deadline,
        overdue,
      };
    });
}

/** Overdue first, then by date. */
const byUrgency = (items: Upcoming[]) => {
  const key = (u: Upcoming) => `${u.overdue ? 0 : 1}${u.due}`;
  return items.sort((a, b) => key(a).localeCompare(key(b)));
};

/**
 * Everything due on `asOf`, in groups (see the top of this file), each overdue
 * first and then by date; what is overdue since before 1 January of asOf's
 * year apart. `current` is the branch's obligations in asOf's year.
 */
export function upcoming(db: Db, asOf: string, current: readonly KeptObligation[]): UpcomingList {
  const horizon = addDays(asOf, UPCOMING_DAYS);
  const groups: { kind: UpcomingKind; title: string; items: Upcoming[] }[] = [
    { kind: 'period-obligation', title: '本期待办', items: unheldObligations(current, asOf) },
    { kind: 'planned-activity', title: '已计划的活动', items: plannedActivities(db, current, asOf, horizon) },
    { kind: 'development-step', title: '发展党员', items: developmentSteps(db, asOf, horizon) },
    { kind: 'rectification', title: '问题整改', items: rectifications(db, asOf, horizon) },
    { kind: 'transfer-receipt', title: '组织关系转接回执', items: receipts(db, asOf) },
  ];
  const yearStart = `${asOf.slice(0, 4)}-01-01`;
  const earlier = (u: Upcoming) => u.overdue && u.due < yearStart;
  return {
    sections: groups.map((g) => ({ ...g, items: byUrgency(g.items.filter((u) => !earlier(u))) })).filter((g) => g.items.length > 0),
    earlier: groups.flatMap((g) => byUrgency(g.items.filter(earlier))),
  };
}
