/** The cadence settings of the contract (merged in shared/contract.ts): how often the branch holds each activity. */
import { z } from 'zod';
import type { Gap } from '../archive/model.js';
import { isoDate } from '../books/schema.js';
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

/** Something due by a date, whatever the year shown: an activity planned, a 发展党员 step, a 回执, a 整改 item. */
export interface Upcoming extends Gap {
  /** The date it is due (or planned for). */
  due: string;
  overdue: boolean;
}

/** The year at a glance: each obligation by period, and the other things that are due. */
export interface YearGlance {
  year: number;
  asOf: string;
  /** When the branch's books begin: no period that ended before it is asked for. */
  booksStart: string;
  rows: GlanceRow[];
  /** As of today: overdue, or due within UPCOMING_DAYS (shared/rules/cadence.ts); overdue first, then by date. */
  upcoming: Upcoming[];
  /** The year's other gaps as the completeness check names them: 党费, drafts left, 谈心谈话 (at year end). */
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
  'cadence.setStart': method<CadenceSettings>()(z.strictObject({ date: isoDate.nullable() })),
} as const;
