/**
 * The 发展党员 rules (shared/rules/development.ts) as tables: the calendar
 * convention at month ends and leap days, every interval at its edge, every
 * check firing and not firing, the board column and the next step.
 */
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  ageOn,
  boardColumn,
  checkCase,
  circled,
  daysBetween,
  DEFAULT_OPTIONS,
  fullMemberDate,
  linkWarning,
  nextStep,
  probationEnd,
  STAGES,
  statusWarning,
  stepDef,
  STEPS,
  voteWarning,
  type CaseFacts,
  type DevelopmentOptions,
  type DevelopmentWarning,
  type ReviewRecord,
  type StepRecord,
} from '../../shared/rules/development.js';
import { evaluateVote } from '../../shared/rules/vote.js';

type StepSpec = string | (Partial<StepRecord> & { date: string });

/** A case from its steps (number → date, or date with people/details) and whatever else is given. */
function facts(steps: Record<number, StepSpec>, o: Partial<CaseFacts> = {}): CaseFacts {
  return {
    birthDate: '1995-06-01',
    politicalStatus: '群众',
    reviews: [],
    closed: false,
    ...o,
    steps: Object.entries(steps).map(([n, s]) => {
      const spec = typeof s === 'string' ? { date: s } : s;
      return { step: Number(n), people: {}, details: {}, ...spec };
    }),
  };
}

const TODAY = '2030-01-01';
const codes = (ws: DevelopmentWarning[]) => ws.map((w) => w.code);
const find = (ws: DevelopmentWarning[], code: string) => ws.find((w) => w.code === code);
const check = (f: CaseFacts, today = TODAY, o: DevelopmentOptions = DEFAULT_OPTIONS) => checkCase(f, today, o);

// ---------- calendar ----------

describe('addMonths: the corresponding day, or the last day of a month without one (民法典第二百零二条)', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-01-30', 1, '2024-02-29'],
    ['2024-01-29', 1, '2024-02-29'],
    ['2024-01-28', 1, '2024-02-28'],
    ['2024-03-31', 1, '2024-04-30'],
    ['2024-12-31', 1, '2025-01-31'],
    ['2024-02-29', 1, '2024-03-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2024-02-28', 12, '2025-02-28'],
    ['2023-02-28', 12, '2024-02-28'],
    ['2024-08-31', 6, '2025-02-28'],
    ['2023-08-31', 6, '2024-02-29'],
    ['2024-11-30', 3, '2025-02-28'],
    ['2024-03-31', 18, '2025-09-30'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2025-01-15', -13, '2023-12-15'],
    ['2025-05-15', 0, '2025-05-15'],
  ] as const)('%s + %i months = %s', (date, n, expected) => {
    expect(addMonths(date, n)).toBe(expected);
  });
});

describe('addDays and daysBetween', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', 30, '2025-01-31'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2024-01-01', 366, '2025-01-01'],
  ] as const)('%s + %i days = %s, and back', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(n);
  });
});

describe('ageOn: 周岁 by the same convention (the birthday counts; 2-29 births turn a year older on 2-28)', () => {
  it.each([
    ['2006-03-05', '2024-03-04', 17],
    ['2006-03-05', '2024-03-05', 18],
    ['2008-02-29', '2026-02-27', 17],
    ['2008-02-29', '2026-02-28', 18],
    ['2008-02-29', '2026-03-01', 18],
    ['2006-02-28', '2024-02-27', 17],
    ['2006-02-28', '2024-02-28', 18],
    ['2000-02-29', '2018-02-28', 18],
    ['2004-02-29', '2022-02-27', 17],
    ['1990-12-31', '2009-01-01', 18],
    ['2024-05-01', '2024-05-01', 0],
  ] as const)('born %s, on %s: %i', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });
});

// ---------- every interval at its edge ----------

/** Hard-coded due dates: base → months → the last day inside the period. */
const DUE: Record<string, Record<1 | 3 | 6 | 12 | 18, string>> = {
  '2024-01-31': { 1: '2024-02-29', 3: '2024-04-30', 6: '2024-07-31', 12: '2025-01-31', 18: '2025-07-31' },
  '2023-01-31': { 1: '2023-02-28', 3: '2023-04-30', 6: '2023-07-31', 12: '2024-01-31', 18: '2024-07-31' },
  '2024-02-29': { 1: '2024-03-29', 3: '2024-05-29', 6: '2024-08-29', 12: '2025-02-28', 18: '2025-08-29' },
  '2023-08-31': { 1: '2023-09-30', 3: '2023-11-30', 6: '2024-02-29', 12: '2024-08-31', 18: '2025-02-28' },
  '2024-08-31': { 1: '2024-09-30', 3: '2024-11-30', 6: '2025-02-28', 12: '2025-08-31', 18: '2026-02-28' },
  '2023-11-30': { 1: '2023-12-30', 3: '2024-02-29', 6: '2024-05-30', 12: '2024-11-30', 18: '2025-05-30' },
  '2024-12-31': { 1: '2025-01-31', 3: '2025-03-31', 6: '2025-06-30', 12: '2025-12-31', 18: '2026-06-30' },
  '2024-05-15': { 1: '2024-06-15', 3: '2024-08-15', 6: '2024-11-15', 12: '2025-05-15', 18: '2025-11-15' },
};
const BASES = Object.keys(DUE);
const day = (d: string, n: number) => addDays(d, n);

describe.each(BASES)('intervals from %s', (base) => {
  const due = DUE[base]!;

  it('hard-coded dues agree with addMonths', () => {
    for (const m of [1, 3, 6, 12, 18] as const) expect(addMonths(base, m)).toBe(due[m]);
  });

  it('② talk: within 1 month of ① (on the last day: fine; the day after: late)', () => {
    expect(codes(check(facts({ 1: base, 2: { date: due[1], people: { talkers: ['王书记'] } } })))).not.toContain('talk-late');
    const w = find(check(facts({ 1: base, 2: { date: day(due[1], 1), people: { talkers: ['王书记'] } } })), 'talk-late');
    expect(w?.level).toBe('warning');
    // not yet talked: due until the last day, overdue after it
    expect(codes(check(facts({ 1: base }), due[1]))).not.toContain('talk-due');
    expect(codes(check(facts({ 1: base }), day(due[1], 1)))).toContain('talk-due');
  });

  it('⑦ 发展对象: at least 1 year after ③ (the corresponding day counts)', () => {
    expect(codes(check(facts({ 3: base, 7: due[12] })))).not.toContain('activist-year');
    expect(codes(check(facts({ 3: base, 7: day(due[12], -1) })))).toContain('activist-year');
  });

  it('⑥ 考察: every 6 months from ③, then from the latest 考察', () => {
    expect(codes(check(facts({ 3: base }), due[6]))).not.toContain('review-due');
    expect(codes(check(facts({ 3: base }), day(due[6], 1)))).toContain('review-due');
    const reviews: ReviewRecord[] = [{ date: base, kind: '考察' }];
    expect(codes(check(facts({ 3: '2020-01-01' }, { reviews }), due[6]))).not.toContain('review-due');
    expect(codes(check(facts({ 3: '2020-01-01' }, { reviews }), day(due[6], 1)))).toContain('review-due');
  });

  it('思想汇报 (本支部规定): every 3 months', () => {
    const reviews: ReviewRecord[] = [{ date: base, kind: '思想汇报' }];
    expect(codes(check(facts({ 3: '2020-01-01' }, { reviews }), due[3]))).not.toContain('report-due');
    expect(codes(check(facts({ 3: '2020-01-01' }, { reviews }), day(due[3], 1)))).toContain('report-due');
  });

  it.each([
    [17, 15],
    [24, 23],
  ] as const)('%s approval: within 3 months of %s; beyond 3 a warning, beyond 6 an error', (step, from) => {
    const code = step === 17 ? 'approval' : 'approval-full';
    const at = (d: string) => find(check(facts({ [from]: base, [step]: d })), code);
    expect(at(due[3])).toBeUndefined();
    expect(at(day(due[3], 1))?.level).toBe('warning');
    expect(at(due[6])?.level).toBe('warning');
    expect(at(day(due[6], 1))?.level).toBe('error');
    // not yet approved: the same levels as of today
    const pending = (today: string) => find(check(facts({ [from]: base }), today), code)?.level;
    expect(pending(due[3])).toBeUndefined();
    expect(pending(day(due[3], 1))).toBe('warning');
    expect(pending(day(due[6], 1))).toBe('error');
  });

  it('预备期: 1 year from ⑮; ㉓ before it is early, ㉓ missing after it is due; 转正日期 is its end', () => {
    expect(probationEnd(facts({ 15: base }))).toBe(due[12]);
    expect(codes(check(facts({ 15: base, 22: due[12], 23: due[12] })))).not.toContain('probation-early');
    expect(codes(check(facts({ 15: base, 22: day(due[12], -1), 23: day(due[12], -1) })))).toContain('probation-early');
    expect(codes(check(facts({ 15: base }), due[12]))).not.toContain('probation-due');
    expect(codes(check(facts({ 15: base }), day(due[12], 1)))).toContain('probation-due');
    expect(fullMemberDate(facts({ 15: base, 23: day(due[12], 20) }))).toBe(due[12]);
  });

  it('an extension of 6 months moves the end to 18 months', () => {
    const f = facts({ 15: base, 23: { date: due[12], details: { outcome: '转为正式党员', extensionMonths: 6 } } });
    expect(probationEnd(f)).toBe(due[18]);
    expect(fullMemberDate(f)).toBe(due[18]);
    const extended = facts({ 15: base, 23: { date: due[12], details: { outcome: '延长预备期', extensionMonths: 6 } } });
    expect(codes(check(extended, due[18]))).not.toContain('probation-due');
    expect(codes(check(extended, day(due[18], 1)))).toContain('probation-due');
    expect(nextStep(extended, due[18])).toMatchObject({ step: 23, due: due[18], dueKind: 'on', overdue: false });
  });
});

// ---------- every check firing and not firing ----------

const FULL = { 1: '2020-01-10', 2: { date: '2020-01-20', people: { talkers: ['王书记'] } } } as const;

type CheckCase = [label: string, f: CaseFacts, today: string, code: string, fires: boolean, level?: DevelopmentWarning['level']];
const CHECKS: CheckCase[] = [
  ['status: a 中共党员 on the roster', facts({}, { politicalStatus: '中共党员' }), TODAY, 'status', true, 'warning'],
  ['status: a 中共预备党员 before ⑮', facts({}, { politicalStatus: '中共预备党员' }), TODAY, 'status', true, 'warning'],
  ['status: 其他 is noted', facts({}, { politicalStatus: '其他' }), TODAY, 'status', true, 'info'],
  ['status: 群众', facts({}, { politicalStatus: '群众' }), TODAY, 'status', false],
  ['status: 共青团员', facts({}, { politicalStatus: '共青团员' }), TODAY, 'status', false],
  ['status: 中共预备党员 after ⑮', facts({ 15: '2024-01-01' }, { politicalStatus: '中共预备党员' }), TODAY, 'status', false],
  ['age: 17 at ①', facts({ 1: '2024-03-04' }, { birthDate: '2006-03-05' }), TODAY, 'age', true, 'error'],
  ['age: 18 on the birthday', facts({ 1: '2024-03-05' }, { birthDate: '2006-03-05' }), TODAY, 'age', false],
  ['age: 2-29 birth, 2-28 of the 18th year', facts({ 1: '2026-02-28' }, { birthDate: '2008-02-29' }), TODAY, 'age', false],
  ['age: 2-29 birth, 2-27 of the 18th year', facts({ 1: '2026-02-27' }, { birthDate: '2008-02-29' }), TODAY, 'age', true, 'error'],
  ['age-unknown: no birth date', facts({ 1: '2024-03-05' }, { birthDate: '' }), TODAY, 'age-unknown', true, 'info'],
  ['age-unknown: not before ①', facts({}, { birthDate: '' }), TODAY, 'age-unknown', false],
  ['talk-late', facts({ 1: '2024-01-31', 2: '2024-03-01' }), TODAY, 'talk-late', true, 'warning'],
  ['talk-late: on time', facts({ 1: '2024-01-31', 2: '2024-02-29' }), TODAY, 'talk-late', false],
  ['talk-due: none after a month', facts({ 1: '2024-01-31' }), '2024-03-01', 'talk-due', true, 'warning'],
  ['talk-due: not once later steps are recorded', facts({ 1: '2024-01-31', 3: '2024-06-01' }), TODAY, 'talk-due', false],
  ['talk-due: not on a closed case', facts({ 1: '2024-01-31' }, { closed: true }), TODAY, 'talk-due', false],
  ['activist-year', facts({ 3: '2024-03-05', 7: '2025-03-04' }), TODAY, 'activist-year', true, 'warning'],
  ['activist-year: a full year', facts({ 3: '2024-03-05', 7: '2025-03-05' }), TODAY, 'activist-year', false],
  ['review-due: no 考察 after 6 months', facts({ 3: '2024-01-01' }), '2024-07-02', 'review-due', true, 'warning'],
  ['review-due: not for an applicant', facts({ 1: '2024-01-01' }), TODAY, 'review-due', false],
  ['review-due: not after ⑮', facts({ 3: '2024-01-01', 15: '2025-06-01' }), TODAY, 'review-due', false],
  ['review-due: a 思想汇报 is not a 考察', facts({ 3: '2024-01-01' }, { reviews: [{ date: '2024-06-01', kind: '思想汇报' }] }), '2024-07-02', 'review-due', true],
  ['report-due: none after 3 months', facts({ 3: '2024-01-01' }), '2024-04-02', 'report-due', true, 'warning'],
  ['report-due: a recent one', facts({ 3: '2024-01-01' }, { reviews: [{ date: '2024-03-01', kind: '思想汇报' }] }), '2024-04-02', 'report-due', false],
  ['political: 不合格', facts({ 10: { date: '2024-01-01', details: { conclusion: '不合格' } } }), TODAY, 'political', true, 'error'],
  ['political: 合格', facts({ 10: { date: '2024-01-01', details: { conclusion: '合格' } } }), TODAY, 'political', false],
  ['training: 2 days, 16 学时', facts({ 11: { date: '2024-05-06', details: { endDate: '2024-05-07', hours: 16 } } }), TODAY, 'training', true, 'warning'],
  ['training: 3 days', facts({ 11: { date: '2024-05-06', details: { endDate: '2024-05-08', hours: null } } }), TODAY, 'training', false],
  ['training: 24 学时 in 2 days', facts({ 11: { date: '2024-05-06', details: { endDate: '2024-05-07', hours: 24 } } }), TODAY, 'training', false],
  ['training: 3 days across a leap day', facts({ 11: { date: '2024-02-28', details: { endDate: '2024-03-01' } } }), TODAY, 'training', false],
  ['training: end before start', facts({ 11: { date: '2024-05-06', details: { endDate: '2024-05-05' } } }), TODAY, 'training', true, 'warning'],
  ['training-unknown', facts({ 11: { date: '2024-05-06', details: { endDate: '', hours: null } } }), TODAY, 'training-unknown', true, 'info'],
  ['publicity: 4 days', facts({ 12: { date: '2024-06-10', details: { publicityStart: '2024-06-01', publicityEnd: '2024-06-04' } } }), TODAY, 'publicity', true, 'warning'],
  ['publicity: 5 days', facts({ 12: { date: '2024-06-10', details: { publicityStart: '2024-06-01', publicityEnd: '2024-06-05' } } }), TODAY, 'publicity', false],
  ['publicity: 7 days', facts({ 12: { date: '2024-06-10', details: { publicityStart: '2024-06-01', publicityEnd: '2024-06-07' } } }), TODAY, 'publicity', false],
  ['publicity: 8 days', facts({ 12: { date: '2024-06-10', details: { publicityStart: '2024-06-01', publicityEnd: '2024-06-08' } } }), TODAY, 'publicity', true],
  ['approval: ⑰ 4 months after ⑮', facts({ 15: '2024-01-10', 16: '2024-02-01', 17: '2024-05-11' }), TODAY, 'approval', true, 'warning'],
  ['approval: not on a closed case without ⑰', facts({ 15: '2024-01-10' }, { closed: true }), TODAY, 'approval', false],
  ['approval-full: not after 延长预备期', facts({ 15: '2023-01-10', 23: { date: '2024-01-10', details: { outcome: '延长预备期', extensionMonths: 6 } } }), TODAY, 'approval-full', false],
  ['probation-early', facts({ 15: '2024-07-01', 23: '2025-06-30' }), TODAY, 'probation-early', true, 'warning'],
  ['probation-early: the 延长 meeting at the end of the first year', facts({ 15: '2024-07-01', 23: { date: '2025-07-01', details: { outcome: '延长预备期', extensionMonths: 6 } } }), '2025-07-02', 'probation-early', false],
  ['probation-due', facts({ 15: '2024-07-01' }), '2025-07-02', 'probation-due', true, 'warning'],
  ['extension: 5 months', facts({ 15: '2024-07-01', 23: { date: '2025-07-01', details: { outcome: '延长预备期', extensionMonths: 5 } } }), '2025-07-02', 'extension', true, 'error'],
  ['extension: 13 months', facts({ 15: '2024-07-01', 23: { date: '2025-07-01', details: { outcome: '延长预备期', extensionMonths: 13 } } }), '2025-07-02', 'extension', true, 'error'],
  ['extension: 6 months', facts({ 15: '2024-07-01', 23: { date: '2025-07-01', details: { outcome: '延长预备期', extensionMonths: 6 } } }), '2025-07-02', 'extension', false],
  ['extension: 12 months', facts({ 15: '2024-07-01', 23: { date: '2025-07-01', details: { outcome: '延长预备期', extensionMonths: 12 } } }), '2025-07-02', 'extension', false],
  ['extension: months not given', facts({ 15: '2024-07-01', 23: { date: '2025-07-01', details: { outcome: '延长预备期', extensionMonths: null } } }), '2025-07-02', 'extension', true, 'warning'],
  ['roles: 3 培养联系人', facts({ 5: { date: '2024-01-01', people: { contacts: ['甲', '乙', '丙'] } } }), TODAY, 'roles', true, 'warning'],
  ['roles: 1 入党介绍人', facts({ 9: { date: '2024-01-01', people: { introducers: ['甲'] } } }), TODAY, 'roles', true],
  ['roles: 2 入党介绍人', facts({ 9: { date: '2024-01-01', people: { introducers: ['甲', '乙'] } } }), TODAY, 'roles', false],
  ['roles: no 谈话人', facts({ 1: '2024-01-01', 2: '2024-01-05' }), TODAY, 'roles', true],
  ['prerequisite: ⑦ without ④ and ⑥', facts({ ...FULL, 3: '2020-02-01', 5: '2020-02-01', 7: '2021-03-01' }), TODAY, 'prerequisite', true, 'warning'],
  ['prerequisite: ② after ①', facts({ ...FULL }), TODAY, 'prerequisite', false],
  ['order: ② dated before ①', facts({ 1: '2024-02-01', 2: { date: '2024-01-20', people: { talkers: ['王书记'] } } }), TODAY, 'order', true, 'warning'],
  ['order: the same day is fine', facts({ 1: '2024-02-01', 2: { date: '2024-02-01', people: { talkers: ['王书记'] } } }), TODAY, 'order', false],
];

describe('every check', () => {
  it.each(CHECKS)('%s', (_label, f, today, code, fires, level) => {
    const ws = check(f, today);
    const w = find(ws, code);
    if (!fires) {
      expect(w, JSON.stringify(w)).toBeUndefined();
      return;
    }
    expect(w, codes(ws).join(',')).toBeDefined();
    if (level) expect(w!.level).toBe(level);
    expect(w!.message).toBe(`${w!.rule}。${w!.found}`);
  });

  it('covers every code the rules can produce', () => {
    const produced = new Set(CHECKS.filter((c) => c[4]).map((c) => c[3]));
    for (const code of ['status', 'age', 'age-unknown', 'talk-late', 'talk-due', 'activist-year', 'review-due', 'report-due', 'political', 'training', 'training-unknown', 'publicity', 'approval', 'probation-early', 'probation-due', 'extension', 'roles', 'prerequisite', 'order']) {
      expect(produced, code).toContain(code);
    }
  });

  it('cites the 细则 for national rules and 本支部规定 for local practice, in Chinese', () => {
    const all = CHECKS.flatMap(([, f, today]) => check(f, today));
    expect(all.length).toBeGreaterThan(40);
    for (const w of all) {
      expect(w.message).toMatch(/^(《中国共产党发展党员工作细则》|本支部规定)：/);
      expect(w.found).toMatch(/\p{Script=Han}/u);
    }
    const local = all.filter((w) => w.rule.startsWith('本支部规定'));
    expect(new Set(local.map((w) => w.code))).toEqual(new Set(['report-due', 'publicity']));
  });

  it('says what the age rule expects, as the 细则 words it', () => {
    const w = find(check(facts({ 1: '2024-03-04' }, { birthDate: '2006-03-05' })), 'age')!;
    expect(w.rule).toBe('《中国共产党发展党员工作细则》：申请入党须年满十八周岁');
    expect(w.found).toContain('2024年3月5日年满十八周岁');
  });

  it('switches the local checks off by option', () => {
    const off: DevelopmentOptions = { thoughtReportMonths: null, publicityDays: null };
    const f = facts({ 3: '2024-01-01', 12: { date: '2024-06-10', details: { publicityStart: '2024-06-01', publicityEnd: '2024-06-02' } } });
    expect(codes(check(f, '2024-12-01'))).toEqual(expect.arrayContaining(['report-due', 'publicity']));
    const ws = check(f, '2024-12-01', off);
    expect(codes(ws)).not.toContain('report-due');
    expect(codes(ws)).not.toContain('publicity');
    expect(codes(ws)).toContain('review-due'); // the 细则's own 考察 stays
  });

  it('takes another local interval for 思想汇报', () => {
    const w = find(check(facts({ 3: '2024-01-01' }), '2024-02-02', { ...DEFAULT_OPTIONS, thoughtReportMonths: 1 }), 'report-due');
    expect(w?.rule).toBe('本支部规定：入党积极分子、发展对象每1个月向支部递交一次思想汇报');
  });

  it('stays quiet about dues on a closed case', () => {
    const ws = check(facts({ 1: '2020-01-01', 3: '2020-03-01', 15: '2021-06-01' }, { closed: true }));
    for (const code of ['talk-due', 'review-due', 'report-due', 'approval', 'probation-due']) expect(codes(ws)).not.toContain(code);
  });

  it('has nothing to say about a clean, complete case', () => {
    const people = { talkers: ['王书记'], contacts: ['赵组织'], introducers: ['赵组织', '钱宣传'] };
    const dates: Record<number, string> = {
      1: '2022-01-10', 2: '2022-01-25', 3: '2022-03-01', 4: '2022-03-05', 5: '2022-03-05', 6: '2022-03-10',
      7: '2023-03-01', 8: '2023-03-05', 9: '2023-03-06', 10: '2023-04-01', 11: '2023-04-10', 12: '2023-05-20',
      13: '2023-05-25', 14: '2023-06-01', 15: '2023-06-20', 16: '2023-07-01', 17: '2023-07-15', 18: '2023-07-20',
      19: '2023-07-21', 20: '2023-07-01', 21: '2023-07-21', 22: '2024-06-01', 23: '2024-06-20', 24: '2024-07-15', 25: '2024-08-01',
    };
    const steps: Record<number, StepSpec> = {};
    for (const [n, date] of Object.entries(dates)) {
      const def = stepDef(Number(n));
      const details: Record<string, unknown> = {};
      if (def.n === 11) Object.assign(details, { endDate: '2023-04-12', hours: 24 });
      if (def.n === 12) Object.assign(details, { publicityStart: '2023-05-10', publicityEnd: '2023-05-16' });
      if (def.n === 10) details.conclusion = '合格';
      steps[Number(n)] = { date, people: Object.fromEntries(def.roles.map((r) => [r.key, people[r.key as keyof typeof people]])), details };
    }
    const reviews: ReviewRecord[] = [];
    for (let d = '2022-06-01'; d < '2023-06-20'; d = addMonths(d, 3)) reviews.push({ date: d, kind: '考察' }, { date: d, kind: '思想汇报' });
    const f = facts(steps, { politicalStatus: '中共党员', reviews });
    // ⑳ 入党宣誓 before ⑰ is dated backwards (the only problem left in on purpose)
    expect(check(f, '2024-09-01').map((w) => `${w.code}@${w.step}`)).toEqual(['order@20']);
    expect(boardColumn(f)).toBe('full');
    expect(nextStep(f, '2024-09-01')).toBeNull();
  });
});

describe('vote and link warnings', () => {
  it('a failing vote is an error citing the 细则', () => {
    const failed = voteWarning(15, evaluateVote({ entitled: 8, presentVoting: 6, for: 4, against: 2, abstain: 0 }))!;
    expect(failed).toMatchObject({ code: 'vote', level: 'error', step: 15 });
    expect(failed.message).toMatch(/^《中国共产党发展党员工作细则》：支部大会讨论接收预备党员/);
    expect(failed.found).toContain('未通过');
  });
  it('a meeting without quorum is an error', () => {
    expect(voteWarning(23, evaluateVote({ entitled: 8, presentVoting: 4, for: 4, against: 0, abstain: 0 }))).toMatchObject({ code: 'quorum', level: 'error', step: 23 });
  });
  it('a passing vote says nothing', () => {
    expect(voteWarning(15, evaluateVote({ entitled: 8, presentVoting: 6, for: 5, against: 1, abstain: 0 }))).toBeNull();
  });
  it('a link problem cites the step', () => {
    expect(linkWarning(15, '所链接的记录已删除。').message).toBe('《中国共产党发展党员工作细则》：⑮支部大会讨论接收以支部党员大会的表决为准。所链接的记录已删除。');
  });
  it('statusWarning is quiet once admitted', () => {
    expect(statusWarning('中共党员', true)).toBeNull();
  });
});

// ---------- steps as data, the board and the next step ----------

describe('the 25 steps', () => {
  it('are numbered 1–25 in 5 stages, with prerequisites that come earlier', () => {
    expect(STEPS.map((s) => s.n)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(STAGES.map((s) => s.stage)).toEqual([1, 2, 3, 4, 5]);
    expect(STEPS.map((s) => s.stage)).toEqual([1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5, 5]);
    for (const s of STEPS) {
      for (const a of s.after) expect(a).toBeLessThan(s.n);
      expect(s.name).toMatch(/\p{Script=Han}/u);
    }
    expect(STEPS.filter((s) => s.assembly).map((s) => s.n)).toEqual([15, 23]);
  });

  it('record who the 细则 names, by role, with the counts it sets', () => {
    const roles = Object.fromEntries(STEPS.filter((s) => s.roles.length).map((s) => [s.n, s.roles.map((r) => `${r.label}${r.min}-${r.max}`)]));
    expect(roles).toEqual({ 2: ['谈话人1-3'], 5: ['培养联系人1-2'], 9: ['入党介绍人2-2'], 16: ['谈话人1-3'] });
  });

  it('record the details the 登记 asks for', () => {
    const labels = (n: number) => stepDef(n).details.map((f) => f.label);
    expect(labels(6)).toContain('党的基本知识考核成绩');
    expect(labels(10)).toContain('政审结论');
    expect(labels(11)).toEqual(['结束日期', '学时', '举办单位']);
    expect(labels(23)).toEqual(['讨论结果', '延长预备期', '转正日期']);
    for (const s of STEPS) for (const f of s.details) expect(f.required, `${s.n} ${f.label}`).toBeFalsy();
  });

  it('are written ① … ㉕', () => {
    expect([1, 20, 21, 25].map(circled)).toEqual(['①', '⑳', '㉑', '㉕']);
  });
});

describe('board column', () => {
  it.each([
    [{}, 'applicant'],
    [{ 1: '2024-01-01' }, 'applicant'],
    [{ 1: '2024-01-01', 3: '2024-03-01' }, 'activist'],
    [{ 3: '2024-03-01', 7: '2025-03-01' }, 'candidate'],
    [{ 7: '2025-03-01', 15: '2025-07-01' }, 'probationary'],
    [{ 15: '2025-07-01', 23: { date: '2026-07-01', details: { outcome: '延长预备期', extensionMonths: 6 } } }, 'probationary'],
    [{ 15: '2025-07-01', 23: { date: '2026-07-01', details: { outcome: '转为正式党员' } } }, 'full'],
    [{ 15: '2025-07-01', 23: '2026-07-01' }, 'full'],
  ] as [Record<number, StepSpec>, string][])('%j → %s', (steps, column) => {
    expect(boardColumn(facts(steps))).toBe(column);
  });
});

describe('nextStep', () => {
  it.each([
    ['nothing recorded', {}, '2024-01-01', { step: 1, due: null, dueKind: null, overdue: false }],
    ['after ①: ② within a month', { 1: '2024-01-31' }, '2024-02-29', { step: 2, due: '2024-02-29', dueKind: 'by', overdue: false }],
    ['after ①, a day late', { 1: '2024-01-31' }, '2024-03-01', { step: 2, due: '2024-02-29', overdue: true }],
    ['after ⑤: the first 考察 at half a year', { 3: '2023-08-31', 4: '2023-09-01', 5: '2023-09-01' }, '2023-10-01', { step: 6, due: '2024-02-29', dueKind: 'by' }],
    ['after ⑥: ⑦ not before a year', { 3: '2024-02-29', 6: '2024-03-01' }, '2030-01-01', { step: 7, due: '2025-02-28', dueKind: 'from', overdue: false }],
    ['after ⑮: ⑯ has no date', { 15: '2024-07-01' }, '2024-07-02', { step: 16, due: null }],
    ['after ⑯: ⑰ within 3 months of ⑮', { 15: '2024-11-30', 16: '2024-12-01' }, '2025-03-01', { step: 17, due: '2025-02-28', dueKind: 'by', overdue: true }],
    ['after ㉑: ㉒ when the 预备期 ends', { 15: '2024-02-29', 21: '2024-03-01' }, '2025-01-01', { step: 22, due: '2025-02-28', dueKind: 'on', overdue: false }],
    ['after ㉓: ㉔ within 3 months', { 15: '2024-02-29', 22: '2025-02-01', 23: '2025-02-28' }, '2025-05-28', { step: 24, due: '2025-05-28', overdue: false }],
    ['skips what is recorded after the furthest step', { 1: '2024-01-01', 2: '2024-01-02' }, '2024-01-03', { step: 3 }],
  ] as [string, Record<number, StepSpec>, string, object][])('%s', (_label, steps, today, expected) => {
    expect(nextStep(facts(steps), today)).toMatchObject(expected);
  });

  it('is null when closed, after ㉕, or when the 预备党员资格 is cancelled', () => {
    expect(nextStep(facts({ 1: '2024-01-01' }, { closed: true }), TODAY)).toBeNull();
    expect(nextStep(facts({ 25: '2024-01-01' }), TODAY)).toBeNull();
    expect(nextStep(facts({ 15: '2024-01-01', 23: { date: '2025-01-01', details: { outcome: '取消预备党员资格' } } }), TODAY)).toBeNull();
  });
});
