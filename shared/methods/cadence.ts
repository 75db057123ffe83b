/** The cadence settings of the contract (merged in shared/contract.ts): how often the branch holds each activity. */
import { z } from 'zod';
import type { Gap } from '../archive/model.js';
import type { CadenceBasis, PeriodState, PeriodUnit } from '../rules/cadence.js';
import type { TalkMatrix } from '../rules/talks.js';
import { method, noInput, year } from './method.js';

/** An obligation as the branch keeps it, beside the default and where that comes from. */
export interface CadenceSetting {
  typeId: string;
  label: string;
  enabled: boolean;
  period: PeriodUnit;
  defaultPeriod: PeriodUnit;
  basis: CadenceBasis;
  perGroup: boolean;
  source: string;
}

/** One obligation (for one 党小组) over the periods of a year. */
export interface GlanceRow {
  typeId: string;
  /** 支部党员大会（每季度） */
  label: string;
  group: string | null;
  source: string;
  cells: { label: string; state: PeriodState; link: string }[];
}

/** The year at a glance: each obligation by period, and the other things that are due. */
export interface YearGlance {
  year: number;
  asOf: string;
  rows: GlanceRow[];
  /** 党费, 回执, 整改, drafts, 谈心谈话 (at year end): as the completeness check names them. */
  reminders: Gap[];
}


export const CADENCE_METHODS = {
  /** Each obligation of the year by period as done / planned / due / overdue, with the other reminders. */
  'cadence.year': method<YearGlance>()(z.strictObject({ year })),
  /** Who has talked with whom (谈心谈话) among the year's members, and which pairs the rule asks for are still open. */
  'cadence.talks': method<TalkMatrix>()(z.strictObject({ year })),
  'cadence.list': method<CadenceSetting[]>()(noInput),
  /** On or off, and how often; setting the default frequency (switched on) goes back to the default. */
  'cadence.update': method<CadenceSetting[]>()(
    z.strictObject({
      typeId: z.string({ error: '活动类型无效' }).min(1, '活动类型无效').max(60, '活动类型无效'),
      enabled: z.boolean({ error: '请选择是否提醒' }),
      period: z.enum(['month', 'quarter', 'year'], { error: '频次应为每月、每季度或每年' }),
    }),
  ),
} as const;
