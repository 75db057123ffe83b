/**
 * The seal methods of the contract (merged in shared/contract.ts): sealing a year after its
 * archive export, unsealing it with a reason, and checking it against its manifest.
 */
import { z } from 'zod';
import type { SealProblem, SealStatus } from '../archive/model.js';
import { method } from './method.js';

const year = z.number({ error: '请选择年度' }).int('年度无效').min(1990, '年度无效').max(2200, '年度无效');
/** The export's folder under DATA_DIR/archive/<year>/: YYYYMMDD-HHmmss. */
const exportId = z
  .string({ error: '请选择要封存的导出批次' })
  .regex(/^\d{8}-\d{6}$/, '导出批次编号应为“年月日-时分秒”，如20250105-093000');
const reason = z
  .string({ error: '请写明解除封存的原因' })
  .trim()
  .min(4, '请写明解除封存的原因（至少4个字）')
  .max(200, '原因不能超过200个字');

export const SEAL_METHODS = {
  /** Whether the year is sealed, its manifest, and the log of every seal and unseal. */
  'seal.status': method<SealStatus>()(z.strictObject({ year })),
  /**
   * Seal the year over one of its exports: the year becomes read-only and the manifest (sha256 of
   * each record, attachment file and exported file) is stored. Refused when already sealed, when the
   * export folder is missing, or when an attachment file is missing or damaged.
   */
  'seal.seal': method<SealStatus>()(z.strictObject({ year, exportId })),
  /** Lift the seal; the reason is kept in the log (printed in the next volume's 备考表). */
  'seal.unseal': method<SealStatus>()(z.strictObject({ year, reason })),
  /** Check a sealed year against its manifest: what was changed, removed or added behind the app's back. */
  'seal.verify': method<SealProblem[]>()(z.strictObject({ year })),
} as const;
