/**
 * The 党员花名册 as columns, and the normalisers that turn what people type
 * into rosters (full-width digits, 2019.07, 男性, 正式党员 …) into the values the
 * registry stores. One list of columns feeds the Excel import (header guesses,
 * the mapping selects), the Excel export, and the page's columns.
 *
 * Pure functions; the import (electron/core/members/import.ts) and the
 * renderer use them alike.
 */
import { isValidIsoDate } from '../dates.js';
import { GENDERS, POLITICAL_STATUSES } from '../books/vocab.js';
import type { FieldIssue } from '../result.js';
import { checkIdNumber } from '../rules/idcard.js';

export const ROSTER_FIELDS = [
  { key: 'name', label: '姓名', headers: ['姓名', '党员姓名', '名字'] },
  { key: 'gender', label: '性别', headers: ['性别'] },
  { key: 'ethnicity', label: '民族', headers: ['民族'] },
  { key: 'nativePlace', label: '籍贯', headers: ['籍贯'] },
  { key: 'birthDate', label: '出生日期', headers: ['出生日期', '出生年月', '出生年月日', '出生时间', '生日'] },
  {
    key: 'idNumber',
    label: '身份证号',
    headers: ['身份证号', '身份证号码', '公民身份号码', '公民身份证号码', '身份证', '身份证件号码'],
  },
  { key: 'education', label: '学历', headers: ['学历', '文化程度', '最高学历', '学历学位'] },
  { key: 'degree', label: '学位', headers: ['学位', '最高学位'] },
  { key: 'workStartDate', label: '参加工作日期', headers: ['参加工作日期', '参加工作时间', '参加工作年月', '工作时间'] },
  { key: 'joinDate', label: '入党日期', headers: ['入党日期', '入党时间', '入党年月'] },
  { key: 'fullDate', label: '转正日期', headers: ['转正日期', '转正时间', '转正年月'] },
  { key: 'group', label: '党小组', headers: ['党小组', '所在党小组', '所属党小组'] },
  { key: 'position', label: '岗位/职务', headers: ['岗位/职务', '岗位职务', '岗位', '职务', '现任职务', '工作岗位'] },
  { key: 'phone', label: '联系电话', headers: ['联系电话', '手机', '手机号', '手机号码', '电话', '联系方式'] },
  { key: 'address', label: '家庭住址', headers: ['家庭住址', '住址', '现住址', '家庭地址', '居住地址'] },
  {
    key: 'politicalStatus',
    label: '政治面貌',
    headers: ['政治面貌', '人员类别', '党员类别', '类别', '党员状态'],
  },
  { key: 'mobileWhere', label: '流动党员', headers: ['流动党员', '外出流向', '流动去向', '是否流动党员', '流向'] },
  { key: 'notes', label: '备注', headers: ['备注', '说明'] },
] as const;

export type RosterField = (typeof ROSTER_FIELDS)[number]['key'];
export const ROSTER_FIELD_KEYS = ROSTER_FIELDS.map((f) => f.key) as [RosterField, ...RosterField[]];
export const ROSTER_LABELS = Object.fromEntries(ROSTER_FIELDS.map((f) => [f.key, f.label])) as Record<RosterField, string>;
/** The fields that hold dates. */
export const DATE_FIELDS = ['birthDate', 'workStartDate', 'joinDate', 'fullDate'] as const satisfies readonly RosterField[];

/** How a header reads once its decoration is gone: `*出生日期（年月日）` → 出生日期. */
export function headerKey(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\s*]/g, '')
    .replace(/\([^)]*\)/g, '')
    .replace(/[：:]$/, '');
}

/**
 * The field a header names, or null: an exact synonym first; else the longest
 * synonym the header contains (所在党小组名称 → 党小组).
 */
export function guessField(header: string): RosterField | null {
  const h = headerKey(header);
  if (!h) return null;
  for (const f of ROSTER_FIELDS) if ((f.headers as readonly string[]).some((x) => headerKey(x) === h)) return f.key;
  if (h === '序号' || h === '党龄' || h.includes('介绍人')) return null;
  let best: { key: RosterField; len: number } | null = null;
  for (const f of ROSTER_FIELDS) {
    for (const x of f.headers) {
      const k = headerKey(x);
      if (k.length >= 2 && h.includes(k) && (!best || k.length > best.len)) best = { key: f.key, len: k.length };
    }
  }
  return best?.key ?? null;
}

// ---------- text ----------

/** Full-width letters, digits and punctuation to half-width; ideographic space to space. */
export const halfWidth = (s: string) => s.normalize('NFKC');

/** Trimmed, inner runs of spaces as one. */
export function cleanText(s: string): string {
  return s.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}

/**
 * A name without the spaces people pad Chinese names with (王 芳 → 王芳);
 * a space between two Latin letters stays. Dots of minority names become ·.
 */
export function cleanName(s: string): string {
  return cleanText(s)
    .replace(/ (?![A-Za-z])|(?<![A-Za-z]) /g, '')
    .replace(/[•．.・]/g, '·');
}

// ---------- vocabularies ----------

export type Result<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(message: string): Result<T> => ({ ok: false, message });

const GENDER_WORDS: Record<string, (typeof GENDERS)[number]> = {
  男: '男',
  男性: '男',
  男士: '男',
  m: '男',
  male: '男',
  女: '女',
  女性: '女',
  女士: '女',
  f: '女',
  female: '女',
};

export function parseGender(raw: string): Result<(typeof GENDERS)[number]> {
  const v = halfWidth(raw).replace(/\s/g, '').toLowerCase();
  const g = GENDER_WORDS[v];
  return g ? ok(g) : fail(`性别“${cleanText(raw)}”无法识别，应为男或女`);
}

const STATUS_WORDS: Record<string, (typeof POLITICAL_STATUSES)[number]> = {
  中共党员: '中共党员',
  正式党员: '中共党员',
  中国共产党党员: '中共党员',
  中共正式党员: '中共党员',
  党员: '中共党员',
  正式: '中共党员',
  中共预备党员: '中共预备党员',
  预备党员: '中共预备党员',
  中国共产党预备党员: '中共预备党员',
  预备: '中共预备党员',
  共青团员: '共青团员',
  团员: '共青团员',
  中国共产主义青年团团员: '共青团员',
  群众: '群众',
};

/** 正式党员 → 中共党员, 预备党员 → 中共预备党员, 团员 → 共青团员 … */
export function parseStatus(raw: string): Result<(typeof POLITICAL_STATUSES)[number]> {
  const v = halfWidth(raw).replace(/\s/g, '');
  const s = STATUS_WORDS[v];
  return s ? ok(s) : fail(`政治面貌“${cleanText(raw)}”无法识别，应为正式党员、预备党员、共青团员或群众`);
}

/** The 56 民族 of GB/T 3304, without 族. */
export const ETHNICITIES = [
  '汉', '蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜', '满', '侗', '瑶', '白', '土家', '哈尼', '哈萨克', '傣', '黎',
  '傈僳', '佤', '畲', '高山', '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜', '土', '达斡尔', '仫佬', '羌', '布朗', '撒拉', '毛南',
  '仡佬', '锡伯', '阿昌', '普米', '塔吉克', '怒', '乌孜别克', '俄罗斯', '鄂温克', '德昂', '保安', '裕固', '京', '塔塔尔', '独龙',
  '鄂伦春', '赫哲', '门巴', '珞巴', '基诺',
] as const;
/** GB/T 3304's codes 97 and 98 besides the 56. */
const OTHER_ETHNICITIES = ['其他未识别民族', '外国血统中国籍人士', '穿青人'];

/** 汉 → 汉族; unknown names are refused. */
export function parseEthnicity(raw: string): Result<string> {
  const v = halfWidth(raw).replace(/\s/g, '');
  const base = v.endsWith('族') ? v.slice(0, -1) : v;
  if ((ETHNICITIES as readonly string[]).includes(base)) return ok(`${base}族`);
  if (OTHER_ETHNICITIES.includes(v)) return ok(v);
  return fail(`民族“${cleanText(raw)}”不是民族名称`);
}

const NOT_MOBILE = ['', '否', '无', '不是', '非', 'n', 'no', '×', 'x', '/', '-', '—'];
const MOBILE = ['是', 'y', 'yes', '√', '✓', '流动', '流动党员'];
/** 流动党员: '' (not mobile), '是' (mobile, where not said), or where they are. */
export function parseMobile(raw: string): string {
  const v = cleanText(halfWidth(raw));
  if (NOT_MOBILE.includes(v.toLowerCase())) return '';
  if (MOBILE.includes(v.toLowerCase())) return '是';
  return v;
}

/** The same rule as the contract's phone field. */
export function parsePhone(raw: string): Result<string> {
  const v = cleanText(halfWidth(raw));
  if (v.length > 30) return fail('联系电话不能超过30个字符');
  if (!/^[0-9+\-\s()（）转]*$/.test(v)) return fail(`联系电话“${v}”只能包含数字和 + - ( ) 空格`);
  return ok(v);
}

// ---------- dates ----------

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** A calendar date, and whether the source gave only its month (the day is then the 1st). */
export interface LooseDate {
  date: string;
  monthOnly: boolean;
}

function dateOrFail(y: number, m: number, d: number, shown: string, monthOnly = false): Result<LooseDate> {
  const date = iso(y, m, d);
  return isValidIsoDate(date) ? ok({ date, monthOnly }) : fail(`日期“${shown}”不存在`);
}

function monthOrFail(y: number, m: number, shown: string): Result<LooseDate> {
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
export function parseLooseDate(raw: unknown): Result<string> {
  const r = readLooseDate(raw);
  return r.ok ? ok(r.value.date) : r;
}

/** parseLooseDate, telling a month alone apart (2019.07 → 2019-07-01, monthOnly). '' for a blank. */
export function readLooseDate(raw: unknown): Result<LooseDate> {
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
  if (/^\d{1,6}(\.\d+)?$/.test(v)) return dateNumber(Number(v));
  return fail(`日期“${shown}”无法识别，请写成 2019-07-01 或 2019.07.01`);
}

/** A number in a date column: 20190701, 201907, 2019.07, or an Excel serial. */
function dateNumber(n: number): Result<LooseDate> {
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

// ---------- one person ----------

/**
 * The rules of one person, each naming its field: the 身份证号 (GB 11643,
 * agreeing with 出生日期 and 性别), the order of the dates, a 预备党员 without
 * 转正日期. The service refuses the first; the import reports them all.
 */
export function personIssues(
  p: { idNumber: string; birthDate: string; gender: string; joinDate: string; fullDate: string; politicalStatus: string },
  today?: string,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (p.idNumber) {
    const c = checkIdNumber(p.idNumber, { birthDate: p.birthDate, gender: p.gender }, today);
    if (!c.ok) issues.push({ path: 'idNumber', message: c.message });
  }
  if (p.birthDate && p.joinDate && p.joinDate <= p.birthDate) issues.push({ path: 'joinDate', message: '入党日期应晚于出生日期' });
  if (p.joinDate && p.fullDate && p.fullDate < p.joinDate) issues.push({ path: 'fullDate', message: '转正日期不能早于入党日期' });
  if (p.politicalStatus === '中共预备党员' && p.fullDate) issues.push({ path: 'fullDate', message: '预备党员尚未转正，转正日期应为空' });
  return issues;
}
