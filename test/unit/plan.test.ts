/**
 * 活动日历: which types can be planned, what a plan asks for and creates, and how
 * the year's records fall on the calendar.
 */
import { describe, expect, it } from 'vitest';
import { recordInput } from '../../shared/methods/records.js';
import { RECORD_TYPES, recordType } from '../../shared/books/index.js';
import { isPlannable, PLANNABLE_TYPES, planFields, planIssues, plannableByBook, planRecord, yearCalendar } from '../../shared/books/plan.js';

describe('plannable types', () => {
  it('are exactly the types with 议题, every one a meeting', () => {
    expect(PLANNABLE_TYPES.length).toBeGreaterThan(0);
    for (const t of RECORD_TYPES) expect(isPlannable(t.id), t.id).toBe(t.fields.some((f) => f.key === 'topics'));
    for (const t of PLANNABLE_TYPES) expect(t.kind, t.id).toBe('meeting');
    expect(isPlannable('committee-meeting')).toBe(true);
    expect(isPlannable('work-plan')).toBe(false);
    expect(isPlannable('no-such-type')).toBe(false);
  });

  it('are grouped under their books, in book order, without empty books', () => {
    const groups = plannableByBook();
    expect(groups.flatMap((g) => g.types)).toEqual(PLANNABLE_TYPES);
    for (const g of groups) {
      expect(g.types.length).toBeGreaterThan(0);
      for (const t of g.types) expect(t.book).toBe(g.book.id);
    }
    expect(groups.map((g) => g.book.id)).not.toContain('archive');
  });
});

describe('a plan', () => {
  it('asks for 开始时间, 地点 and 议题 (and the 党小组 of a 党小组会), needing only 议题 and 党小组', () => {
    const fields = (id: string) => planFields(recordType(id)).map((f) => `${f.key}${f.required ? '*' : ''}`);
    expect(fields('committee-meeting')).toEqual(['startTime', 'location', 'topics*']);
    expect(fields('group-meeting')).toEqual(['groupId*', 'startTime', 'location', 'topics*']);
    expect(planFields(recordType('theme-party-day')).find((f) => f.key === 'topics')!.label).toBe(
      recordType('theme-party-day').fields.find((f) => f.key === 'topics')!.label,
    );
  });

  it('creates a 草稿 with only what was given, trimmed', () => {
    const def = recordType('committee-meeting');
    expect(planRecord(def, '2026-05-12', { topics: [' 研究发展党员工作 ', '', '  '], location: '  ', startTime: '', host: '张书记' })).toEqual({
      type: 'committee-meeting',
      date: '2026-05-12',
      status: 'draft',
      data: { topics: ['研究发展党员工作'] },
    });
    expect(planRecord(def, '2026-05-12', { topics: ['学习'], location: ' 队部会议室', startTime: '09:30' }).data).toEqual({
      topics: ['学习'],
      location: '队部会议室',
      startTime: '09:30',
    });
    expect(planRecord(recordType('group-meeting'), '2026-05-12', { topics: ['学习'], groupId: 3 }).data).toEqual({ groupId: 3, topics: ['学习'] });
  });

  it('of every plannable type passes the contract as a 草稿, and as no 定稿', () => {
    for (const def of PLANNABLE_TYPES) {
      const plan = planRecord(def, '2026-05-12', { topics: ['学习'], groupId: 1, location: '队部会议室' });
      expect(recordInput.safeParse(plan).success, def.id).toBe(true);
      expect(recordInput.safeParse({ ...plan, status: 'final' }).success, def.id).toBe(false);
    }
  });

  it('is refused without a type, a date in the year, its 议题 or its 党小组, each at its field', () => {
    expect(planIssues(2026, { data: {} })).toEqual([
      { path: 'type', message: '请选择活动类型' },
      { path: 'date', message: '请选择日期' },
    ]);
    expect(planIssues(2026, { type: 'committee-meeting', date: '2025-12-31', data: { topics: [' '] } })).toEqual([
      { path: 'date', message: '日期应在2026年内' },
      { path: 'data.topics.0', message: '请至少填写一项议题' },
    ]);
    expect(planIssues(2026, { type: 'group-meeting', date: '2026-03-01', data: { topics: ['学习'], groupId: null } })).toEqual([
      { path: 'data.groupId', message: '请选择党小组' },
    ]);
    expect(planIssues(2026, { type: 'committee-meeting', date: '2026-03-01', data: { topics: ['学习'] } })).toEqual([]);
    expect(planIssues(2026, { type: 'work-plan', date: '2026-03-01', data: {} })).toEqual([{ path: 'type', message: '请选择活动类型' }]);
  });
});

describe('the year on the calendar', () => {
  const r = (id: number, type: string, date: string, status: 'draft' | 'final') => ({ id, type, date, status });

  it('puts the meetings on their days in the order given and counts each month’s held and planned', () => {
    const { days, months } = yearCalendar([
      r(1, 'committee-meeting', '2026-03-05', 'final'),
      r(2, 'theme-party-day', '2026-03-05', 'draft'),
      r(3, 'work-plan', '2026-03-05', 'final'),
      r(4, 'branch-assembly', '2026-12-31', 'draft'),
      r(5, 'talk', '2026-01-10', 'final'),
    ]);
    expect([...days.keys()]).toEqual(['2026-03-05', '2026-12-31']);
    expect(days.get('2026-03-05')!.map((x) => x.id)).toEqual([1, 2]);
    expect(months).toHaveLength(12);
    expect(months[2]).toEqual({ held: 1, planned: 1 });
    expect(months[11]).toEqual({ held: 0, planned: 1 });
    expect(months[0]).toEqual({ held: 0, planned: 0 });
  });
});
