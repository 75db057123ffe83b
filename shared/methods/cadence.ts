/** The cadence settings of the contract (merged in shared/contract.ts): how often the branch holds each activity. */
import { z } from 'zod';
import type { Gap } from '../archive/model.js';
import { dateIn } from '../books/schema.js';
import type { CadenceBasis, CadenceOrg, PeriodState, PeriodUnit } from '../rules/cadence.js';
import type { TalkMatrix } from '../rules/talks.js';
import { method, noInput, year } from './method.js';

/** An obligation as the branch keeps it, beside the default and where that comes from. */
export interface CadenceSetting {
  typeId: string;
  org: CadenceOrg;
  label: string;
  enabled: boolean;
  period: PeriodUnit;
  /** On by default: always for the 党支部; for the 团支部 and 工会, when the branch has records of theirs. */
  defaultEnabled: boolean;
  defaultPeriod: PeriodUnit;
  basis: CadenceBasis;
  perGroup: boolean;
  source: string;
}

/** When the branch's books begin: nothing is asked for the periods that ended before. */
export interface BooksStart {
  /** Set by the secretary in 支部设置 (YYYY-MM-DD), or null. */
  set: string | null;
  /** The day the branch was set up in the app. */
  setUpDay: string;
  /** The date of the earliest record (older books entered later), or null. */
  earliestRecord: string | null;
  /** What counts: the date set, else the earlier of the set-up day and the earliest record. */
  effective: string;
}

export interface CadenceSettings {
  cadences: CadenceSetting[];
  start: BooksStart;
}

/** One obligation (for one 党小组) over the periods of a year. */
export interface GlanceRow {
  typeId: string;
  org: CadenceOrg;
  /** 支部党员大会（每季度） */
  label: string;
  group: string | null;
  source: string;
  cells: { label: string; state: PeriodState; link: string }[];
}

/**
 * What 近期待办 lists, in the order its groups show: the obligations of the
 * period under way that are neither held nor planned (本期待办), activities
 * planned, 发展党员 steps, 整改 items and 转出 回执.
 */
export type UpcomingKind = 'period-obligation' | 'planned-activity' | 'development-step' | 'rectification' | 'transfer-receipt';

/** Something due by a date, whatever the year shown: an obligation of this period, an activity planned, a 发展党员 step, a 整改 item, a 回执. */
export interface Upcoming extends Omit<Gap, 'book'> {
  kind: UpcomingKind;
  /** The date it is due (or planned for); for an obligation, the last day of its period. */
  due: string;
  overdue: boolean;
}

/** One group of 近期待办: its items overdue first, then by date. */
export interface UpcomingSection {
  kind: UpcomingKind;
  /** 本期待办, 已计划的活动, 发展党员, 问题整改, 组织关系转接回执 */
  title: string;
  items: Upcoming[];
}

/** 近期待办 as of a day, whatever the year shown. */
export interface UpcomingList {
  /**
   * The groups that have items, in the order of UpcomingKind. The 本期待办
   * items are the 'due' cells of asOf's year, one for one.
   */
  sections: UpcomingSection[];
  /** Items overdue since before 1 January of asOf's year, whatever their group (in group order, then by date): one collapsed line. */
  earlier: Upcoming[];
}

/** The year at a glance: each obligation by period, and the other things that are due. */
export interface YearGlance {
  year: number;
  asOf: string;
  /** When the branch's books begin: no period that ended before it is asked for. */
  booksStart: string;
  rows: GlanceRow[];
  /** As of `asOf`, not of `year`: this period's obligations, then what is overdue or due within UPCOMING_DAYS (shared/rules/cadence.ts). */
  upcoming: UpcomingList;
  /** The year's other gaps as the completeness check names them (党费, drafts left, 谈心谈话 at year end), less what `upcoming` lists. */
  reminders: Gap[];
}

export const CADENCE_METHODS = {
  /** Each obligation of the year by period as done / planned / due / overdue, with the other reminders. */
  'cadence.year': method<YearGlance>()(z.strictObject({ year })),
  /** Who has talked with whom (谈心谈话) among the year's members, and which pairs the rule asks for are still open. */
  'cadence.talks': method<TalkMatrix>()(z.strictObject({ year })),
  'cadence.list': method<CadenceSettings>()(noInput),
  /** On or off, and how often; setting the default (on or off, and frequency) goes back to the default. */
  'cadence.update': method<CadenceSettings>()(
    z.strictObject({
      typeId: z.string({ error: '活动类型无效' }).min(1, '活动类型无效').max(60, '活动类型无效'),
      enabled: z.boolean({ error: '请选择是否提醒' }),
      period: z.enum(['month', 'quarter', 'year'], { error: '频次应为每月、每季度或每年' }),
    }),
  ),
  /** When the branch's books begin (null: worked out from the set-up day and the earliest record). */
  'cadence.setStart': method<CadenceSettings>()(z.strictObject({ date: dateIn('record', '记录起始日期').nullable() })),
} as const;
