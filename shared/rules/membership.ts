/**
 * Membership rules of the 党员花名册.
 *
 * 《中国共产党章程》第七条: 预备党员的预备期，从支部大会通过他为预备党员之日算起。
 * 党员的党龄，从预备期满转为正式党员之日算起。
 * So 入党日期 is the day the 支部大会 admitted the person (stored as join_date)
 * and 党龄 counts from 转正日期 (full_date).
 */
import { isValidIsoDate, localToday } from '../dates.js';

/** The political statuses that make someone a Party member (党员花名册: 正式 + 预备). */
export const MEMBER_STATUSES = ['中共党员', '中共预备党员'] as const;

export function isPartyMember(status: string): boolean {
  return (MEMBER_STATUSES as readonly string[]).includes(status);
}

/** 正式 / 预备 / '' (党员类别 on the roster). */
export function memberCategory(status: string): '正式' | '预备' | '' {
  return status === '中共党员' ? '正式' : status === '中共预备党员' ? '预备' : '';
}

/**
 * Whole years from `from` to `on` (both YYYY-MM-DD): a year is complete on the
 * same month and day. A 29 February has its anniversary on 1 March in common
 * years (28 February is still one day short). `null` when `from` is empty,
 * invalid, or after `on`.
 */
export function fullYears(from: string, on: string): number | null {
  if (!from || !isValidIsoDate(from) || !isValidIsoDate(on) || from > on) return null;
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = on.split('-').map(Number) as [number, number, number];
  const beforeAnniversary = tm < fm || (tm === fm && td < fd);
  return ty - fy - (beforeAnniversary ? 1 : 0);
}

/** 党龄: whole years since 转正 (null for a 预备党员 or when 转正日期 is not recorded). */
export function partyYears(fullDate: string, today = localToday()): number | null {
  return fullYears(fullDate, today);
}

/**
 * The day a status began, as the roster knows it: 预备党员 from 入党日期,
 * 中共党员 from 转正日期; '' when the roster does not say.
 */
export function statusSince(status: string, dates: { joinDate?: string; fullDate?: string }): string {
  if (status === '中共预备党员') return dates.joinDate ?? '';
  if (status === '中共党员') return dates.fullDate ?? '';
  return '';
}
