/** The 谈心谈话 matrix (shared/rules/talks.ts) as a table of cases over one synthetic year. */
import { describe, expect, it } from 'vitest';
import { TALK_COVERAGE } from '../../shared/rules/cadence.js';
import { buildTalkMatrix, type TalkMatrix, type TalkMember, type TalkRecord } from '../../shared/rules/talks.js';

const Y = 2024;

/** The roster in id order, 支委 deliberately out of role order. */
const MEMBERS: TalkMember[] = [
  { id: 2, name: '吴预备', joinDate: '2024-06-01', role: null },
  { id: 3, name: '周正式', joinDate: '2010-07-01', role: null },
  { id: 4, name: '李副书记', joinDate: '2005-07-01', role: '副书记' },
  { id: 5, name: '孙纪检', joinDate: '', role: '纪检委员' },
  { id: 6, name: '陈正式', joinDate: '2012-07-01', role: null },
  { id: 7, name: '王书记', joinDate: '2001-07-01', role: '书记' },
  { id: 8, name: '褚新人', joinDate: '2025-03-01', role: null },
];
/** Everyone on the year's roster: the members (褚新人 is one from 2025) and a 群众, who talks but is in no matrix. */
const ROSTER = [...MEMBERS.map((m) => m.name), '郑群众'];
const ALL = ['王书记', '李副书记', '孙纪检', '吴预备', '周正式', '陈正式'];
const COMMITTEE_PAIRS = ['王书记—李副书记', '王书记—孙纪检', '李副书记—孙纪检'];
const ORDINARY = ['吴预备', '周正式', '陈正式'];

let nextId = 1;
const talk = (date: string, talker: string, subject: string, status = 'final'): TalkRecord => ({ id: nextId++, date, status, data: { talker, subject } });

/** The matrix in words: each pair with its talks' dates, what is missing, and who talked how often. */
function view(m: TalkMatrix) {
  const name = (id: number) => m.members.find((x) => x.id === id)!.name;
  const pair = (p: { a: number; b: number }) => `${name(p.a)}—${name(p.b)}`;
  return {
    pairs: m.pairs.map((p) => `${pair(p)} ${p.talks.map((t) => t.date).join(' ')}`),
    committeePairs: m.missing.committeePairs.map(pair),
    withoutCommittee: m.missing.withoutCommittee.map(name),
    withoutTalk: m.missing.withoutTalk.map(name),
    talks: Object.fromEntries(m.members.filter((x) => x.talks).map((x) => [x.name, x.talks])),
  };
}

const nobody = { pairs: [], committeePairs: COMMITTEE_PAIRS, withoutCommittee: ORDINARY, withoutTalk: ALL, talks: {} };

describe('谈心谈话 matrix', () => {
  it('orders the 支委 by role, then the others in roster order, and leaves out members admitted after the year', () => {
    const m = buildTalkMatrix(Y, MEMBERS, [], ROSTER);
    expect(m.members.map((x) => [x.name, x.role])).toEqual([
      ['王书记', '书记'],
      ['李副书记', '副书记'],
      ['孙纪检', '纪检委员'],
      ['吴预备', null],
      ['周正式', null],
      ['陈正式', null],
    ]);
    expect(m).toMatchObject({ year: Y, source: TALK_COVERAGE.source });
    expect(buildTalkMatrix(2025, MEMBERS, [], ROSTER).members.map((x) => x.name)).toContain('褚新人');
  });

  it.each<[string, TalkRecord[], ReturnType<typeof view>]>([
    ['nobody talked', [], nobody],
    [
      'several names in one field, separated by 、 and ，',
      [talk(`${Y}-05-01`, '王书记', '周正式、吴预备，陈正式')],
      {
        pairs: [`王书记—吴预备 ${Y}-05-01`, `王书记—周正式 ${Y}-05-01`, `王书记—陈正式 ${Y}-05-01`],
        committeePairs: COMMITTEE_PAIRS,
        withoutCommittee: [],
        withoutTalk: ['李副书记', '孙纪检'],
        talks: { 王书记: 1, 吴预备: 1, 周正式: 1, 陈正式: 1 },
      },
    ],
    [
      'several 谈话人 pair with the 谈话对象, not with each other',
      [talk(`${Y}-05-01`, '王书记、李副书记', '周正式')],
      {
        pairs: [`王书记—周正式 ${Y}-05-01`, `李副书记—周正式 ${Y}-05-01`],
        committeePairs: COMMITTEE_PAIRS,
        withoutCommittee: ['吴预备', '陈正式'],
        withoutTalk: ['孙纪检', '吴预备', '陈正式'],
        talks: { 王书记: 1, 李副书记: 1, 周正式: 1 },
      },
    ],
    [
      'a collective subject names nobody',
      [talk(`${Y}-05-01`, '王书记', '钻井一班全体成员')],
      { ...nobody, withoutTalk: ALL.filter((n) => n !== '王书记'), talks: { 王书记: 1 } },
    ],
    [
      'a name that is no member pairs with nobody, but the member named has talked',
      [talk(`${Y}-05-01`, '上级党委刘某', '周正式同志')],
      { ...nobody, withoutTalk: ALL.filter((n) => n !== '周正式'), talks: { 周正式: 1 } },
    ],
    [
      'a 支委 pair',
      [talk(`${Y}-03-01`, '孙纪检', '李副书记')],
      {
        pairs: [`李副书记—孙纪检 ${Y}-03-01`],
        committeePairs: ['王书记—李副书记', '王书记—孙纪检'],
        withoutCommittee: ORDINARY,
        withoutTalk: ['王书记', ...ORDINARY],
        talks: { 李副书记: 1, 孙纪检: 1 },
      },
    ],
    [
      'every 支委 pair and every member with a 支委: nothing missing',
      [talk(`${Y}-03-01`, '王书记', '李副书记、孙纪检'), talk(`${Y}-04-01`, '李副书记', '孙纪检、吴预备'), talk(`${Y}-04-02`, '孙纪检', '周正式、陈正式')],
      {
        pairs: [
          `王书记—李副书记 ${Y}-03-01`,
          `王书记—孙纪检 ${Y}-03-01`,
          `李副书记—孙纪检 ${Y}-04-01`,
          `李副书记—吴预备 ${Y}-04-01`,
          `孙纪检—周正式 ${Y}-04-02`,
          `孙纪检—陈正式 ${Y}-04-02`,
        ],
        committeePairs: [],
        withoutCommittee: [],
        withoutTalk: [],
        talks: { 王书记: 1, 李副书记: 2, 孙纪检: 3, 吴预备: 1, 周正式: 1, 陈正式: 1 },
      },
    ],
    [
      'a member who only talked with another ordinary member has still not talked with a 支委',
      [talk(`${Y}-06-01`, '周正式', '陈正式')],
      { ...nobody, pairs: [`周正式—陈正式 ${Y}-06-01`], withoutTalk: ['王书记', '李副书记', '孙纪检', '吴预备'], talks: { 周正式: 1, 陈正式: 1 } },
    ],
    ['a draft is a plan and counts for nothing', [talk(`${Y}-05-01`, '王书记', '周正式', 'draft')], nobody],
    ['talks of other years count for nothing', [talk(`${Y - 1}-12-31`, '王书记', '周正式'), talk(`${Y + 1}-01-01`, '王书记', '周正式')], nobody],
    ['a talk with oneself adds nothing', [talk(`${Y}-05-01`, '王书记', '王书记同志')], nobody],
    [
      'a name twice in one record counts once; two records count twice, by date',
      [talk(`${Y}-09-01`, '王书记', '周正式、周正式同志'), talk(`${Y}-02-01`, '周正式', '王书记、王书记')],
      {
        pairs: [`王书记—周正式 ${Y}-02-01 ${Y}-09-01`],
        committeePairs: COMMITTEE_PAIRS,
        withoutCommittee: ['吴预备', '陈正式'],
        withoutTalk: ['李副书记', '孙纪检', '吴预备', '陈正式'],
        talks: { 王书记: 2, 周正式: 2 },
      },
    ],
  ])('%s', (_name, records, expected) => {
    expect(view(buildTalkMatrix(Y, MEMBERS, records, ROSTER))).toEqual(expected);
  });

  it('says which members have talked with the 支委: a 支委 with every other 支委, a member with one', () => {
    const m = buildTalkMatrix(Y, MEMBERS, [talk(`${Y}-03-01`, '王书记', '李副书记、周正式'), talk(`${Y}-03-02`, '李副书记', '孙纪检')], ROSTER);
    expect(Object.fromEntries(m.members.map((x) => [x.name, x.withCommittee]))).toEqual({
      王书记: false,
      李副书记: true,
      孙纪检: false,
      吴预备: false,
      周正式: true,
      陈正式: false,
    });
    expect(m.pairs.find((p) => p.a === 7 && p.b === 3)?.talks).toEqual([{ id: expect.any(Number) as number, date: `${Y}-03-01` }]);
  });

  it('asks nothing of the members toward 支委 when the branch has none', () => {
    const m = buildTalkMatrix(Y, MEMBERS.map((x) => ({ ...x, role: null })), [], ROSTER);
    expect(m.members.map((x) => x.name)).toEqual(['吴预备', '周正式', '李副书记', '孙纪检', '陈正式', '王书记']);
    expect(m.missing).toEqual({ committeePairs: [], withoutCommittee: [], withoutTalk: [2, 3, 4, 5, 6, 7] });
  });

  it.each<[string, TalkRecord[], string[]]>([
    ['names on the roster, members or not, and 同志 after them', [talk(`${Y}-05-01`, '王书记', '周正式同志、郑群众')], []],
    ['pinyin typed as a name', [talk(`${Y}-05-01`, 'zs', '周正式')], [`${Y}-05-01 谈话人 zs`]],
    [
      'each unknown name of a field, once, in the order typed',
      [talk(`${Y}-05-01`, '王书记', '周正式、王某某，sq、王某某')],
      [`${Y}-05-01 谈话对象 王某某`, `${Y}-05-01 谈话对象 sq`],
    ],
    ['a collective subject is a scope, not an unknown person', [talk(`${Y}-05-01`, '王书记', '钻井一班全体成员'), talk(`${Y}-05-02`, '王书记', '机修班')], []],
    ['an upper-level cadre', [talk(`${Y}-05-01`, '上级党委刘某', '周正式')], [`${Y}-05-01 谈话人 上级党委刘某`]],
    [
      'only the year’s 定稿 talks, by date',
      [talk(`${Y}-09-01`, '王书记', '九月'), talk(`${Y}-03-01`, '三月', '周正式'), talk(`${Y}-04-01`, '王书记', '草稿', 'draft'), talk(`${Y - 1}-04-01`, '王书记', '去年')],
      [`${Y}-03-01 谈话人 三月`, `${Y}-09-01 谈话对象 九月`],
    ],
    // 褚新人 joins the branch in 2025 but is on the roster: known, though no member of the year
    ['someone on the roster who is no member of the year', [talk(`${Y}-05-01`, '王书记', '褚新人')], []],
  ])('lists the names nobody on the roster has: %s', (_name, records, expected) => {
    const m = buildTalkMatrix(Y, MEMBERS, records, ROSTER);
    expect(m.unmatched.map((u) => `${u.date} ${u.label} ${u.name}`)).toEqual(expected);
  });

  it('says where an unknown name was typed', () => {
    const r = talk(`${Y}-05-01`, '王书记', 'sq');
    expect(buildTalkMatrix(Y, MEMBERS, [r], ROSTER).unmatched).toEqual([{ recordId: r.id, date: `${Y}-05-01`, field: 'subject', label: '谈话对象', name: 'sq' }]);
  });
});
