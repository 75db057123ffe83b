/** The 党费 rules of 中组发〔2008〕3号 as tables of cases (shared/rules/dues.ts). */
import { describe, expect, it } from 'vitest';
import {
  arrears,
  duesProblem,
  duesRate,
  dueMonths,
  FLAG_MESSAGE,
  isLateBackPayment,
  monthKey,
  monthlyDues,
  monthRanges,
  monthsLate,
  paymentWarnings,
  splitAmount,
  type DuesCategory,
} from '../../shared/rules/dues.js';

describe('duesRate and monthlyDues: the bands, every edge in the lower band', () => {
  type Case = [category: DuesCategory, base: number, rate: string, monthly: number];
  const cases: Case[] = [
    ['在职', 0.01, '0.5%', 0],
    ['在职', 1000, '0.5%', 5],
    ['在职', 2999.99, '0.5%', 15], // 14.99995 → 15.00
    ['在职', 3000, '0.5%', 15],
    ['在职', 3000.01, '1%', 30], // 30.0001 → 30.00
    ['在职', 4000, '1%', 40],
    ['在职', 5000, '1%', 50],
    ['在职', 5000.01, '1.5%', 75], // 75.00015 → 75.00
    ['在职', 8000, '1.5%', 120],
    ['在职', 10000, '1.5%', 150],
    ['在职', 10000.01, '2%', 200], // 200.0002 → 200.00
    ['在职', 20000, '2%', 400],
    ['离退休', 3000, '0.5%', 15],
    ['离退休', 4999.99, '0.5%', 25], // 24.99995 → 25.00
    ['离退休', 5000, '0.5%', 25],
    ['离退休', 5000.01, '1%', 50], // 50.0001 → 50.00
    ['离退休', 12000, '1%', 120],
  ];
  it.each(cases)('%s %s元 → %s, %s元/月', (category, base, rate, monthly) => {
    expect(duesRate(category, base).label).toBe(rate);
    expect(duesRate(category, base).kind).toBe('percent');
    expect(monthlyDues(category, base)).toBe(monthly);
  });

  it.each([
    ['在职', 3000, '按中组发〔2008〕3号，月收入恰为3000元的按0.5%交纳（含3000元）'],
    ['在职', 5000, '按中组发〔2008〕3号，月收入恰为5000元的按1%交纳（含5000元）'],
    ['在职', 10000, '按中组发〔2008〕3号，月收入恰为10000元的按1.5%交纳（含10000元）'],
    ['离退休', 5000, '按中组发〔2008〕3号，月离退休费恰为5000元的按0.5%交纳（含5000元）'],
  ] as const)('explains the edge: %s %s元', (category, base, text) => {
    expect(duesRate(category, base).explain).toBe(text);
  });

  it.each([
    ['在职', 3000.01, '3000元以上至5000元（含5000元）', '1%'],
    ['在职', 2999.99, '3000元以下（含3000元）', '0.5%'],
    ['在职', 10000.01, '10000元以上', '2%'],
    ['离退休', 5000.01, '5000元以上', '1%'],
  ] as const)('names the band off the edges: %s %s元', (category, base, band, rate) => {
    const r = duesRate(category, base);
    expect(r.band).toBe(band);
    expect(r.explain).toContain(band);
    expect(r.explain).toContain(`按${rate}交纳`);
    expect(r.explain).toContain('中组发〔2008〕3号');
  });

  it('rounds to the 分, half up, without binary-fraction surprises', () => {
    expect(monthlyDues('在职', 1235)).toBe(6.18); // 6.175: floating point would say 6.17
    expect(monthlyDues('在职', 1234.5)).toBe(6.17); // 6.1725
    expect(monthlyDues('在职', 3333)).toBe(33.33);
    expect(monthlyDues('在职', 5001)).toBe(75.02); // 75.015
    expect(monthlyDues('在职', 5000.33)).toBe(75.0); // 75.00495
    expect(monthlyDues('离退休', 3001)).toBe(15.01); // 15.005
    expect(monthlyDues('在职', 10000.5)).toBe(200.01);
  });

  it.each([
    ['学生', '定额0.2元', 0.2],
    ['下岗失业', '定额0.2元', 0.2],
    ['低保', '定额0.2元', 0.2],
  ] as const)('%s pays 0.2元 a month whatever the base', (category, label, monthly) => {
    expect(duesRate(category, 8000).label).toBe(label);
    expect(monthlyDues(category, 0)).toBe(monthly);
    expect(monthlyDues(category, 8000)).toBe(monthly);
    expect(duesRate(category, 0).explain).toContain('每月交纳党费0.2元');
  });

  it('农民: 0.2 to 1元 as the branch chooses, 0.2 by default', () => {
    expect(monthlyDues('农民', 0)).toBe(0.2);
    expect(monthlyDues('农民', 0, null)).toBe(0.2);
    expect(monthlyDues('农民', 0, 0.5)).toBe(0.5);
    expect(monthlyDues('农民', 0, 1)).toBe(1);
    expect(() => monthlyDues('农民', 0, 1.01)).toThrow('农民党员每月交纳党费0.2元至1元');
    expect(() => monthlyDues('农民', 0, 0.19)).toThrow('0.2元至1元');
    expect(duesRate('农民', 0).label).toBe('0.2—1元');
  });

  it('其他: the amount the branch enters (more, less or none with approval)', () => {
    expect(monthlyDues('其他', 0, 100)).toBe(100);
    expect(monthlyDues('其他', 0, 0)).toBe(0);
    expect(() => monthlyDues('其他', 0)).toThrow('请填写自定的月交纳金额');
    expect(duesRate('其他', 0).label).toBe('自定');
  });

  it.each([
    ['在职', 0, null, '请填写月工资收入（税后）'],
    ['在职', -1, null, '月收入不能为负数'],
    ['在职', 3000.001, null, '月收入最多两位小数（到分）'],
    ['离退休', 0, null, '请填写月离退休费（税后）'],
    ['其他', 0, -5, '金额不能为负数'],
    ['在职', 3000, null, null],
  ] as const)('duesProblem(%s, %s, %s) → %s', (category, base, manual, problem) => {
    expect(duesProblem(category, base, manual)).toBe(problem);
  });
});

describe('dueMonths', () => {
  it.each([
    ['a member of long standing, a past year: all twelve', 2025, '2001-07-01', '2026-11-21', null, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
    ['join date unknown: the whole year', 2025, '', '2026-01-10', null, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
    ['a 预备党员 admitted on 2025-05-20: from May', 2025, '2025-05-20', '2026-01-10', null, [5, 6, 7, 8, 9, 10, 11, 12]],
    ['admitted on the first of the month: that month', 2025, '2025-09-01', '2026-01-10', null, [9, 10, 11, 12]],
    ['admitted on the last day of the year: December', 2025, '2025-12-31', '2026-01-10', null, [12]],
    ['admitted after the year: nothing', 2025, '2026-02-01', '2026-03-01', null, []],
    ['the current year: up to and including this month', 2026, '2001-07-01', '2026-04-15', null, [1, 2, 3, 4]],
    ['admitted this year, asked mid-year', 2026, '2026-02-10', '2026-04-15', null, [2, 3, 4]],
    ['a future year: nothing yet', 2027, '', '2026-11-21', null, []],
    ['left the roster in August: through August', 2025, '', '2026-01-10', '2025-08-15', [1, 2, 3, 4, 5, 6, 7, 8]],
    ['left before the year: nothing', 2025, '', '2026-01-10', '2024-12-01', []],
  ] as const)('%s', (_label, year, join, asOf, until, expected) => {
    expect(dueMonths(year, join, asOf, until)).toEqual(expected);
  });
});

describe('monthRanges', () => {
  it.each([
    [[1, 2, 3], '1—3月'],
    [[5], '5月'],
    [[12, 1, 2, 3, 5, 7, 8], '1—3月、5月、7—8月、12月'],
    [[], ''],
  ] as const)('%j → %s', (months, text) => expect(monthRanges(months)).toBe(text));
});

describe('arrears', () => {
  const Y = 2025;
  const keys = (year: number, months: number[]) => months.map((m) => monthKey(year, m));
  const all12 = keys(Y, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  const paidExcept = (...unpaid: number[]) => keys(Y, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].filter((m) => !unpaid.includes(m)));
  const endOfYear = '2025-12-31';

  it.each([
    ['nothing unpaid', paidExcept(), 0, 0, 'none'],
    ['2 consecutive months unpaid', paidExcept(11, 12), 2, 2, 'none'],
    ['3 consecutive months unpaid: a warning', paidExcept(10, 11, 12), 3, 3, 'warning'],
    ['5 consecutive months unpaid: still a warning', paidExcept(8, 9, 10, 11, 12), 5, 5, 'warning'],
    ['6 consecutive months unpaid: the flag', paidExcept(7, 8, 9, 10, 11, 12), 6, 6, 'flag'],
    ['a gap breaks the run: 2 + paid + 2', paidExcept(8, 9, 11, 12), 2, 2, 'none'],
    ['a gap breaks the run: 3 + paid + 2 is a warning, not 5', paidExcept(6, 7, 8, 10, 11), 0, 3, 'warning'],
    ['6 unpaid earlier in the year, paid since: still flagged', paidExcept(1, 2, 3, 4, 5, 6), 0, 6, 'flag'],
    ['nothing paid all year', [], 12, 12, 'flag'],
  ] as const)('%s', (_label, paid, current, longest, level) => {
    const a = arrears(paid, all12, endOfYear);
    expect(a.current).toBe(current);
    expect(a.longest).toBe(longest);
    expect(a.level).toBe(level);
    if (level === 'flag') expect(a.message).toContain(FLAG_MESSAGE);
    if (level === 'warning') expect(a.message).toMatch(/连续\d个月未交纳党费，请及时提醒/);
    if (level === 'none') expect(a.message).toBe('');
  });

  it('the flag says it only points things out', () => {
    expect(FLAG_MESSAGE).toBe('连续6个月未交纳党费，按规定应视为自行脱党，请支部核实情况（本软件只作提示，不作任何处理）');
    expect(arrears([], all12, endOfYear).message).toBe(`2025年1月至2025年12月连续12个月未交纳党费；${FLAG_MESSAGE}`);
    expect(arrears(keys(Y, [7, 8, 9, 10, 11, 12]), all12, endOfYear).message).toBe(`2025年1月至2025年6月${FLAG_MESSAGE}`);
  });

  it('months after asOf are not counted', () => {
    const a = arrears(keys(Y, [1, 2, 3]), all12, '2025-05-10');
    expect(a).toMatchObject({ current: 2, longest: 2, level: 'none', runs: [{ from: '2025-04', to: '2025-05', length: 2 }] });
  });

  it('runs on across the year end, and `since` leaves out runs of last year alone', () => {
    const due = [...keys(2024, [10, 11, 12]), ...keys(2025, [1, 2, 3])];
    expect(arrears([], due, '2025-03-20')).toMatchObject({ longest: 6, level: 'flag' });
    expect(arrears([], due, '2025-03-20', '2025-01')).toMatchObject({ longest: 6, level: 'flag' });
    const paidJan = keys(2025, [1]);
    expect(arrears(paidJan, due, '2025-03-20').longest).toBe(3);
    expect(arrears(paidJan, due, '2025-03-20', '2025-01')).toMatchObject({ longest: 2, level: 'none', runs: [{ from: '2025-02', to: '2025-03' }] });
  });

  it('a month that is not due ends a run', () => {
    const due = [...keys(2024, [11, 12]), ...keys(2025, [2, 3])]; // January not due
    expect(arrears([], due, '2025-03-31').longest).toBe(2);
  });
});

describe('payments', () => {
  it.each([
    [2025, 1, '2025-01-31', 0, false],
    [2025, 1, '2024-12-20', 0, false], // paid in advance
    [2025, 1, '2025-07-31', 6, false], // 6 months: still within the rule
    [2025, 1, '2025-08-01', 7, true],
    [2025, 6, '2026-01-05', 7, true],
    [2025, 12, '2026-06-30', 6, false],
  ] as const)('%s-%s paid on %s: %s months late, beyond 6: %s', (year, month, paidDate, late, beyond) => {
    expect(monthsLate(year, month, paidDate)).toBe(late);
    expect(isLateBackPayment(year, month, paidDate)).toBe(beyond);
  });

  it('splits a payment over its months in whole 分', () => {
    expect(splitAmount(45, 3)).toEqual([15, 15, 15]);
    expect(splitAmount(100, 3)).toEqual([33.34, 33.33, 33.33]);
    expect(splitAmount(0.2, 3)).toEqual([0.07, 0.07, 0.06]);
    expect(splitAmount(0, 2)).toEqual([0, 0]);
  });

  it('warns when the amount differs from monthly × months, and about a late back payment', () => {
    expect(paymentWarnings({ year: 2025, months: [1, 2, 3], amount: 45, monthly: 15, paidDate: '2025-03-31' })).toEqual([]);
    expect(paymentWarnings({ year: 2025, months: [1, 2, 3], amount: 40, monthly: 15, paidDate: '2025-03-31' })).toEqual([
      '交纳金额40.00元与月应缴15.00元×3个月=45.00元不一致（少交），请核对',
    ]);
    expect(paymentWarnings({ year: 2025, months: [4], amount: 20, monthly: 15, paidDate: '2025-04-30' })[0]).toBe(
      '交纳金额20.00元与月应缴15.00元不一致（多交），请核对',
    );
    const late = paymentWarnings({ year: 2025, months: [1, 2, 3], amount: 45, monthly: 15, paidDate: '2025-08-15' });
    expect(late).toEqual(['1月的党费于2025年8月补交，最长晚7个月；按规定补交一般不超过6个月，请核实原因并在备注中说明']);
  });
});
