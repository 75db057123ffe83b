/**
 * The year's 谈心谈话 matrix (cadence.talks, electron/core/cadence/talks.ts) on a
 * real core: who counts as a member of the year, who sits on the committee, and
 * which talk records count, all entered through the dispatch.
 */
import { describe, expect, it } from 'vitest';
import { localToday } from '../../shared/dates.js';
import type { TalkMatrix } from '../../shared/rules/talks.js';
import { call, callError, useCore } from '../fixtures/core.js';
import { branchUpdateInput, COMMITTEE_IN_ORDER, personInput, seedBranch } from '../fixtures/seed.js';
import { talkInput } from '../fixtures/records.js';

/** A year wholly in the past. */
const Y = 2025;

const names = (m: TalkMatrix, ids: number[]) => ids.map((id) => m.members.find((x) => x.id === id)!.name);
const pairs = (m: TalkMatrix) => m.pairs.map((p) => `${names(m, [p.a, p.b]).join('—')} ${p.talks.map((t) => t.date).join(' ')}`);

describe('cadence.talks', () => {
  const h = useCore();

  it('refuses before the branch is set up', async () => {
    expect(await callError(h.core, 'cadence.talks', { year: Y })).toMatchObject({ code: 'CONFLICT' });
  });

  it('lays out the year’s members, 支委 first, and the pairs of its 定稿 talks', async () => {
    const s = await seedBranch(h.core);
    const held = await call(h.core, 'records.create', talkInput(`${Y}-03-01`, '王书记', '李副书记、周正式'));
    await call(h.core, 'records.create', talkInput(`${Y}-05-01`, '周正式', '王书记同志'));
    // 冯已调出 left the roster only this year (today), so is still a member of Y.
    await call(h.core, 'records.create', talkInput(`${Y}-06-01`, '钱宣传', '冯已调出'));
    // Not counted: a draft, a deleted talk, another year, a 共青团员 (not a 党员).
    await call(h.core, 'records.create', talkInput(`${Y}-07-01`, '王书记', '赵组织', 'draft'));
    const deleted = await call(h.core, 'records.create', talkInput(`${Y}-08-01`, '王书记', '孙纪检'));
    await call(h.core, 'records.remove', { id: deleted.id });
    await call(h.core, 'records.create', talkInput(`${Y - 1}-12-01`, '王书记', '陈正式'));
    await call(h.core, 'records.create', talkInput(`${Y}-09-01`, '王书记', '郑团员'));

    const m = await call(h.core, 'cadence.talks', { year: Y });
    expect(m.members.map((x) => [x.name, x.role])).toEqual([
      ['王书记', '书记'],
      ['李副书记', '副书记'],
      ['赵组织', '组织委员'],
      ['钱宣传', '宣传委员'],
      ['孙纪检', '纪检委员'],
      ['周正式', null],
      ['吴预备', null],
      ['冯已调出', null],
      ['陈正式', null],
      ['褚预备', null],
    ]);
    expect(pairs(m)).toEqual([`王书记—李副书记 ${Y}-03-01`, `王书记—周正式 ${Y}-03-01 ${Y}-05-01`, `钱宣传—冯已调出 ${Y}-06-01`]);
    expect(m.pairs[1]!.talks[0]!.id).toBe(held.id);
    expect(m.members.find((x) => x.id === s.committee.王书记.id)).toMatchObject({ talks: 3, withCommittee: false });
    expect(m.members.find((x) => x.id === s.people.member1.id)).toMatchObject({ talks: 2, withCommittee: true });
    expect(m.missing.committeePairs).toHaveLength(9); // 10 pairs of 5 支委, one held
    expect(names(m, m.missing.withoutCommittee)).toEqual(['吴预备', '陈正式', '褚预备']);
    expect(names(m, m.missing.withoutTalk)).toEqual(['赵组织', '孙纪检', '吴预备', '陈正式', '褚预备']);
    expect(m.source).toContain('第十八条');
  });

  it('reads the committee as it is now, and leaves out who left the roster in or before the year', async () => {
    const s = await seedBranch(h.core);
    // 周正式 becomes a 委员 in place of 孙纪检.
    const committee = [...s.branch.committee.filter((c) => c.name !== '孙纪检').map((c) => ({ personId: c.personId, role: c.role })), { personId: s.people.member1.id, role: '委员' as const }];
    await call(h.core, 'branch.update', branchUpdateInput(s, { committee }));
    await call(h.core, 'records.create', talkInput(`${Y}-04-01`, '周正式', '陈正式'));

    const m = await call(h.core, 'cadence.talks', { year: Y });
    expect(m.members.slice(0, 5).map((x) => [x.name, x.role])).toEqual([...COMMITTEE_IN_ORDER.slice(0, 4).map((n, i) => [n, ['书记', '副书记', '组织委员', '宣传委员'][i]]), ['周正式', '委员']]);
    expect(m.members.find((x) => x.name === '孙纪检')?.role).toBeNull();
    expect(m.members.find((x) => x.name === '陈正式')?.withCommittee).toBe(true);
    // 冯已调出 left the roster today: a member of past years, not of the year they left in.
    const thisYear = Number(localToday().slice(0, 4));
    expect((await call(h.core, 'cadence.talks', { year: thisYear })).members.map((x) => x.name)).not.toContain('冯已调出');
  });

  it('lists the names of the year’s 定稿 talks that nobody on the year’s roster has, each with its record and field', async () => {
    const s = await seedBranch(h.core);
    // 魏早走 left the roster before the year began; 冯已调出 left it only today, so was on it in Y.
    const early = await call(h.core, 'people.create', personInput('魏早走', { politicalStatus: '群众' }));
    await call(h.core, 'people.remove', { id: early.id });
    h.core.db.sqlite.prepare('UPDATE people SET removed_at = ? WHERE id = ?').run(`${Y - 1}-06-30T04:00:00.000Z`, early.id);
    const sq = await call(h.core, 'records.create', talkInput(`${Y}-04-01`, '王书记', 'sq'));
    await call(h.core, 'records.create', talkInput(`${Y}-03-01`, 'zsj', '卫群众、郑团员，冯已调出同志'));
    await call(h.core, 'records.create', talkInput(`${Y}-05-01`, '王书记', '钻井一班全体成员'));
    await call(h.core, 'records.create', talkInput(`${Y}-06-01`, '李副书记', '魏早走'));
    // Not listed: a draft, another year.
    await call(h.core, 'records.create', talkInput(`${Y}-07-01`, '王书记', '草稿里的人', 'draft'));
    await call(h.core, 'records.create', talkInput(`${Y - 1}-07-01`, '王书记', '去年的人'));

    const m = await call(h.core, 'cadence.talks', { year: Y });
    expect(m.unmatched.map((u) => `${u.date} ${u.label} ${u.name}`)).toEqual([`${Y}-03-01 谈话人 zsj`, `${Y}-04-01 谈话对象 sq`, `${Y}-06-01 谈话对象 魏早走`]);
    expect(m.unmatched[1]).toEqual({ recordId: sq.id, date: `${Y}-04-01`, field: 'subject', label: '谈话对象', name: 'sq' });
    // Those names pair with nobody: 王书记's talk with “sq” is no pair, only a talk of his.
    expect(m.pairs.filter((p) => p.a === s.committee.王书记.id || p.b === s.committee.王书记.id)).toEqual([]);
    // A year with no talks lists nothing.
    expect((await call(h.core, 'cadence.talks', { year: Y - 2 })).unmatched).toEqual([]);
  });
});
