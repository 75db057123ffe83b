/** The registers methods of the contract (merged in shared/contract.ts): the year's 台账. */
import { z } from 'zod';
import { REGISTER_KEYS, type Register } from '../archive/model.js';
import type { ExportedFile } from './method.js';
import { method, year } from './method.js';

const key = z.enum(REGISTER_KEYS, { error: '请选择台账' });
/** 身份证号 in full only when the user asks (they are masked otherwise). */
const fullIds = z.boolean({ error: '请选择是否显示完整身份证号' });

export const REGISTERS_METHODS = {
  /** One register of the year as display text (the A4 print view). */
  'registers.get': method<Register>()(z.strictObject({ year, key, fullIds })),
  /** The workbook of the year's nine registers, one sheet each. */
  'registers.exportXlsx': method<ExportedFile>()(z.strictObject({ year, fullIds })),
} as const;
