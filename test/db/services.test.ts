/** The services through core.dispatch (the real boundary), checked against the rows in SQLite. */
import { describe, expect, it } from 'vitest';
import type { MeetingTypeId } from '../../shared/books/meetings.js';
import type { RecordInput } from '../../shared/contract.js';
import { call, callError, dbDigest, rows, useCore } from '../fixtures/core.js';
import {
  BRANCH_NAME,
  COMMITTEE_IN_ORDER,
  GROUP_NAMES,
  createMeeting,
  meetingInput,
  personInput,
  seedBranch,
  setupInput,
  toInput,
  withAbsent,
  type Seed,
} from '../fixtures/seed.js';

interface PersonRow {
  id: number;
  name: string;
  political_status: string;
  group_id: number | null;
  position: string;
  removed_at: string | null;
}
interface GroupRow {
  id: number;
  name: string;
  sort: number;
  removed_at: string | null;
}
interface RecordRow {
  id: number;
  type: string;
  date: string;
  group_id: number | null;
  data: string;
  deleted_at: string | null;
}

const h = useCore();
const db = () => h.core.db;
const personRow = (id: number) => rows<PersonRow>(db(), 'SELECT * FROM people WHERE id = ?', id)[0];
const recordRow = (id: number) => rows<RecordRow>(db(), 'SELECT * FROM records WHERE id = ?', id)[0];
const names = (list: { name: string }[]) => list.map((p) => p.name);

describe('branch.setup', () => {
  it('creates the branch, its groups and its committee (as 中共党员, in seat order)', async () => {
    expect(await call(h.core, 'branch.get')).toBeNull();
    const branch = await call(h.core, 'branch.setup', setupInput());

    expect(branch.name).toBe(BRANCH_NAME);
    expect(names(branch.groups)).toEqual([...GROUP_NAMES]);
    expect(branch.committee.map((c) => [c.name, c.role])).toEqual([
      ['王书记', '书记'],
      ['李副书记', '副书记'],
      ['赵组织', '组织委员'],
      ['钱宣传', '宣传委员'],
      ['孙纪检', '纪检委员'],
    ]);

    expect(rows(db(), 'SELECT id, name, parent_org, fonds_no FROM branch')).toEqual([
      { id: 1, name: BRANCH_NAME, parent_org: '中共某某单位委员会', fonds_no: 'D001' },
    ]);
    expect(rows(db(), 'SELECT name, sort, removed_at FROM party_groups ORDER BY sort')).toEqual([
      { name: '第一党小组', sort: 0, removed_at: null },
      { name: '第二党小组', sort: 1, removed_at: null },
    ]);
    const committee = rows<{ name: string; role: string; political_status: string; position: string }>(
      db(),
      'SELECT p.name, c.role, p.political_status, p.position FROM committee c JOIN people p ON p.id = c.person_id ORDER BY c.sort',
    );
    expect(names(committee)).toEqual([...COMMITTEE_IN_ORDER]);
    expect(committee.every((c) => c.political_status === '中共党员')).toBe(true);
    expect(committee[0]).toMatchObject({ role: '书记', position: '支部书记' });
    expect(rows(db(), 'SELECT count(*) AS n FROM people')).toEqual([{ n: 5 }]);
  });

  it('refuses a second setup with CONFLICT and changes nothing', async () => {
    await call(h.core, 'branch.setup', setupInput());
    const before = dbDigest(db());
    const error = await callError(h.core, 'branch.setup', setupInput({ name: '另一个支部' }));
    expect(error.code).toBe('CONFLICT');
    expect(dbDigest(db())).toBe(before);
  });

  it('refuses duplicate group names and writes nothing', async () => {
    const error = await callError(h.core, 'branch.setup', setupInput({ groups: ['第一党小组', '第一党小组'] }));
    expect(error).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'groups' }] });
    expect(rows(db(), 'SELECT * FROM branch')).toEqual([]);
    expect(rows(db(), 'SELECT * FROM people')).toEqual([]);
  });
});

describe('branch.update', () => {
  const updateInput = (s: Seed) => ({
    name: s.branch.name,
    parentOrg: s.branch.parentOrg,
    fondsNo: s.branch.fondsNo,
    groups: s.branch.groups.map((g) => ({ id: g.id, name: g.name })),
    committee: s.branch.committee.map((c) => ({ personId: c.personId, role: c.role })),
  });

  it('renames, adds and removes groups; people of a removed group lose their group', async () => {
    const s = await seedBranch(h.core);
    const [g1, g2] = s.groups;
    const branch = await call(h.core, 'branch.update', {
      ...updateInput(s),
      name: '中共某某单位第一支部委员会（更名）',
      groups: [{ name: '第三党小组' }, { id: g1.id, name: '第一党小组（机关）' }],
    });

    expect(branch.name).toBe('中共某某单位第一支部委员会（更名）');
    expect(names(branch.groups)).toEqual(['第三党小组', '第一党小组（机关）']);
    expect(branch.groups[1]!.id).toBe(g1.id);

    const groups = rows<GroupRow>(db(), 'SELECT * FROM party_groups ORDER BY id');
    expect(groups.find((g) => g.id === g1.id)).toMatchObject({ name: '第一党小组（机关）', sort: 1, removed_at: null });
    expect(groups.find((g) => g.id === g2.id)?.removed_at).toEqual(expect.any(String));
    expect(groups.find((g) => g.name === '第三党小组')).toMatchObject({ sort: 0, removed_at: null });
    expect(rows(db(), 'SELECT name FROM branch')).toEqual([{ name: '中共某某单位第一支部委员会（更名）' }]);

    for (const p of [s.people.member2, s.people.probationer2, s.committee.赵组织]) expect(personRow(p.id)?.group_id).toBeNull();
    for (const p of [s.people.member1, s.committee.王书记]) expect(personRow(p.id)?.group_id).toBe(g1.id);
    const member2 = (await call(h.core, 'people.list')).find((p) => p.id === s.people.member2.id);
    expect(member2).toMatchObject({ groupId: null, groupName: null });
  });

  it('replaces the committee; a former 支委 can then leave the roster', async () => {
    const s = await seedBranch(h.core);
    const branch = await call(h.core, 'branch.update', {
      ...updateInput(s),
      committee: [
        { personId: s.committee.李副书记.id, role: '副书记' },
        { personId: s.people.member1.id, role: '书记' },
      ],
    });
    expect(branch.committee.map((c) => [c.name, c.role])).toEqual([
      ['周正式', '书记'],
      ['李副书记', '副书记'],
    ]);
    expect(rows(db(), 'SELECT person_id, role FROM committee ORDER BY sort')).toEqual([
      { person_id: s.people.member1.id, role: '书记' },
      { person_id: s.committee.李副书记.id, role: '副书记' },
    ]);
    await call(h.core, 'people.remove', { id: s.committee.王书记.id });
    expect(personRow(s.committee.王书记.id)?.removed_at).toEqual(expect.any(String));
  });

  it('refuses a 预备党员 on the committee and rolls back the whole update', async () => {
    const s = await seedBranch(h.core);
    const before = dbDigest(db());
    const error = await callError(h.core, 'branch.update', {
      ...updateInput(s),
      name: '不应保存的名称',
      committee: [{ personId: s.people.probationer1.id, role: '委员' }],
    });
    expect(error).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'committee' }] });
    expect(dbDigest(db())).toBe(before);
  });

  it('refuses an unknown group id with NOT_FOUND', async () => {
    const s = await seedBranch(h.core);
    const before = dbDigest(db());
    const error = await callError(h.core, 'branch.update', { ...updateInput(s), groups: [{ id: 999, name: '不存在' }] });
    expect(error.code).toBe('NOT_FOUND');
    expect(dbDigest(db())).toBe(before);
  });

  it('requires the branch to be set up first', async () => {
    const error = await callError(h.core, 'branch.update', { name: '甲', parentOrg: '乙', fondsNo: '', groups: [], committee: [] });
    expect(error.code).toBe('CONFLICT');
  });
});

describe('people', () => {
  it('creates a person with its group name and stores the row', async () => {
    const s = await seedBranch(h.core);
    const p = await call(h.core, 'people.create', personInput('蒋新人', { groupId: s.groups[1].id, phone: '010-1234 5678', birthDate: '1990-05-01' }));
    expect(p).toMatchObject({ name: '蒋新人', groupName: '第二党小组', committeeRole: null, birthDate: '1990-05-01' });
    expect(personRow(p.id)).toMatchObject({ name: '蒋新人', group_id: s.groups[1].id, political_status: '中共党员', removed_at: null });
  });

  it('refuses a group that does not exist', async () => {
    await seedBranch(h.core);
    const before = dbDigest(db());
    const error = await callError(h.core, 'people.create', personInput('蒋新人', { groupId: 999 }));
    expect(error).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'groupId' }] });
    expect(dbDigest(db())).toBe(before);
  });

  it('updates a person', async () => {
    const s = await seedBranch(h.core);
    const p = s.people.youth;
    const updated = await call(h.core, 'people.update', { ...toInput(p), id: p.id, politicalStatus: '中共预备党员', position: '技术员' });
    expect(updated).toMatchObject({ politicalStatus: '中共预备党员', position: '技术员', groupName: '第一党小组' });
    expect(personRow(p.id)).toMatchObject({ political_status: '中共预备党员', position: '技术员' });
  });

  it('removes a person from the roster but keeps the row', async () => {
    const s = await seedBranch(h.core);
    await call(h.core, 'people.remove', { id: s.people.masses.id });
    expect(personRow(s.people.masses.id)?.removed_at).toEqual(expect.any(String));
    expect(names(await call(h.core, 'people.list'))).not.toContain('卫群众');
    expect((await callError(h.core, 'people.remove', { id: s.people.masses.id })).code).toBe('NOT_FOUND');
    expect((await callError(h.core, 'people.update', { ...toInput(s.people.masses), id: s.people.masses.id })).code).toBe('NOT_FOUND');
  });

  it('refuses to remove a 支委 (CONFLICT)', async () => {
    const s = await seedBranch(h.core);
    const error = await callError(h.core, 'people.remove', { id: s.committee.孙纪检.id });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('纪检委员');
    expect(personRow(s.committee.孙纪检.id)?.removed_at).toBeNull();
  });

  it('refuses to change a 支委 away from 中共党员', async () => {
    const s = await seedBranch(h.core);
    const p = s.committee.钱宣传;
    const before = dbDigest(db());
    const error = await callError(h.core, 'people.update', { ...toInput(p), id: p.id, politicalStatus: '中共预备党员' });
    expect(error).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'politicalStatus' }] });
    expect(dbDigest(db())).toBe(before);
  });

  it('lists the roster with groups and committee roles, without people who left', async () => {
    await seedBranch(h.core);
    const list = await call(h.core, 'people.list');
    expect(names(list)).toEqual([...COMMITTEE_IN_ORDER, '周正式', '吴预备', '郑团员', '陈正式', '褚预备', '卫群众']);
    expect(list.find((p) => p.name === '王书记')).toMatchObject({ committeeRole: '书记', groupName: '第一党小组' });
  });
});

describe('records.expected', () => {
  const members = [...COMMITTEE_IN_ORDER, '周正式', '吴预备', '陈正式', '褚预备'];

  it.each<MeetingTypeId>(['branch-assembly', 'party-lecture', 'theme-party-day'])(
    '%s: every 正式 and 预备党员, committee first; not 团员, 群众 or people who left',
    async (type) => {
      await seedBranch(h.core);
      const expected = await call(h.core, 'records.expected', { type, groupId: null });
      expect(names(expected)).toEqual(members);
      expect(expected.find((a) => a.name === '王书记')).toMatchObject({ membership: '正式', title: '书记', present: true, absenceReason: '' });
      expect(expected.find((a) => a.name === '吴预备')).toMatchObject({ membership: '预备', present: true });
      expect(expected.find((a) => a.name === '周正式')?.title).toBe('科员');
    },
  );

  it('committee-meeting: only the 支委', async () => {
    await seedBranch(h.core);
    const expected = await call(h.core, 'records.expected', { type: 'committee-meeting', groupId: null });
    expect(names(expected)).toEqual([...COMMITTEE_IN_ORDER]);
    expect(expected.map((a) => a.title)).toEqual(['书记', '副书记', '组织委员', '宣传委员', '纪检委员']);
  });

  it('group-meeting: only the party members of that group', async () => {
    const s = await seedBranch(h.core);
    const first = await call(h.core, 'records.expected', { type: 'group-meeting', groupId: s.groups[0].id });
    const second = await call(h.core, 'records.expected', { type: 'group-meeting', groupId: s.groups[1].id });
    expect(names(first)).toEqual(['王书记', '周正式', '吴预备']);
    expect(names(second)).toEqual(['赵组织', '陈正式', '褚预备']);
  });

  it('group-meeting without a group is a VALIDATION error', async () => {
    await seedBranch(h.core);
    const error = await callError(h.core, 'records.expected', { type: 'group-meeting', groupId: null });
    expect(error).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'groupId' }] });
  });
});

describe('records: create, get, update, list', () => {
  it('creates a record, stores its data as JSON and reads it back', async () => {
    await seedBranch(h.core);
    const input = await meetingInput(h.core, { date: '2026-03-05' });
    input.data.attendance = withAbsent(input.data.attendance, { 陈正式: '公出' });
    const rec = await call(h.core, 'records.create', input);

    expect(rec).toMatchObject({ type: 'branch-assembly', date: '2026-03-05', seq: 1, groupName: null });
    expect(rec.data).toEqual(input.data);
    const row = recordRow(rec.id)!;
    expect(row).toMatchObject({ type: 'branch-assembly', date: '2026-03-05', group_id: null, deleted_at: null });
    expect(JSON.parse(row.data)).toEqual(input.data);
    expect(await call(h.core, 'records.get', { id: rec.id })).toEqual(rec);
  });

  it('normalises what does not belong: reasons of those present, a lecture outside 党课, a group outside 党小组会', async () => {
    const s = await seedBranch(h.core);
    const input = await meetingInput(h.core);
    input.data.attendance[0] = { ...input.data.attendance[0]!, absenceReason: '病假' };
    input.data.lecture = { speaker: '王书记', title: '不该保存', hours: 1 };
    input.data.groupId = s.groups[0].id;
    const rec = await call(h.core, 'records.create', input);
    const stored = JSON.parse(recordRow(rec.id)!.data) as RecordInput['data'];
    expect(stored.attendance[0]!.absenceReason).toBe('');
    expect(stored.lecture).toBeNull();
    expect(stored.groupId).toBeNull();
    expect(recordRow(rec.id)!.group_id).toBeNull();
  });

  it('stores the group of a 党小组会', async () => {
    const s = await seedBranch(h.core);
    const rec = await createMeeting(h.core, { type: 'group-meeting', data: { groupId: s.groups[1].id } });
    expect(rec.groupName).toBe('第二党小组');
    expect(recordRow(rec.id)!.group_id).toBe(s.groups[1].id);
  });

  it('updates a record in place', async () => {
    await seedBranch(h.core);
    const rec = await createMeeting(h.core);
    const input = await meetingInput(h.core, { date: '2026-04-10', data: { location: '二楼会议室', topics: ['议题一', '议题二'] } });
    const updated = await call(h.core, 'records.update', { ...input, id: rec.id });
    expect(updated).toMatchObject({ id: rec.id, date: '2026-04-10', createdAt: rec.createdAt });
    expect(updated.data.location).toBe('二楼会议室');
    const row = recordRow(rec.id)!;
    expect(row.date).toBe('2026-04-10');
    expect(JSON.parse(row.data)).toMatchObject({ location: '二楼会议室', topics: ['议题一', '议题二'] });
    expect(rows(db(), 'SELECT count(*) AS n FROM records')).toEqual([{ n: 1 }]);
  });

  it('keeps an old 党小组会 editable after its group was removed, but refuses the group for a new one', async () => {
    const s = await seedBranch(h.core);
    const [g1, g2] = s.groups;
    const rec = await createMeeting(h.core, { type: 'group-meeting', data: { groupId: g2.id } });
    await call(h.core, 'branch.update', {
      name: s.branch.name,
      parentOrg: s.branch.parentOrg,
      fondsNo: s.branch.fondsNo,
      groups: [{ id: g1.id, name: g1.name }],
      committee: s.branch.committee.map((c) => ({ personId: c.personId, role: c.role })),
    });
    const edit = await meetingInput(h.core, { type: 'group-meeting', data: { groupId: g2.id, attendance: rec.data.attendance, location: '新地点' } });
    expect((await call(h.core, 'records.update', { ...edit, id: rec.id })).data.location).toBe('新地点');
    const error = await callError(h.core, 'records.create', edit);
    expect(error).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'data.groupId' }] });
  });

  it('lists the records of a year (newest first), filtered by type, with attendance counts', async () => {
    await seedBranch(h.core);
    const input = await meetingInput(h.core, { date: '2026-05-01' });
    input.data.attendance = withAbsent(input.data.attendance, { 陈正式: '公出', 褚预备: '病假' });
    const assembly = await call(h.core, 'records.create', input);
    const committee = await createMeeting(h.core, { type: 'committee-meeting', date: '2026-06-01' });
    await createMeeting(h.core, { date: '2025-12-30' });

    const list = await call(h.core, 'records.list', { year: 2026, type: null });
    expect(list.map((r) => r.id)).toEqual([committee.id, assembly.id]);
    expect(list[1]).toMatchObject({ type: 'branch-assembly', seq: 1, expected: 9, present: 7, location: '三楼党员活动室', host: '王书记' });
    expect(list[0]).toMatchObject({ type: 'committee-meeting', expected: 5, present: 5 });
    expect((await call(h.core, 'records.list', { year: 2026, type: 'committee-meeting' })).map((r) => r.id)).toEqual([committee.id]);
    expect(await call(h.core, 'records.list', { year: 2024, type: null })).toEqual([]);
  });

  it('answers NOT_FOUND for a record that does not exist', async () => {
    await seedBranch(h.core);
    expect((await callError(h.core, 'records.get', { id: 12345 })).code).toBe('NOT_FOUND');
    const input = await meetingInput(h.core);
    expect((await callError(h.core, 'records.update', { ...input, id: 12345 })).code).toBe('NOT_FOUND');
    expect(rows(db(), 'SELECT * FROM records')).toEqual([]);
  });
});

describe('第N次 (seq)', () => {
  const seqs = async (year: number, type: MeetingTypeId) =>
    Object.fromEntries((await call(h.core, 'records.list', { year, type })).map((r) => [r.date + (r.groupName ? ` ${r.groupName}` : ''), r.seq]));

  it('numbers meetings by date within type and year, whatever order they were entered in', async () => {
    await seedBranch(h.core);
    await createMeeting(h.core, { date: '2026-06-01' });
    await createMeeting(h.core, { date: '2026-02-01' });
    await createMeeting(h.core, { date: '2026-04-01', data: { startTime: '14:30', endTime: '16:00' } });
    await createMeeting(h.core, { date: '2026-04-01', data: { startTime: '08:30', endTime: '09:30' } });
    await createMeeting(h.core, { type: 'committee-meeting', date: '2026-05-01' });
    await createMeeting(h.core, { date: '2025-11-01' });

    const list = await call(h.core, 'records.list', { year: 2026, type: 'branch-assembly' });
    expect(list.map((r) => [r.date, r.startTime, r.seq])).toEqual([
      ['2026-06-01', '09:00', 4],
      ['2026-04-01', '14:30', 3],
      ['2026-04-01', '08:30', 2],
      ['2026-02-01', '09:00', 1],
    ]);
    expect(await seqs(2026, 'committee-meeting')).toEqual({ '2026-05-01': 1 });
    expect(await seqs(2025, 'branch-assembly')).toEqual({ '2025-11-01': 1 });
  });

  it('numbers 党小组会 per group', async () => {
    const s = await seedBranch(h.core);
    const [g1, g2] = s.groups;
    await createMeeting(h.core, { type: 'group-meeting', date: '2026-03-10', data: { groupId: g1.id } });
    await createMeeting(h.core, { type: 'group-meeting', date: '2026-02-10', data: { groupId: g2.id } });
    await createMeeting(h.core, { type: 'group-meeting', date: '2026-01-10', data: { groupId: g1.id } });
    expect(await seqs(2026, 'group-meeting')).toEqual({
      '2026-03-10 第一党小组': 2,
      '2026-02-10 第二党小组': 1,
      '2026-01-10 第一党小组': 1,
    });
  });

  it('renumbers later meetings when one is removed or moved, and again when it is restored', async () => {
    await seedBranch(h.core);
    const feb = await createMeeting(h.core, { date: '2026-02-01' });
    const apr = await createMeeting(h.core, { date: '2026-04-01' });
    const jun = await createMeeting(h.core, { date: '2026-06-01' });

    await call(h.core, 'records.remove', { id: feb.id });
    expect((await call(h.core, 'records.get', { id: apr.id })).seq).toBe(1);
    expect((await call(h.core, 'records.get', { id: jun.id })).seq).toBe(2);

    expect((await call(h.core, 'records.restore', { id: feb.id })).seq).toBe(1);
    expect(await seqs(2026, 'branch-assembly')).toEqual({ '2026-02-01': 1, '2026-04-01': 2, '2026-06-01': 3 });

    const moved = await call(h.core, 'records.update', { ...(await meetingInput(h.core, { date: '2026-12-01' })), id: feb.id });
    expect(moved.seq).toBe(3);
    expect(await seqs(2026, 'branch-assembly')).toEqual({ '2026-04-01': 1, '2026-06-01': 2, '2026-12-01': 3 });
  });
});

describe('回收站: remove, trash, restore, purge', () => {
  it('moves a removed record to the trash and out of the list; restore brings it back', async () => {
    await seedBranch(h.core);
    const rec = await createMeeting(h.core, { data: { topics: ['研究发展党员工作'] } });
    expect(await call(h.core, 'records.trash')).toEqual([]);

    expect(await call(h.core, 'records.remove', { id: rec.id })).toBeNull();
    expect(recordRow(rec.id)?.deleted_at).toEqual(expect.any(String));
    expect(await call(h.core, 'records.list', { year: 2026, type: null })).toEqual([]);
    expect((await callError(h.core, 'records.get', { id: rec.id })).code).toBe('NOT_FOUND');
    expect(await call(h.core, 'records.trash')).toEqual([
      { id: rec.id, type: 'branch-assembly', date: rec.date, topics: ['研究发展党员工作'], deletedAt: recordRow(rec.id)!.deleted_at },
    ]);
    expect((await callError(h.core, 'records.remove', { id: rec.id })).code).toBe('NOT_FOUND');

    const restored = await call(h.core, 'records.restore', { id: rec.id });
    expect(restored.data).toEqual(rec.data);
    expect(recordRow(rec.id)?.deleted_at).toBeNull();
    expect(await call(h.core, 'records.trash')).toEqual([]);
    expect((await call(h.core, 'records.list', { year: 2026, type: null })).map((r) => r.id)).toEqual([rec.id]);
    expect((await callError(h.core, 'records.restore', { id: rec.id })).code).toBe('NOT_FOUND');
  });

  it('purges only records in the trash, deleting the row', async () => {
    await seedBranch(h.core);
    const rec = await createMeeting(h.core);
    expect((await callError(h.core, 'records.purge', { id: rec.id })).code).toBe('NOT_FOUND');
    expect(recordRow(rec.id)).toBeDefined();

    await call(h.core, 'records.remove', { id: rec.id });
    expect(await call(h.core, 'records.purge', { id: rec.id })).toBeNull();
    expect(recordRow(rec.id)).toBeUndefined();
    expect(await call(h.core, 'records.trash')).toEqual([]);
    expect((await callError(h.core, 'records.purge', { id: rec.id })).code).toBe('NOT_FOUND');
    expect((await callError(h.core, 'records.restore', { id: rec.id })).code).toBe('NOT_FOUND');
  });
});

describe('cross-field validation', () => {
  type Breaker = (input: RecordInput, s: Seed) => void;
  const cases: [string, Breaker, string][] = [
    ['endTime equal to startTime', (i) => Object.assign(i.data, { startTime: '09:00', endTime: '09:00' }), 'data.endTime'],
    ['endTime before startTime', (i) => Object.assign(i.data, { startTime: '14:00', endTime: '11:30' }), 'data.endTime'],
    [
      'an absentee without absenceReason',
      (i) => (i.data.attendance = withAbsent(i.data.attendance, { 李副书记: '' })),
      'data.attendance.1.absenceReason',
    ],
    [
      'an absentee whose reason is only spaces',
      (i) => (i.data.attendance = withAbsent(i.data.attendance, { 周正式: '   ' })),
      'data.attendance.5.absenceReason',
    ],
    [
      'motions on a 党小组会',
      (i, s) => {
        i.type = 'group-meeting';
        i.data.groupId = s.groups[0].id;
        i.data.attendance = i.data.attendance.filter((a) => ['王书记', '周正式', '吴预备'].includes(a.name));
        i.data.motions = [{ title: '表决事项', for: 2, against: 0, abstain: 0 }];
      },
      'data.motions',
    ],
    [
      'votes cast exceeding the voting members present',
      (i) => {
        // 7 正式党员 expected, 2 absent: 5 present with a vote; 6 votes cast.
        i.data.attendance = withAbsent(i.data.attendance, { 陈正式: '公出', 孙纪检: '病假' });
        i.data.motions = [
          { title: '接收预备党员', for: 5, against: 0, abstain: 0 },
          { title: '评议结果', for: 4, against: 1, abstain: 1 },
        ];
      },
      'data.motions.1.for',
    ],
    ['a 党课 without its lecture', (i) => Object.assign(i, { type: 'party-lecture' }), 'data.lecture'],
    ['a 党小组会 without a group', (i) => Object.assign(i, { type: 'group-meeting' }), 'data.groupId'],
    ['a 党小组会 of a group that does not exist', (i) => Object.assign(i, { type: 'group-meeting', data: { ...i.data, groupId: 999 } }), 'data.groupId'],
    ['the same person twice', (i) => i.data.attendance.push({ ...i.data.attendance[0]! }), 'data.attendance.9'],
    ['someone not on the roster', (i) => i.data.attendance.push({ ...i.data.attendance[0]!, personId: 9999, name: '查无此人' }), 'data.attendance'],
  ];

  it.each(cases)('%s is refused with a field path and writes nothing', async (_label, breakIt, path) => {
    const s = await seedBranch(h.core);
    const input = await meetingInput(h.core);
    await call(h.core, 'records.create', input); // a valid meeting, to make sure an update is refused too
    const [existing] = await call(h.core, 'records.list', { year: 2026, type: null });
    breakIt(input, s);
    const before = dbDigest(db());

    for (const [method, payload] of [
      ['records.create', input],
      ['records.update', { ...input, id: existing!.id }],
    ] as const) {
      const error = await callError(h.core, method, payload);
      expect(error.code).toBe('VALIDATION');
      expect(error.message).toMatch(/\p{Script=Han}/u);
      expect(error.fields?.map((f) => f.path)).toContain(path);
      expect(dbDigest(db())).toBe(before);
    }
  });

  it('accepts the same meeting when the figures are right', async () => {
    await seedBranch(h.core);
    const input = await meetingInput(h.core);
    input.data.attendance = withAbsent(input.data.attendance, { 陈正式: '公出', 孙纪检: '病假' });
    input.data.motions = [{ title: '评议结果', for: 3, against: 1, abstain: 1 }];
    const rec = await call(h.core, 'records.create', input);
    expect(rec.data.motions).toEqual(input.data.motions);
  });
});
