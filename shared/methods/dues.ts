/** The dues methods of the contract (merged in shared/contract.ts): the 党费收缴台账. */
import { z } from 'zod';
import { dateIn } from '../books/schema.js';
import { DUES_CATEGORIES, type Arrears, type DuesCategory } from '../rules/dues.js';
import type { ExportedFile } from './method.js';
import { id, method, year } from './method.js';

const month = z.number({ error: '请选择月份' }).int('月份无效').min(1, '月份应为1至12').max(12, '月份应为1至12');
/** An amount in 元 with at most two decimals. */
const money = (label: string, max: number) =>
  z
    .number({ error: `请填写${label}` })
    .min(0, `${label}不能为负数`)
    .max(max, `${label}不能大于${max}元`)
    .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, `${label}最多两位小数（到分）`);
const category = z.enum(DUES_CATEGORIES, { error: '请选择党费类别' });

/** One member's category and base; `amount` is the branch's figure for 农民 (0.2–1元) and 其他, else null. */
export const duesEntry = z.strictObject({
  personId: id,
  category,
  base: money('月收入', 10_000_000),
  amount: money('月交纳金额', 100_000).nullable(),
});
export type DuesEntry = z.infer<typeof duesEntry>;

export interface DuesFixed {
  category: DuesCategory;
  base: number;
  /** 交纳比例 as the ledger prints it: 0.5%, 定额0.2元 … */
  rateLabel: string;
  /** The monthly amount fixed for the whole year. */
  monthly: number;
  /** Adjustments with their reasons, one per line. */
  notes: string;
}

/** A current 党员/预备党员 in the year's setup table. */
export interface DuesSetupRow {
  personId: number;
  name: string;
  politicalStatus: string;
  /** 入党日期 (the 支部大会 that admitted them), '' if not recorded. */
  joinDate: string;
  /** What is fixed for the year, or null. */
  fixed: DuesFixed | null;
  /** What to start from when not fixed: last year's category and base, else 在职. */
  suggestion: Omit<DuesEntry, 'personId'>;
}

export type DuesCellState =
  /** paid */
  | 'paid'
  /** not due at all: before admission or after leaving */
  | 'none'
  /** due later in the year */
  | 'notYet'
  /** due and unpaid, in a run of fewer than 3 months */
  | 'unpaid'
  /** due and unpaid, in a run of 3–5 */
  | 'warning'
  /** due and unpaid, in a run of 6 or more */
  | 'flag';

export interface DuesCell {
  month: number;
  state: DuesCellState;
  amount: number | null;
  paidDate: string;
  collector: string;
  /** The months paid together with this one (one entry: the same day, recorded at once). */
  entryMonths: number[];
  /** Months between the month and its payment when more than 6 (a late back payment), else 0. */
  late: number;
}

export interface DuesMemberRow extends DuesFixed {
  personId: number;
  name: string;
  politicalStatus: string;
  joinDate: string;
  /** Left the roster (their row stays in the year they were fixed in). */
  removed: boolean;
  cells: DuesCell[];
  /** Months of the year that are due at all (admission to leaving), whatever today is. */
  dueMonths: number[];
  /** 全年应缴: monthly × dueMonths. */
  dueTotal: number;
  /** 全年实缴 */
  paidTotal: number;
  /** Due months up to today still unpaid. */
  owedMonths: number[];
  arrears: Arrears;
}

export interface DuesYear {
  year: number;
  /** The day the grid was computed for (today). */
  asOf: string;
  members: DuesMemberRow[];
  setup: DuesSetupRow[];
  /** For each month 1–12: what is due (fixed amounts of members due that month) and what was paid. */
  monthTotals: { month: number; due: number; paid: number }[];
  dueTotal: number;
  paidTotal: number;
}

export interface DuesPayResult {
  year: DuesYear;
  /** Amount differing from the fixed one, a late back payment …: recorded anyway, shown to the user. */
  warnings: string[];
}

export const DUES_METHODS = {
  /** The year's ledger: the grid of fixed members × 12 months, totals, arrears, and the setup table. */
  'dues.year': method<DuesYear>()(z.strictObject({ year })),
  /**
   * Fix the monthly amount for members not yet fixed this year. A member already fixed with the
   * same figures is left alone; different figures are refused (use dues.refix with a reason).
   */
  'dues.setupYear': method<DuesYear>()(
    z.strictObject({ year, entries: z.array(duesEntry).min(1, '请至少确定一名党员的党费').max(500, '一次最多500人') }),
  ),
  /** Fix again one member's amount for the year, with the reason (kept in the 备注). */
  'dues.refix': method<DuesYear>()(
    duesEntry.extend({ year, reason: z.string({ error: '请填写调整原因' }).trim().min(1, '请填写调整原因').max(200, '原因不能超过200个字') }),
  ),
  /** Take a member off the year's ledger (fixed by mistake); only while nothing is recorded as paid. */
  'dues.unfix': method<DuesYear>()(z.strictObject({ year, personId: id })),
  /** Record one payment for one or several months (e.g. a quarter): one row per month, the same date. */
  'dues.pay': method<DuesPayResult>()(
    z.strictObject({
      year,
      personId: id,
      months: z
        .array(month)
        .min(1, '请选择交纳的月份')
        .max(12, '最多12个月')
        .refine((ms) => new Set(ms).size === ms.length, '月份不能重复'),
      amount: money('交纳金额', 1_000_000),
      paidDate: dateIn('record', '交纳日期'),
      collector: z.string({ error: '请填写收款人' }).trim().max(40, '收款人不能超过40个字'),
    }),
  ),
  /** Undo the payments of these months. */
  'dues.undo': method<DuesYear>()(
    z.strictObject({
      year,
      personId: id,
      months: z.array(month).min(1, '请选择月份').max(12, '最多12个月'),
    }),
  ),
  /** The 党费收缴台账 workbook: the ledger sheet and the 公示 sheet. */
  'dues.exportXlsx': method<ExportedFile>()(z.strictObject({ year })),
} as const;
