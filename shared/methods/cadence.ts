/** The cadence settings of the contract (merged in shared/contract.ts): how often the branch holds each activity. */
import { z } from 'zod';
import type { CadenceBasis, PeriodUnit } from '../rules/cadence.js';
import { method, noInput } from './method.js';

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

export const CADENCE_METHODS = {
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
