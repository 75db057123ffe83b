/**
 * The seal methods of the contract (merged in shared/contract.ts): sealing a year after its
 * archive export, unsealing it with a reason, and checking it against its manifest.
 */
import { z } from 'zod';
import type { SealProblem, SealStatus } from '../archive/model.js';
import { exportId } from './archive.js';
import { method, year } from './method.js';

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
