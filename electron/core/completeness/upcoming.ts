/**
 * What is due soon, as of a day (the home page's 近期待办): activities planned
 * in the next UPCOMING_DAYS, 发展党员 steps due in that time or overdue, 转出
 * 回执 still out, and open 整改 items past or near their 时限. Unlike the
 * year's gaps these do not belong to a year: a 整改 item of last year whose
 * 时限 is next month is due now. Nothing here writes.
 */
import type { Upcoming } from '../../../shared/methods/cadence.js';
import { UPCOMING_DAYS } from '../../../shared/rules/cadence.js';
import { SOURCE as DEVELOPMENT_RULES, addDays, circled } from '../../../shared/rules/development.js';
import { all, q, type Db } from '../db/sql.js';
import { listCases, listTransfers, readOptions } from '../development/service.js';
import { draftsBetween, openRectifications, recordLink } from './service.js';

/** Drafts dated from `asOf` to `horizon`: activities planned and not yet held. */
function plannedActivities(db: Db, asOf: string, horizon: string): Upcoming[] {
  return draftsBetween(db, asOf, horizon).map((d) => ({
    kind: 'planned-activity',
    label: '已计划的活动',
    message: `${d.date} ${d.def.label}${d.named}`,
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

/** Everything due soon on `asOf`: overdue first, then by date. */
export function upcoming(db: Db, asOf: string): Upcoming[] {
  const horizon = addDays(asOf, UPCOMING_DAYS);
  const items = [...plannedActivities(db, asOf, horizon), ...developmentSteps(db, asOf, horizon), ...receipts(db, asOf), ...rectifications(db, asOf, horizon)];
  const key = (u: Upcoming) => `${u.overdue ? 0 : 1}${u.due}`;
  return items.sort((a, b) => key(a).localeCompare(key(b)));
}
