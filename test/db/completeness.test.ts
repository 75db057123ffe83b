/**
 * The completeness check of a year (completeness.check, electron/core/completeness):
 * a real core on a temp dir, records entered through the dispatch. A fully kept
 * year has no gaps; each case then leaves one thing out and names the gaps it must give.
 */
import { describe, expect, it } from 'vitest';
import { recordType } from '../../shared/books/index.js';
import type { Gap } from '../../shared/archive/model.js';
import type { RecordInput } from '../../shared/methods/records.js';
import { yearGaps } from '../../electron/core/completeness/service.js';
import { yearGlance } from '../../electron/core/completeness/glance.js';
import { call, callError, rows, useCore } from '../fixtures/core.js';
import { createMeeting, meetingInput, seedBranch, type MeetingData, type Seed } from '../fixtures/seed.js';
import { sampleRecord, talkInput } from '../fixtures/records.js';
import type { Core } from '../../electron/core/app.js';

/** A year wholly in the past (today is later), so every period of it is due. */
const Y = 2025;
const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (m: number) => new Date(Date.UTC(Y, m, 0)).getUTCDate();
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/** Everyone the seeded branch counts as a 党员 at the end of Y (冯已调出 left the roster only today). */
const MEMBERS = ['王书记', '李副书记', '赵组织', '钱宣传', '孙纪检', '周正式', '吴预备', '冯已调出', '陈正式', '褚预备'];
/** Current 党员 and 预备党员 whose 党费 can be fixed. */
const CURRENT = (s: Seed) => [
  s.committee.王书记,
  s.committee.李副书记,
  s.committee.赵组织,
  s.committee.钱宣传,
  s.committee.孙纪检,
  s.people.member1,
  s.people.probationer1,
  s.people.member2,
  s.people.probationer2,
];

/** What a kept year is made of; each case of the table changes one piece. */
interface YearPlan {
  /** first month with records (a branch set up mid-year) */
  fromMonth: number;
  /** 支部党员大会 dates (quarter boundaries on purpose) */
  assemblies: string[];
  draftAssemblies: string[];
  committeeMonths: number[];
  groupMonths: [number[], number[]];
  lectureMonths: number[];
  themeDayMonths: number[];
  orgLife: boolean;
  review: boolean;
  /** the 谈话对象 of the year's one talk (谈话人 王书记) */
  talkSubjects: string[];
  /** months paid, by name; absent: all 12; people not in `fixed` are not fixed */
  paid: Record<string, number[]>;
  unfixed: string[];
  /** extra records, made after the rest */
  extra: (core: Core, s: Seed) => Promise<void>;
}

const FULL: YearPlan = {
  fromMonth: 1,
  assemblies: [`${Y}-03-31`, `${Y}-04-01`, `${Y}-07-01`, `${Y}-12-31`],
  draftAssemblies: [],
  committeeMonths: MONTHS,
  groupMonths: [MONTHS, MONTHS],
  lectureMonths: [3, 6, 9, 12],
  themeDayMonths: MONTHS,
  orgLife: true,
  review: true,
  talkSubjects: MEMBERS.filter((n) => n !== '王书记'),
  paid: {},
  unfixed: [],
  extra: async () => {},
};

function rectificationInput(date: string, issue: string, status: string): RecordInput {
  const input = sampleRecord(recordType('rectification-ledger'), { date });
  return { ...input, data: { ...input.data, issue, status, deadline: `${Y}-10-31` } };
}

function transferInput(date: string, data: Record<string, unknown>): RecordInput {
  return {
    type: 'membership-transfer',
    date,
    status: 'final',
    data: { direction: '转出', name: '冯已调出', counterpart: '中共某某公司第二支部委员会', duesPaidTo: '', letterNo: '', validityDays: 30, receiptDate: '', fileHandover: '', remarks: '', ...data },
  };
}

/** Seeds the branch (set up on `branchStart`) and enters the year as planned, through the dispatch. */
async function keepYear(core: Core, plan: Partial<YearPlan> = {}, branchStart = '2020-01-01T01:00:00.000Z'): Promise<Seed> {
  const p = { ...FULL, ...plan };
  const s = await seedBranch(core);
  core.db.sqlite.prepare('UPDATE branch SET created_at = ?').run(branchStart);
  const inRange = (ms: number[]) => ms.filter((m) => m >= p.fromMonth);
  const meeting = (type: string, date: string, data: Partial<MeetingData> = {}, status: 'final' | 'draft' = 'final') =>
    createMeeting(core, { type, date, status, data });

  for (const d of p.assemblies) await meeting('branch-assembly', d);
  for (const d of p.draftAssemblies) await meeting('branch-assembly', d, {}, 'draft');
  for (const m of inRange(p.committeeMonths)) await meeting('committee-meeting', `${Y}-${pad(m)}-10`);
  for (const [i, months] of p.groupMonths.entries()) {
    for (const m of inRange(months)) await meeting('group-meeting', `${Y}-${pad(m)}-12`, { groupId: s.groups[i]!.id });
  }
  for (const m of inRange(p.lectureMonths)) await meeting('party-lecture', `${Y}-${pad(m)}-20`);
  // 主题党日 on the last day of each month: still that month's.
  for (const m of inRange(p.themeDayMonths)) await meeting('theme-party-day', `${Y}-${pad(m)}-${lastDay(m)}`);
  if (p.orgLife) await meeting('org-life-meeting', `${Y}-12-15`);
  if (p.review) await meeting('member-review', `${Y}-12-16`);
  if (p.talkSubjects.length) await call(core, 'records.create', talkInput(`${Y}-11-05`, '王书记', p.talkSubjects.join('、')));

  const fixed = CURRENT(s).filter((x) => !p.unfixed.includes(x.name));
  await call(core, 'dues.setupYear', { year: Y, entries: fixed.map((x) => ({ personId: x.id, category: '学生', base: 0, amount: null })) });
  for (const x of fixed) {
    const months = inRange(p.paid[x.name] ?? MONTHS);
    if (months.length) await call(core, 'dues.pay', { year: Y, personId: x.id, months, amount: 0.2 * months.length, paidDate: `${Y}-12-20`, collector: '赵组织' });
  }
  await p.extra(core, s);
  return s;
}

const messages = (gaps: Gap[]) => gaps.map((g) => g.message);

describe('completeness.check', () => {
  const h = useCore();

  it('finds nothing missing in a fully kept year, through the dispatch', async () => {
    await keepYear(h.core);
    expect(await call(h.core, 'completeness.check', { year: Y })).toEqual([]);
  });

  it('refuses a year that is not a year, and asks for the branch first', async () => {
    expect((await callError(h.core, 'completeness.check', { year: 'x' })).code).toBe('VALIDATION');
    expect((await callError(h.core, 'completeness.check', { year: Y, extra: 1 })).code).toBe('VALIDATION');
    expect((await callError(h.core, 'completeness.check', { year: Y })).code).toBe('CONFLICT');
  });

  type Case = [name: string, plan: Partial<YearPlan>, expected: (s: Seed, ids: Map<string, number>) => Partial<Gap>[]];
  const byTitle = (ids: Map<string, number>, key: string) => {
    const id = ids.get(key);
    if (id === undefined) throw new Error(`no record ${key}`);
    return id;
  };

  it.each<Case>([
    [
      'a quarter without 支部党员大会 (its meeting only a draft)',
      { assemblies: [`${Y}-03-31`, `${Y}-04-01`, `${Y}-12-31`], draftAssemblies: [`${Y}-08-05`] },
      (_s, ids) => [
        {
          kind: 'branch-assembly-quarterly',
          label: '支部党员大会（每季度）',
          message: '第三季度未召开支部党员大会',
          link: '/records/new?type=branch-assembly',
          source: '《中国共产党支部工作条例（试行）》第十一条：一般每季度召开1次',
        },
        {
          kind: 'draft-record',
          label: '草稿未定稿',
          message: `支部党员大会（${Y}-08-05）“传达学习上级会议精神”仍为草稿，未定稿`,
          link: `/records/${byTitle(ids, `branch-assembly ${Y}-08-05`)}`,
        },
      ],
    ],
    [
      'months without 主题党日 or 支委会',
      { committeeMonths: MONTHS.filter((m) => m !== 2 && m !== 7), themeDayMonths: MONTHS.filter((m) => m !== 2) },
      () => [
        { kind: 'committee-meeting-monthly', label: '支部委员会（每月）', message: '2月未召开支部委员会', link: '/records/new?type=committee-meeting' },
        { kind: 'committee-meeting-monthly', message: '7月未召开支部委员会' },
        { kind: 'theme-party-day-monthly', label: '主题党日（每月）', message: '2月未开展主题党日', link: '/records/new?type=theme-party-day' },
      ],
    ],
    [
      'one 党小组 missed a month, the other did not',
      { groupMonths: [MONTHS, MONTHS.filter((m) => m !== 3)] },
      () => [{ kind: 'group-meeting-monthly', label: '党小组会（每月，每个党小组）', message: '第二党小组：3月未召开党小组会', link: '/records/new?type=group-meeting' }],
    ],
    [
      '党课 in three quarters only, no 组织生活会, no 民主评议',
      { lectureMonths: [3, 6, 12], orgLife: false, review: false },
      () => [
        { kind: 'party-lecture-quarterly', message: '第三季度未组织党课', source: expect.stringContaining('地方通行做法') as unknown as string },
        { kind: 'org-life-meeting-yearly', message: '全年未召开组织生活会', link: '/records/new?type=org-life-meeting' },
        { kind: 'member-review-yearly', message: '全年未开展民主评议党员', link: '/records/new?type=member-review' },
      ],
    ],
    [
      'members without a 谈心谈话 this year',
      { talkSubjects: MEMBERS.filter((n) => n !== '王书记' && n !== '陈正式' && n !== '冯已调出') },
      () => [
        { kind: 'talk-coverage', message: `冯已调出：${Y}年未记录谈心谈话`, link: '/records/new?type=talk', source: expect.stringContaining('第十八条') as unknown as string },
        { kind: 'talk-coverage', message: `陈正式：${Y}年未记录谈心谈话` },
      ],
    ],
    [
      'a 谈心谈话 that is only a draft covers nobody',
      {
        talkSubjects: [],
        extra: async (core) => {
          await call(core, 'records.create', talkInput(`${Y}-11-05`, '王书记', MEMBERS.slice(1).join('、'), 'draft'));
        },
      },
      (_s, ids) => [
        ...MEMBERS.map((n) => ({ kind: 'talk-coverage', message: `${n}：${Y}年未记录谈心谈话`, book: 'branch-general' as const })),
        { kind: 'draft-record', link: `/records/${byTitle(ids, `talk ${Y}-11-05`)}` },
      ],
    ],
    [
      'members with unpaid dues months, and one whose amount was never fixed',
      { paid: { 周正式: [1, 2, 3, 4, 5, 6, 10, 11, 12], 陈正式: [1, 3, 4, 5, 6, 7, 8, 9, 10, 11] }, unfixed: ['吴预备'] },
      () => [
        { kind: 'dues-arrears', label: '党费按月交纳', message: '周正式：党费欠缴3个月（7月—9月）', link: '/dues', source: expect.stringContaining('中组发〔2008〕3号') as unknown as string },
        { kind: 'dues-arrears', message: '陈正式：党费欠缴2个月（2月、12月）', link: '/dues', book: 'archive' as const },
        { kind: 'dues-unfixed', message: `吴预备：未确定${Y}年每月应交纳的党费金额`, link: '/dues', book: 'archive' as const },
      ],
    ],
    [
      '整改 items still open: in the 台账 and in the 组织生活会 整改清单',
      {
        extra: async (core) => {
          await call(core, 'records.create', rectificationInput(`${Y}-05-06`, '党费收缴不及时', '整改中'));
          await call(core, 'records.create', rectificationInput(`${Y}-05-07`, '学习记录不全', '已销号'));
          await call(core, 'records.create', rectificationInput(`${Y}-05-08`, '会议记录不规范', '已完成'));
          const rectification = [
            { issue: '谈心谈话不深入', measures: '逐一谈话', responsible: '王书记', deadline: `${Y + 1}-03-31`, status: '未整改' },
            { issue: '学习不够', measures: '制定计划', responsible: '钱宣传', deadline: `${Y + 1}-01-31`, status: '已完成' },
          ];
          await call(core, 'records.create', await meetingInput(core, { type: 'org-life-meeting', date: `${Y}-12-28`, data: { rectification } }));
        },
      },
      (_s, ids) => [
        { kind: 'rectification-open', label: '问题整改（未完成）', message: `整改事项“党费收缴不及时”整改中，时限${Y}-10-31`, link: `/records/${byTitle(ids, `rectification-ledger ${Y}-05-06`)}`, book: 'discipline' as const },
        {
          kind: 'rectification-open',
          message: `组织生活会（${Y}-12-28）整改清单“谈心谈话不深入”未整改，时限${Y + 1}-03-31`,
          link: `/records/${byTitle(ids, `org-life-meeting ${Y}-12-28`)}`,
          book: 'branch-general' as const,
          source: expect.stringContaining('第十七条') as unknown as string,
        },
      ],
    ],
    [
      '转出 whose 回执 is overdue (not one returned, nor a 转入)',
      {
        extra: async (core) => {
          await call(core, 'records.create', transferInput(`${Y}-11-01`, {}));
          await call(core, 'records.create', transferInput(`${Y}-11-02`, { name: '乙', receiptDate: `${Y}-11-20` }));
          await call(core, 'records.create', transferInput(`${Y}-11-03`, { name: '丙', direction: '转入' }));
        },
      },
      (_s, ids) => [
        {
          kind: 'transfer-receipt-overdue',
          label: '组织关系转接回执',
          message: `冯已调出：组织关系转出回执逾期未退回（介绍信有效期至${Y}-12-01）`,
          link: `/records/${byTitle(ids, `membership-transfer ${Y}-11-01`)}`,
        },
      ],
    ],
  ])('%s', async (_name, plan, expected) => {
    const s = await keepYear(h.core, plan);
    const ids = new Map(rows<{ id: number; type: string; date: string }>(h.core.db, 'SELECT id, type, date FROM records').map((r) => [`${r.type} ${r.date}`, r.id]));
    const gaps = await call(h.core, 'completeness.check', { year: Y });
    const want = expected(s, ids);
    expect(gaps).toHaveLength(want.length);
    want.forEach((w, i) => expect(gaps[i], `gap ${i}: ${gaps[i]?.message}`).toMatchObject(w));
    // Every gap is complete: something to print, somewhere to go, a reason.
    for (const g of gaps) {
      expect(g.label).not.toBe('');
      expect(g.source).not.toBe('');
      expect(g.link).toMatch(/^\/(records|dues)/);
    }
  });

  it('does not blame a branch set up mid-year for the months before it existed', async () => {
    // Set up on 15 July (UTC morning, the same calendar day here): July counts, June does not.
    await keepYear(h.core, { fromMonth: 7, assemblies: [`${Y}-07-01`, `${Y}-12-31`] }, `${Y}-07-15T01:00:00.000Z`);
    expect(await call(h.core, 'completeness.check', { year: Y })).toEqual([]);
    // A year before the branch existed asks for nothing (dues not fixed there are not asked for either).
    expect(await call(h.core, 'completeness.check', { year: Y - 1 })).toEqual([]);
  });

  it('a branch set up mid-year is still asked for the month it was set up in', async () => {
    // Records and dues from August only: July (set up on the 15th) is missing.
    const s = await keepYear(h.core, { fromMonth: 8, assemblies: [`${Y}-07-01`, `${Y}-12-31`] }, `${Y}-07-15T01:00:00.000Z`);
    expect(messages(await call(h.core, 'completeness.check', { year: Y }))).toEqual([
      '7月未召开支部委员会',
      '第一党小组：7月未召开党小组会',
      '第二党小组：7月未召开党小组会',
      '7月未开展主题党日',
      ...CURRENT(s).map((x) => `${x.name}：党费欠缴1个月（7月）`),
    ]);
  });

  it('in the year under way counts only periods over on the day, and no yearly ones', async () => {
    const s = await seedBranch(h.core);
    h.core.db.sqlite.prepare('UPDATE branch SET created_at = ?').run('2020-01-01T01:00:00.000Z');
    const year = 2026;
    for (const d of ['2026-01-10', '2026-02-28', '2026-03-31']) await createMeeting(h.core, { type: 'committee-meeting', date: d });
    await createMeeting(h.core, { type: 'branch-assembly', date: '2026-03-31' });
    await createMeeting(h.core, { type: 'party-lecture', date: '2026-02-20' });
    for (const m of [1, 2, 3]) {
      await createMeeting(h.core, { type: 'theme-party-day', date: `2026-${pad(m)}-05` });
      for (const g of s.groups) await createMeeting(h.core, { type: 'group-meeting', date: `2026-${pad(m)}-12`, data: { groupId: g.id } });
    }
    await call(h.core, 'dues.setupYear', { year, entries: CURRENT(s).map((x) => ({ personId: x.id, category: '学生', base: 0, amount: null })) });
    for (const x of CURRENT(s)) await call(h.core, 'dues.pay', { year, personId: x.id, months: [1, 2, 3], amount: 0.6, paidDate: '2026-03-20', collector: '赵组织' });

    // A 支委会 held on 10 April but still a draft, and a 主题党日 planned for June (a draft dated later).
    const held = await createMeeting(h.core, { type: 'committee-meeting', date: '2026-04-10', status: 'draft' });
    await createMeeting(h.core, { type: 'theme-party-day', date: '2026-06-05', status: 'draft' });
    const heldDraft = `支部委员会（2026-04-10）“传达学习上级会议精神”仍为草稿，未定稿`;

    // 15 April: April is under way (neither meetings nor dues of April are missing yet); no 谈心谈话 or 组织生活会 asked;
    // the April draft is already a gap, the June plan is not.
    expect(yearGaps(h.core.db, year, '2026-04-15')).toEqual([expect.objectContaining({ kind: 'draft-record', message: heldDraft, link: `/records/${held.id}` })]);
    // 1 May: April is over, and its draft 支委会 does not count as held.
    expect(messages(yearGaps(h.core.db, year, '2026-05-01'))).toEqual([
      '4月未召开支部委员会',
      '第一党小组：4月未召开党小组会',
      '第二党小组：4月未召开党小组会',
      '4月未开展主题党日',
      ...CURRENT(s).map((x) => `${x.name}：党费欠缴1个月（4月）`),
      heldDraft,
    ]);
  });
});

describe('the branch’s own cadences (cadence.update)', () => {
  const h = useCore();

  it('lists every obligation with its default and source, and keeps only what departs from the default', async () => {
    await seedBranch(h.core);
    const list = (await call(h.core, 'cadence.list', {})).cadences;
    expect(list.find((c) => c.typeId === 'party-lecture')).toMatchObject({ enabled: true, period: 'quarter', defaultPeriod: 'quarter', basis: 'local' });
    expect(list.find((c) => c.typeId === 'branch-assembly')!.source).toContain('第十一条');
    await call(h.core, 'cadence.update', { typeId: 'party-lecture', enabled: true, period: 'year' });
    expect(rows(h.core.db, 'SELECT type_id, enabled, period FROM cadence_settings')).toMatchObject([{ type_id: 'party-lecture', enabled: 1, period: 'year' }]);
    // back to the default: no row
    await call(h.core, 'cadence.update', { typeId: 'party-lecture', enabled: true, period: 'quarter' });
    expect(rows(h.core.db, 'SELECT type_id, enabled, period FROM cadence_settings')).toEqual([]);
    expect(await callError(h.core, 'cadence.update', { typeId: 'no-such-type', enabled: false, period: 'year' })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('changes what the year is checked for at once: an obligation switched off, another at its own frequency', async () => {
    // 主题党日 held in no month, 党课 only in March.
    await keepYear(h.core, { themeDayMonths: [], lectureMonths: [3] });
    const kinds = (gaps: Gap[]) => gaps.map((g) => g.kind);
    const before = await call(h.core, 'completeness.check', { year: Y });
    expect(kinds(before).filter((k) => k.startsWith('theme-party-day'))).toHaveLength(12);
    expect(kinds(before).filter((k) => k.startsWith('party-lecture'))).toHaveLength(3);

    await call(h.core, 'cadence.update', { typeId: 'theme-party-day', enabled: false, period: 'month' });
    await call(h.core, 'cadence.update', { typeId: 'party-lecture', enabled: true, period: 'year' });
    const after = await call(h.core, 'completeness.check', { year: Y });
    expect(kinds(after).filter((k) => k.startsWith('theme-party-day'))).toEqual([]);
    // once a year, and the March lecture is it
    expect(kinds(after).filter((k) => k.startsWith('party-lecture'))).toEqual([]);
    expect(after.length).toBe(before.length - 15);
  });
});

describe('the year at a glance (cadence.year)', () => {
  const h = useCore();
  const states = (g: ReturnType<typeof yearGlance>, label: string) => g.rows.find((r) => r.label === label)!.cells.map((c) => c.state);

  it.each([
    // [branch set up, as of, assemblies held, assemblies planned (drafts)] → the four quarters
    ['2020-01-01T01:00:00.000Z', `${Y}-07-15`, [`${Y}-02-10`], [`${Y}-08-20`], ['done', 'overdue', 'planned', 'later']],
    ['2020-01-01T01:00:00.000Z', `${Y}-07-15`, [`${Y}-02-10`, `${Y}-07-01`], [], ['done', 'overdue', 'done', 'later']],
    ['2020-01-01T01:00:00.000Z', `${Y}-10-01`, [], [], ['overdue', 'overdue', 'overdue', 'due']],
    // set up in May: the first quarter is not asked for, the second is
    [`${Y}-05-01T01:00:00.000Z`, `${Y}-07-15`, [], [], ['before', 'overdue', 'due', 'later']],
  ] as const)('支部党员大会 set up %s, on %s', async (setUp, asOf, held, planned, expected) => {
    // (records begin with the branch: an earlier record would move its start back)
    await keepYear(h.core, { assemblies: [...held], draftAssemblies: [...planned], fromMonth: Number(setUp.slice(0, 4)) === Y ? Number(setUp.slice(5, 7)) : 1 }, setUp);
    const g = yearGlance(h.core.db, Y, asOf);
    expect(states(g, '支部党员大会（每季度）')).toEqual(expected);
    // links: a held or planned period opens its record, the others a new one
    const row = g.rows.find((r) => r.label === '支部党员大会（每季度）')!;
    for (const c of row.cells) expect(c.link).toMatch(c.state === 'done' || c.state === 'planned' ? /^\/records\/\d+$/ : /^\/records\/new\?type=branch-assembly$/);
  });

  it('has a row per 党小组 for 党小组会, leaves out what the branch switched off, and lists the other reminders', async () => {
    const s = await keepYear(h.core, { paid: { 周正式: [1, 2, 3, 4, 5, 6] } });
    await call(h.core, 'cadence.update', { typeId: 'theme-party-day', enabled: false, period: 'month' });
    const g = await call(h.core, 'cadence.year', { year: Y });
    expect(g.rows.filter((r) => r.typeId === 'group-meeting').map((r) => r.group)).toEqual(s.groups.map((x) => x.name));
    expect(g.rows.some((r) => r.typeId === 'theme-party-day')).toBe(false);
    expect(g.reminders.map((r) => r.kind)).toContain('dues-arrears');
    expect(g.reminders.every((r) => !r.kind.startsWith('branch-assembly'))).toBe(true);
  });
});
