/** Calendar dates travel as `YYYY-MM-DD` strings and times as `HH:mm`; no time zones involved. */
import { cleanText, fail, halfWidth, ok, type Parsed } from './text.js';

export function isValidIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/**
 * The days a date may be, by what it dates: hard bounds, refused at the boundary with
 * the field named (dateRangeProblem); within them shared/rules/plausible.ts questions
 * what is odd (an age of 12, a 定稿 dated tomorrow) without refusing it.
 */
export const DATE_RANGES = {
  /** 出生日期: nobody on a roster was born before 1900, and nobody after today. */
  birth: { from: '1900-01-01', yearsAhead: 0 },
  /** A person's 参加工作, 入党, 转正: as far back as a birth; at most a year ahead, as a step of 发展党员 may set them. */
  life: { from: '1900-01-01', yearsAhead: 1 },
  /** What the books record (a record's date and the dates in it, steps, reviews, payments): from 1949, at most a year ahead (an activity planned). */
  record: { from: '1949-01-01', yearsAhead: 1 },
} as const;
export type DateKind = keyof typeof DATE_RANGES;

/** The last day a date of this kind may be: today, or today a year on (29 February to 28 February). */
export function latestDate(kind: DateKind, today = localToday()): string {
  const years = DATE_RANGES[kind].yearsAhead;
  if (years === 0) return today;
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return iso(y + years, m, Math.min(d, new Date(Date.UTC(y + years, m, 0)).getUTCDate()));
}

/** Why a date (YYYY-MM-DD) is outside the days of its kind, naming the field; null when it is inside. */
export function dateRangeProblem(date: string, kind: DateKind, label: string, today = localToday()): string | null {
  const { from } = DATE_RANGES[kind];
  if (date < from) return `${label}（${date}）早于${from.slice(0, 4)}年，请核对年份`;
  if (date > latestDate(kind, today)) return kind === 'birth' ? `${label}（${date}）在今天之后，请核对` : `${label}（${date}）在一年以后，请核对年份`;
  return null;
}

/**
 * Why a value is not a date of this kind, or null: one out of its days names the field
 * (1899-12-31 too, which is no date of the ledger at all); one that is not a date says
 * why, worded by `notADate` (a field whose path names it elsewhere takes the reason alone).
 */
export function datedProblem(value: string, kind: DateKind, label: string, notADate: (problem: string) => string = (p) => p, today = localToday()): string | null {
  const range = /^\d{4}-\d{2}-\d{2}$/.test(value) ? dateRangeProblem(value, kind, label, today) : null;
  if (range) return range;
  return isValidIsoDate(value) ? null : notADate(isoDateProblem(value));
}

/** 2026-03-05 -> 2026年3月5日 */
export function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 09:30 -> 上午; 14:00 -> 下午 */
export function halfDay(time: string): '上午' | '下午' {
  return Number(time.slice(0, 2)) < 12 ? '上午' : '下午';
}

/** Today as YYYY-MM-DD on this machine's calendar (local time: the secretary's day, not UTC's). */
export function localToday(d = new Date()): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

// ---------- dates as people write them ----------

/** A calendar date, and whether the source gave only its month (the day is then the 1st). */
export interface LooseDate {
  date: string;
  monthOnly: boolean;
}

function dateOrFail(y: number, m: number, d: number, shown: string, monthOnly = false): Parsed<LooseDate> {
  if (y < 1900 || y > 2200) return fail(`日期“${shown}”的年份应在1900至2200之间`);
  const date = iso(y, m, d);
  return isValidIsoDate(date) ? ok({ date, monthOnly }) : fail(`日期“${shown}”不存在`);
}

function monthOrFail(y: number, m: number, shown: string): Parsed<LooseDate> {
  if (m < 1 || m > 12) return fail(`日期“${shown}”的月份无效`);
  return dateOrFail(y, m, 1, shown, true);
}

/** Excel's day count: 1 = 1900-01-01, with its fictitious 1900-02-29 (60). */
export function excelSerialToIso(serial: number): string | null {
  const day = Math.floor(serial);
  if (day < 61 || day > 150000) return null;
  const ms = Date.UTC(1899, 11, 30) + day * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** A JS date read from a workbook (UTC midnight, maybe shifted by a writer's time zone) as a calendar date. */
export function jsDateToIso(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  const day = Math.round(d.getTime() / 86_400_000);
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A date as rosters write it, to YYYY-MM-DD. Accepted (full-width digits too):
 * 2019-07-01, 2019/7/1, 2019.07.01, 2019年7月1日, 20190701; a month alone
 * (2019.07, 2019-7, 2019年7月, 201907) is its first day; Excel dates (JS Dates
 * or serial numbers); numbers typed as 20190701, 201907 or 2019.07. Refused:
 * a year alone, two-digit years, and 2019.1 as a number (January or October?).
 */
export function parseLooseDate(raw: unknown): Parsed<string> {
  const r = readLooseDate(raw);
  return r.ok ? ok(r.value.date) : r;
}

/**
 * parseLooseDate, telling a month alone apart (2019.07 → 2019-07-01, monthOnly). '' for a blank.
 * `serials: false` (typed input, not a workbook cell) reads no bare number as an Excel day count.
 */
export function readLooseDate(raw: unknown, o: { serials?: boolean } = {}): Parsed<LooseDate> {
  if (raw instanceof Date) {
    const s = jsDateToIso(raw);
    return s && isValidIsoDate(s) ? ok({ date: s, monthOnly: false }) : fail('日期无效');
  }
  if (typeof raw === 'number') return dateNumber(raw);
  const shown = cleanText(String(raw ?? ''));
  const v = halfWidth(shown).replace(/\s/g, '').replace(/[.。]$/, '');
  if (v === '') return ok({ date: '', monthOnly: false });
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})[日号]?(?:T[\d:.]+Z?|\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(v))) {
    return dateOrFail(Number(m[1]), Number(m[2]), Number(m[3]), shown);
  }
  if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(v))) return dateOrFail(Number(m[1]), Number(m[2]), Number(m[3]), shown);
  if ((m = /^(\d{4})[-./年](\d{1,2})月?$/.exec(v)) || (m = /^(\d{4})(\d{2})$/.exec(v))) return monthOrFail(Number(m[1]), Number(m[2]), shown);
  if (/^\d{4}年?$/.test(v)) return fail(`日期“${shown}”只有年份，请至少写到月份，如 ${v.slice(0, 4)}.07`);
  if (/^\d{2}[-./年]\d{1,2}/.test(v)) return fail(`日期“${shown}”的年份应写4位`);
  if (o.serials !== false && /^\d{1,6}(\.\d+)?$/.test(v)) return dateNumber(Number(v));
  return fail(`日期“${shown}”无法识别，请写成 2019-07-01 或 2019.07.01`);
}

/** A number in a date column: 20190701, 201907, 2019.07, or an Excel serial. */
function dateNumber(n: number): Parsed<LooseDate> {
  if (!Number.isFinite(n) || n <= 0) return fail(`日期“${n}”无法识别`);
  const s = String(n);
  if (Number.isInteger(n)) {
    if (/^\d{8}$/.test(s)) return dateOrFail(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6)), s);
    if (/^\d{6}$/.test(s)) return monthOrFail(Number(s.slice(0, 4)), Number(s.slice(4)), s);
    if (n >= 1900 && n <= 2200) return fail(`日期“${s}”只有年份，请至少写到月份，如 ${s}.07`);
  } else {
    // 2019.07 typed into a number cell; 2019.10 has become 2019.1, which could as well be January.
    const m = /^(\d{4})\.(\d{1,2})$/.exec(s);
    if (m && Number(m[1]) >= 1900 && Number(m[1]) <= 2200) {
      if (m[2] === '1') return fail(`日期“${s}”是数字，分不清是1月还是10月，请把单元格设为文本并写成 ${m[1]}.01 或 ${m[1]}.10`);
      return monthOrFail(Number(m[1]), Number(m[2]), s);
    }
  }
  const serial = excelSerialToIso(n);
  return serial ? ok({ date: serial, monthOnly: false }) : fail(`日期“${s}”无法识别`);
}

/**
 * A date typed into a date field, read as the roster import reads one: 2019-07-01, 2019/7/1,
 * 2019.7.1, 2019年7月1日, 20190701, full-width digits; to YYYY-MM-DD, '' for a blank. A month
 * alone is not a day and a bare number is not an Excel day count here: both are refused, saying why.
 */
export function readDateInput(text: string): Parsed<string> {
  const r = readLooseDate(text, { serials: false });
  if (!r.ok) return r;
  if (r.value.monthOnly) return fail(`日期“${cleanText(text)}”只写到月份，请写到日，如 ${r.value.date}`);
  return ok(r.value.date);
}

/** A month typed into a month field (2019-07, 2019.7, 2019年7月, 201907, or a whole date), to YYYY-MM. */
export function readMonthInput(text: string): Parsed<string> {
  const r = readLooseDate(text, { serials: false });
  return r.ok ? ok(r.value.date.slice(0, 7)) : r;
}

/** Why a value given as a date is not one (YYYY-MM-DD), in the words a form shows at the field. */
export function isoDateProblem(value: string): string {
  const r = readDateInput(value);
  if (!r.ok) return r.message;
  return r.value === '' ? '请选择日期' : `日期应写成 ${r.value}`;
}

/**
 * A time typed into a time field: 9:30, 09:30, 9.30, 930, 0930, 9点30, 9点30分, 9点半, 9点,
 * full-width digits; to HH:mm, '' for a blank.
 */
export function readTimeInput(text: string): Parsed<string> {
  const v = halfWidth(text).replace(/\s/g, '').replace(/：/g, ':');
  if (v === '') return ok('');
  const m = /^(\d{1,2})(?:[:.点时](\d{1,2}|半)?分?)?$/.exec(v) ?? /^(\d{1,2})(\d{2})$/.exec(v);
  if (!m) return fail(`时间“${cleanText(text)}”无法识别，请写成 09:30`);
  const h = Number(m[1]);
  const min = m[2] === '半' ? 30 : Number(m[2] ?? 0);
  if (h > 23 || min > 59) return fail(`时间“${cleanText(text)}”不存在`);
  return ok(`${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`);
}
