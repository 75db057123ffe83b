/**
 * 发展党员: the 5 stages and 25 steps of 《中国共产党发展党员工作细则》(2014) as data,
 * the intervals between them, and the checks a case is held to. Pure: no database,
 * dates are 'YYYY-MM-DD' strings and "today" is always passed in.
 *
 * Every check returns a warning whose message cites where the rule comes from:
 * the 细则 itself, or 本支部规定 for local practice (思想汇报 every quarter,
 * 公示 5–7 days), which an option switches off. Warnings never block saving.
 *
 * Months and years (one convention for every interval, and for ages):
 * 《中华人民共和国民法典》第二百零二条 — a period counted in months or years ends on
 * the corresponding day of the last month; where that month has no such day, on
 * its last day. So 1 month after 2024-01-31 is 2024-02-29, 1 month after
 * 2023-01-31 is 2023-02-28, 1 year after 2024-02-29 is 2025-02-28, and someone
 * born on 2008-02-29 is 18 on 2026-02-28. The end day itself is inside the period:
 * a talk on the corresponding day is "within 1 month", a 发展对象 determined on the
 * corresponding day has "1 year" behind them, and the 预备期 ends (转正日期) on it.
 * 第二百零三条 (a period ending on a public holiday runs to the next working day)
 * is not applied: the app knows no holiday calendar, and these are reminders.
 */
import { chineseDate } from '../dates.js';
import type { FieldDef, ScalarField } from '../books/types.js';
import type { VoteOutcome } from './vote.js';

export const SOURCE = '《中国共产党发展党员工作细则》';
/** Local practice, as the branch's own arrangement (DOMAIN.md: never hard-coded law). */
export const LOCAL = '本支部规定';

// ---------- calendar arithmetic ----------

function ymd(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y!, m!, d!];
}

const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The corresponding day `months` later (or earlier), or the last day of that month when it has none. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = ymd(date);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return iso(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = ymd(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = ymd(from);
  const [y2, m2, d2] = ymd(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

/** Completed years of age on `on` (周岁): the birthday counts, by the month convention above. */
export function ageOn(birthDate: string, on: string): number {
  const [by] = ymd(birthDate);
  const [oy] = ymd(on);
  let age = oy - by;
  while (age > 0 && addMonths(birthDate, age * 12) > on) age--;
  return Math.max(0, age);
}

// ---------- the 25 steps ----------

export type Stage = 1 | 2 | 3 | 4 | 5;

export const STAGES: readonly { stage: Stage; label: string }[] = [
  { stage: 1, label: '申请入党' },
  { stage: 2, label: '入党积极分子的确定和培养教育' },
  { stage: 3, label: '发展对象的确定和考察' },
  { stage: 4, label: '预备党员的接收' },
  { stage: 5, label: '预备党员的教育考察和转正' },
];

/** Who a step records by name, and how many the rule expects. */
export interface RoleDef {
  key: string;
  label: string;
  min: number;
  max: number;
  help?: string;
}

export interface StepDef {
  n: number;
  name: string;
  stage: Stage;
  /** Label of the step's own date. */
  dateLabel: string;
  /** Steps that must be done before this one. */
  after: readonly number[];
  roles: readonly RoleDef[];
  /** What the step records besides its date; all optional (saving is never blocked). */
  details: readonly ScalarField[];
  /** Decided by a 支部党员大会: may link to its record and one of its motions. */
  assembly?: boolean;
  /** What the 细则 says about it, shown under the step. */
  help: string;
}

export const ROLE_TALKERS: RoleDef = { key: 'talkers', label: '谈话人', min: 1, max: 3 };
export const ROLE_CONTACTS: RoleDef = { key: 'contacts', label: '培养联系人', min: 1, max: 2, help: '1至2名正式党员' };
export const ROLE_INTRODUCERS: RoleDef = { key: 'introducers', label: '入党介绍人', min: 2, max: 2, help: '2名正式党员，一般由培养联系人担任' };

export const ACTIVIST_BASES = ['党员推荐', '群团组织推优', '其他'] as const;
export const REVIEW_CONCLUSIONS = ['合格', '不合格'] as const;
export const APPROVALS = ['批准', '不批准'] as const;
/** ㉓'s three outcomes (细则: 按期转正, 延长预备期, 取消预备党员资格). */
export const FULL_OUTCOMES = ['转为正式党员', '延长预备期', '取消预备党员资格'] as const;
export type FullOutcome = (typeof FULL_OUTCOMES)[number];

const d = (key: string, label: string, extra: Partial<Omit<FieldDef, 'kind'>> = {}): ScalarField => ({ key, label, kind: 'date', ...extra });
const sel = (key: string, label: string, options: readonly string[], extra: Partial<Omit<FieldDef, 'kind'>> = {}): ScalarField => ({ key, label, kind: 'select', options, ...extra });

export const STEPS: readonly StepDef[] = [
  { n: 1, stage: 1, name: '递交入党申请书', dateLabel: '递交日期', after: [], roles: [], details: [], help: '年满十八周岁，向工作、学习所在单位党组织提出书面申请。' },
  { n: 2, stage: 1, name: '党组织派人谈话', dateLabel: '谈话日期', after: [1], roles: [ROLE_TALKERS], details: [], help: '收到入党申请书后1个月内派人同申请人谈话。' },
  {
    n: 3,
    stage: 2,
    name: '确定入党积极分子',
    dateLabel: '确定日期',
    after: [2],
    roles: [],
    details: [sel('basis', '产生方式', ACTIVIST_BASES)],
    help: '采取党员推荐、群团组织推优等方式产生人选，由支部委员会研究确定。',
  },
  { n: 4, stage: 2, name: '报上级党委备案', dateLabel: '备案日期', after: [3], roles: [], details: [], help: '确定入党积极分子后报上级党委备案。' },
  { n: 5, stage: 2, name: '指定培养联系人', dateLabel: '指定日期', after: [3], roles: [ROLE_CONTACTS], details: [], help: '为入党积极分子指定1至2名正式党员作培养联系人。' },
  {
    n: 6,
    stage: 2,
    name: '培养教育考察',
    dateLabel: '开始日期',
    after: [5],
    roles: [],
    details: [{ key: 'knowledgeScore', label: '党的基本知识考核成绩', kind: 'number', min: 0, max: 100, decimals: 1, unit: '分' }],
    help: '支部每半年对入党积极分子进行一次考察；每次考察和思想汇报在下方“考察与思想汇报”中登记。',
  },
  {
    n: 7,
    stage: 3,
    name: '确定发展对象',
    dateLabel: '确定日期',
    after: [3, 4, 5, 6],
    roles: [],
    details: [{ key: 'opinions', label: '听取意见情况', kind: 'textarea', max: 2000, help: '党小组、培养联系人、党员和群众的意见' }],
    help: '经过1年以上培养教育和考察、基本具备党员条件的，由支部委员会讨论确定。',
  },
  { n: 8, stage: 3, name: '报上级党委备案', dateLabel: '备案日期', after: [7], roles: [], details: [], help: '确定发展对象后报上级党委备案。' },
  { n: 9, stage: 3, name: '确定入党介绍人', dateLabel: '确定日期', after: [7], roles: [ROLE_INTRODUCERS], details: [], help: '由2名正式党员作入党介绍人。' },
  {
    n: 10,
    stage: 3,
    name: '进行政治审查',
    dateLabel: '审查日期',
    after: [7],
    roles: [],
    details: [sel('conclusion', '政审结论', REVIEW_CONCLUSIONS)],
    help: '形成结论性材料。未经政治审查或者政治审查不合格的，不能发展入党。',
  },
  {
    n: 11,
    stage: 3,
    name: '开展集中培训',
    dateLabel: '开始日期',
    after: [7],
    roles: [],
    details: [
      d('endDate', '结束日期'),
      { key: 'hours', label: '学时', kind: 'number', min: 0, max: 500, decimals: 1, unit: '学时' },
      { key: 'organizer', label: '举办单位', kind: 'text', max: 100 },
    ],
    help: '集中培训不少于3天（或者不少于24个学时）。',
  },
  {
    n: 12,
    stage: 4,
    name: '支部委员会审查',
    dateLabel: '审查日期',
    after: [8, 9, 10, 11],
    roles: [],
    details: [d('publicityStart', '公示开始日期'), d('publicityEnd', '公示结束日期')],
    help: '支部委员会审查合格后报上级党委预审；报送前对发展对象公示。',
  },
  {
    n: 13,
    stage: 4,
    name: '上级党委预审',
    dateLabel: '预审日期',
    after: [12],
    roles: [],
    details: [sel('result', '预审结果', REVIEW_CONCLUSIONS)],
    help: '预审合格的，发放《中国共产党入党志愿书》。',
  },
  {
    n: 14,
    stage: 4,
    name: '填写入党志愿书',
    dateLabel: '填写日期',
    after: [13],
    roles: [],
    details: [{ key: 'bookNumber', label: '志愿书编号', kind: 'text', max: 40 }],
    help: '发展对象在入党介绍人指导下如实填写。',
  },
  {
    n: 15,
    stage: 4,
    name: '支部大会讨论接收',
    dateLabel: '会议日期',
    after: [14],
    roles: [],
    details: [],
    assembly: true,
    help: '逐个讨论、逐个表决；到会有表决权的党员超过应到会有表决权党员的半数，赞成人数超过应到会有表决权党员的半数方为通过。',
  },
  { n: 16, stage: 4, name: '上级党委派人谈话', dateLabel: '谈话日期', after: [15], roles: [ROLE_TALKERS], details: [], help: '上级党委审批前派人同发展对象谈话。' },
  {
    n: 17,
    stage: 4,
    name: '上级党委审批',
    dateLabel: '审批日期',
    after: [15, 16],
    roles: [],
    details: [sel('result', '审批结果', APPROVALS)],
    help: '一般在支部大会通过后3个月内审批，特殊情况可以适当延长，但不得超过6个月。',
  },
  { n: 18, stage: 4, name: '再上一级党委组织部门备案', dateLabel: '备案日期', after: [17], roles: [], details: [], help: '审批后报再上一级党委组织部门备案。' },
  {
    n: 19,
    stage: 5,
    name: '编入党支部和党小组',
    dateLabel: '编入日期',
    after: [17],
    roles: [],
    details: [{ key: 'group', label: '编入党小组', kind: 'text', max: 30 }],
    help: '预备期从支部大会通过之日起计算，为1年。',
  },
  { n: 20, stage: 5, name: '入党宣誓', dateLabel: '宣誓日期', after: [17], roles: [], details: [], help: '预备党员面向党旗进行入党宣誓。' },
  { n: 21, stage: 5, name: '继续教育考察', dateLabel: '开始日期', after: [15], roles: [], details: [], help: '对预备党员继续进行教育和考察。' },
  { n: 22, stage: 5, name: '提出转正申请', dateLabel: '申请日期', after: [15], roles: [], details: [], help: '预备期满时，预备党员主动提出书面转正申请。' },
  {
    n: 23,
    stage: 5,
    name: '支部大会讨论转正',
    dateLabel: '会议日期',
    after: [22],
    roles: [],
    details: [
      sel('outcome', '讨论结果', FULL_OUTCOMES),
      { key: 'extensionMonths', label: '延长预备期', kind: 'number', min: 1, max: 24, unit: '个月', help: '不能少于半年，最长不超过1年' },
      d('fullDate', '转正日期', { help: '预备期满之日；不填则按支部大会讨论接收之日起满1年（含延长期）计算' }),
    ],
    assembly: true,
    help: '讨论按期转正、延长预备期或者取消预备党员资格。延长预备期的，不能少于半年，最长不超过1年；延长期满后再次讨论的，修改本步骤的日期和结果，并在备注中写明前次讨论情况。',
  },
  {
    n: 24,
    stage: 5,
    name: '上级党委审批转正',
    dateLabel: '审批日期',
    after: [23],
    roles: [],
    details: [sel('result', '审批结果', APPROVALS)],
    help: '一般在支部大会讨论后3个月内审批。',
  },
  {
    n: 25,
    stage: 5,
    name: '材料归档',
    dateLabel: '归档日期',
    after: [24],
    roles: [],
    details: [{ key: 'archivedTo', label: '存放处', kind: 'text', max: 100, help: '如：本人人事档案' }],
    help: '入党志愿书、入党申请书、政治审查材料、转正申请书和培养教育考察材料等存入本人人事档案。',
  },
];

export const STEP_COUNT = STEPS.length;

export function stepDef(n: number): StepDef {
  const s = STEPS[n - 1];
  if (!s || s.n !== n) throw new Error(`no development step ${n}`);
  return s;
}

/** ① … ㉕ */
export function circled(n: number): string {
  return n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : String.fromCodePoint(0x3251 + n - 21);
}

export const stepTitle = (n: number) => `${circled(n)}${stepDef(n).name}`;

// ---------- a case, as the rules see it ----------

export const REVIEW_KINDS = ['考察', '思想汇报'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

export interface StepRecord {
  step: number;
  date: string;
  people: Record<string, readonly string[]>;
  details: Record<string, unknown>;
}

export interface ReviewRecord {
  date: string;
  kind: ReviewKind;
}

export interface CaseFacts {
  /** From the roster; '' when unknown. */
  birthDate: string;
  /** 政治面貌 on the roster now. */
  politicalStatus: string;
  steps: readonly StepRecord[];
  reviews: readonly ReviewRecord[];
  closed: boolean;
}

export interface DevelopmentOptions {
  /** 本支部规定：months between 思想汇报 of 积极分子 and 发展对象; null switches the check off. */
  thoughtReportMonths: number | null;
  /** 本支部规定：the 公示 before ⑫ lasts this many days (inclusive); null switches the check off. */
  publicityDays: readonly [min: number, max: number] | null;
}

export const DEFAULT_OPTIONS: DevelopmentOptions = { thoughtReportMonths: 3, publicityDays: [5, 7] };

export type WarningLevel = 'info' | 'warning' | 'error';

export interface DevelopmentWarning {
  /** Stable id of the check, e.g. 'age', 'talk-late'. */
  code: string;
  level: WarningLevel;
  /** The step it is about, or null for the case as a whole. */
  step: number | null;
  /** Where the rule comes from and what it expects, e.g. 《中国共产党发展党员工作细则》：申请入党须年满十八周岁 */
  rule: string;
  /** What was found. */
  found: string;
  /** rule + found, one sentence each. */
  message: string;
}

function warning(code: string, level: WarningLevel, step: number | null, rule: string, found: string): DevelopmentWarning {
  return { code, level, step, rule, found, message: `${rule}。${found}` };
}

const cd = chineseDate;

function stepMap(facts: CaseFacts): Map<number, StepRecord> {
  return new Map(facts.steps.map((s) => [s.step, s]));
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** ㉓'s outcome; a ㉓ saved without one counts as 转为正式党员 (the usual outcome, and what the form defaults to). */
export function fullOutcome(s: StepRecord | undefined): FullOutcome | null {
  if (!s) return null;
  const o = text(s.details.outcome);
  return (FULL_OUTCOMES as readonly string[]).includes(o) ? (o as FullOutcome) : '转为正式党员';
}

/** Months the 预备期 was extended by at ㉓ (0 when not extended). */
export function extensionMonths(facts: CaseFacts): number {
  const s23 = stepMap(facts).get(23);
  if (!s23) return 0;
  return num(s23.details.extensionMonths) ?? 0;
}

/**
 * The day the 预备期 ends: 1 year from the 支部大会 vote (⑮), plus any extension.
 * Null before ⑮ is recorded.
 */
export function probationEnd(facts: CaseFacts): string | null {
  const s15 = stepMap(facts).get(15);
  if (!s15) return null;
  return addMonths(s15.date, 12 + extensionMonths(facts));
}

/** 转正日期 (党龄 counts from it): as recorded at ㉓, else the end of the 预备期, else ㉓'s date. */
export function fullMemberDate(facts: CaseFacts): string | null {
  const s23 = stepMap(facts).get(23);
  if (!s23 || fullOutcome(s23) !== '转为正式党员') return null;
  return text(s23.details.fullDate) || probationEnd(facts) || s23.date;
}

// ---------- board ----------

export const BOARD_COLUMNS = [
  { key: 'applicant', label: '申请入党' },
  { key: 'activist', label: '入党积极分子' },
  { key: 'candidate', label: '发展对象' },
  { key: 'probationary', label: '预备党员' },
  { key: 'full', label: '转正完成' },
] as const;
export type BoardColumn = (typeof BOARD_COLUMNS)[number]['key'];

/** Where a case stands: by the furthest of ③, ⑦, ⑮ and ㉓ (转为正式党员) recorded. */
export function boardColumn(facts: CaseFacts): BoardColumn {
  const m = stepMap(facts);
  if (m.has(23) && fullOutcome(m.get(23)) === '转为正式党员') return 'full';
  if (m.has(15)) return 'probationary';
  if (m.has(7)) return 'candidate';
  if (m.has(3)) return 'activist';
  return 'applicant';
}

/** The furthest step recorded. */
export function currentStep(facts: CaseFacts): StepRecord | null {
  let best: StepRecord | null = null;
  for (const s of facts.steps) if (!best || s.step > best.step) best = s;
  return best;
}

export interface NextStep {
  step: number;
  name: string;
  /** by: to be done by `due`; from: not before `due`; on: due on `due` (the 预备期 ends). */
  dueKind: 'by' | 'from' | 'on' | null;
  due: string | null;
  /** `due` has passed and the step is not done. */
  overdue: boolean;
  /** The interval, as the rule words it. */
  basis: string;
}

/** When step n is due, from what is recorded (null: the rules set no date). */
function dueOf(n: number, facts: CaseFacts): Pick<NextStep, 'dueKind' | 'due' | 'basis'> {
  const m = stepMap(facts);
  const none = { dueKind: null, due: null, basis: '' } as const;
  const at = (k: number) => m.get(k)?.date;
  switch (n) {
    case 2:
      return at(1) ? { dueKind: 'by', due: addMonths(at(1)!, 1), basis: '收到入党申请书后1个月内' } : none;
    case 6:
      return at(3) ? { dueKind: 'by', due: addMonths(at(3)!, 6), basis: '每半年考察一次' } : none;
    case 7:
      return at(3) ? { dueKind: 'from', due: addMonths(at(3)!, 12), basis: '确定为入党积极分子1年以上' } : none;
    case 17:
      return at(15) ? { dueKind: 'by', due: addMonths(at(15)!, 3), basis: '支部大会通过后3个月内' } : none;
    case 22:
    case 23: {
      const end = probationEnd(facts);
      return end ? { dueKind: 'on', due: end, basis: '预备期满' } : none;
    }
    case 24:
      return at(23) ? { dueKind: 'by', due: addMonths(at(23)!, 3), basis: '支部大会讨论转正后3个月内' } : none;
    default:
      return none;
  }
}

/** What is due next and by when: the first step after the furthest one recorded (null when nothing is). */
export function nextStep(facts: CaseFacts, today: string): NextStep | null {
  if (facts.closed) return null;
  const m = stepMap(facts);
  let n: number;
  const s23 = m.get(23);
  if (s23) {
    const o = fullOutcome(s23);
    if (o === '取消预备党员资格') return null;
    // An extended 预备期 is discussed again when it ends.
    n = o === '延长预备期' ? 23 : 24;
    while (n <= STEP_COUNT && n !== 23 && m.has(n)) n++;
  } else {
    const cur = currentStep(facts);
    n = cur ? cur.step + 1 : 1;
    while (n <= STEP_COUNT && m.has(n)) n++;
  }
  if (n > STEP_COUNT) return null;
  const due = dueOf(n, facts);
  const overdue = due.due !== null && due.dueKind !== 'from' && today > due.due;
  return { step: n, name: stepDef(n).name, ...due, overdue };
}

// ---------- checks ----------

const PARTY = ['中共党员', '中共预备党员'];

/** The person's 政治面貌 before ⑮: 发展党员 takes in people from outside the Party (群众, 共青团员). */
export function statusWarning(politicalStatus: string, admitted: boolean): DevelopmentWarning | null {
  if (admitted) return null;
  const rule = `${SOURCE}：发展党员是把党外的先进分子吸收入党，对象一般为群众或共青团员`;
  if (PARTY.includes(politicalStatus)) return warning('status', 'warning', null, rule, `人员名册中此人的政治面貌已是${politicalStatus}，请核对。`);
  if (politicalStatus !== '群众' && politicalStatus !== '共青团员') return warning('status', 'info', null, rule, `人员名册中此人的政治面貌为“${politicalStatus}”，请核对。`);
  return null;
}

function ageCheck(facts: CaseFacts, s1: StepRecord | undefined): DevelopmentWarning | null {
  if (!s1) return null;
  const rule = `${SOURCE}：申请入党须年满十八周岁`;
  if (!facts.birthDate) return warning('age-unknown', 'info', 1, rule, '人员名册中没有此人的出生日期，无法核对递交申请时的年龄。');
  const age = ageOn(facts.birthDate, s1.date);
  if (age >= 18) return null;
  return warning('age', 'error', 1, rule, `递交申请时（${cd(s1.date)}）${age}周岁，${cd(addMonths(facts.birthDate, 216))}年满十八周岁。`);
}

function talkCheck(m: Map<number, StepRecord>, today: string, closed: boolean): DevelopmentWarning | null {
  const s1 = m.get(1);
  if (!s1) return null;
  const by = addMonths(s1.date, 1);
  const rule = `${SOURCE}：党组织收到入党申请书后，应当在1个月内派人同入党申请人谈话`;
  const s2 = m.get(2);
  if (s2) {
    if (s2.date <= by) return null;
    return warning('talk-late', 'warning', 2, rule, `申请书${cd(s1.date)}递交，谈话在${cd(s2.date)}，晚于${cd(by)}。`);
  }
  if (closed || today <= by || [...m.keys()].some((k) => k > 2)) return null;
  return warning('talk-due', 'warning', 2, rule, `申请书${cd(s1.date)}递交，应在${cd(by)}前谈话，尚未记录谈话。`);
}

function activistYearCheck(m: Map<number, StepRecord>): DevelopmentWarning | null {
  const s3 = m.get(3);
  const s7 = m.get(7);
  if (!s3 || !s7) return null;
  const from = addMonths(s3.date, 12);
  if (s7.date >= from) return null;
  return warning(
    'activist-year',
    'warning',
    7,
    `${SOURCE}：入党积极分子经过1年以上培养教育和考察，方可确定为发展对象`,
    `${cd(s3.date)}确定为入党积极分子，${cd(s7.date)}确定为发展对象，不满1年（${cd(from)}起满1年）。`,
  );
}

/**
 * 积极分子 and 发展对象 (③ recorded, ⑮ not yet): the latest review of `kind` is at most
 * `months` old, or, when there is none, ③ is at most `months` old.
 */
function reviewDue(facts: CaseFacts, m: Map<number, StepRecord>, today: string, kind: ReviewKind, months: number, code: string, rule: string): DevelopmentWarning | null {
  const s3 = m.get(3);
  if (facts.closed || !s3 || m.has(15)) return null;
  const dates = facts.reviews.filter((r) => r.kind === kind && r.date <= today).map((r) => r.date);
  const latest = dates.length ? dates.reduce((a, b) => (a > b ? a : b)) : null;
  const due = addMonths(latest ?? s3.date, months);
  if (today <= due) return null;
  const found = latest
    ? `最近一次${kind}在${cd(latest)}，应在${cd(due)}前进行下一次。`
    : `${cd(s3.date)}确定为入党积极分子，至今没有${kind}记录（应在${cd(due)}前）。`;
  return warning(code, 'warning', 6, rule, found);
}

function trainingCheck(m: Map<number, StepRecord>): DevelopmentWarning | null {
  const s = m.get(11);
  if (!s) return null;
  const rule = `${SOURCE}：发展对象集中培训不少于3天（或者不少于24个学时）`;
  const end = text(s.details.endDate);
  const hours = num(s.details.hours);
  const days = end ? daysBetween(s.date, end) + 1 : null;
  if (days === null && hours === null) return warning('training-unknown', 'info', 11, rule, '没有记录培训结束日期或学时，无法核对。');
  if (days !== null && days < 1) return warning('training', 'warning', 11, rule, `培训结束日期${cd(end)}早于开始日期${cd(s.date)}。`);
  if ((days !== null && days >= 3) || (hours !== null && hours >= 24)) return null;
  const parts = [days !== null ? `${days}天` : '', hours !== null ? `${hours}学时` : ''].filter(Boolean).join('、');
  return warning('training', 'warning', 11, rule, `记录的培训为${parts}。`);
}

function politicalCheck(m: Map<number, StepRecord>): DevelopmentWarning | null {
  const s = m.get(10);
  if (!s || text(s.details.conclusion) !== '不合格') return null;
  return warning('political', 'error', 10, `${SOURCE}：未经政治审查或者政治审查不合格的，不能发展入党`, '政审结论为不合格。');
}

function publicityCheck(m: Map<number, StepRecord>, range: readonly [number, number] | null): DevelopmentWarning | null {
  const s = m.get(12);
  if (!range || !s) return null;
  const start = text(s.details.publicityStart);
  const end = text(s.details.publicityEnd);
  const rule = `${LOCAL}：发展对象公示期一般为${range[0]}至${range[1]}天`;
  if (!start || !end) return null;
  const days = daysBetween(start, end) + 1;
  if (days >= range[0] && days <= range[1]) return null;
  return warning('publicity', 'warning', 12, rule, `记录的公示期为${cd(start)}至${cd(end)}，共${days}天。`);
}

/** ⑰ after ⑮ and ㉔ after ㉓: within 3 months; beyond 3 a warning, beyond 6 an error. */
function approvalCheck(m: Map<number, StepRecord>, today: string, closed: boolean, step: 17 | 24): DevelopmentWarning | null {
  const from = m.get(step === 17 ? 15 : 23);
  if (!from) return null;
  if (step === 24 && fullOutcome(from) !== '转为正式党员') return null;
  const s = m.get(step);
  const by3 = addMonths(from.date, 3);
  const by6 = addMonths(from.date, 6);
  const what = step === 17 ? '支部大会通过接收预备党员' : '支部大会讨论转正';
  const rule =
    step === 17
      ? `${SOURCE}：上级党委一般在支部大会通过后3个月内审批，特殊情况可以适当延长，但不得超过6个月`
      : `${SOURCE}：上级党委一般在支部大会讨论转正后3个月内审批（特殊情况不超过6个月）`;
  const when = s ? s.date : today;
  if (when <= by3 || (!s && closed)) return null;
  const level: WarningLevel = when > by6 ? 'error' : 'warning';
  const found = s
    ? `${what}在${cd(from.date)}，上级党委审批在${cd(s.date)}，${when > by6 ? `超过6个月（${cd(by6)}）` : `超过3个月（${cd(by3)}）`}。`
    : `${what}在${cd(from.date)}，${when > by6 ? `已超过6个月（${cd(by6)}）` : `已超过3个月（${cd(by3)}）`}，尚未记录上级党委审批。`;
  return warning(step === 17 ? 'approval' : 'approval-full', level, step, rule, found);
}

function probationChecks(facts: CaseFacts, m: Map<number, StepRecord>, today: string): DevelopmentWarning[] {
  const out: DevelopmentWarning[] = [];
  const s15 = m.get(15);
  const s23 = m.get(23);
  const rule = `${SOURCE}：预备党员的预备期为1年，从支部大会通过其为预备党员之日起计算；预备期满，党支部应当及时讨论其能否转为正式党员`;
  if (s23) {
    const outcome = fullOutcome(s23);
    const ext = num(s23.details.extensionMonths);
    if (outcome === '延长预备期' || (ext !== null && ext > 0)) {
      const extRule = `${SOURCE}：延长预备期的，时间不能少于半年，最长不超过1年`;
      if (ext === null) out.push(warning('extension', 'warning', 23, extRule, '讨论结果为延长预备期，尚未填写延长的月数。'));
      else if (ext < 6 || ext > 12) out.push(warning('extension', 'error', 23, extRule, `记录的延长期为${ext}个月。`));
    }
    if (s15) {
      // The 预备期 that was running when ㉓ met: the year, plus the extension once it is being converted after one.
      const end = addMonths(s15.date, 12 + (outcome === '转为正式党员' ? (ext ?? 0) : 0));
      if (s23.date < end) out.push(warning('probation-early', 'warning', 23, rule, `${cd(s15.date)}支部大会通过，预备期至${cd(end)}期满，讨论转正在${cd(s23.date)}，预备期未满。`));
    }
    if (outcome === '延长预备期' && s15 && ext !== null && !facts.closed) {
      const end = addMonths(s15.date, 12 + ext);
      if (today > end) out.push(warning('probation-due', 'warning', 23, rule, `延长的预备期已于${cd(end)}期满，请及时讨论能否转为正式党员。`));
    }
    return out;
  }
  if (s15 && !facts.closed) {
    const end = addMonths(s15.date, 12);
    if (today > end) out.push(warning('probation-due', 'warning', 23, rule, `${cd(s15.date)}支部大会通过，预备期已于${cd(end)}期满，尚未记录支部大会讨论转正。`));
  }
  return out;
}

function roleChecks(m: Map<number, StepRecord>): DevelopmentWarning[] {
  const out: DevelopmentWarning[] = [];
  for (const s of m.values()) {
    for (const r of stepDef(s.step).roles) {
      const n = (s.people[r.key] ?? []).filter((x) => x.trim()).length;
      if (n >= r.min && n <= r.max) continue;
      const expect = r.min === r.max ? `${r.min}名` : `${r.min}至${r.max}名`;
      out.push(warning('roles', 'warning', s.step, `${SOURCE}：${stepDef(s.step).name}应有${expect}${r.label}`, `${stepTitle(s.step)}记录了${n}名${r.label}。`));
    }
  }
  return out;
}

/** Each recorded step against its prerequisites: recorded, and not dated after it. */
function orderChecks(m: Map<number, StepRecord>): DevelopmentWarning[] {
  const out: DevelopmentWarning[] = [];
  for (const s of [...m.values()].sort((a, b) => a.step - b.step)) {
    const def = stepDef(s.step);
    const missing = def.after.filter((k) => !m.has(k));
    if (missing.length) {
      out.push(
        warning(
          'prerequisite',
          'warning',
          s.step,
          `${SOURCE}：${stepTitle(s.step)}应在${missing.map(stepTitle).join('、')}之后`,
          `已记录${stepTitle(s.step)}，尚未记录${missing.map(stepTitle).join('、')}。`,
        ),
      );
    }
    const later = def.after.map((k) => m.get(k)).filter((p): p is StepRecord => !!p && p.date > s.date);
    if (later.length) {
      out.push(
        warning(
          'order',
          'warning',
          s.step,
          `${SOURCE}：发展党员须按程序逐步进行，${stepTitle(s.step)}不应早于${later.map((p) => stepTitle(p.step)).join('、')}`,
          `${stepTitle(s.step)}记为${cd(s.date)}，早于${later.map((p) => `${stepTitle(p.step)}（${cd(p.date)}）`).join('、')}。`,
        ),
      );
    }
  }
  return out;
}

/** Everything the rules have to say about a case, as of `today`. */
export function checkCase(facts: CaseFacts, today: string, options: DevelopmentOptions = DEFAULT_OPTIONS): DevelopmentWarning[] {
  const m = stepMap(facts);
  const out: (DevelopmentWarning | null)[] = [
    statusWarning(facts.politicalStatus, m.has(15)),
    ageCheck(facts, m.get(1)),
    talkCheck(m, today, facts.closed),
    activistYearCheck(m),
    reviewDue(facts, m, today, '考察', 6, 'review-due', `${SOURCE}：党支部每半年对入党积极分子、发展对象进行一次考察`),
    options.thoughtReportMonths === null
      ? null
      : reviewDue(
          facts,
          m,
          today,
          '思想汇报',
          options.thoughtReportMonths,
          'report-due',
          `${LOCAL}：入党积极分子、发展对象${options.thoughtReportMonths === 3 ? '每季度' : `每${options.thoughtReportMonths}个月`}向支部递交一次思想汇报`,
        ),
    politicalCheck(m),
    trainingCheck(m),
    publicityCheck(m, options.publicityDays),
    approvalCheck(m, today, facts.closed, 17),
    ...probationChecks(facts, m, today),
    approvalCheck(m, today, facts.closed, 24),
    ...roleChecks(m),
    ...orderChecks(m),
  ];
  return out.filter((w): w is DevelopmentWarning => w !== null);
}

/** A 支部党员大会 motion linked to ⑮ or ㉓ that did not pass. */
export function voteWarning(step: number, outcome: VoteOutcome): DevelopmentWarning | null {
  if (outcome.passed) return null;
  const rule =
    step === 15
      ? `${SOURCE}：支部大会讨论接收预备党员，到会有表决权的党员须超过应到会有表决权党员的半数，赞成人数超过应到会有表决权党员的半数方为通过`
      : `${SOURCE}：支部大会讨论预备党员转正，到会有表决权的党员须超过应到会有表决权党员的半数，赞成人数超过应到会有表决权党员的半数方为通过`;
  const found = outcome.invalid ? `所链接的表决票数有误：${outcome.summary}` : !outcome.quorum ? `所链接的会议到会人数不足：${outcome.summary}` : `所链接的表决未通过：${outcome.summary}`;
  return warning(outcome.quorum && !outcome.invalid ? 'vote' : 'quorum', 'error', step, rule, found);
}

/** A problem with the meeting a step links to (deleted, not a 支部党员大会, motion missing, another date). */
export function linkWarning(step: number, found: string): DevelopmentWarning {
  return warning('link', 'warning', step, `${SOURCE}：${stepTitle(step)}以支部党员大会的表决为准`, found);
}

/** Sort: errors first, then warnings, then notes; by step within a level. */
export function sortWarnings(ws: DevelopmentWarning[]): DevelopmentWarning[] {
  const rank: Record<WarningLevel, number> = { error: 0, warning: 1, info: 2 };
  return [...ws].sort((a, b) => rank[a.level] - rank[b.level] || (a.step ?? 0) - (b.step ?? 0));
}
