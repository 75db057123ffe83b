/** The cadence rules (shared/rules/cadence.ts) as tables of cases over synthetic years. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRecordType, recordType } from '../../shared/books/index.js';
import {
  CADENCES,
  TALK_COVERAGE,
  cadenceKind,
  cadenceTitle,
  duePeriods,
  lastDayOfMonth,
  missingMessage,
  missingPeriods,
  periodOf,
  periodsOfYear,
  periodStatuses,
  talkParticipants,
  uncoveredMembers,
  type Cadence,
  type CadenceRecord,
  type PeriodUnit,
} from '../../shared/rules/cadence.js';

import { REPO_ROOT } from '../fixtures/tmp.js';

const TEXTS_DIR = path.join(REPO_ROOT, 'resources', 'texts');
const cadence = (typeId: string): Cadence => {
  const c = CADENCES.find((x) => x.typeId === typeId);
  if (!c) throw new Error(`no cadence for ${typeId}`);
  return c;
};
const ASSEMBLY = cadence('branch-assembly');
const COMMITTEE = cadence('committee-meeting');
const GROUP = cadence('group-meeting');
const LECTURE = cadence('party-lecture');
const THEME_DAY = cadence('theme-party-day');
const ORG_LIFE = cadence('org-life-meeting');
const REVIEW = cadence('member-review');

const rec = (type: string, date: string, status: 'final' | 'draft' = 'final', groupId: number | null = null): CadenceRecord => ({ type, date, status, groupId });
const labels = (ps: { label: string }[]) => ps.map((p) => p.label);

describe('the obligations as data', () => {
  it('covers every obligation of DOMAIN §3 once, each with an existing record type and a cited source', () => {
    const party = CADENCES.filter((c) => c.org === '党支部');
    expect(party.map((c) => [c.typeId, c.period, c.perGroup])).toEqual([
      ['branch-assembly', 'quarter', false],
      ['committee-meeting', 'month', false],
      ['group-meeting', 'month', true],
      ['party-lecture', 'quarter', false],
      ['theme-party-day', 'month', false],
      ['org-life-meeting', 'year', false],
      ['member-review', 'year', false],
    ]);
    for (const c of [...party, TALK_COVERAGE]) expect(c.source).toMatch(/^《中国共产党支部工作条例（试行）》第.+条/);
    for (const c of party) expect(c.keptWith).toBeUndefined();
    for (const c of CADENCES) {
      expect(isRecordType(c.typeId), c.typeId).toBe(true);
      expect(c.label).toBe(recordType(c.typeId).label);
      expect(c.defaultPeriod).toBe(c.period);
    }
    expect(isRecordType(TALK_COVERAGE.typeId)).toBe(true);
  });

  it('has the 团支部 “三会两制一课” and the 工会’s meetings and 队务公开, each kept with its part of the book', () => {
    expect(CADENCES.filter((c) => c.org !== '党支部').map((c) => [c.org, c.typeId, c.period])).toEqual([
      ['团支部', 'league-assembly', 'quarter'],
      ['团支部', 'league-committee', 'month'],
      ['团支部', 'league-group-meeting', 'month'],
      ['团支部', 'league-lecture', 'quarter'],
      ['团支部', 'league-review', 'year'],
      ['团支部', 'league-registration', 'year'],
      ['工会', 'union-meeting', 'month'],
      ['工会', 'affairs-public', 'month'],
    ]);
    for (const c of CADENCES.filter((x) => x.keptWith)) {
      const def = recordType(c.typeId);
      expect([def.book, def.part], c.typeId).toEqual([c.keptWith!.book, c.keptWith!.part]);
    }
  });

  /** The article a source cites, read from the regulation text the app ships: its frequency is the cadence's. */
  it.each(CADENCES.filter((c) => c.keptWith).map((c) => [c.typeId, c] as const))('%s cites an article of a shipped text that says how often', (_id, c) => {
    const EVERY = { month: '每月', quarter: '每季度', year: '每年' } as const;
    const [, title, article] = /^《(.+)》第(.+)条：/.exec(c.source)!;
    const file = fs.readdirSync(TEXTS_DIR).find((f) => fs.readFileSync(path.join(TEXTS_DIR, f), 'utf8').startsWith(`# ${title}`));
    expect(file, title).toBeTruthy();
    const paragraph = fs
      .readFileSync(path.join(TEXTS_DIR, file!), 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${article}、`));
    expect(paragraph, `${title} 第${article}条`).toBeTruthy();
    expect(paragraph).toContain(EVERY[c.period]);
  });

  it('says which counts are local: the 党课 of the Party branch, and the 团支部 and 工会 arrangements', () => {
    expect(LECTURE.basis).toBe('local');
    expect(LECTURE.source).toContain('未规定次数');
    expect(LECTURE.source).toContain('地方通行做法');
    expect(CADENCES.filter((c) => c.basis === 'local' && c.org === '党支部').map((c) => c.typeId)).toEqual(['party-lecture']);
    expect(CADENCES.filter((c) => c.org !== '党支部').every((c) => c.basis === 'local')).toBe(true);
  });

  it.each([
    [ASSEMBLY, 'branch-assembly-quarterly', '支部党员大会（每季度）'],
    [COMMITTEE, 'committee-meeting-monthly', '支部委员会（每月）'],
    [GROUP, 'group-meeting-monthly', '党小组会（每月，每个党小组）'],
    [ORG_LIFE, 'org-life-meeting-yearly', '组织生活会（每年）'],
    [{ ...LECTURE, period: 'month' as const }, 'party-lecture-monthly', '党课（每月）'],
  ])('%# kind and title follow the period: %s', (c, kind, title) => {
    expect(cadenceKind(c)).toBe(kind);
    expect(cadenceTitle(c)).toBe(title);
  });
});

describe('periods', () => {
  it.each<[PeriodUnit, number, string[], [string, string][]]>([
    ['quarter', 2024, ['第一季度', '第二季度', '第三季度', '第四季度'], [['2024-01-01', '2024-03-31'], ['2024-04-01', '2024-06-30'], ['2024-07-01', '2024-09-30'], ['2024-10-01', '2024-12-31']]],
    ['year', 2025, ['全年'], [['2025-01-01', '2025-12-31']]],
  ])('%s of %i', (unit, year, names, bounds) => {
    const ps = periodsOfYear(year, unit);
    expect(labels(ps)).toEqual(names);
    expect(ps.map((p) => [p.start, p.end])).toEqual(bounds);
  });

  it.each([
    [2024, 2, 29], // leap year
    [2023, 2, 28],
    [2000, 2, 29], // divisible by 400
    [1900, 2, 28], // divisible by 100, not 400
    [2024, 4, 30],
    [2024, 12, 31],
  ])('%i-%i has %i days', (y, m, d) => {
    expect(lastDayOfMonth(y, m)).toBe(d);
    expect(periodsOfYear(y, 'month')[m - 1]!.end).toBe(`${y}-${String(m).padStart(2, '0')}-${d}`);
  });

  it.each([
    ['2024-03-31', 'quarter', 1, '第一季度'],
    ['2024-04-01', 'quarter', 2, '第二季度'],
    ['2024-06-30', 'quarter', 2, '第二季度'],
    ['2024-07-01', 'quarter', 3, '第三季度'],
    ['2024-12-31', 'quarter', 4, '第四季度'],
    ['2024-02-29', 'month', 2, '2月'],
    ['2024-12-31', 'year', 1, '全年'],
  ] as const)('%s falls in %s %i (%s)', (date, unit, index, label) => {
    const p = periodOf(date, unit);
    expect([p.index, p.label]).toEqual([index, label]);
    expect(p.start <= date && date <= p.end).toBe(true);
  });
});

describe('which periods are due', () => {
  it.each<[string, PeriodUnit, number, string, string, string[]]>([
    // a past year, branch long existing: everything
    ['past year', 'quarter', 2024, '2025-01-10', '2020-01-01', ['第一季度', '第二季度', '第三季度', '第四季度']],
    // the current year: only the periods over on asOf
    ['asOf mid-month', 'month', 2024, '2024-05-15', '2020-01-01', ['1月', '2月', '3月', '4月']],
    ['asOf on the last day of the month', 'month', 2024, '2024-04-30', '2020-01-01', ['1月', '2月', '3月']],
    ['asOf the day after a quarter', 'quarter', 2024, '2024-07-01', '2020-01-01', ['第一季度', '第二季度']],
    ['asOf the last day of a quarter', 'quarter', 2024, '2024-06-30', '2020-01-01', ['第一季度']],
    ['leap February counted through the 29th', 'month', 2024, '2024-02-29', '2020-01-01', ['1月']],
    ['leap February over on 1 March', 'month', 2024, '2024-03-01', '2020-01-01', ['1月', '2月']],
    ['the year not over', 'year', 2024, '2024-12-31', '2020-01-01', []],
    ['the year over', 'year', 2024, '2025-01-01', '2020-01-01', ['全年']],
    ['a future year', 'month', 2027, '2026-11-21', '2020-01-01', []],
    // a branch set up mid-year is not blamed for periods that ended before it existed
    ['branch from 15 July: months', 'month', 2024, '2025-01-10', '2024-07-15', ['7月', '8月', '9月', '10月', '11月', '12月']],
    ['branch from 15 July: quarters', 'quarter', 2024, '2025-01-10', '2024-07-15', ['第三季度', '第四季度']],
    ['branch from the first day of a quarter', 'quarter', 2024, '2025-01-10', '2024-10-01', ['第四季度']],
    ['branch from the last day of a quarter', 'quarter', 2024, '2025-01-10', '2024-09-30', ['第三季度', '第四季度']],
    ['branch from mid-year: the year still counts', 'year', 2024, '2025-01-10', '2024-07-15', ['全年']],
    ['branch set up after the year', 'month', 2024, '2026-01-10', '2025-03-01', []],
    ['branch mid-year, asOf mid-year', 'month', 2024, '2024-10-02', '2024-07-15', ['7月', '8月', '9月']],
  ])('%s', (_name, unit, year, asOf, start, expected) => {
    expect(labels(duePeriods(year, unit, asOf, start))).toEqual(expected);
  });
});

describe('which periods lack a 定稿 record', () => {
  const base = { year: 2024, asOf: '2025-01-10', branchStart: '2020-01-01', groups: [] as { id: number; name: string }[] };
  const twoGroups = [
    { id: 1, name: '第一党小组' },
    { id: 2, name: '第二党小组' },
  ];

  it.each<[string, Cadence, CadenceRecord[], Partial<typeof base>, string[]]>([
    ['no meeting at all', ASSEMBLY, [], {}, ['第一季度未召开支部党员大会', '第二季度未召开支部党员大会', '第三季度未召开支部党员大会', '第四季度未召开支部党员大会']],
    [
      'meetings on the quarter boundaries count for the quarter of their date',
      ASSEMBLY,
      [rec('branch-assembly', '2024-03-31'), rec('branch-assembly', '2024-07-01'), rec('branch-assembly', '2024-12-31')],
      {},
      ['第二季度未召开支部党员大会'],
    ],
    ['two in one quarter do not make up for another', ASSEMBLY, [rec('branch-assembly', '2024-01-10'), rec('branch-assembly', '2024-02-10'), rec('branch-assembly', '2024-05-10'), rec('branch-assembly', '2024-11-10')], {}, ['第三季度未召开支部党员大会']],
    ['a draft does not count', ASSEMBLY, [rec('branch-assembly', '2024-01-10'), rec('branch-assembly', '2024-05-10', 'draft'), rec('branch-assembly', '2024-08-10'), rec('branch-assembly', '2024-11-10')], {}, ['第二季度未召开支部党员大会']],
    ['a draft and a 定稿 in one quarter: held', ASSEMBLY, [rec('branch-assembly', '2024-01-10', 'draft'), rec('branch-assembly', '2024-02-10'), rec('branch-assembly', '2024-05-10'), rec('branch-assembly', '2024-08-10'), rec('branch-assembly', '2024-11-10')], {}, []],
    ['another type does not count', ASSEMBLY, [rec('committee-meeting', '2024-01-10'), rec('branch-assembly', '2024-05-10'), rec('branch-assembly', '2024-08-10'), rec('branch-assembly', '2024-11-10')], {}, ['第一季度未召开支部党员大会']],
    ['last year’s December does not count for this year', COMMITTEE, [rec('committee-meeting', '2023-12-31')], { asOf: '2024-02-01' }, ['1月未召开支部委员会']],
    ['leap-day meeting holds February', COMMITTEE, [rec('committee-meeting', '2024-01-31'), rec('committee-meeting', '2024-02-29')], { asOf: '2024-03-20' }, []],
    ['asOf mid-month: the running month is not yet missing', THEME_DAY, [rec('theme-party-day', '2024-01-05'), rec('theme-party-day', '2024-03-05')], { asOf: '2024-04-15' }, ['2月未开展主题党日']],
    ['mid-year branch: only from its month', COMMITTEE, [rec('committee-meeting', '2024-08-20'), rec('committee-meeting', '2024-09-20'), rec('committee-meeting', '2024-10-20'), rec('committee-meeting', '2024-12-20')], { branchStart: '2024-08-10' }, ['11月未召开支部委员会']],
    ['党课 quarterly by default', LECTURE, [rec('party-lecture', '2024-02-01'), rec('party-lecture', '2024-12-01')], {}, ['第二季度未组织党课', '第三季度未组织党课']],
    ['a branch setting: 党课 monthly', { ...LECTURE, period: 'month' }, [rec('party-lecture', '2024-02-01')], { asOf: '2024-04-01' }, ['1月未组织党课', '3月未组织党课']],
    ['组织生活会: the year over', ORG_LIFE, [], {}, ['全年未召开组织生活会']],
    ['组织生活会: held in Q4', ORG_LIFE, [rec('org-life-meeting', '2024-12-20')], {}, []],
    ['组织生活会: the year not over', ORG_LIFE, [], { asOf: '2024-12-31' }, []],
    ['民主评议党员 only as a draft', REVIEW, [rec('member-review', '2024-12-20', 'draft')], {}, ['全年未开展民主评议党员']],
    [
      'two 党小组: each group its own months',
      GROUP,
      [rec('group-meeting', '2024-01-08', 'final', 1), rec('group-meeting', '2024-02-08', 'final', 1), rec('group-meeting', '2024-01-09', 'final', 2), rec('group-meeting', '2024-03-09', 'final', 2)],
      { asOf: '2024-04-01', groups: twoGroups },
      ['第一党小组：3月未召开党小组会', '第二党小组：2月未召开党小组会'],
    ],
    [
      'two 党小组: one group’s meeting does not hold the other’s month',
      GROUP,
      [rec('group-meeting', '2024-01-08', 'final', 1), rec('group-meeting', '2024-01-08', 'final', 1)],
      { asOf: '2024-02-01', groups: twoGroups },
      ['第二党小组：1月未召开党小组会'],
    ],
    ['a group meeting of a group no longer kept counts for no one', GROUP, [rec('group-meeting', '2024-01-08', 'final', 9)], { asOf: '2024-02-01', groups: twoGroups }, ['第一党小组：1月未召开党小组会', '第二党小组：1月未召开党小组会']],
    ['no 党小组: no 党小组会 expected', GROUP, [], { groups: [] }, []],
  ])('%s', (_name, c, records, over, expected) => {
    const ctx = { ...base, ...over };
    expect(missingPeriods(c, records, ctx).map((m) => missingMessage(c, m))).toEqual(expected);
  });
});

describe('where each period stands on the overview (periodStatuses)', () => {
  const twoGroups = [
    { id: 1, name: '第一党小组' },
    { id: 2, name: '第二党小组' },
  ];
  const ctx = (o: Partial<{ year: number; asOf: string; branchStart: string }> = {}) => ({ year: 2024, asOf: '2024-07-15', branchStart: '2020-01-01', groups: twoGroups, ...o });
  const withIds = (rs: CadenceRecord[]) => rs.map((r, i) => ({ ...r, id: i + 1 }));
  const M = (n: number, state: string) => Array<string>(n).fill(state);

  it.each<[string, Cadence, CadenceRecord[], ReturnType<typeof ctx>, number | null, string[]]>([
    // a quarter boundary: the last day of a quarter is still that quarter; the day after, it is over
    ['quarter boundary: asOf the last day of Q1', ASSEMBLY, [], ctx({ asOf: '2024-03-31' }), null, ['due', 'later', 'later', 'later']],
    ['quarter boundary: asOf the first day of Q2', ASSEMBLY, [], ctx({ asOf: '2024-04-01' }), null, ['overdue', 'due', 'later', 'later']],
    ['quarter boundary: held on 31 March and 1 April', ASSEMBLY, [rec('branch-assembly', '2024-03-31'), rec('branch-assembly', '2024-04-01')], ctx(), null, ['done', 'done', 'due', 'later']],
    // a leap year: 29 February is in February, which is over only on 1 March
    ['leap year: asOf 29 February', COMMITTEE, [rec('committee-meeting', '2024-01-31')], ctx({ asOf: '2024-02-29' }), null, ['done', 'due', ...M(10, 'later')]],
    ['leap year: held on 29 February', COMMITTEE, [rec('committee-meeting', '2024-01-31'), rec('committee-meeting', '2024-02-29')], ctx({ asOf: '2024-03-01' }), null, ['done', 'done', 'due', ...M(9, 'later')]],
    ['leap year: nothing in February, asOf 1 March', COMMITTEE, [rec('committee-meeting', '2024-01-31')], ctx({ asOf: '2024-03-01' }), null, ['done', 'overdue', 'due', ...M(9, 'later')]],
    // a branch that starts mid-year: nothing before its month, its own month counts
    ['mid-year start: from 15 May', COMMITTEE, [], ctx({ branchStart: '2024-05-15' }), null, [...M(4, 'before'), 'overdue', 'overdue', 'due', ...M(5, 'later')]],
    ['mid-year start: quarters from 15 May', ASSEMBLY, [], ctx({ branchStart: '2024-05-15' }), null, ['before', 'overdue', 'due', 'later']],
    ['mid-year start: a meeting held before it still shows', COMMITTEE, [rec('committee-meeting', '2024-02-10')], ctx({ branchStart: '2024-05-15' }), null, ['before', 'done', 'before', 'before', 'overdue', 'overdue', 'due', ...M(5, 'later')]],
    // two 党小组: each its own row
    ['two 党小组: the first group', GROUP, [rec('group-meeting', '2024-01-08', 'final', 1), rec('group-meeting', '2024-02-08', 'final', 2), rec('group-meeting', '2024-03-08', 'draft', 1)], ctx({ asOf: '2024-03-15' }), 1, ['done', 'overdue', 'planned', ...M(9, 'later')]],
    ['two 党小组: the second group', GROUP, [rec('group-meeting', '2024-01-08', 'final', 1), rec('group-meeting', '2024-02-08', 'final', 2), rec('group-meeting', '2024-03-08', 'draft', 1)], ctx({ asOf: '2024-03-15' }), 2, ['overdue', 'done', 'due', ...M(9, 'later')]],
    // a plan (draft) in a period over: planned, not overdue; a 定稿 beside it: done
    ['a plan in a period over stays planned', ASSEMBLY, [rec('branch-assembly', '2024-02-10', 'draft')], ctx(), null, ['planned', 'overdue', 'due', 'later']],
    ['a plan and a 定稿 in one period: done', ASSEMBLY, [rec('branch-assembly', '2024-02-10', 'draft'), rec('branch-assembly', '2024-03-10')], ctx(), null, ['done', 'overdue', 'due', 'later']],
    ['another year’s records do not count', ORG_LIFE, [rec('org-life-meeting', '2023-12-20')], ctx({ asOf: '2025-01-05' }), null, ['overdue']],
  ])('%s', (_name, c, records, context, groupId, expected) => {
    expect(periodStatuses(c, withIds(records), context, groupId).map((s) => s.state)).toEqual(expected);
  });

  it('names the record that holds or plans a period', () => {
    const [q1, q2] = periodStatuses(ASSEMBLY, withIds([rec('branch-assembly', '2024-02-10'), rec('branch-assembly', '2024-05-10', 'draft')]), ctx(), null);
    expect([q1!.recordId, q2!.recordId]).toEqual([1, 2]);
  });
});

describe('谈心谈话 coverage', () => {
  it.each<[string, { talker?: unknown; subject?: unknown }, string[]]>([
    ['one to one', { talker: '王书记', subject: '周正式' }, ['王书记', '周正式']],
    ['several subjects', { talker: '王书记', subject: '周正式、吴预备，陈正式' }, ['王书记', '周正式', '吴预备', '陈正式']],
    ['spaces and 同志', { talker: '王书记', subject: '周正式同志 吴预备' }, ['王书记', '周正式', '吴预备']],
    ['a collective subject names nobody by name', { talker: '王书记', subject: '钻井一班全体成员' }, ['王书记', '钻井一班全体成员']],
    ['missing fields', {}, []],
  ])('participants: %s', (_name, data, names) => {
    expect(talkParticipants(data)).toEqual(names);
  });

  const members = [
    { id: 1, name: '王书记', joinDate: '2001-07-01' },
    { id: 2, name: '周正式', joinDate: '2010-07-01' },
    { id: 3, name: '吴预备', joinDate: '2024-06-01' },
    { id: 4, name: '陈正式', joinDate: '' },
    { id: 5, name: '褚新人', joinDate: '2025-03-01' },
  ];
  const talk = (date: string, talker: string, subject: string, status = 'final') => ({ date, status, data: { talker, subject } });
  const ctx = { year: 2024, asOf: '2025-01-10', branchStart: '2020-01-01' };

  it.each<[string, ReturnType<typeof talk>[], Partial<typeof ctx>, string[]]>([
    ['nobody talked', [], {}, ['王书记', '周正式', '吴预备', '陈正式']],
    ['talker and subject both covered', [talk('2024-05-01', '王书记', '周正式')], {}, ['吴预备', '陈正式']],
    ['several names in one record', [talk('2024-05-01', '周正式', '吴预备、陈正式'), talk('2024-06-01', '王书记', '周正式')], {}, []],
    ['a draft talk does not count', [talk('2024-05-01', '王书记', '周正式', 'draft')], {}, ['王书记', '周正式', '吴预备', '陈正式']],
    ['a talk of another year does not count', [talk('2023-12-31', '王书记', '周正式'), talk('2025-01-02', '吴预备', '陈正式')], {}, ['王书记', '周正式', '吴预备', '陈正式']],
    ['a similar name does not count', [talk('2024-05-01', '王书记同志', '周正式丰')], {}, ['周正式', '吴预备', '陈正式']],
    ['the year not over: not yet due', [], { asOf: '2024-12-31' }, []],
    ['branch set up after the year: not due', [], { branchStart: '2025-01-05' }, []],
    ['branch set up mid-year: due', [], { branchStart: '2024-10-01' }, ['王书记', '周正式', '吴预备', '陈正式']],
  ])('uncovered: %s', (_name, talks, over, expected) => {
    expect(uncoveredMembers(members, talks, { ...ctx, ...over }).map((m) => m.name)).toEqual(expected);
  });
});
