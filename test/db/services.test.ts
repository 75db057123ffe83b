/** The services through core.dispatch (the real boundary), checked against the rows in SQLite. */
import { describe, expect, it } from 'vitest';
import { recordType } from '../../shared/books/index.js';
import { call, callError, dbDigest, recordRow as recordRowOf, rows, useCore } from '../fixtures/core.js';
import { sampleRecord } from '../fixtures/records.js';
import {
  BRANCH_NAME,
  COMMITTEE_IN_ORDER,
  branchUpdateInput,
  GROUP_NAMES,
  createMeeting,
  meetingData,
  meetingInput,
  personInput,
  seedBranch,
  setupInput,
  toInput,
  withAbsent,
  type MeetingInput,
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

const h = useCore();
const db = () => h.core.db;
const personRow = (id: number) => rows<PersonRow>(db(), 'SELECT * FROM people WHERE id = ?', id)[0];
const recordRow = (id: number) => recordRowOf(db(), id);
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
    // Each 支委 starts a status history, like anyone entered on the roster.
    const history = await call(h.core, 'members.statusHistory', { id: branch.committee[0]!.personId });
    expect(history).toMatchObject([{ status: '中共党员', note: '建立支部时登记为支部书记' }]);
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
  it('renames, adds and removes groups; people of a removed group lose their group', async () => {
    const s = await seedBranch(h.core);
    const [g1, g2] = s.groups;
    const branch = await call(h.core, 'branch.update', {
      ...branchUpdateInput(s),
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
      ...branchUpdateInput(s),
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
      ...branchUpdateInput(s),
      name: '不应保存的名称',
      committee: [{ personId: s.people.probationer1.id, role: '委员' }],
    });
    expect(error).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'committee' }] });
    expect(dbDigest(db())).toBe(before);
  });

  it('refuses an unknown group id with NOT_FOUND', async () => {
    const s = await seedBranch(h.core);
    const before = dbDigest(db());
    const error = await callError(h.core, 'branch.update', { ...branchUpdateInput(s), groups: [{ id: 999, name: '不存在' }] });
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

  it('suggests roster people for a typed name, pinyin or initials, best first, never people who left', async () => {
    const s = await seedBranch(h.core);
    await call(h.core, 'people.create', personInput('小王', { position: '司钻' }));
    expect(names(await call(h.core, 'people.suggest', { text: 'wsj' }))).toEqual(['王书记']);
    expect(names(await call(h.core, 'people.suggest', { text: '王' }))).toEqual(['王书记', '小王']);
    expect(names(await call(h.core, 'people.suggest', { text: 'wang' }))).toEqual(['王书记', '小王']);
    // what tells two people apart comes with them
    expect((await call(h.core, 'people.suggest', { text: 'zzs' }))[0]).toMatchObject({ id: s.people.member1.id, position: '科员', groupName: '第一党小组', committeeRole: null });
    // 冯已调出 left the roster
    expect(await call(h.core, 'people.suggest', { text: 'fyd' })).toEqual([]);
    expect(await call(h.core, 'people.suggest', { text: '' })).toEqual([]);
  });
});

describe('records.expected', () => {
  const members = [...COMMITTEE_IN_ORDER, '周正式', '吴预备', '陈正式', '褚预备'];

  it.each(['branch-assembly', 'party-lecture', 'theme-party-day'])(
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

  it('staff-meeting (everyone): the whole roster, members and others alike, not people who left', async () => {
    await seedBranch(h.core);
    const expected = await call(h.core, 'records.expected', { type: 'staff-meeting', groupId: null });
    expect(names(expected)).toEqual([...COMMITTEE_IN_ORDER, '周正式', '吴预备', '郑团员', '陈正式', '褚预备', '卫群众']);
    expect(expected.find((a) => a.name === '卫群众')).toMatchObject({ membership: '其他', present: true });
    expect(expected.find((a) => a.name === '郑团员')?.membership).toBe('其他');
  });

  it('league-assembly (league): only the 共青团员', async () => {
    await seedBranch(h.core);
    const expected = await call(h.core, 'records.expected', { type: 'league-assembly', groupId: null });
    expect(names(expected)).toEqual(['郑团员']);
  });

  it('a type that keeps no attendance is a VALIDATION error', async () => {
    await seedBranch(h.core);
    const error = await callError(h.core, 'records.expected', { type: 'talk', groupId: null });
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('谈心谈话');
  });
});

describe('records: create, get, update, list', () => {
  it('creates a record, stores its data as JSON and reads it back', async () => {
    await seedBranch(h.core);
    const input = await meetingInput(h.core, { date: '2026-03-05' });
    input.data.attendance = withAbsent(input.data.attendance, { 陈正式: '公出' });
    const rec = await call(h.core, 'records.create', input);

    expect(rec).toMatchObject({ type: 'branch-assembly', date: '2026-03-05', status: 'final', seq: 1, groupName: null });
    expect(rec.data).toEqual(input.data);
    const row = recordRow(rec.id)!;
    expect(row).toMatchObject({ type: 'branch-assembly', date: '2026-03-05', status: 'final', group_id: null, deleted_at: null });
    expect(JSON.parse(row.data)).toEqual(input.data);
    expect(await call(h.core, 'records.get', { id: rec.id })).toEqual(rec);
  });

  it('normalises the absence reasons of those present', async () => {
    await seedBranch(h.core);
    const input = await meetingInput(h.core);
    input.data.attendance[0] = { ...input.data.attendance[0]!, absenceReason: '病假' };
    const rec = await call(h.core, 'records.create', input);
    const stored = JSON.parse(recordRow(rec.id)!.data) as MeetingInput['data'];
    expect(stored.attendance[0]!.absenceReason).toBe('');
    expect(meetingData(rec).attendance[0]!.absenceReason).toBe('');
  });

  it.each<[string, Partial<MeetingInput['data']>, string]>([
    ['a lecture outside 党课', { lecture: { speaker: '王书记', title: '不该保存', hours: 1 } }, 'lecture'],
    ['a group outside 党小组会', { groupId: 1 }, 'groupId'],
  ])('refuses what does not belong to the type: %s (VALIDATION, nothing written)', async (_label, extra, key) => {
    await seedBranch(h.core);
    const input = await meetingInput(h.core);
    const before = dbDigest(db());
    const error = await callError(h.core, 'records.create', { ...input, data: { ...input.data, ...extra } });
    expect(error.code).toBe('VALIDATION');
    expect(error.fields).toEqual([expect.objectContaining({ path: 'data', message: expect.stringContaining(key) })]);
    expect(dbDigest(db())).toBe(before);
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
    const updated = await call(h.core, 'records.update', { id: rec.id, record: input });
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
    await call(h.core, 'branch.update', branchUpdateInput(s, { groups: [{ id: g1.id, name: g1.name }] }));
    const edit = await meetingInput(h.core, { type: 'group-meeting', data: { groupId: g2.id, attendance: meetingData(rec).attendance, location: '新地点' } });
    expect((await call(h.core, 'records.update', { id: rec.id, record: edit })).data.location).toBe('新地点');
    const error = await callError(h.core, 'records.create', edit);
    expect(error).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'data.groupId' }] });
  });

  it('lists the records of a year (newest first), filtered by type or book, with list cells', async () => {
    await seedBranch(h.core);
    const input = await meetingInput(h.core, { date: '2026-05-01' });
    input.data.attendance = withAbsent(input.data.attendance, { 陈正式: '公出', 褚预备: '病假' });
    const assembly = await call(h.core, 'records.create', input);
    const committee = await createMeeting(h.core, { type: 'committee-meeting', date: '2026-06-01' });
    await createMeeting(h.core, { date: '2025-12-30' });
    const reminder = await call(h.core, 'records.create', sampleRecord(recordType('reminder-talk'), { date: '2026-02-01' }));

    const list = await call(h.core, 'records.list', { year: 2026, type: null, book: null });
    expect(list.map((r) => r.id)).toEqual([committee.id, assembly.id, reminder.id]);
    expect(list[1]).toMatchObject({
      type: 'branch-assembly',
      seq: 1,
      status: 'final',
      title: '传达学习上级会议精神',
      cells: { attendance: '应到9人，实到7人', location: '三楼党员活动室', host: '王书记', topics: '传达学习上级会议精神' },
      attachments: 0,
    });
    expect(list[0]).toMatchObject({ type: 'committee-meeting', cells: { attendance: '应到5人，实到5人' } });
    expect(list[2]).toMatchObject({ type: 'reminder-talk', seq: null });
    expect((await call(h.core, 'records.list', { year: 2026, type: 'committee-meeting', book: null })).map((r) => r.id)).toEqual([committee.id]);
    expect((await call(h.core, 'records.list', { year: 2026, type: null, book: 'discipline' })).map((r) => r.id)).toEqual([reminder.id]);
    expect((await call(h.core, 'records.list', { year: 2026, type: null, book: 'branch-general' })).map((r) => r.id)).toEqual([committee.id, assembly.id]);
    expect(await call(h.core, 'records.list', { year: 2024, type: null, book: null })).toEqual([]);
  });

  it('answers NOT_FOUND for a record that does not exist', async () => {
    await seedBranch(h.core);
    expect((await callError(h.core, 'records.get', { id: 12345 })).code).toBe('NOT_FOUND');
    const input = await meetingInput(h.core);
    expect((await callError(h.core, 'records.update', { id: 12345, record: input })).code).toBe('NOT_FOUND');
    expect(rows(db(), 'SELECT * FROM records')).toEqual([]);
  });
});

describe('第N次 (seq)', () => {
  /**
   * The list's 第N次 by date (and the 党小组 of a 党小组会, read back from the record).
   * Lists number with a window over the year, an opened record counts its series:
   * every record is checked to get the same number both ways.
   */
  const seqs = async (year: number, type: string) => {
    const out: Record<string, number | null> = {};
    for (const r of await call(h.core, 'records.list', { year, type, book: null })) {
      const opened = await call(h.core, 'records.get', { id: r.id });
      expect(opened.seq, `${r.date} opened vs listed`).toBe(r.seq);
      out[r.date + (opened.groupName ? ` ${opened.groupName}` : '')] = r.seq;
    }
    return out;
  };

  it('orders meetings of one day by start time, and a new year starts again at 1', async () => {
    await seedBranch(h.core);
    await createMeeting(h.core, { date: '2026-12-31', data: { startTime: '14:00', endTime: '15:00' } });
    await createMeeting(h.core, { date: '2026-12-31', data: { startTime: '08:30', endTime: '09:00' } });
    await createMeeting(h.core, { date: '2026-01-02' });
    await createMeeting(h.core, { date: '2027-01-01' });
    const list = await call(h.core, 'records.list', { year: 2026, type: 'branch-assembly', book: null });
    const numbered: Record<string, number | null> = {};
    for (const r of list) {
      const opened = await call(h.core, 'records.get', { id: r.id });
      expect(opened.seq).toBe(r.seq);
      numbered[`${r.date} ${opened.data.startTime as string}`] = r.seq;
    }
    expect(numbered).toEqual({ '2026-01-02 09:00': 1, '2026-12-31 08:30': 2, '2026-12-31 14:00': 3 });
    expect(await seqs(2027, 'branch-assembly')).toEqual({ '2027-01-01': 1 });
  });

  it('numbers meetings by date within type and year, whatever order they were entered in', async () => {
    await seedBranch(h.core);
    await createMeeting(h.core, { date: '2026-06-01' });
    await createMeeting(h.core, { date: '2026-02-01' });
    await createMeeting(h.core, { date: '2026-04-01', data: { startTime: '14:30', endTime: '16:00' } });
    await createMeeting(h.core, { date: '2026-04-01', data: { startTime: '08:30', endTime: '09:30' } });
    await createMeeting(h.core, { type: 'committee-meeting', date: '2026-05-01' });
    await createMeeting(h.core, { date: '2025-11-01' });

    const list = await call(h.core, 'records.list', { year: 2026, type: 'branch-assembly', book: null });
    const startTimes = await Promise.all(list.map(async (r) => meetingData(await call(h.core, 'records.get', { id: r.id })).startTime));
    expect(list.map((r, i) => [r.date, startTimes[i], r.seq])).toEqual([
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

    const moved = await call(h.core, 'records.update', { id: feb.id, record: await meetingInput(h.core, { date: '2026-12-01' }) });
    expect(moved.seq).toBe(3);
    expect(await seqs(2026, 'branch-assembly')).toEqual({ '2026-04-01': 1, '2026-06-01': 2, '2026-12-01': 3 });
  });

  it('numbers only meetings: registers and documents have no 第N次', async () => {
    await seedBranch(h.core);
    const talk = await call(h.core, 'records.create', sampleRecord(recordType('talk')));
    const plan = await call(h.core, 'records.create', sampleRecord(recordType('work-plan')));
    expect(talk.seq).toBeNull();
    expect(plan.seq).toBeNull();
  });
});

describe('回收站: remove, trash, restore, purge', () => {
  it('moves a removed record to the trash and out of the list; restore brings it back', async () => {
    await seedBranch(h.core);
    const rec = await createMeeting(h.core, { data: { topics: ['研究发展党员工作'] } });
    expect(await call(h.core, 'records.trash')).toEqual([]);

    expect(await call(h.core, 'records.remove', { id: rec.id })).toBeNull();
    expect(recordRow(rec.id)?.deleted_at).toEqual(expect.any(String));
    expect(await call(h.core, 'records.list', { year: 2026, type: null, book: null })).toEqual([]);
    expect((await callError(h.core, 'records.get', { id: rec.id })).code).toBe('NOT_FOUND');
    expect(await call(h.core, 'records.trash')).toEqual([
      { id: rec.id, type: 'branch-assembly', date: rec.date, title: '研究发展党员工作', deletedAt: recordRow(rec.id)!.deleted_at },
    ]);
    expect((await callError(h.core, 'records.remove', { id: rec.id })).code).toBe('NOT_FOUND');

    const restored = await call(h.core, 'records.restore', { id: rec.id });
    expect(restored.data).toEqual(rec.data);
    expect(recordRow(rec.id)?.deleted_at).toBeNull();
    expect(await call(h.core, 'records.trash')).toEqual([]);
    expect((await call(h.core, 'records.list', { year: 2026, type: null, book: null })).map((r) => r.id)).toEqual([rec.id]);
    expect((await callError(h.core, 'records.restore', { id: rec.id })).code).toBe('NOT_FOUND');
  });

  it('refuses to update a record in the trash', async () => {
    await seedBranch(h.core);
    const rec = await createMeeting(h.core);
    await call(h.core, 'records.remove', { id: rec.id });
    const before = dbDigest(db());
    expect((await callError(h.core, 'records.update', { id: rec.id, record: await meetingInput(h.core, { date: '2026-07-01' }) })).code).toBe('NOT_FOUND');
    expect(dbDigest(db())).toBe(before);
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
  type Breaker = (input: MeetingInput, s: Seed) => void;
  /** label, meeting type, how to break a valid input of that type, the field path at fault */
  const cases: [string, string, Breaker, string][] = [
    ['endTime equal to startTime', 'branch-assembly', (i) => Object.assign(i.data, { startTime: '09:00', endTime: '09:00' }), 'data.endTime'],
    ['endTime before startTime', 'branch-assembly', (i) => Object.assign(i.data, { startTime: '14:00', endTime: '11:30' }), 'data.endTime'],
    [
      'an absentee without absenceReason',
      'branch-assembly',
      (i) => (i.data.attendance = withAbsent(i.data.attendance, { 李副书记: '' })),
      'data.attendance.1.absenceReason',
    ],
    [
      'an absentee whose reason is only spaces',
      'branch-assembly',
      (i) => (i.data.attendance = withAbsent(i.data.attendance, { 周正式: '   ' })),
      'data.attendance.5.absenceReason',
    ],
    // A 党小组会 has no motions field: the key itself is refused.
    ['motions on a 党小组会', 'group-meeting', (i) => (i.data.motions = [{ title: '表决事项', for: 2, against: 0, abstain: 0 }]), 'data'],
    [
      'votes cast exceeding the voting members present',
      'branch-assembly',
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
    ['a 党课 without its lecture', 'party-lecture', (i) => delete i.data.lecture, 'data.lecture'],
    ['a 党课 with an empty lecture title', 'party-lecture', (i) => (i.data.lecture = { ...i.data.lecture!, title: ' ' }), 'data.lecture.title'],
    ['a 党小组会 without a group', 'group-meeting', (i) => (i.data.groupId = null), 'data.groupId'],
    ['a 党小组会 of a group that does not exist', 'group-meeting', (i) => (i.data.groupId = 999), 'data.groupId'],
    ['the same person twice', 'branch-assembly', (i) => i.data.attendance.push({ ...i.data.attendance[0]! }), 'data.attendance.9'],
    [
      'someone not on the roster',
      'branch-assembly',
      (i) => i.data.attendance.push({ ...i.data.attendance[0]!, personId: 9999, name: '查无此人' }),
      'data.attendance',
    ],
  ];

  it.each(cases)('%s is refused with a field path and writes nothing', async (_label, type, breakIt, path) => {
    const s = await seedBranch(h.core);
    const opts = { type, data: recordType(type).fields.some((f) => f.kind === 'group') ? { groupId: s.groups[0].id } : {} };
    const existing = await createMeeting(h.core, opts); // a valid meeting of the type, to make sure an update is refused too
    const input = await meetingInput(h.core, opts);
    breakIt(input, s);
    const before = dbDigest(db());

    for (const [method, payload] of [
      ['records.create', input],
      ['records.update', { id: existing.id, record: input }],
    ] as const) {
      const error = await callError(h.core, method, payload);
      expect(error.code).toBe('VALIDATION');
      expect(error.message).toMatch(/\p{Script=Han}/u);
      const paths = error.fields?.map((f) => (method === 'records.update' ? f.path.replace(/^record\./, '') : f.path));
      expect(paths).toContain(path);
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

describe('the search index stays in step with the services', () => {
  /** What a query finds, as `record:<id>` and `person:<id>`. */
  const found = async (text: string) =>
    (await call(h.core, 'search.query', { text, limit: 200 })).groups.flatMap((g) => g.hits.map((hit) => `${hit.kind}:${hit.id}`));

  it('finds a record by a word of its content after create, not after remove, again after restore', async () => {
    await seedBranch(h.core);
    const rec = await createMeeting(h.core, { data: { content: '会议部署了安全生产月活动。' } });
    expect(await found('安全生产月')).toEqual([`record:${rec.id}`]);

    await call(h.core, 'records.remove', { id: rec.id });
    expect(await found('安全生产月')).toEqual([]);

    await call(h.core, 'records.restore', { id: rec.id });
    expect(await found('安全生产月')).toEqual([`record:${rec.id}`]);
  });

  it('finds a record by its new words after an update and not by the old ones; not at all once purged', async () => {
    await seedBranch(h.core);
    const rec = await createMeeting(h.core, { data: { content: '会议部署了安全生产月活动。' } });
    await call(h.core, 'records.update', { id: rec.id, record: await meetingInput(h.core, { data: { content: '会议研究了冬季防火工作。' } }) });
    expect(await found('安全生产月')).toEqual([]);
    expect(await found('冬季防火')).toEqual([`record:${rec.id}`]);

    await call(h.core, 'records.remove', { id: rec.id });
    await call(h.core, 'records.purge', { id: rec.id });
    expect(await found('冬季防火')).toEqual([]);
  });

  it('finds a record of any book by its title', async () => {
    await seedBranch(h.core);
    const rec = await call(h.core, 'records.create', {
      ...sampleRecord(recordType('work-plan')),
      data: { ...sampleRecord(recordType('work-plan')).data, title: '二〇二六年党建工作计划' },
    });
    const result = await call(h.core, 'search.query', { text: '党建工作计划' });
    expect(result.groups).toEqual([expect.objectContaining({ book: 'archive', hits: [expect.objectContaining({ kind: 'record', id: rec.id, type: 'work-plan' })] })]);
  });

  it('finds a person created through people.create by name and by pinyin initials; not once removed', async () => {
    await seedBranch(h.core);
    const p = await call(h.core, 'people.create', personInput('蒋新人'));
    expect(await found('蒋新人')).toEqual([`person:${p.id}`]);
    expect(await found('jxr')).toEqual([`person:${p.id}`]);
    expect(await found('jiangxinren')).toEqual([`person:${p.id}`]);

    await call(h.core, 'people.update', { ...toInput(p), id: p.id, name: '蒋更名' });
    expect(await found('蒋新人')).toEqual([]);
    expect(await found('蒋更名')).toEqual([`person:${p.id}`]);

    await call(h.core, 'people.remove', { id: p.id });
    expect(await found('蒋更名')).toEqual([]);
  });

  it('finds the 支委 set up with the branch by name', async () => {
    const s = await seedBranch(h.core);
    expect(await found('钱宣传')).toEqual([`person:${s.committee.钱宣传.id}`]);
  });

  it('finds the people of a 党小组 by its new name after branch.update renames it', async () => {
    const s = await seedBranch(h.core);
    const [g1, g2] = s.groups;
    await call(h.core, 'branch.update', branchUpdateInput(s, { groups: [{ id: g1.id, name: '机关第一党小组' }, { id: g2.id, name: g2.name }] }));
    const inGroup1 = [s.committee.王书记, s.people.member1, s.people.probationer1, s.people.youth].map((p) => `person:${p.id}`);
    expect((await found('机关第一党小组')).sort()).toEqual(inGroup1.sort());
    expect(await found('第一党小组')).toEqual(expect.arrayContaining(inGroup1));
    for (const p of inGroup1) expect(await found('第二党小组')).not.toContain(p);
  });

  it('finds a 党小组会 by its group\'s new name after branch.update renames it', async () => {
    const s = await seedBranch(h.core);
    const [g1, g2] = s.groups;
    const rec = await createMeeting(h.core, { type: 'group-meeting', data: { groupId: g1.id } });
    expect(await found('第一党小组')).toContain(`record:${rec.id}`);
    await call(h.core, 'branch.update', branchUpdateInput(s, { groups: [{ id: g1.id, name: '机关第一党小组' }, { id: g2.id, name: g2.name }] }));
    expect(await found('机关第一党小组')).toContain(`record:${rec.id}`);
  });
});
