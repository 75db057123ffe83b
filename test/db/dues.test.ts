/** The 党费 ledger through core.dispatch: setting up a year, payments, the grid, undo. */
import { describe, expect, it } from 'vitest';
import { duesYear } from '../../electron/core/dues/service.js';
import { localToday } from '../../shared/dates.js';
import type { DuesEntry, DuesMemberRow, DuesYear } from '../../shared/methods/dues.js';
import { addDays } from '../../shared/rules/development.js';
import { FLAG_MESSAGE } from '../../shared/rules/dues.js';
import { call, callError, dbDigest, rows, useCore } from '../fixtures/core.js';
import { seedBranch, type Seed } from '../fixtures/seed.js';

/** A year wholly in the past, so every month of it is due whatever today is. */
const Y = 2025;

describe('dues', () => {
  const h = useCore();

  const member = (d: DuesYear, name: string): DuesMemberRow => {
    const m = d.members.find((x) => x.name === name);
    if (!m) throw new Error(`no ${name} in the ledger`);
    return m;
  };
  const entry = (personId: number, category: DuesEntry['category'], base: number, amount: number | null = null): DuesEntry => ({
    personId,
    category,
    base,
    amount,
  });

  /** 王书记 在职 3000 (15.00), 周正式 在职 6000 (90.00), 吴预备 学生 (0.20). */
  async function setUp(): Promise<{ s: Seed; d: DuesYear }> {
    const s = await seedBranch(h.core);
    const d = await call(h.core, 'dues.setupYear', {
      year: Y,
      entries: [entry(s.committee.王书记.id, '在职', 3000), entry(s.people.member1.id, '在职', 6000), entry(s.people.probationer1.id, '学生', 0)],
    });
    return { s, d };
  }
  const pay = (personId: number, months: number[], amount: number, paidDate: string, collector = '赵组织') =>
    call(h.core, 'dues.pay', { year: Y, personId, months, amount, paidDate, collector });

  it('lists the current 党员 and 预备党员 for setup, and nothing in the ledger before it is set up', async () => {
    await seedBranch(h.core);
    const d = await call(h.core, 'dues.year', { year: Y });
    expect(d.members).toEqual([]);
    expect(d.setup.map((r) => r.name)).toEqual(['王书记', '李副书记', '赵组织', '钱宣传', '孙纪检', '周正式', '吴预备', '陈正式', '褚预备']);
    expect(d.setup.every((r) => r.fixed === null)).toBe(true);
    expect(d.setup[0]!.suggestion).toEqual({ category: '在职', base: 0, amount: null });
    expect(d.monthTotals).toHaveLength(12);
    expect(d.dueTotal).toBe(0);
  });

  it('sets up the year: category and base give the monthly amount, kept for the year', async () => {
    const { s, d } = await setUp();
    expect(d.members.map((m) => [m.name, m.category, m.base, m.rateLabel, m.monthly])).toEqual([
      ['王书记', '在职', 3000, '0.5%', 15],
      ['周正式', '在职', 6000, '1.5%', 90],
      ['吴预备', '学生', 0, '定额0.2元', 0.2],
    ]);
    expect(rows(h.core.db, 'SELECT year, person_id, category, base, monthly FROM dues_bases ORDER BY person_id')).toEqual([
      { year: Y, person_id: s.committee.王书记.id, category: '在职', base: 3000, monthly: 15 },
      { year: Y, person_id: s.people.member1.id, category: '在职', base: 6000, monthly: 90 },
      { year: Y, person_id: s.people.probationer1.id, category: '学生', base: 0, monthly: 0.2 },
    ]);
    expect(d.setup.find((r) => r.name === '王书记')!.fixed).toMatchObject({ monthly: 15, rateLabel: '0.5%' });
    expect(d.setup.find((r) => r.name === '李副书记')!.fixed).toBeNull();
    // 全年应缴 for a past year: 12 months each.
    expect(member(d, '王书记').dueTotal).toBe(180);
    expect(d.dueTotal).toBe(180 + 1080 + 2.4);
    expect(d.monthTotals[0]).toEqual({ month: 1, due: 105.2, paid: 0 });
  });

  it('keeps the fixed amount when the base changes, until it is fixed again with a reason', async () => {
    const { s } = await setUp();
    const id = s.committee.王书记.id;
    const before = dbDigest(h.core.db);
    // The same figures again: nothing changes.
    await call(h.core, 'dues.setupYear', { year: Y, entries: [entry(id, '在职', 3000)] });
    expect(dbDigest(h.core.db)).toBe(before);
    // A new base without a reason is refused; the year's amount stays.
    const err = await callError(h.core, 'dues.setupYear', { year: Y, entries: [entry(id, '在职', 6000)] });
    expect(err).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'entries.0' }] });
    expect(err.message).toContain('王书记的2025年党费已确定为在职 月收入3000.00元 月应缴15.00元，全年不变');
    expect(dbDigest(h.core.db)).toBe(before);
    expect(member(await call(h.core, 'dues.year', { year: Y }), '王书记').monthly).toBe(15);

    // Fixed again, explicitly, with the reason.
    const d = await call(h.core, 'dues.refix', { year: Y, personId: id, category: '在职', base: 6000, amount: null, reason: '7月起岗位工资调整' });
    const m = member(d, '王书记');
    expect([m.base, m.rateLabel, m.monthly]).toEqual([6000, '1.5%', 90]);
    expect(m.notes).toMatch(/^\d{4}-\d{2}-\d{2}调整：在职 月收入3000\.00元 月应缴15\.00元 → 在职 月收入6000\.00元 月应缴90\.00元；原因：7月起岗位工资调整$/);
    expect(await callError(h.core, 'dues.refix', { year: Y, personId: id, category: '在职', base: 6000, amount: null, reason: ' ' })).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'reason', message: '请填写调整原因' }],
    });
  });

  it('refuses people who are not 党员, bad figures, and the same person twice', async () => {
    const s = await seedBranch(h.core);
    const before = dbDigest(h.core.db);
    const err = await callError(h.core, 'dues.setupYear', {
      year: Y,
      entries: [
        entry(s.committee.王书记.id, '在职', 0),
        entry(s.people.masses.id, '在职', 3000),
        entry(s.people.member1.id, '农民', 0, 2),
        entry(s.people.member2.id, '其他', 0, null),
        entry(s.people.member2.id, '在职', 3000),
      ],
    });
    expect(err.code).toBe('VALIDATION');
    expect(err.fields).toEqual([
      { path: 'entries.0.base', message: '王书记：请填写月工资收入（税后）' },
      { path: 'entries.1.personId', message: '卫群众不是在册的中共党员或预备党员' },
      { path: 'entries.2.amount', message: '周正式：农民党员每月交纳党费0.2元至1元' },
      { path: 'entries.3.amount', message: '陈正式：请填写自定的月交纳金额' },
      { path: 'entries.4.personId', message: '同一人重复出现' },
    ]);
    expect(dbDigest(h.core.db)).toBe(before);
  });

  it('stores 农民 at the default 0.2 and 其他 at the amount entered', async () => {
    const s = await seedBranch(h.core);
    const d = await call(h.core, 'dues.setupYear', {
      year: Y,
      entries: [entry(s.people.member1.id, '农民', 5000, null), entry(s.people.member2.id, '其他', 0, 100)],
    });
    expect(d.members.map((m) => [m.name, m.base, m.monthly, m.rateLabel])).toEqual([
      ['周正式', 0, 0.2, '0.2—1元'],
      ['陈正式', 0, 100, '自定'],
    ]);
    // Next year starts from this year's figures.
    const next = await call(h.core, 'dues.year', { year: Y + 1 });
    expect(next.setup.find((r) => r.name === '陈正式')!.suggestion).toEqual({ category: '其他', base: 0, amount: 100 });
  });

  it('records a single month and a quarter, and adds up the grid', async () => {
    const { s } = await setUp();
    const wang = s.committee.王书记.id;
    const quarter = await pay(wang, [3, 1, 2], 45, '2025-03-28');
    expect(quarter.warnings).toEqual([]);
    expect(rows(h.core.db, 'SELECT month, amount, paid_date, collector FROM dues_payments ORDER BY month')).toEqual([
      { month: 1, amount: 15, paid_date: '2025-03-28', collector: '赵组织' },
      { month: 2, amount: 15, paid_date: '2025-03-28', collector: '赵组织' },
      { month: 3, amount: 15, paid_date: '2025-03-28', collector: '赵组织' },
    ]);
    await pay(wang, [4], 15, '2025-04-30', '钱宣传');
    const single = await pay(s.people.member1.id, [1], 90, '2025-01-20');
    expect(single.warnings).toEqual([]);

    const d = single.year;
    const w = member(d, '王书记');
    expect(w.cells.slice(0, 5).map((c) => [c.state, c.amount, c.paidDate, c.entryMonths])).toEqual([
      ['paid', 15, '2025-03-28', [1, 2, 3]],
      ['paid', 15, '2025-03-28', [1, 2, 3]],
      ['paid', 15, '2025-03-28', [1, 2, 3]],
      ['paid', 15, '2025-04-30', [4]],
      ['flag', null, '', []], // May–December: 8 months unpaid
    ]);
    expect(w.cells[3]!.collector).toBe('钱宣传');
    expect(w.paidTotal).toBe(60);
    expect(w.owedMonths).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
    expect(d.monthTotals.slice(0, 5)).toEqual([
      { month: 1, due: 105.2, paid: 105 },
      { month: 2, due: 105.2, paid: 15 },
      { month: 3, due: 105.2, paid: 15 },
      { month: 4, due: 105.2, paid: 15 },
      { month: 5, due: 105.2, paid: 0 },
    ]);
    expect(d.paidTotal).toBe(150);
    expect(d.dueTotal).toBe(1262.4);
  });

  it('splits an odd amount in whole 分 and warns when it differs from monthly × months', async () => {
    const { s } = await setUp();
    const r = await pay(s.committee.王书记.id, [1, 2, 3], 50, '2025-03-31');
    expect(r.warnings).toEqual(['王书记：交纳金额50.00元与月应缴15.00元×3个月=45.00元不一致（多交），请核对']);
    expect(member(r.year, '王书记').cells.slice(0, 3).map((c) => c.amount)).toEqual([16.67, 16.67, 16.66]);
    expect(member(r.year, '王书记').paidTotal).toBe(50);
  });

  it('warns about a back payment more than 6 months late, and marks the cell', async () => {
    const { s } = await setUp();
    const r = await pay(s.committee.王书记.id, [1, 2], 30, '2025-08-10');
    expect(r.warnings).toEqual(['王书记：1月的党费于2025年8月补交，最长晚7个月；按规定补交一般不超过6个月，请核实原因并在备注中说明']);
    expect(member(r.year, '王书记').cells.slice(0, 2).map((c) => c.late)).toEqual([7, 0]);
  });

  it('refuses a month already paid, a date in the future, and a year not set up', async () => {
    const { s } = await setUp();
    const wang = s.committee.王书记.id;
    await pay(wang, [1], 15, '2025-01-31');
    const before = dbDigest(h.core.db);
    const twice = await callError(h.core, 'dues.pay', { year: Y, personId: wang, months: [1, 2], amount: 30, paidDate: '2025-02-28', collector: '' });
    expect(twice).toMatchObject({ code: 'CONFLICT', message: '王书记2025年1月的党费已登记（2025-01-31），如需更正请先撤销' });
    const tomorrow = addDays(localToday(), 1);
    expect(await callError(h.core, 'dues.pay', { year: Y, personId: wang, months: [2], amount: 15, paidDate: tomorrow, collector: '' })).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'paidDate', message: '交纳日期不能晚于今天' }],
    });
    // beyond the days any record may be dated, the boundary refuses it first
    expect(await callError(h.core, 'dues.pay', { year: Y, personId: wang, months: [2], amount: 15, paidDate: '2199-01-01', collector: '' })).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'paidDate', message: '交纳日期（2199-01-01）在一年以后，请核对年份' }],
    });
    expect(await callError(h.core, 'dues.pay', { year: Y, personId: wang, months: [2, 2], amount: 15, paidDate: '2025-02-28', collector: '' })).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'months', message: '月份不能重复' }],
    });
    expect(await callError(h.core, 'dues.pay', { year: Y, personId: wang, months: [2], amount: -1, paidDate: '2025-02-28', collector: '' })).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'amount', message: '交纳金额不能为负数' }],
    });
    const notSetUp = await callError(h.core, 'dues.pay', { year: Y, personId: s.committee.李副书记.id, months: [1], amount: 15, paidDate: '2025-01-31', collector: '' });
    expect(notSetUp).toMatchObject({ code: 'CONFLICT', message: '请先在“年度设置”中确定李副书记2025年的党费' });
    expect(dbDigest(h.core.db)).toBe(before);
  });

  it('undoes a payment', async () => {
    const { s } = await setUp();
    const wang = s.committee.王书记.id;
    await pay(wang, [1, 2, 3], 45, '2025-03-28');
    const d = await call(h.core, 'dues.undo', { year: Y, personId: wang, months: [3] });
    const w = member(d, '王书记');
    expect(w.cells.slice(0, 3).map((c) => c.state)).toEqual(['paid', 'paid', 'flag']);
    expect(w.cells[0]!.entryMonths).toEqual([1, 2]);
    expect(w.paidTotal).toBe(30);
    expect(rows(h.core.db, 'SELECT month FROM dues_payments ORDER BY month')).toEqual([{ month: 1 }, { month: 2 }]);
    expect(await callError(h.core, 'dues.undo', { year: Y, personId: wang, months: [3] })).toMatchObject({ code: 'NOT_FOUND' });
    // Paid again after the undo.
    expect((await pay(wang, [3], 15, '2025-04-02')).warnings).toEqual([]);
  });

  it('warns at 3 consecutive unpaid months and flags 6, never acting on it', async () => {
    const { s } = await setUp();
    await pay(s.committee.王书记.id, [1, 2, 3, 4, 5, 6, 7, 8, 9], 135, '2025-09-30'); // Oct–Dec unpaid: 3
    await pay(s.people.member1.id, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 900, '2025-10-31'); // Nov–Dec: 2
    await pay(s.people.probationer1.id, [1, 2, 3, 4, 5, 6], 1.2, '2025-06-30'); // Jul–Dec: 6
    const d = await call(h.core, 'dues.year', { year: Y });
    expect(member(d, '王书记').arrears).toMatchObject({ current: 3, longest: 3, level: 'warning' });
    expect(member(d, '王书记').arrears.message).toBe('2025年10月至2025年12月连续3个月未交纳党费，请及时提醒（连续6个月未交纳的，按规定应视为自行脱党）');
    expect(member(d, '王书记').cells.map((c) => c.state).slice(8)).toEqual(['paid', 'warning', 'warning', 'warning']);
    expect(member(d, '周正式').arrears).toMatchObject({ current: 2, level: 'none', message: '' });
    expect(member(d, '周正式').cells.map((c) => c.state).slice(9)).toEqual(['paid', 'unpaid', 'unpaid']);
    const wu = member(d, '吴预备');
    expect(wu.arrears).toMatchObject({ current: 6, longest: 6, level: 'flag' });
    expect(wu.arrears.message).toBe(`2025年7月至2025年12月${FLAG_MESSAGE}`);
    expect(wu.cells.map((c) => c.state).slice(6)).toEqual(Array(6).fill('flag'));
    // The flag changes nothing: still on the roster, still a 预备党员, still in the ledger.
    const people = await call(h.core, 'people.list');
    expect(people.find((p) => p.name === '吴预备')!.politicalStatus).toBe('中共预备党员');
  });

  it('a 预备党员 admitted mid-year pays from the month of the 支部大会', async () => {
    const { s } = await setUp();
    const wu = s.people.probationer1.id;
    h.core.db.sqlite.prepare('UPDATE people SET join_date = ? WHERE id = ?').run('2025-05-20', wu);
    let d = await call(h.core, 'dues.year', { year: Y });
    const m = member(d, '吴预备');
    expect(m.dueMonths).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
    expect(m.cells.map((c) => c.state).slice(0, 5)).toEqual(['none', 'none', 'none', 'none', 'flag']);
    expect(m.dueTotal).toBe(1.6);
    expect(d.monthTotals[3]!.due).toBe(105); // April: without 吴预备's 0.2
    expect(d.monthTotals[4]!.due).toBe(105.2);
    const err = await callError(h.core, 'dues.pay', { year: Y, personId: wu, months: [4, 5], amount: 0.4, paidDate: '2025-05-31', collector: '' });
    expect(err).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'months', message: '吴预备4月不需交纳党费（2025-05-20经支部大会接收，从当月起交纳）' }] });
    d = (await pay(wu, [5, 6, 7], 0.6, '2025-07-31')).year;
    expect(member(d, '吴预备').arrears).toMatchObject({ longest: 5, level: 'warning' });
  });

  it('counts only months up to today in the current year', async () => {
    const { s } = await setUp();
    await pay(s.committee.王书记.id, [1], 15, '2025-01-31');
    const d = duesYear(h.core.db, Y, '2025-04-15');
    const w = member(d, '王书记');
    expect(w.cells.map((c) => c.state)).toEqual(['paid', 'warning', 'warning', 'warning', ...Array(8).fill('notYet')]);
    expect(w.owedMonths).toEqual([2, 3, 4]);
    expect(w.dueTotal).toBe(180); // 全年应缴 is the whole year's
    expect(w.arrears).toMatchObject({ current: 3, level: 'warning' });
  });

  it('carries a run of unpaid months over from last December', async () => {
    const s = await seedBranch(h.core);
    const wang = s.committee.王书记.id;
    for (const year of [Y - 1, Y]) await call(h.core, 'dues.setupYear', { year, entries: [entry(wang, '在职', 3000)] });
    await call(h.core, 'dues.pay', { year: Y - 1, personId: wang, months: [1, 2, 3, 4, 5, 6, 7, 8, 9], amount: 135, paidDate: '2024-09-30', collector: '' });
    const d = duesYear(h.core.db, Y, '2025-03-10');
    // 2024-10 … 2025-03: six months.
    expect(member(d, '王书记').arrears).toMatchObject({ longest: 6, level: 'flag', runs: [{ from: '2024-10', to: '2025-03', length: 6 }] });
    expect(member(d, '王书记').cells.slice(0, 3).map((c) => c.state)).toEqual(['flag', 'flag', 'flag']);
    // Last year's runs alone do not concern this year.
    await call(h.core, 'dues.pay', { year: Y, personId: wang, months: [1, 2, 3], amount: 45, paidDate: '2025-03-10', collector: '' });
    expect(member(duesYear(h.core.db, Y, '2025-03-10'), '王书记').arrears.level).toBe('none');
  });

  it('keeps a member who left the roster, due through the month they left', async () => {
    const { s } = await setUp();
    const zhou = s.people.member1.id;
    await call(h.core, 'people.remove', { id: zhou });
    h.core.db.sqlite.prepare('UPDATE people SET removed_at = ? WHERE id = ?').run('2025-08-10T02:00:00.000Z', zhou);
    const d = await call(h.core, 'dues.year', { year: Y });
    const m = member(d, '周正式');
    expect(m.removed).toBe(true);
    expect(m.dueMonths).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(m.cells.map((c) => c.state).slice(7, 9)).toEqual(['flag', 'none']);
    expect(d.setup.some((r) => r.name === '周正式')).toBe(false);
  });

  it('takes a member off the year only while nothing is paid', async () => {
    const { s } = await setUp();
    await pay(s.committee.王书记.id, [1], 15, '2025-01-31');
    expect(await callError(h.core, 'dues.unfix', { year: Y, personId: s.committee.王书记.id })).toMatchObject({
      code: 'CONFLICT',
      message: '王书记2025年已登记1个月的党费，请先撤销这些交纳记录',
    });
    const d = await call(h.core, 'dues.unfix', { year: Y, personId: s.people.member1.id });
    expect(d.members.map((m) => m.name)).toEqual(['王书记', '吴预备']);
    expect(d.setup.find((r) => r.name === '周正式')!.fixed).toBeNull();
  });
});
