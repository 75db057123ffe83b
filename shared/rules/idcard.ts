/**
 * 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date
 * (YYYYMMDD), 3-digit sequence code whose last digit is odd for men and even
 * for women, and a check character computed by ISO 7064 MOD 11-2:
 *
 *   S = Σ aᵢ·Wᵢ (i = 1..17) with W = 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2,
 *   check = "10X98765432"[S mod 11].
 *
 * The old 15-digit numbers (GB 11643-1989) are not accepted: they carry no
 * check character and a two-digit year, so a roster should hold the 18-digit
 * number instead.
 *
 * Pure functions, used by the core (validation at the boundary, import) and
 * the renderer (the field is checked as it is typed).
 */
import { isValidIsoDate } from '../dates.js';
import { localToday } from '../dates.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Full-width digits and letters to half-width, spaces removed, x → X. */
export function normaliseIdNumber(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000-]/g, '')
    .toUpperCase();
}

/** The check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('idCheckChar: 17 digits expected');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export interface IdFacts {
  /** the normalised number (upper-case X, half-width) */
  value: string;
  /** YYYY-MM-DD from characters 7–14 */
  birthDate: string;
  /** the 17th digit: odd 男, even 女 */
  gender: '男' | '女';
}

export type IdCheck = ({ ok: true } & IdFacts) | { ok: false; message: string };

/**
 * Check an ID number; when the person's 出生日期 or 性别 is given, it must agree.
 * `today` (YYYY-MM-DD) bounds the birth date; by default the local date.
 */
export function checkIdNumber(raw: string, person: { birthDate?: string; gender?: string } = {}, today = localToday()): IdCheck {
  const value = normaliseIdNumber(raw);
  if (value === '') return { ok: false, message: '请填写身份证号' };
  if (/^\d{15}$/.test(value)) {
    return { ok: false, message: '身份证号是15位的旧号码，请填写18位的公民身份号码（可在新身份证上查到）' };
  }
  if (!/^[0-9X]+$/.test(value)) return { ok: false, message: '身份证号只能由数字和末位的X组成' };
  if (value.length !== 18) return { ok: false, message: `身份证号应为18位，现在是${value.length}位` };
  if (!/^\d{17}[0-9X]$/.test(value)) return { ok: false, message: '身份证号只有最后一位可以是X' };
  if (value[0] === '0') return { ok: false, message: '身份证号的地址码（前6位）无效' };
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isValidIsoDate(birthDate) || birthDate > today) {
    return { ok: false, message: `身份证号第7–14位的出生日期（${value.slice(6, 14)}）无效` };
  }
  const check = idCheckChar(value.slice(0, 17));
  if (value[17] !== check) return { ok: false, message: '身份证号校验位不正确，请核对是否有输错的数字' };
  const gender = Number(value[16]) % 2 === 1 ? '男' : '女';
  if (person.birthDate && person.birthDate !== birthDate) {
    return { ok: false, message: `身份证号中的出生日期（${birthDate}）与出生日期（${person.birthDate}）不一致` };
  }
  if (person.gender && person.gender !== gender) {
    return { ok: false, message: `身份证号第17位表示性别为${gender}，与性别“${person.gender}”不一致` };
  }
  return { ok: true, value, birthDate, gender };
}

/** 110105********123X: the first 6 and the last 4 characters; '' stays ''. */
export function maskIdNumber(value: string): string {
  if (!value) return '';
  if (value.length <= 10) return '*'.repeat(value.length);
  return `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}`;
}

/** Whether a value is a masked number as maskIdNumber writes it. */
export function isMaskedIdNumber(value: string): boolean {
  return value.includes('*');
}

