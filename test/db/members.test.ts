/** The 党员花名册 on the people registry, through core.dispatch, checked against the rows in SQLite. */
import { describe, expect, it } from 'vitest';
import type { Person } from '../../shared/methods/people.js';
import { localToday } from '../../shared/dates.js';
import { tx } from '../../electron/core/db/sql.js';
import { setPartyStatus } from '../../electron/core/people/service.js';
import { call, callError, dbDigest, rows, useCore } from '../fixtures/core.js';
import { IDS, idNumber } from '../fixtures/roster.js';
import { personInput, seedBranch, toInput } from '../fixtures/seed.js';

const h = useCore();
const db = () => h.core.db;
const stored = (id: number) => rows<{ id_number: string; join_date: string; full_date: string; ethnicity: string }>(db(), 'SELECT * FROM people WHERE id = ?', id)[0]!;
const history = (id: number) => rows<{ status: string; since: string; note: string }>(db(), 'SELECT status, since, note FROM person_statuses WHERE person_id = ? ORDER BY since, id', id);

/** A person as the edit form sends it back: everything but the computed fields. */
const asInput = ({ partyYears: _y, groupName: _g, committeeRole: _c, ...rest }: Person) => rest;

const MAN = idNumber('110105', '19800101', '123');
const MAN_MASKED = `110105********${MAN.slice(14)}`;

describe('花名册 fields', () => {
  it('stores every field and returns them, with the 身份证号 masked and 党龄 computed', async () => {
    const s = await seedBranch(h.core);
    const p = await call(
      h.core,
      'people.create',
      personInput('马六', {
        birthDate: '1980-01-01',
        groupId: s.groups[0].id,
        ethnicity: '回族',
        nativePlace: '宁夏银川',
        idNumber: MAN.toLowerCase(),
        education: '大学本科',
        degree: '学士',
        workStartDate: '2002-07-01',
        joinDate: '2005-06-20',
        fullDate: '2006-06-20',
        address: '银川市某某路2号',
        mobileWhere: '新疆克拉玛依',
        notes: '长期驻外',
      }),
    );
    expect(p).toMatchObject({
      name: '马六',
      ethnicity: '回族',
      nativePlace: '宁夏银川',
      idNumber: MAN_MASKED,
      education: '大学本科',
      degree: '学士',
      workStartDate: '2002-07-01',
      joinDate: '2005-06-20',
      fullDate: '2006-06-20',
      address: '银川市某某路2号',
      mobileWhere: '新疆克拉玛依',
      notes: '长期驻外',
      groupName: '第一党小组',
    });
    const today = localToday();
    const years = Number(today.slice(0, 4)) - 2006 - (today.slice(5) < '06-20' ? 1 : 0);
    expect(p.partyYears).toBe(years);
    expect(stored(p.id).id_number).toBe(MAN);
  });

  it('lists every ID masked and reveals the full number on request', async () => {
    await seedBranch(h.core);
    const p = await call(h.core, 'people.create', personInput('马六', { birthDate: '1980-01-01', idNumber: MAN }));
    const listed = (await call(h.core, 'people.list')).find((x) => x.id === p.id)!;
    expect(listed.idNumber).toBe(MAN_MASKED);
    expect(JSON.stringify(await call(h.core, 'people.list'))).not.toContain(MAN);
    expect(await call(h.core, 'members.revealId', { id: p.id })).toBe(MAN);
    expect(await call(h.core, 'members.revealId', { id: 1 })).toBe('');
    expect((await callError(h.core, 'members.revealId', { id: 999 })).code).toBe('NOT_FOUND');
  });

  it('keeps the stored number when the masked one comes back, or when the field is left out', async () => {
    const s = await seedBranch(h.core);
    const p = await call(h.core, 'people.create', personInput('马六', { birthDate: '1980-01-01', idNumber: MAN, ethnicity: '汉族', joinDate: '2005-06-20' }));
    // the form sends what it was given
    await call(h.core, 'people.update', { ...asInput(p), id: p.id, position: '司钻' });
    expect(stored(p.id).id_number).toBe(MAN);
    // callers that know only the first seven fields (the fixtures' toInput, the demo) wipe nothing
    await call(h.core, 'people.update', { ...toInput(p), id: p.id, groupId: s.groups[1].id });
    expect(stored(p.id)).toMatchObject({ id_number: MAN, ethnicity: '汉族', join_date: '2005-06-20' });
    // a new number replaces it; '' clears it
    const other = idNumber('110105', '19800101', '135');
    await call(h.core, 'people.update', { ...toInput(p), id: p.id, idNumber: other });
    expect(stored(p.id).id_number).toBe(other);
    await call(h.core, 'people.update', { ...toInput(p), id: p.id, idNumber: '' });
    expect(stored(p.id).id_number).toBe('');
  });

  it.each([
    ['a wrong check character', { idNumber: MAN.slice(0, 17) + (MAN[17] === '0' ? '1' : '0') }, /身份证号校验位不正确/],
    ['a 15-digit number', { idNumber: '110105800101123' }, /身份证号是15位的旧号码/],
    ['a 出生日期 that disagrees', { idNumber: MAN, birthDate: '1980-02-01' }, /身份证号中的出生日期（1980-01-01）与出生日期（1980-02-01）不一致/],
    ['a 性别 that disagrees', { idNumber: MAN, gender: '女' as const }, /身份证号第17位表示性别为男，与性别“女”不一致/],
    ['a masked number that is not this person’s', { idNumber: '110105********1234' }, /身份证号只能由数字和末位的X组成/],
  ])('refuses %s, naming the field, and writes nothing', async (_label, overrides, message) => {
    await seedBranch(h.core);
    const before = dbDigest(db());
    const e = await callError(h.core, 'people.create', personInput('马六', overrides));
    expect(e.code).toBe('VALIDATION');
    expect(e.fields).toEqual([{ path: 'idNumber', message: expect.stringMatching(message) }]);
    expect(e.message).toMatch(message);
    expect(dbDigest(db())).toBe(before);
  });

  it('refuses a number someone on the roster already has, but not one of a person who left', async () => {
    const s = await seedBranch(h.core);
    const a = await call(h.core, 'people.create', personInput('马六', { idNumber: MAN }));
    const e = await callError(h.core, 'people.create', personInput('马七', { idNumber: MAN }));
    expect(e).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'idNumber', message: '身份证号与名册中的“马六”相同，同一人不能登记两次' }] });
    const e2 = await callError(h.core, 'people.update', { ...toInput(s.people.member1), id: s.people.member1.id, idNumber: MAN });
    expect(e2.fields?.[0]?.path).toBe('idNumber');
    await call(h.core, 'people.remove', { id: a.id });
    await call(h.core, 'people.create', personInput('马六', { idNumber: MAN }));
  });

  it.each([
    ['转正 before 入党', { joinDate: '2010-07-01', fullDate: '2010-06-30' }, 'fullDate', '转正日期不能早于入党日期'],
    ['入党 before birth', { birthDate: '1990-01-01', joinDate: '1989-07-01' }, 'joinDate', '入党日期应晚于出生日期'],
    ['a 预备党员 with a 转正日期', { politicalStatus: '中共预备党员' as const, joinDate: '2025-07-01', fullDate: '2026-07-01' }, 'fullDate', '预备党员尚未转正，转正日期应为空'],
    ['an impossible date', { joinDate: '2019-02-29' }, 'joinDate', '入党日期有误：日期“2019-02-29”不存在'],
  ])('refuses %s', async (_label, overrides, path, message) => {
    await seedBranch(h.core);
    const e = await callError(h.core, 'people.create', personInput('马六', overrides));
    expect(e).toMatchObject({ code: 'VALIDATION', fields: [{ path, message }] });
  });

  it('finds people by the new fields, but never by the 身份证号', async () => {
    await seedBranch(h.core);
    const p = await call(h.core, 'people.create', personInput('马六', { idNumber: MAN, nativePlace: '宁夏银川', mobileWhere: '新疆克拉玛依' }));
    const hits = async (text: string) => (await call(h.core, 'search.query', { text })).groups.flatMap((g) => g.hits.filter((x) => x.kind === 'person').map((x) => x.id));
    expect(await hits('银川')).toEqual([p.id]);
    expect(await hits('克拉玛依')).toEqual([p.id]);
    expect(await hits(MAN.slice(6, 14))).toEqual([]);
  });
});

describe('status history', () => {
  it('enters 预备 from 入党日期 and 正式 from 转正日期 when a member is registered', async () => {
    await seedBranch(h.core);
    const p = await call(h.core, 'people.create', personInput('马六', { joinDate: '2005-06-20', fullDate: '2006-06-20' }));
    expect(history(p.id)).toEqual([
      { status: '中共预备党员', since: '2005-06-20', note: '入党日期' },
      { status: '中共党员', since: '2006-06-20', note: '转正日期' },
    ]);
    expect(await call(h.core, 'members.statusHistory', { id: p.id })).toMatchObject([
      { status: '中共预备党员', since: '2005-06-20' },
      { status: '中共党员', since: '2006-06-20' },
    ]);
  });

  it('follows a person from 群众 to 预备党员 to 中共党员, and moves an entry when its date is corrected', async () => {
    await seedBranch(h.core);
    const today = localToday();
    const p = await call(h.core, 'people.create', personInput('马六', { politicalStatus: '群众' }));
    expect(history(p.id)).toEqual([{ status: '群众', since: today, note: '登记' }]);

    await call(h.core, 'people.update', { ...asInput(p), id: p.id, politicalStatus: '中共预备党员', joinDate: '2024-06-28' });
    await call(h.core, 'people.update', { ...asInput(p), id: p.id, politicalStatus: '中共预备党员', joinDate: '2024-06-27' });
    await call(h.core, 'people.update', { ...asInput(p), id: p.id, politicalStatus: '中共党员', joinDate: '2024-06-27', fullDate: '2025-06-27' });
    expect(history(p.id)).toEqual([
      { status: '中共预备党员', since: '2024-06-27', note: '入党日期更正' },
      { status: '中共党员', since: '2025-06-27', note: '转正日期' },
      { status: '群众', since: today, note: '登记' },
    ]);
    // a change with no date to go by is entered from today
    await call(h.core, 'people.update', { ...asInput(p), id: p.id, politicalStatus: '其他', joinDate: '2024-06-27', fullDate: '2025-06-27' });
    expect(history(p.id).at(-1)).toEqual({ status: '其他', since: today, note: '由中共党员变更' });
    // nothing changed: nothing entered
    const n = history(p.id).length;
    await call(h.core, 'people.update', { ...asInput(p), id: p.id, politicalStatus: '其他', position: '退休' });
    expect(history(p.id)).toHaveLength(n);
  });

  it('lets the 发展党员 pipeline set a status with its day, inside its own transaction', async () => {
    await seedBranch(h.core);
    const p = await call(h.core, 'people.create', personInput('马六', { politicalStatus: '群众' }));
    tx(db(), () => setPartyStatus(db(), p.id, '中共预备党员', '2025-06-30', '支部大会通过'));
    tx(db(), () => setPartyStatus(db(), p.id, '中共党员', '2026-06-30', '按期转正'));
    expect(stored(p.id)).toMatchObject({ join_date: '2025-06-30', full_date: '2026-06-30' });
    expect(history(p.id).slice(0, 2)).toEqual([
      { status: '中共预备党员', since: '2025-06-30', note: '入党日期（支部大会通过）' },
      { status: '中共党员', since: '2026-06-30', note: '转正日期（按期转正）' },
    ]);
    // re-indexed: no longer found as a 群众
    const found = await call(h.core, 'search.query', { text: '群众' });
    expect(found.groups.flatMap((g) => g.hits).filter((x) => x.kind === 'person').map((x) => x.title)).toEqual(['卫群众']);
  });

  it('writes no history when the update is refused', async () => {
    const s = await seedBranch(h.core);
    const secretary = s.committee.王书记;
    const before = dbDigest(db());
    const e = await callError(h.core, 'people.update', { ...toInput(secretary), id: secretary.id, politicalStatus: '群众' });
    expect(e.code).toBe('VALIDATION');
    expect(dbDigest(db())).toBe(before);
  });

  it('answers NOT_FOUND for someone not on the roster', async () => {
    const s = await seedBranch(h.core);
    expect((await callError(h.core, 'members.statusHistory', { id: s.people.departed.id })).code).toBe('NOT_FOUND');
  });
});

describe('text no field keeps (shared/text.ts)', () => {
  const names = () => rows<{ name: string; notes: string }>(db(), 'SELECT name, notes FROM people ORDER BY id').map((r) => [r.name, r.notes]);

  it.each<[string, string, string, string]>([
    ['an override that makes the name read backwards', '\u202e三张', '备注', '三张'],
    ['invisible controls pasted with the name', '\u202a张\u0007三\ufeff', '备注', '张三'],
    ['Word line breaks in the notes, kept line feeds', '张三', '第一行\u000b第二行\n第三行', '张三'],
  ])('stores the text without them: %s', async (_label, name, notes, storedName) => {
    await seedBranch(h.core);
    const p = await call(h.core, 'people.create', personInput(name, { notes }));
    expect(p.name).toBe(storedName);
    expect(names().at(-1)).toEqual([storedName, notes.replace(/\u000b/g, '')]);
  });

  it.each<[string, string, string]>([
    ['a NUL', '张\u0000三', '输入有误：含有不能保存的字符（第2个字：空字符 U+0000），请删除后再保存'],
    ['a lone surrogate (SQLite would store U+FFFD)', '张三\udc00', '输入有误：含有不能保存的字符（第3个字：不完整的字符 U+DC00，可能是复制时截断的表情或生僻字），请删除后再保存'],
    ['U+FFFF', '\uffff张三', '输入有误：含有不能保存的字符（第1个字：非文字字符 U+FFFF），请删除后再保存'],
  ])('refuses a name with %s at the field and stores nothing', async (_label, name, message) => {
    await seedBranch(h.core);
    const before = dbDigest(db());
    expect(await callError(h.core, 'people.create', personInput(name))).toEqual({ code: 'VALIDATION', message, fields: [{ path: 'name', message: message.slice('输入有误：'.length) }] });
    expect(dbDigest(db())).toBe(before);
  });
});

describe('IDS of the messy roster', () => {
  it('are valid except the one meant to be wrong', async () => {
    const { checkIdNumber } = await import('../../shared/rules/idcard.js');
    expect(checkIdNumber(IDS.wangFang).ok).toBe(true);
    expect(checkIdNumber(IDS.liQiang).ok).toBe(true);
    expect(checkIdNumber(IDS.zhengHong).ok).toBe(true);
    expect(checkIdNumber(IDS.qianJin).ok).toBe(true);
    expect(checkIdNumber(IDS.zhaoMin).ok).toBe(false);
  });
});
