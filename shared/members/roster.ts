/**
 * The 党员花名册 as columns, and the normalisers that turn what people type
 * into rosters (full-width digits, 2019.07, 男性, 正式党员 …) into the values the
 * registry stores. One list of columns feeds the Excel import (header guesses,
 * the mapping selects), the Excel export, and the page's columns.
 *
 * Pure functions; the import (electron/core/members/import.ts) and the
 * renderer use them alike.
 */
import { cleanText, fail, halfWidth, ok, type Parsed } from '../text.js';
import { GENDERS, POLITICAL_STATUSES } from '../books/vocab.js';
import type { FieldIssue } from '../result.js';
import { checkIdNumber } from '../rules/idcard.js';
import { birthDateWarning, joinDateWarning, phoneWarning } from '../rules/plausible.js';

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

export function parseGender(raw: string): Parsed<(typeof GENDERS)[number]> {
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
export function parseStatus(raw: string): Parsed<(typeof POLITICAL_STATUSES)[number]> {
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
export function parseEthnicity(raw: string): Parsed<string> {
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
export function parsePhone(raw: string): Parsed<string> {
  const v = cleanText(halfWidth(raw));
  if (v.length > 30) return fail('联系电话不能超过30个字符');
  if (!/^[0-9+\-\s()（）转]*$/.test(v)) return fail(`联系电话“${v}”只能包含数字和 + - ( ) 空格`);
  return ok(v);
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

/**
 * What the person form questions without refusing (shared/rules/plausible.ts): an
 * age under 16 or over 100, a phone that is neither a mobile nor a landline with
 * its area code, a 党员 without 入党日期.
 */
export function personWarnings(p: { birthDate: string; phone: string; politicalStatus: string; joinDate: string }, today: string): FieldIssue[] {
  const out: FieldIssue[] = [];
  const add = (path: string, w: string | null) => w && out.push({ path, message: w });
  add('birthDate', birthDateWarning(p.birthDate, today));
  add('phone', phoneWarning(p.phone));
  add('joinDate', joinDateWarning(p.politicalStatus, p.joinDate));
  return out;
}
