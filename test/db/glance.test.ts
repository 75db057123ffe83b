/**
 * The year at a glance beyond the 党支部's own cadences (electron/core/completeness/glance.ts,
 * upcoming.ts; electron/core/cadence/service.ts): the 团支部 and 工会 obligations
 * where the branch keeps their book, the date the branch's books begin, and
 * what is due soon whatever the year. A real core on a temp dir; records
 * entered through the dispatch; the day fixed by passing `asOf`.
 */
import { describe, expect, it } from 'vitest';
import { recordType } from '../../shared/books/index.js';
import type { InputOf } from '../../shared/contract.js';
import type { RecordInput } from '../../shared/methods/records.js';
import { yearGlance } from '../../electron/core/completeness/glance.js';
import { yearGaps } from '../../electron/core/completeness/service.js';
import { call, callError, dbDigest, rows, useCore } from '../fixtures/core.js';
import { sampleRecord, sampleRecordOn } from '../fixtures/records.js';
import { createMeeting, seedBranch } from '../fixtures/seed.js';
import { localToday } from '../../shared/dates.js';
import { addDays } from '../../shared/rules/development.js';

const h = useCore();
const db = () => h.core.db;
const Y = 2025;
const setUp = (iso: string) => db().sqlite.prepare('UPDATE branch SET created_at = ?').run(iso);
const orgsOf = (g: ReturnType<typeof yearGlance>) => [...new Set(g.rows.map((r) => r.org))];

describe('the 团支部 and 工会 obligations', () => {
  it('are off until the branch has records of their part of the book, then on, and the branch may switch them either way', async () => {
    const seed = await seedBranch(h.core);
    setUp('2020-01-01T01:00:00.000Z');
    const league = async () => (await call(h.core, 'cadence.list', {})).cadences.find((c) => c.typeId === 'league-assembly')!;
    expect(await league()).toMatchObject({ org: '团支部', enabled: false, defaultEnabled: false, period: 'quarter' });
    expect(orgsOf(yearGlance(db(), Y, '2026-01-10'))).toEqual(['党支部']);

    // one 团支部委员会 in March: the 团支部 book is kept; the 工会 is still not
    await call(h.core, 'records.create', await sampleRecordOn(h.core, seed, recordType('league-committee'), { date: `${Y}-03-10` }));
    expect(await league()).toMatchObject({ enabled: true, defaultEnabled: true });
    const g = yearGlance(db(), Y, '2026-01-10');
    expect(orgsOf(g)).toEqual(['党支部', '团支部']);
    expect(g.rows.find((r) => r.typeId === 'league-committee')!.cells.map((c) => c.state)).toEqual(['overdue', 'overdue', 'done', ...Array(9).fill('overdue')]);
    expect(yearGaps(db(), Y, '2026-01-10').map((x) => x.message)).toContain('第一季度未召开团员大会');
    expect(rows(db(), 'SELECT * FROM cadence_settings')).toEqual([]);

    // switched off against the default: stored; back to the default: no row
    await call(h.core, 'cadence.update', { typeId: 'league-assembly', enabled: false, period: 'quarter' });
    expect(yearGlance(db(), Y, '2026-01-10').rows.some((r) => r.typeId === 'league-assembly')).toBe(false);
    expect(rows(db(), 'SELECT type_id, enabled FROM cadence_settings')).toEqual([{ type_id: 'league-assembly', enabled: 0 }]);
    await call(h.core, 'cadence.update', { typeId: 'league-assembly', enabled: true, period: 'quarter' });
    expect(rows(db(), 'SELECT * FROM cadence_settings')).toEqual([]);

    // the 工会 switched on without records of its own: stored as on
    await call(h.core, 'cadence.update', { typeId: 'affairs-public', enabled: true, period: 'month' });
    expect(rows(db(), 'SELECT type_id, enabled, period FROM cadence_settings')).toEqual([{ type_id: 'affairs-public', enabled: 1, period: 'month' }]);
    expect(yearGlance(db(), Y, '2026-01-10').rows.filter((r) => r.org === '工会').map((r) => r.label)).toEqual(['队务公开（每月）']);
  });
});

describe('when the branch’s books begin (cadence.setStart)', () => {
  it('is worked out, or set; the periods that ended before it are not asked for', async () => {
    await seedBranch(h.core);
    setUp('2020-01-01T01:00:00.000Z');
    const committee = () => yearGlance(db(), Y, '2026-01-10').rows.find((r) => r.typeId === 'committee-meeting')!.cells.map((c) => c.state);
    expect((await call(h.core, 'cadence.list', {})).start).toEqual({ set: null, setUpDay: '2020-01-01', earliestRecord: null, effective: '2020-01-01' });
    expect(committee()).toEqual(Array(12).fill('overdue'));

    const after = await call(h.core, 'cadence.setStart', { date: `${Y}-07-15` });
    expect(after.start).toMatchObject({ set: `${Y}-07-15`, effective: `${Y}-07-15` });
    expect(committee()).toEqual([...Array(6).fill('before'), ...Array(6).fill('overdue')]);
    expect(yearGlance(db(), Y, '2026-01-10').booksStart).toBe(`${Y}-07-15`);
    const gaps = yearGaps(db(), Y, '2026-01-10').filter((x) => x.kind === 'committee-meeting-monthly');
    expect(gaps.map((x) => x.message)).toEqual(['7月', '8月', '9月', '10月', '11月', '12月'].map((m) => `${m}未召开支部委员会`));

    // cleared: worked out again
    expect((await call(h.core, 'cadence.setStart', { date: null })).start.effective).toBe('2020-01-01');
    expect(committee()).toEqual(Array(12).fill('overdue'));
  });

  it('refuses a date after today or not a date, and changes nothing', async () => {
    await seedBranch(h.core);
    const before = dbDigest(db());
    expect(await callError(h.core, 'cadence.setStart', { date: addDays(localToday(), 1) })).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('不能晚于今天') });
    expect(await callError(h.core, 'cadence.setStart', { date: '2025-02-30' })).toMatchObject({ code: 'VALIDATION' });
    expect(dbDigest(db())).toBe(before);
  });
});

describe('what is due soon (the glance’s upcoming list)', () => {
  const AS_OF = `${Y}-06-15`;
  type StepInput = InputOf<'development.saveStep'>;
  const step1 = (caseId: number, date: string): StepInput => ({ caseId, step: 1, date, people: {}, details: {}, notes: '', recordId: null, motionIndex: null }) as StepInput;

  function rectification(date: string, issue: string, deadline: string, status = '整改中'): RecordInput {
    const input = sampleRecord(recordType('rectification-ledger'), { date });
    return { ...input, data: { ...input.data, issue, status, deadline } };
  }
  function transfer(date: string, name: string, receiptDate = ''): RecordInput {
    const input = sampleRecord(recordType('membership-transfer'), { date });
    return { ...input, data: { ...input.data, direction: '转出', name, validityDays: 30, receiptDate } };
  }
  const plan = (date: string): RecordInput => ({ type: 'committee-meeting', date, status: 'draft', data: { topics: ['研究下半年工作'] } });

  /** 近期待办 as [group, [kind, due, overdue] per item]. */
  const sectionsOf = (g: ReturnType<typeof yearGlance>) => g.upcoming.sections.map((s) => [s.kind, s.items.map((u) => [u.kind, u.due, u.overdue])]);
  const itemsOf = (g: ReturnType<typeof yearGlance>) => [...g.upcoming.sections.flatMap((s) => s.items), ...g.upcoming.earlier];

  it('lists plans within 30 days, 发展党员 steps due or overdue, 回执 out and open 整改 past or near their 时限: in groups, overdue first, then by date', async () => {
    const seed = await seedBranch(h.core);
    for (const d of [`${Y}-06-25`, `${Y}-07-30`, `${Y}-06-14`, `${Y}-05-20`]) await call(h.core, 'records.create', plan(d));
    await call(h.core, 'records.create', rectification(`${Y - 1}-12-01`, '学习记录不全', `${Y}-06-10`));
    await call(h.core, 'records.create', rectification(`${Y}-03-01`, '台账未更新', `${Y}-07-01`, '未整改'));
    await call(h.core, 'records.create', rectification(`${Y}-03-01`, '远期事项', `${Y}-09-01`));
    await call(h.core, 'records.create', rectification(`${Y}-03-01`, '已改完', `${Y}-06-01`, '已完成'));
    await call(h.core, 'records.create', transfer(`${Y}-05-01`, '甲转出'));
    await call(h.core, 'records.create', transfer(`${Y}-06-10`, '乙转出'));
    await call(h.core, 'records.create', transfer(`${Y}-06-01`, '丙转出', `${Y}-06-08`));
    const applicant = await call(h.core, 'development.open', { personId: seed.people.masses.id });
    await call(h.core, 'development.saveStep', step1(applicant.id, `${Y}-06-01`));
    const late = await call(h.core, 'development.open', { personId: seed.people.youth.id });
    await call(h.core, 'development.saveStep', step1(late.id, `${Y}-04-01`));

    const g = yearGlance(db(), Y, AS_OF);
    // June's 支部委员会 is planned (the draft of 06-14 plans it), so it is not among 本期待办
    expect(g.upcoming.sections[0]!.items.map((u) => u.message)).not.toContain('6月尚未召开支部委员会');
    expect(sectionsOf(g).slice(1)).toEqual([
      [
        'planned-activity',
        [
          ['planned-activity', `${Y}-06-14`, false],
          ['planned-activity', `${Y}-06-25`, false],
        ],
      ],
      [
        'development-step',
        [
          ['development-step', `${Y}-05-01`, true],
          ['development-step', `${Y}-07-01`, false],
        ],
      ],
      [
        'rectification',
        [
          ['rectification', `${Y}-06-10`, true],
          ['rectification', `${Y}-07-01`, false],
        ],
      ],
      [
        'transfer-receipt',
        [
          ['transfer-receipt', `${Y}-05-31`, true],
          ['transfer-receipt', `${Y}-07-10`, false],
        ],
      ],
    ]);
    expect(g.upcoming.earlier).toEqual([]);
    const messages = itemsOf(g).map((u) => u.message);
    expect(messages).toContain(`${Y}-06-25 支部委员会“研究下半年工作”`);
    expect(messages).toContain(`${Y}-06-14 支部委员会“研究下半年工作”（日期已过，仍为草稿）`);
    expect(messages).toContain('郑团员：②党组织派人谈话，应于2025-05-01前完成，已逾期');
    expect(messages).toContain('甲转出：转出回执未退回（介绍信有效期至2025-05-31，已逾期）');
    expect(messages).toContain('整改事项“学习记录不全”整改中，整改时限2025-06-10已过');
    expect(messages.join()).not.toMatch(/远期事项|已改完|丙转出|2025-07-30|2025-05-20/);
    // each links to where it is dealt with
    expect(itemsOf(g).find((u) => u.kind === 'development-step')!.link).toBe(`/development/${late.id}`);
    for (const u of itemsOf(g).filter((x) => x.kind !== 'development-step' && x.kind !== 'period-obligation')) expect(u.link).toMatch(/^\/records\/\d+$/);
    // worded once: not again among the year's other reminders; of the past drafts, only May's (not a plan of this period) is one of those
    expect(g.reminders.map((r) => r.kind)).not.toContain('rectification-open');
    expect(g.reminders.map((r) => r.kind)).not.toContain('transfer-receipt-overdue');
    expect(g.reminders.filter((r) => r.kind === 'draft-record').map((r) => r.message)).toEqual([`支部委员会（${Y}-05-20）“研究下半年工作”仍为草稿，未定稿`]);
  });

  it('on 2 December: this period’s obligations not held first, then plans, 发展党员, 整改 and 回执; what is overdue since earlier years in one line', async () => {
    const DEC2 = '2026-12-02';
    const seed = await seedBranch(h.core);
    setUp('2020-01-01T01:00:00.000Z');
    const [group1] = seed.groups;
    const glance = (year = 2026) => yearGlance(db(), year, DEC2);
    const obligations = (g = glance()) => g.upcoming.sections.find((s) => s.kind === 'period-obligation')!.items.map((u) => u.message);
    const dueCells = (g: ReturnType<typeof yearGlance>) => g.rows.reduce((n, r) => n + r.cells.filter((c) => c.state === 'due').length, 0);

    // Held this quarter: a 党课. Planned: a 党小组会 of the first group in the month, a 支委会 on the horizon (not this month's plan), one later.
    await createMeeting(h.core, { type: 'party-lecture', date: '2026-10-20' });
    await createMeeting(h.core, { type: 'group-meeting', date: '2026-12-20', status: 'draft', data: { groupId: group1.id, topics: ['学习党章'] } });
    await call(h.core, 'records.create', plan('2027-01-01'));
    await call(h.core, 'records.create', plan('2027-02-01'));
    const applicant = await call(h.core, 'development.open', { personId: seed.people.masses.id });
    await call(h.core, 'development.saveStep', step1(applicant.id, '2026-11-20'));
    const late = await call(h.core, 'development.open', { personId: seed.people.youth.id });
    await call(h.core, 'development.saveStep', step1(late.id, '2026-10-01'));
    await call(h.core, 'records.create', rectification('2026-09-01', '谈心谈话记录不全', '2026-11-15'));
    await call(h.core, 'records.create', rectification('2026-09-01', '党费公示未张贴', '2026-12-25', '未整改'));
    await call(h.core, 'records.create', rectification('2026-09-01', '明年再改', '2027-03-01'));
    await call(h.core, 'records.create', rectification('2025-03-01', '三会一课记录不规范', '2025-06-30'));
    await call(h.core, 'records.create', transfer('2019-03-01', '老转出'));
    await call(h.core, 'records.create', transfer('2023-05-01', '前年转出'));
    await call(h.core, 'records.create', transfer('2026-10-01', '秋季转出'));
    await call(h.core, 'records.create', transfer('2026-11-20', '近期转出'));

    const before = glance();
    expect(obligations(before)).toEqual([
      '第四季度尚未召开支部党员大会',
      '12月尚未召开支部委员会',
      '第二党小组：12月尚未召开党小组会',
      '12月尚未开展主题党日',
      '2026年尚未召开组织生活会',
      '2026年尚未开展民主评议党员',
    ]);

    // A 支委会 held on 1 December, and a 主题党日 planned for that day but still a draft.
    const held = await createMeeting(h.core, { type: 'committee-meeting', date: '2026-12-01' });
    const themeDay = await createMeeting(h.core, { type: 'theme-party-day', date: '2026-12-01', status: 'draft', data: { topics: ['重温入党誓词'] } });
    const g = glance();
    const committee = g.rows.find((r) => r.typeId === 'committee-meeting')!.cells[11]!;
    expect(committee).toEqual({ label: '12月', state: 'done', link: `/records/${held.id}` });
    expect(g.rows.find((r) => r.typeId === 'theme-party-day')!.cells[11]!.state).toBe('planned');

    expect(sectionsOf(g)).toEqual([
      ['period-obligation', Array(4).fill(['period-obligation', '2026-12-31', false])],
      [
        'planned-activity',
        [
          ['planned-activity', '2026-12-01', false],
          ['planned-activity', '2026-12-20', false],
          ['planned-activity', '2027-01-01', false],
        ],
      ],
      [
        'development-step',
        [
          ['development-step', '2026-11-01', true],
          ['development-step', '2026-12-20', false],
        ],
      ],
      [
        'rectification',
        [
          ['rectification', '2026-11-15', true],
          ['rectification', '2026-12-25', false],
        ],
      ],
      [
        'transfer-receipt',
        [
          ['transfer-receipt', '2026-10-31', true],
          ['transfer-receipt', '2026-12-20', false],
        ],
      ],
    ]);
    expect(g.upcoming.sections.map((s) => s.title)).toEqual(['本期待办', '已计划的活动', '发展党员', '问题整改', '组织关系转接回执']);
    // the held 支委会 and the planned 主题党日 are no longer 本期待办; the 主题党日 shows as planned
    expect(obligations(g)).toEqual(['第四季度尚未召开支部党员大会', '第二党小组：12月尚未召开党小组会', '2026年尚未召开组织生活会', '2026年尚未开展民主评议党员']);
    const planned = g.upcoming.sections[1]!.items;
    expect(planned[0]).toMatchObject({ message: '2026-12-01 主题党日“重温入党誓词”（日期已过，仍为草稿）', link: `/records/${themeDay.id}` });
    expect(planned[1]!.message).toBe('2026-12-20 党小组会“学习党章”');
    // each 本期待办 opens a new record of its type, as its cell in the grid, and cites its rule
    const first = g.upcoming.sections[0]!.items[0]!;
    expect(first).toMatchObject({ label: '支部党员大会（每季度）', link: '/records/new?type=branch-assembly', source: expect.stringContaining('第十一条') });
    expect(g.rows.find((r) => r.typeId === 'branch-assembly')!.cells[3]).toEqual({ label: '第四季度', state: 'due', link: first.link });
    // as many as the year's 本期待办 cells
    expect(obligations(g)).toHaveLength(dueCells(g));

    // overdue since before this year: in one line of their own, in group order, then by date
    expect(g.upcoming.earlier.map((u) => [u.kind, u.due, u.overdue])).toEqual([
      ['rectification', '2025-06-30', true],
      ['transfer-receipt', '2019-03-31', true],
      ['transfer-receipt', '2023-05-31', true],
    ]);
    expect(g.upcoming.earlier.map((u) => u.message)).toEqual([
      '整改事项“三会一课记录不规范”整改中，整改时限2025-06-30已过',
      '老转出：转出回执未退回（介绍信有效期至2019-03-31，已逾期）',
      '前年转出：转出回执未退回（介绍信有效期至2023-05-31，已逾期）',
    ]);
    expect(itemsOf(g).map((u) => u.message).join()).not.toMatch(/明年再改|2027-02-01/);
    // the 主题党日 draft of 1 December is listed as planned, not again as a draft left
    expect(g.reminders.filter((r) => r.kind === 'draft-record')).toEqual([]);

    // Another year shown: its own grid (no 本期待办 there), the same 近期待办 as of today.
    const last = glance(2025);
    expect(dueCells(last)).toBe(0);
    expect(last.upcoming).toEqual(g.upcoming);
  });

  it('shows a plan as planned in its period until it is held', async () => {
    await seedBranch(h.core);
    setUp('2020-01-01T01:00:00.000Z');
    const draft = await call(h.core, 'records.create', plan(`${Y}-06-25`));
    const june = () => yearGlance(db(), Y, AS_OF).rows.find((r) => r.typeId === 'committee-meeting')!.cells[5]!;
    expect(june()).toEqual({ label: '6月', state: 'planned', link: `/records/${draft.id}` });
    expect(await callError(h.core, 'records.update', { id: draft.id, record: { ...plan(`${Y}-06-25`), status: 'final' } })).toMatchObject({ code: 'VALIDATION' });
  });
});
