/**
 * The 发展党员 service through the real boundary (core.dispatch): opening a case,
 * recording steps and reviews, linking ⑮/㉓ to a real 支部党员大会 record and
 * judging its motion, the roster following ⑮ and ㉓, closing and reopening, and
 * the 组织关系转接 list with its 回执 rule; files on the steps, in the store
 * the attachments of records use.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app.js';
import { collectGarbage } from '../../electron/core/attachments/service.js';
import { blobPath, sha256Hex } from '../../electron/core/attachments/store.js';
import { q, run } from '../../electron/core/db/sql.js';
import { encodePng } from '../../electron/core/demo/files.js';
import type { InputOf } from '../../shared/contract.js';
import { latestDate } from '../../shared/dates.js';
import { addDays } from '../../shared/rules/development.js';
import type { DevelopmentCaseDto } from '../../shared/methods/development.js';
import { call, callError, rows, useCore } from '../fixtures/core.js';
import { createMeeting, meetingInput, seedBranch, toInput, withAbsent, type Seed } from '../fixtures/seed.js';

type StepInput = InputOf<'development.saveStep'>;

/** A step input with its roles and details left empty (as an untouched form sends them). */
function step(caseId: number, n: number, date: string, o: Partial<StepInput> = {}): StepInput {
  const base: Record<number, Pick<StepInput, 'people' | 'details'>> = {
    2: { people: { talkers: ['王书记'] }, details: {} },
    3: { people: {}, details: { basis: '党员推荐' } },
    5: { people: { contacts: ['赵组织'] }, details: {} },
    6: { people: {}, details: { knowledgeScore: null } },
    7: { people: {}, details: { opinions: '' } },
    9: { people: { introducers: ['赵组织', '钱宣传'] }, details: {} },
    10: { people: {}, details: { conclusion: '合格' } },
    11: { people: {}, details: { endDate: '', hours: null, organizer: '' } },
    12: { people: {}, details: { publicityStart: '', publicityEnd: '' } },
    13: { people: {}, details: { result: '' } },
    14: { people: {}, details: { bookNumber: '' } },
    16: { people: { talkers: ['上级党委组织员'] }, details: {} },
    17: { people: {}, details: { result: '批准' } },
    19: { people: {}, details: { group: '' } },
    23: { people: {}, details: { outcome: '转为正式党员', extensionMonths: null, fullDate: '' } },
    24: { people: {}, details: { result: '' } },
    25: { people: {}, details: { archivedTo: '' } },
  };
  return { caseId, step: n, date, people: {}, details: {}, notes: '', recordId: null, motionIndex: null, ...base[n], ...o } as StepInput;
}

const codes = (c: DevelopmentCaseDto) => c.warnings.map((w) => w.code);

async function openFor(core: Core, personId: number) {
  return call(core, 'development.open', { personId });
}

/** Steps ①–⑭ in order and on time, so only what a test adds draws a warning. */
async function throughStep14(core: Core, caseId: number) {
  const dates: [number, string][] = [
    [1, '2022-01-10'], [2, '2022-01-25'], [3, '2022-03-01'], [4, '2022-03-05'], [5, '2022-03-05'], [6, '2022-03-10'],
    [7, '2023-03-01'], [8, '2023-03-05'], [9, '2023-03-06'], [10, '2023-04-01'], [11, '2023-04-10'], [12, '2023-05-20'],
    [13, '2023-05-25'], [14, '2023-06-01'],
  ];
  for (const [n, d] of dates) await call(core, 'development.saveStep', step(caseId, n, d));
}

/** A 支部党员大会 on `date` with today's expected attendance and one motion. */
async function assembly(core: Core, date: string, votes: { for: number; against: number; abstain: number }, absent: Record<string, string> = {}) {
  const input = await meetingInput(core, { date });
  input.data.attendance = withAbsent(input.data.attendance, absent);
  input.data.motions = [
    { title: '关于讨论其他事项', for: 1, against: 0, abstain: 0 },
    { title: '关于接收卫群众为预备党员', ...votes },
  ];
  input.data.resolution = '同意。';
  return call(core, 'records.create', input);
}

describe('development cases', () => {
  const h = useCore();
  let seed: Seed;
  const setup = async () => (seed = await seedBranch(h.core));

  it('opens one case per person, warns about a 政治面貌 that is not 群众/共青团员, refuses people off the roster', async () => {
    await setup();
    const c = await openFor(h.core, seed.people.masses.id);
    expect(c).toMatchObject({ person: { name: '卫群众', politicalStatus: '群众' }, column: 'applicant', currentStep: null, next: { step: 1 }, closedAt: null });
    expect(codes(c)).toEqual([]);

    expect(await callError(h.core, 'development.open', { personId: seed.people.masses.id })).toMatchObject({ code: 'CONFLICT' });
    const member = await openFor(h.core, seed.people.member1.id);
    expect(member.warnings[0]).toMatchObject({ code: 'status', level: 'warning' });
    expect(member.warnings[0]!.message).toMatch(/^《中国共产党发展党员工作细则》：/);
    expect(codes(await openFor(h.core, seed.people.youth.id))).toEqual([]);
    expect(await callError(h.core, 'development.open', { personId: seed.people.departed.id })).toMatchObject({ code: 'VALIDATION' });
    expect(await callError(h.core, 'development.open', { personId: 9999 })).toMatchObject({ code: 'VALIDATION' });
    expect((await call(h.core, 'development.list')).map((s) => s.name)).toEqual(['卫群众', '周正式', '郑团员']);
  });

  it('records steps and warns: talk later than a month, 发展对象 before a year, age under 18', async () => {
    await setup();
    await call(h.core, 'people.update', { ...toInput(seed.people.masses), id: seed.people.masses.id, birthDate: '2006-03-05' });
    const { id } = await openFor(h.core, seed.people.masses.id);

    let c = (await call(h.core, 'development.saveStep', step(id, 1, '2024-01-31'))).case;
    expect(c.steps.map((s) => s.step)).toEqual([1]);
    expect(c.next).toMatchObject({ step: 2, due: '2024-02-29', dueKind: 'by', overdue: true });
    expect(codes(c)).toEqual(expect.arrayContaining(['age', 'talk-due']));
    expect(c.warnings[0]).toMatchObject({ code: 'age', level: 'error', rule: '《中国共产党发展党员工作细则》：申请入党须年满十八周岁' });

    c = (await call(h.core, 'development.saveStep', step(id, 2, '2024-03-01'))).case;
    expect(codes(c)).toContain('talk-late');
    expect(codes(c)).not.toContain('talk-due');
    c = (await call(h.core, 'development.saveStep', step(id, 2, '2024-02-29'))).case;
    expect(codes(c)).not.toContain('talk-late');
    expect(c.steps.find((s) => s.step === 2)).toMatchObject({ date: '2024-02-29', people: { talkers: ['王书记'] } });

    await call(h.core, 'development.saveStep', step(id, 3, '2024-04-01'));
    await call(h.core, 'development.saveStep', step(id, 4, '2024-04-02'));
    await call(h.core, 'development.saveStep', step(id, 5, '2024-04-02'));
    c = (await call(h.core, 'development.saveStep', step(id, 6, '2024-04-10', { details: { knowledgeScore: 92.5 } }))).case;
    expect(c.column).toBe('activist');
    expect(c.steps.find((s) => s.step === 6)!.details).toEqual({ knowledgeScore: 92.5 });
    expect(c.next).toMatchObject({ step: 7, due: '2025-04-01', dueKind: 'from' });

    c = (await call(h.core, 'development.saveStep', step(id, 7, '2025-03-31'))).case;
    expect(c.column).toBe('candidate');
    expect(c.warnings.find((w) => w.code === 'activist-year')).toMatchObject({ step: 7, level: 'warning' });
    c = (await call(h.core, 'development.saveStep', step(id, 7, '2025-04-01'))).case;
    expect(codes(c)).not.toContain('activist-year');

    const listed = (await call(h.core, 'development.list')).find((s) => s.id === id)!;
    expect(listed).toMatchObject({ column: 'candidate', current: { step: 7, name: '确定发展对象', date: '2025-04-01' }, next: { step: 8 } });
    expect(listed.warnings).toBe(c.warnings.filter((w) => w.level !== 'info').length);
  });

  it('holds 积极分子 to half-yearly 考察 and quarterly 思想汇报, recorded as reviews', async () => {
    await setup();
    const { id } = await openFor(h.core, seed.people.youth.id);
    await call(h.core, 'development.saveStep', step(id, 1, '2020-01-10'));
    await call(h.core, 'development.saveStep', step(id, 2, '2020-01-20'));
    let c = (await call(h.core, 'development.saveStep', step(id, 3, '2020-03-01'))).case;
    expect(codes(c)).toEqual(expect.arrayContaining(['review-due', 'report-due']));
    expect(c.warnings.find((w) => w.code === 'report-due')!.rule).toMatch(/^本支部规定：/);

    const today = new Date();
    const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    c = await call(h.core, 'development.addReview', { caseId: id, date: iso, kind: '考察', reviewer: '赵组织', content: '学习认真，工作积极。' });
    expect(codes(c)).not.toContain('review-due');
    expect(codes(c)).toContain('report-due');
    c = await call(h.core, 'development.addReview', { caseId: id, date: iso, kind: '思想汇报', reviewer: '', content: '' });
    expect(codes(c)).not.toContain('report-due');
    expect(c.reviews.map((r) => r.kind)).toEqual(['考察', '思想汇报']);

    c = await call(h.core, 'development.removeReview', { id: c.reviews[0]!.id });
    expect(codes(c)).toContain('review-due');
    expect(await callError(h.core, 'development.removeReview', { id: 9999 })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('links ⑮ to a real 支部党员大会 and its motion: a passing vote is quiet, a failing one warns', async () => {
    await setup();
    const { id } = await openFor(h.core, seed.people.masses.id);
    await throughStep14(h.core, id);
    // 7 正式党员 entitled (5 支委, 周正式, 陈正式); 预备党员 attend without a vote.
    const passing = await assembly(h.core, '2023-06-20', { for: 4, against: 3, abstain: 0 });
    const failing = await assembly(h.core, '2023-06-21', { for: 3, against: 2, abstain: 2 });
    const noQuorum = await assembly(h.core, '2023-06-22', { for: 3, against: 0, abstain: 0 }, { 王书记: '公出', 李副书记: '病假', 赵组织: '事假', 钱宣传: '公出' });

    const opts = await call(h.core, 'development.assemblies', { year: 2023 });
    expect(opts.map((o) => [o.id, o.seq, o.motions.map((m) => m.passed)])).toEqual([
      [passing.id, 1, [false, true]],
      [failing.id, 2, [false, false]],
      [noQuorum.id, 3, [false, false]],
    ]);
    expect(await call(h.core, 'development.assemblies', { year: 2024 })).toEqual([]);

    let r = await call(h.core, 'development.saveStep', step(id, 15, '2023-06-20', { recordId: passing.id, motionIndex: 1 }));
    let s15 = r.case.steps.find((s) => s.step === 15)!;
    expect(s15.link).toMatchObject({ recordId: passing.id, seq: 1, motionTitle: '关于接收卫群众为预备党员', passed: true });
    expect(s15.link!.summary).toContain('应到有表决权7人');
    expect(codes(r.case).filter((c) => ['vote', 'quorum', 'link'].includes(c))).toEqual([]);

    r = await call(h.core, 'development.saveStep', step(id, 15, '2023-06-21', { recordId: failing.id, motionIndex: 1 }));
    const vote = r.case.warnings.find((w) => w.code === 'vote')!;
    expect(vote).toMatchObject({ level: 'error', step: 15 });
    expect(vote.message).toMatch(/^《中国共产党发展党员工作细则》：支部大会讨论接收预备党员/);
    expect(vote.found).toContain('未通过');
    expect(r.case.warnings[0]!.level).toBe('error');

    r = await call(h.core, 'development.saveStep', step(id, 15, '2023-06-22', { recordId: noQuorum.id, motionIndex: 1 }));
    expect(codes(r.case)).toContain('quorum');

    // another date than the meeting's, and a motion not chosen
    r = await call(h.core, 'development.saveStep', step(id, 15, '2023-06-25', { recordId: passing.id, motionIndex: null }));
    expect(r.case.warnings.filter((w) => w.code === 'link').map((w) => w.found)).toEqual([
      '本步骤日期2023年6月25日与所链接的支部党员大会日期2023年6月20日不一致。',
      '尚未选择该会议的表决事项，无法核对表决结果。',
    ]);

    // the record edited later is judged as it is now; deleted, the link says so
    r = await call(h.core, 'development.saveStep', step(id, 15, '2023-06-20', { recordId: passing.id, motionIndex: 1 }));
    const edited = await meetingInput(h.core, { date: '2023-06-20', data: { ...passing.data, motions: [{ title: '关于接收卫群众为预备党员', for: 2, against: 5, abstain: 0 }] } as never });
    await call(h.core, 'records.update', { id: passing.id, record: edited });
    let c = await call(h.core, 'development.get', { id });
    expect(codes(c)).toContain('link'); // motion 1 is gone
    await call(h.core, 'records.remove', { id: passing.id });
    c = await call(h.core, 'development.get', { id });
    expect(c.warnings.find((w) => w.code === 'link')!.found).toBe('所链接的支部党员大会记录已删除，请重新选择。');
    s15 = c.steps.find((s) => s.step === 15)!;
    expect(s15).toMatchObject({ recordId: passing.id, link: null });
  });

  it('refuses links that cannot be: no such record, not a 支部党员大会, no such motion, a motion without a record, a link on another step', async () => {
    await setup();
    const { id } = await openFor(h.core, seed.people.masses.id);
    const rec = await assembly(h.core, '2023-06-20', { for: 5, against: 0, abstain: 0 });
    const lecture = await createMeeting(h.core, { type: 'party-lecture', date: '2023-06-20' });
    const err = (o: Partial<StepInput>, n = 15) => callError(h.core, 'development.saveStep', step(id, n, '2023-06-20', o));
    expect(await err({ recordId: 9999, motionIndex: 0 })).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'recordId' }] });
    expect(await err({ recordId: lecture.id, motionIndex: 0 })).toMatchObject({ code: 'VALIDATION', message: '请选择支部党员大会记录' });
    expect(await err({ recordId: rec.id, motionIndex: 2 })).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'motionIndex' }] });
    expect(await err({ recordId: null, motionIndex: 0 })).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'recordId' }] });
    expect(await err({ recordId: rec.id, motionIndex: 0 }, 14)).toMatchObject({ code: 'VALIDATION' });
    expect(await callError(h.core, 'development.saveStep', { ...step(id, 2, '2023-01-01'), people: { talkers: ['王书记'], contacts: [] } })).toMatchObject({ code: 'VALIDATION' });
    expect(await callError(h.core, 'development.saveStep', { ...step(id, 2, '2023-01-01'), step: 26 })).toMatchObject({ code: 'VALIDATION' });
    expect(rows(h.core.db, 'SELECT * FROM development_steps')).toEqual([]);
  });

  it('⑮ makes the person 中共预备党员 with 入党日期; ㉓ makes them 中共党员 with 转正日期 a year on', async () => {
    await setup();
    const { id } = await openFor(h.core, seed.people.masses.id);
    await throughStep14(h.core, id);
    const rec = await assembly(h.core, '2024-02-29', { for: 6, against: 1, abstain: 0 });

    const r15 = await call(h.core, 'development.saveStep', step(id, 15, '2024-02-29', { recordId: rec.id, motionIndex: 1 }));
    expect(r15.notices).toEqual(['已将人员名册中卫群众的政治面貌改为中共预备党员，入党日期2024年2月29日。']);
    expect(r15.case).toMatchObject({ column: 'probationary', probationEnd: '2025-02-28', person: { politicalStatus: '中共预备党员', joinDate: '2024-02-29' } });
    let person = (await call(h.core, 'people.list')).find((p) => p.id === seed.people.masses.id)!;
    expect(person).toMatchObject({ politicalStatus: '中共预备党员', joinDate: '2024-02-29' });
    // now expected at party meetings, without a vote
    expect((await call(h.core, 'records.expected', { type: 'branch-assembly', groupId: null })).find((a) => a.name === '卫群众')).toMatchObject({ membership: '预备' });
    // saving ⑮ again changes nothing
    expect((await call(h.core, 'development.saveStep', step(id, 15, '2024-02-29', { recordId: rec.id, motionIndex: 1 }))).notices).toEqual([]);

    for (const [n, d] of [[16, '2024-03-10'], [17, '2024-04-20'], [18, '2024-04-25'], [19, '2024-05-01'], [20, '2024-05-01'], [21, '2024-05-01'], [22, '2025-02-20']] as const) {
      await call(h.core, 'development.saveStep', step(id, n, d));
    }
    const full = await assembly(h.core, '2025-02-28', { for: 7, against: 0, abstain: 0 });
    const r23 = await call(h.core, 'development.saveStep', step(id, 23, '2025-02-28', { recordId: full.id, motionIndex: 1 }));
    expect(r23.notices).toEqual(['已将人员名册中卫群众的政治面貌改为中共党员，转正日期2025年2月28日。']);
    expect(r23.case).toMatchObject({ column: 'full', next: { step: 24, due: '2025-05-28' } });
    person = (await call(h.core, 'people.list')).find((p) => p.id === seed.people.masses.id)!;
    expect(person).toMatchObject({ politicalStatus: '中共党员', joinDate: '2024-02-29', fullDate: '2025-02-28' });
    expect(rows(h.core.db, 'SELECT political_status, join_date, full_date FROM people WHERE id = ?', seed.people.masses.id)).toEqual([
      { political_status: '中共党员', join_date: '2024-02-29', full_date: '2025-02-28' },
    ]);
    // the status history has each status from its own day
    const history = await call(h.core, 'members.statusHistory', { id: seed.people.masses.id });
    expect(history.map((e) => [e.status, e.since])).toEqual(expect.arrayContaining([['中共预备党员', '2024-02-29'], ['中共党员', '2025-02-28']]));
    // the search index follows the roster
    const hits = await call(h.core, 'search.query', { text: '卫群众' });
    expect(hits.total).toBeGreaterThan(0);

    // a 转正日期 recorded at ㉓ wins over the computed one
    const r23b = await call(h.core, 'development.saveStep', step(id, 23, '2025-02-28', { recordId: full.id, motionIndex: 1, details: { outcome: '转为正式党员', extensionMonths: null, fullDate: '2025-03-01' } }));
    expect(r23b.notices).toEqual(['已将人员名册中卫群众的政治面貌改为中共党员，转正日期2025年3月1日。']);
    expect(r23b.case.person.fullDate).toBe('2025-03-01');
  });

  it('an extended 预备期 keeps the person 预备党员 and is discussed again when it ends', async () => {
    await setup();
    const { id } = await openFor(h.core, seed.people.masses.id);
    await throughStep14(h.core, id);
    await call(h.core, 'development.saveStep', step(id, 15, '2023-08-31'));
    await call(h.core, 'development.saveStep', step(id, 16, '2023-09-05'));
    await call(h.core, 'development.saveStep', step(id, 17, '2023-10-10'));
    await call(h.core, 'development.saveStep', step(id, 22, '2024-08-20'));
    const r = await call(h.core, 'development.saveStep', step(id, 23, '2024-08-31', { details: { outcome: '延长预备期', extensionMonths: 6, fullDate: '' } }));
    expect(r.notices).toEqual([]);
    expect(r.case).toMatchObject({ column: 'probationary', probationEnd: '2025-02-28', next: { step: 23, due: '2025-02-28', dueKind: 'on', overdue: true } });
    expect(r.case.person.politicalStatus).toBe('中共预备党员');
    expect(codes(r.case)).toContain('probation-due');
    const bad = await call(h.core, 'development.saveStep', step(id, 23, '2024-08-31', { details: { outcome: '延长预备期', extensionMonths: 18, fullDate: '' } }));
    expect(bad.case.warnings.find((w) => w.code === 'extension')).toMatchObject({ level: 'error' });
  });

  it('deletes steps, closes and reopens, and keeps a closed case as it is', async () => {
    await setup();
    const { id } = await openFor(h.core, seed.people.masses.id);
    await call(h.core, 'development.saveStep', step(id, 1, '2024-01-10'));
    await call(h.core, 'development.saveStep', step(id, 2, '2024-01-20'));
    let c = await call(h.core, 'development.removeStep', { caseId: id, step: 2 });
    expect(c.steps.map((s) => s.step)).toEqual([1]);
    expect(await callError(h.core, 'development.removeStep', { caseId: id, step: 2 })).toMatchObject({ code: 'NOT_FOUND' });

    c = await call(h.core, 'development.close', { id, reason: '不再发展' });
    expect(c).toMatchObject({ closedReason: '不再发展', next: null });
    expect(c.closedAt).not.toBeNull();
    expect(codes(c)).not.toContain('talk-due');
    expect(await callError(h.core, 'development.saveStep', step(id, 2, '2024-01-20'))).toMatchObject({ code: 'CONFLICT' });
    expect(await callError(h.core, 'development.addReview', { caseId: id, date: '2024-02-01', kind: '考察', reviewer: '', content: '' })).toMatchObject({ code: 'CONFLICT' });
    expect(await callError(h.core, 'development.close', { id, reason: '其他' })).toMatchObject({ code: 'CONFLICT' });

    // a new case for the same person while the old one is closed; the old one cannot reopen beside it
    const second = await openFor(h.core, seed.people.masses.id);
    expect(await callError(h.core, 'development.reopen', { id })).toMatchObject({ code: 'CONFLICT' });
    await call(h.core, 'development.close', { id: second.id, reason: '其他' });
    c = await call(h.core, 'development.reopen', { id });
    expect(c).toMatchObject({ closedAt: null, closedReason: '', next: { step: 2 } });
    expect(await callError(h.core, 'development.reopen', { id })).toMatchObject({ code: 'CONFLICT' });
    expect(await callError(h.core, 'development.get', { id: 9999 })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps a case of someone moved off the roster, and says the roster was not changed', async () => {
    await setup();
    const { id } = await openFor(h.core, seed.people.masses.id);
    await throughStep14(h.core, id);
    await call(h.core, 'people.remove', { id: seed.people.masses.id });
    const r = await call(h.core, 'development.saveStep', step(id, 15, '2023-06-20'));
    expect(r.case.person).toMatchObject({ name: '卫群众', removed: true, politicalStatus: '群众' });
    expect(r.notices).toEqual(['卫群众已移出人员名册，名册中的政治面貌未更改。']);
  });
});

describe('files on the steps', () => {
  const h = useCore();
  let seed: Seed;
  const setup = async () => (seed = await seedBranch(h.core));

  const PNG = encodePng(2, 2, Uint8Array.from({ length: 12 }, (_, i) => [200, 16, 46][i % 3]!));
  const THUMB = encodePng(1, 1, Uint8Array.from([255, 255, 255]));
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
  const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'), Buffer.alloc(120)]);
  const b64 = (b: Buffer) => b.toString('base64');
  const upload = (caseId: number, n: number, name: string, bytes: Buffer, thumb: Buffer | null = null) => ({
    caseId,
    step: n,
    name,
    base64: b64(bytes),
    thumbBase64: thumb ? b64(thumb) : null,
  });
  const count = (table: string) => rows<{ n: number }>(h.core.db, `SELECT count(*) AS n FROM ${table}`)[0]!.n;

  it('adds a PNG and a PDF to a step, lists them, and gives back the exact bytes', async () => {
    await setup();
    const { id } = await openFor(h.core, seed.people.masses.id);
    await call(h.core, 'development.saveStep', step(id, 1, '2024-01-10'));

    const png = await call(h.core, 'development.addStepFile', upload(id, 1, '入党申请书.png', PNG, THUMB));
    const pdf = await call(h.core, 'development.addStepFile', upload(id, 1, 'C:\\扫描\\入党申请书.pdf', PDF));
    expect(png).toMatchObject({ caseId: id, step: 1, name: '入党申请书.png', mime: 'image/png', size: PNG.length, sha256: sha256Hex(PNG), hasThumb: true });
    expect(pdf).toMatchObject({ caseId: id, step: 1, name: '入党申请书.pdf', mime: 'application/pdf', size: PDF.length, hasThumb: false });

    expect((await call(h.core, 'development.stepFiles', { caseId: id, step: 1 })).map((f) => f.name)).toEqual(['入党申请书.png', '入党申请书.pdf']);
    expect(await call(h.core, 'development.stepFiles', { caseId: id, step: 2 })).toEqual([]);
    expect(await call(h.core, 'development.getStepFile', { id: png.id, thumb: false })).toEqual({ mime: 'image/png', base64: b64(PNG) });
    expect(await call(h.core, 'development.getStepFile', { id: png.id, thumb: true })).toEqual({ mime: 'image/png', base64: b64(THUMB) });
    expect(await call(h.core, 'development.getStepFile', { id: pdf.id, thumb: false })).toEqual({ mime: 'application/pdf', base64: b64(PDF) });
    expect(await callError(h.core, 'development.getStepFile', { id: pdf.id, thumb: true })).toMatchObject({ code: 'NOT_FOUND' });
    expect(fs.readFileSync(blobPath(h.dir, pdf.sha256))).toEqual(PDF);

    // removing detaches: no longer listed nor served, the bytes stay
    expect(await call(h.core, 'development.removeStepFile', { id: pdf.id })).toBeNull();
    expect((await call(h.core, 'development.stepFiles', { caseId: id, step: 1 })).map((f) => f.id)).toEqual([png.id]);
    expect(await callError(h.core, 'development.getStepFile', { id: pdf.id, thumb: false })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await callError(h.core, 'development.removeStepFile', { id: pdf.id })).toMatchObject({ code: 'NOT_FOUND' });
    expect(collectGarbage(h.core.db, h.dir)).toEqual({ rows: 0, files: 0, failed: 0 });
    expect(fs.existsSync(blobPath(h.dir, pdf.sha256))).toBe(true);
  });

  it('keeps an image no page can show as a file, and says so (electron/core/export/images.ts)', async () => {
    await setup();
    const { id } = await openFor(h.core, seed.people.masses.id);
    await call(h.core, 'development.saveStep', step(id, 1, '2024-01-10'));
    const cut = await call(h.core, 'development.addStepFile', upload(id, 1, '申请书.png', PNG.subarray(0, PNG.length - 12)));
    expect(cut.warning).toBe('图片无法显示（文件不完整，可能在复制或传输时中断），已作为文件保存');
    const good = await call(h.core, 'development.addStepFile', upload(id, 1, '申请书2.png', PNG));
    expect(good).not.toHaveProperty('warning');
    expect((await call(h.core, 'development.stepFiles', { caseId: id, step: 1 })).map((f) => [f.name, f.mime])).toEqual([
      ['申请书.png', 'image/png'],
      ['申请书2.png', 'image/png'],
    ]);
  });

  it('stores bytes shared with a record once, and keeps them when the record is purged', async () => {
    await setup();
    const { id } = await openFor(h.core, seed.people.masses.id);
    await call(h.core, 'development.saveStep', step(id, 1, '2024-01-10'));
    const rec = await createMeeting(h.core);
    const att = await call(h.core, 'attachments.add', { recordId: rec.id, name: '签到表.png', base64: b64(PNG), thumbBase64: b64(THUMB) });
    const file = await call(h.core, 'development.addStepFile', upload(id, 1, '申请书.png', PNG, THUMB));
    expect(file.sha256).toBe(att.sha256);
    expect(count('blobs')).toBe(2); // the file and its thumbnail, once each

    await call(h.core, 'attachments.remove', { id: att.id });
    await call(h.core, 'records.remove', { id: rec.id });
    await call(h.core, 'records.purge', { id: rec.id }); // sweeps the store
    expect(count('attachments')).toBe(0);
    expect(count('blobs')).toBe(2);
    expect(fs.existsSync(blobPath(h.dir, file.sha256))).toBe(true);
    expect(await call(h.core, 'development.getStepFile', { id: file.id, thumb: false })).toEqual({ mime: 'image/png', base64: b64(PNG) });
    expect(await call(h.core, 'development.getStepFile', { id: file.id, thumb: true })).toEqual({ mime: 'image/png', base64: b64(THUMB) });

    // only when the case itself goes (FK cascade) do its files go
    await call(h.core, 'development.removeStepFile', { id: file.id });
    expect(collectGarbage(h.core.db, h.dir)).toEqual({ rows: 0, files: 0, failed: 0 });
    run(h.core.db, q.deleteFrom('development_cases').where('id', '=', id));
    expect(count('development_step_files')).toBe(0);
    expect(collectGarbage(h.core.db, h.dir)).toEqual({ rows: 2, files: 2, failed: 0 });
    expect(fs.existsSync(blobPath(h.dir, file.sha256))).toBe(false);
  });

  it('refuses a renamed executable, a step not yet recorded, and a closed case, writing nothing', async () => {
    await setup();
    const { id } = await openFor(h.core, seed.people.masses.id);
    await call(h.core, 'development.saveStep', step(id, 1, '2024-01-10'));

    const exe = await callError(h.core, 'development.addStepFile', upload(id, 1, '申请书.pdf', EXE));
    expect(exe).toMatchObject({ code: 'VALIDATION' });
    expect(exe.message).toContain('Windows 程序');
    const unsaved = await callError(h.core, 'development.addStepFile', upload(id, 2, '谈话记录.png', PNG));
    expect(unsaved).toMatchObject({ code: 'VALIDATION', message: '②党组织派人谈话尚未登记，请先填写日期并保存该步骤，再添加附件。' });
    expect(await callError(h.core, 'development.addStepFile', upload(9999, 1, '申请书.png', PNG))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await callError(h.core, 'development.stepFiles', { caseId: 9999, step: 1 })).toMatchObject({ code: 'NOT_FOUND' });
    expect(count('development_step_files')).toBe(0);
    expect(count('blobs')).toBe(0);
    expect(fs.existsSync(blobPath(h.dir, sha256Hex(PNG)))).toBe(false);

    const f = await call(h.core, 'development.addStepFile', upload(id, 1, '申请书.png', PNG));
    await call(h.core, 'development.close', { id, reason: '不再发展' });
    expect(await callError(h.core, 'development.addStepFile', upload(id, 1, '申请书.pdf', PDF))).toMatchObject({ code: 'CONFLICT' });
    expect(await callError(h.core, 'development.removeStepFile', { id: f.id })).toMatchObject({ code: 'CONFLICT' });
    // a closed case's files can still be read
    expect((await call(h.core, 'development.stepFiles', { caseId: id, step: 1 })).map((x) => x.id)).toEqual([f.id]);
    expect(await call(h.core, 'development.getStepFile', { id: f.id, thumb: false })).toMatchObject({ base64: b64(PNG) });
  });

  it('detaches the files of a step whose record is deleted', async () => {
    await setup();
    const { id } = await openFor(h.core, seed.people.masses.id);
    await call(h.core, 'development.saveStep', step(id, 1, '2024-01-10'));
    await call(h.core, 'development.addStepFile', upload(id, 1, '申请书.png', PNG));
    await call(h.core, 'development.removeStep', { caseId: id, step: 1 });
    await call(h.core, 'development.saveStep', step(id, 1, '2024-01-12'));
    expect(await call(h.core, 'development.stepFiles', { caseId: id, step: 1 })).toEqual([]);
    expect(count('development_step_files')).toBe(1);
  });
});

describe('组织关系转接', () => {
  const h = useCore();

  const transfer = (date: string, data: Record<string, unknown>) =>
    call(h.core, 'records.create', {
      type: 'membership-transfer',
      date,
      status: 'final',
      data: { direction: '转出', name: '张三', counterpart: '中共某某公司第二支部委员会', duesPaidTo: '', letterNo: '', validityDays: 30, receiptDate: '', fileHandover: '', remarks: '', ...data },
    });

  it('lists transfers of every year, newest first, with 回执逾期 flagged', async () => {
    await seedBranch(h.core);
    const old = await transfer('2020-05-01', { name: '甲', letterNo: '（2020）3号' });
    const returned = await transfer('2021-05-01', { name: '乙', receiptDate: '2021-05-20', fileHandover: '已交接' });
    const incoming = await transfer('2022-05-01', { name: '丙', direction: '转入' });
    const noValidity = await transfer('2023-05-01', { name: '丁', validityDays: null });
    // the latest day a record may be dated (a year ahead)
    const ahead = latestDate('record');
    const future = await transfer(ahead, { name: '戊' });
    const deleted = await transfer('2020-06-01', { name: '己' });
    await call(h.core, 'records.remove', { id: deleted.id });

    const list = await call(h.core, 'development.transfers');
    expect(list.map((t) => [t.id, t.name, t.direction, t.due, t.overdue])).toEqual([
      [future.id, '戊', '转出', addDays(ahead, 30), false],
      [noValidity.id, '丁', '转出', '2023-05-31', true],
      [incoming.id, '丙', '转入', null, false],
      [returned.id, '乙', '转出', null, false],
      [old.id, '甲', '转出', '2020-05-31', true],
    ]);
    expect(list.find((t) => t.id === old.id)).toMatchObject({ counterpart: '中共某某公司第二支部委员会', letterNo: '（2020）3号', receiptDate: '' });

    // the 回执 comes back: no longer overdue
    const rec = await call(h.core, 'records.get', { id: old.id });
    await call(h.core, 'records.update', { id: old.id, record: { type: rec.type, date: rec.date, status: rec.status, data: { ...rec.data, receiptDate: '2020-07-01' } } });
    expect((await call(h.core, 'development.transfers')).find((t) => t.id === old.id)).toMatchObject({ overdue: false, receiptDate: '2020-07-01' });
  });

  it('shows in the 支部档案 book list and counts like any record type', async () => {
    await seedBranch(h.core);
    await transfer('2020-05-01', {});
    expect(await call(h.core, 'records.counts', { year: 2020 })).toMatchObject({ 'membership-transfer': 1 });
    const listed = await call(h.core, 'records.list', { year: 2020, type: null, book: 'archive' });
    expect(listed[0]).toMatchObject({ type: 'membership-transfer', title: '张三', cells: { direction: '转出', name: '张三' } });
  });
});
