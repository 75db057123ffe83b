/** The completeness methods of the contract (see shared/contract.ts): what a year lacks before it is archived. */
import { z } from 'zod';
import type { Gap } from '../archive/model.js';
import { method, year } from './method.js';


export const COMPLETENESS_METHODS = {
  /**
   * The year's gaps as of today: 三会一课 and other cadences by period (per 党小组 for
   * 党小组会), members without a 谈心谈话, dues arrears, open 整改 items, overdue 回执,
   * records still 草稿. Each with where it is fixed and its source.
   */
  'completeness.check': method<Gap[]>()(z.strictObject({ year })),
} as const satisfies Record<string, ReturnType<ReturnType<typeof method>>>;
