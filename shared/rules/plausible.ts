/**
 * Values that are allowed but unlikely: the form questions them at the field
 * with the reason, and saves them if the user means it (warnings, never
 * errors). Each returns the reason, or null when the value looks right.
 */
import { isValidIsoDate } from '../dates.js';
import { halfWidth } from '../text.js';
import { fullYears } from './membership.js';

/** The ages a person on a branch's roster is expected to have (a 职工 of working age, a retired member). */
export const PLAUSIBLE_AGE = { min: 16, max: 100 } as const;

/** Within the days of a birth date (shared/dates.ts DATE_RANGES.birth; one after today is refused there, not questioned here). */
export function birthDateWarning(birthDate: string, today: string): string | null {
  if (!isValidIsoDate(birthDate) || birthDate > today) return null;
  const age = fullYears(birthDate, today)!;
  if (age < PLAUSIBLE_AGE.min) return `按此出生日期，此人现年${age}岁，不满${PLAUSIBLE_AGE.min}周岁，请核对`;
  if (age > PLAUSIBLE_AGE.max) return `按此出生日期，此人现年${age}岁，请核对`;
  return null;
}

/**
 * A phone number as people write it (138 0000 0000, 0546-8501234, (0546)8501234转801,
 * +86 13800000000): an 11-digit mobile number, a landline with its area code
 * (0 and 2–3 digits, then 7–8 digits) or a 400/800 number.
 */
export function phoneWarning(phone: string): string | null {
  const digits = halfWidth(phone)
    .replace(/转\d+$/, '')
    .replace(/[\s\-()（）]/g, '')
    .replace(/^\+?86(?=1\d{10}$)/, '');
  if (digits === '') return null;
  if (/^1[3-9]\d{9}$/.test(digits) || /^0\d{9,11}$/.test(digits) || /^[48]00\d{7}$/.test(digits)) return null;
  if (/^1\d*$/.test(digits) && digits.length !== 11) return `手机号应为11位（现为${digits.length}位），请核对`;
  return '电话号码既不像11位手机号，也不像带区号的固定电话（如 0546-8501234），请核对';
}

/** A 中共党员 or 预备党员 without 入党日期: 党龄, the 预备期 and 党费 all count from it. */
export function joinDateWarning(politicalStatus: string, joinDate: string): string | null {
  if (joinDate) return null;
  if (politicalStatus === '中共党员') return '中共党员应填写入党日期（支部大会通过为预备党员之日）';
  if (politicalStatus === '中共预备党员') return '预备党员应填写入党日期：预备期和党费从这一天算起';
  return null;
}

/** A record kept as 定稿 (held, done) on a day that has not come yet. */
export function futureFinalWarning(o: { date: string; final: boolean; dateLabel: string; meeting: boolean }, today: string): string | null {
  if (!o.final || !isValidIsoDate(o.date) || o.date <= today) return null;
  return o.meeting
    ? `${o.dateLabel}在今天之后：定稿记录的是已开展的活动，计划中的活动请保存为草稿`
    : `${o.dateLabel}在今天之后，请核对`;
}
