/**
 * 组织关系转接 (DOMAIN.md §2, 组织关系): a paper 介绍信 has 存根, 主件 and 回执; the
 * sending branch stays responsible for the member until the 回执 comes back.
 *
 * A 转出 is overdue when its 回执 has not returned once the letter's validity has
 * run out: valid for 有效期 days counted from the 转接日期 (the record's date),
 * so a 30-day letter of 2025-01-01 is valid through 2025-01-31 and overdue from
 * 2025-02-01. A letter whose 有效期 was not written down is taken as 30 days
 * (the usual validity, DEFAULT_VALIDITY_DAYS). 转入 are never overdue here: the
 * receiving branch returns the 回执 itself.
 */
import { addDays } from './development.js';

export const TRANSFER_DIRECTIONS = ['转入', '转出'] as const;
export const FILE_HANDOVER = ['已交接', '未交接', '无'] as const;
export const DEFAULT_VALIDITY_DAYS = 30;

/** The fields of a membership-transfer record that the rule reads. */
export interface TransferData {
  direction?: unknown;
  validityDays?: unknown;
  receiptDate?: unknown;
}

/** The last day the letter is valid, for a 转出 still waiting for its 回执 (else null). */
export function transferDue(data: TransferData, recordDate: string): string | null {
  if (data.direction !== '转出') return null;
  if (typeof data.receiptDate === 'string' && data.receiptDate !== '') return null;
  const days = typeof data.validityDays === 'number' && data.validityDays > 0 ? data.validityDays : DEFAULT_VALIDITY_DAYS;
  return addDays(recordDate, days);
}

/** A 转出 whose 回执 has not returned after the letter's validity. */
export function transferOverdue(data: TransferData, recordDate: string, today: string): boolean {
  const due = transferDue(data, recordDate);
  return due !== null && today > due;
}
