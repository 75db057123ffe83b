/**
 * The year's registers (台账) built from a branch seeded through the real
 * boundary: people with their status history, records of every register
 * type (some deleted, some of other years), a 党费 ledger and 发展党员 cases.
 * Each register is read through registers.get (as the print view does) and
 * compared cell by cell.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app.js';
import { yearRegisters } from '../../electron/core/registers/service.js';
import { REGISTER_KEYS, type Register, type RegisterKey } from '../../shared/archive/model.js';
import { recordType } from '../../shared/books/index.js';
import type { InputOf } from '../../shared/contract.js';
import { call, callError, useCore } from '../fixtures/core.js';
import { sampleRecord } from '../fixtures/records.js';
import { idNumber } from '../fixtures/roster.js';
import { createMeeting, meetingInput, personInput, seedBranch, toInput, withAbsent, type Seed } from '../fixtures/seed.js';

const Y = 2025;

/** A register's rows as objects by header. */
function byHeader(r: Register): Record<string, string>[] {
  return r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c.header, row[i]!])));
}

const get = (core: Core, key: RegisterKey, fullIds = false) => call(core, 'registers.get', { year: Y, key, fullIds });

/** A record of `type` on `date`: the type's minimal valid input with `data` over it. */
async function record(core: Core, type: string, date: string, data: Record<string, unknown>) {
  const base = sampleRecord(recordType(type), { date });
  return call(core, 'records.create', { ...base, data: { ...base.data, ...data } });
}

const WANG_ID = idNumber('110105', '19750412', '013'); // 男
const STAFF_ID = idNumber('440305', '19900102', '024'); // 女

type StepInput = InputOf<'development.saveStep'>;
function step(caseId: number, n: number, date: string, people: Record<string, string[]> = {}, details: Record<string, unknown> = {}): StepInput {
  return { caseId, step: n, date, people, details, notes: '', recordId: null, motionIndex: null } as StepInput;
}

describe('the year’s registers', () => {
  const h = useCore();

  /** People whose status history places them in or out of 2025. */
  async function people(s: Seed) {
    const wang = s.committee.王书记;
    await call(h.core, 'people.update', {
      ...toInput(wang),
      id: wang.id,
      birthDate: '1975-04-12',
      idNumber: WANG_ID,
      joinDate: '2009-07-01',
      fullDate: '2010-07-01',
    });
    // Admitted in 2024, full member in October 2025.
    const he = await call(h.core, 'people.create', personInput('何转正', { politicalStatus: '中共党员', joinDate: '2024-10-08', fullDate: '2025-10-08' }));
    // A member all through 2025 who has left the roster since.
    const cao = await call(h.core, 'people.create', personInput('曹离开', { joinDate: '2011-07-01', fullDate: '2012-07-01' }));
    await call(h.core, 'people.remove', { id: cao.id });
    // Admitted in 2026: not in 2025's roster.
    await call(h.core, 'people.create', personInput('韩明年', { politicalStatus: '中共预备党员', joinDate: '2026-03-01' }));
    // Gave up membership in 2024 (the history says so): not in 2025's roster.
    const lu = await call(h.core, 'people.create', personInput('鲁旧党', { joinDate: '2000-07-01', fullDate: '2001-07-01' }));
    await call(h.core, 'people.update', { ...toInput(lu), id: lu.id, politicalStatus: '群众' });
    h.core.db.sqlite.prepare("UPDATE person_statuses SET since = '2024-05-01' WHERE person_id = ? AND status = '群众'").run(lu.id);
    return { he, cao };
  }

  it('returns all nine registers in REGISTER_KEYS order, titled as the issue names them', async () => {
    await seedBranch(h.core);
    const regs = yearRegisters(h.core.db, Y, { fullIds: false });
    expect(regs.map((r) => r.key)).toEqual([...REGISTER_KEYS]);
    expect(regs.map((r) => r.title)).toEqual(['党员花名册', '职工基本情况', '困难职工', '会议台账', '谈心家访台账', '党费收缴台账', '发展党员进度', '组织关系转接', '问题整改台账']);
    for (const r of regs) {
      expect(r.columns[0]!.header).toBe('序号');
      expect(r.columns.every((c) => c.width > 0)).toBe(true);
    }
    // Wide tables print landscape; the 花名册 has 20 columns.
    expect(regs.find((r) => r.key === 'members')!.landscape).toBe(true);
    expect(regs.find((r) => r.key === 'dues')!.landscape).toBe(true);
  });

  it('党员花名册: everyone who was 党员/预备党员 during the year, as they stood at its end; 身份证号 masked unless asked', async () => {
    const s = await seedBranch(h.core);
    await people(s);
    const reg = await get(h.core, 'members');
    expect(reg.columns.map((c) => c.header)).toEqual([
      '序号', '姓名', '性别', '民族', '籍贯', '出生日期', '身份证号', '学历', '学位', '参加工作日期', '入党日期', '转正日期', '党龄', '党小组', '岗位/职务', '联系电话', '家庭住址', '党员类别', '流动党员', '备注',
    ]);
    const rows = byHeader(reg);
    // The seeded people were entered today without dates, so their history starts today (not in 2025).
    expect(rows.map((r) => r.姓名)).toEqual(['王书记', '何转正', '曹离开']);
    expect(rows.map((r) => r.序号)).toEqual(['1', '2', '3']);
    const wang = rows[0]!;
    expect(wang).toMatchObject({ 性别: '男', 出生日期: '1975-04-12', 入党日期: '2009-07-01', 转正日期: '2010-07-01', 党龄: '15', 党小组: '第一党小组', 党员类别: '正式' });
    expect(wang.身份证号).toBe(`${WANG_ID.slice(0, 6)}********${WANG_ID.slice(-4)}`);
    // 何转正 became a full member in October 2025: 党龄 0 at the year's end.
    expect(rows[1]).toMatchObject({ 党员类别: '正式', 转正日期: '2025-10-08', 党龄: '0' });
    const full = byHeader(await get(h.core, 'members', true));
    expect(full[0]!.身份证号).toBe(WANG_ID);

    // 2026: the seeded members are there (their history starts today); 曹离开 left and 鲁旧党 is 群众.
    const now = byHeader(await call(h.core, 'registers.get', { year: 2026, key: 'members', fullIds: false })).map((r) => r.姓名);
    expect(now).toContain('周正式');
    expect(now).toContain('韩明年');
    expect(now).toContain('曹离开'); // removed today, so a member for part of 2026
    expect(now).not.toContain('鲁旧党');
    expect(now).not.toContain('郑团员');
    expect(now).not.toContain('卫群众');
    const cao = byHeader(await call(h.core, 'registers.get', { year: 2026, key: 'members', fullIds: false })).find((r) => r.姓名 === '曹离开')!;
    expect(cao.备注).toMatch(/^2026年\d+月\d+日移出名册$/);
  });

  it('会议台账: every meeting of the year by type then 第N次, with 应到, 实到, 缺席 and 议题; deleted ones absent', async () => {
    const s = await seedBranch(h.core);
    const expected = await call(h.core, 'records.expected', { type: 'branch-assembly', groupId: null });
    const second = await createMeeting(h.core, { date: '2025-06-10', data: { topics: ['学习党章', '讨论发展党员'] } });
    await createMeeting(h.core, {
      date: '2025-03-05',
      data: { attendance: withAbsent(expected, { 周正式: '出差', 陈正式: '病假' }), topics: ['传达上级精神'] },
    });
    const deleted = await createMeeting(h.core, { date: '2025-04-01' });
    await call(h.core, 'records.remove', { id: deleted.id });
    await createMeeting(h.core, { date: '2024-12-30' });
    await createMeeting(h.core, { type: 'committee-meeting', date: '2025-02-01' });
    await call(h.core, 'records.create', await meetingInput(h.core, { type: 'group-meeting', date: '2025-05-01', data: { groupId: s.groups[1].id } }));
    await call(h.core, 'records.create', await meetingInput(h.core, { type: 'group-meeting', date: '2025-05-02', data: { groupId: s.groups[0].id } }));

    const reg = await get(h.core, 'meetings');
    expect(reg.columns.map((c) => c.header)).toEqual(['序号', '会议类型', '第N次', '日期', '主持人', '应到', '实到', '缺席人员及原因', '议题']);
    const rows = byHeader(reg);
    expect(rows.map((r) => [r.会议类型, r.第N次, r.日期])).toEqual([
      ['支部党员大会', '第1次', '2025年3月5日'],
      ['支部党员大会', '第2次', '2025年6月10日'],
      ['支部委员会', '第1次', '2025年2月1日'],
      ['党小组会（第一党小组）', '第1次', '2025年5月2日'],
      ['党小组会（第二党小组）', '第1次', '2025年5月1日'],
    ]);
    expect(rows[0]).toMatchObject({
      序号: '1',
      主持人: '王书记',
      应到: String(expected.length),
      实到: String(expected.length - 2),
      缺席人员及原因: '周正式（出差）、陈正式（病假）',
      议题: '传达上级精神',
    });
    expect(rows[1]).toMatchObject({ 应到: String(expected.length), 实到: String(expected.length), 缺席人员及原因: '', 议题: '1. 学习党章\n2. 讨论发展党员' });
    // The 支委会 expects the five 支委.
    expect(rows[2]).toMatchObject({ 应到: '5', 实到: '5' });
    // The 第N次 agrees with the record's own.
    expect((await call(h.core, 'records.get', { id: second.id })).seq).toBe(2);
  });

  it('职工基本情况 and 困难职工: the year’s forms, 身份证号 masked unless asked, sub-tables as lines', async () => {
    await seedBranch(h.core);
    await record(h.core, 'staff-profile', '2025-02-10', {
      name: '卫群众',
      gender: '女',
      birthDate: '1990-01-02',
      idNumber: STAFF_ID,
      politicalStatus: '群众',
      position: '司钻',
      family: [{ relation: '父亲', name: '卫大山', workplace: '某某公司', phone: '' }],
    });
    await record(h.core, 'staff-profile', '2025-01-05', { name: '郑团员', politicalStatus: '共青团员' });
    await record(h.core, 'staff-profile', '2024-06-01', { name: '去年表' });
    const gone = await record(h.core, 'staff-profile', '2025-03-01', { name: '已删除' });
    await call(h.core, 'records.remove', { id: gone.id });

    const staff = byHeader(await get(h.core, 'staff'));
    expect(staff.map((r) => r.姓名)).toEqual(['郑团员', '卫群众']);
    expect(staff[1]).toMatchObject({
      序号: '2',
      性别: '女',
      出生日期: '1990年1月2日',
      身份证号: `${STAFF_ID.slice(0, 6)}********${STAFF_ID.slice(-4)}`,
      政治面貌: '群众',
      '岗位/职务': '司钻',
      家庭成员: '父亲 卫大山 某某公司',
      填表日期: '2025年2月10日',
    });
    expect(byHeader(await get(h.core, 'staff', true))[1]!.身份证号).toBe(STAFF_ID);

    await record(h.core, 'hardship-profile', '2025-04-01', {
      name: '卫群众',
      category: '因病',
      cause: '家人重病',
      annualIncome: 36000,
      familySize: 4,
      visits: [
        { date: '2025-05-01', amount: 500, goods: '米面油', visitor: '王书记' },
        { date: '2025-09-30', amount: null, goods: '月饼', visitor: '李副书记' },
      ],
    });
    const hardship = byHeader(await get(h.core, 'hardship'));
    expect(hardship).toHaveLength(1);
    expect(hardship[0]).toMatchObject({
      姓名: '卫群众',
      困难类别: '因病',
      致困原因: '家人重病',
      家庭年收入: '36000.00元',
      家庭人口: '4人',
      慰问记录: '2025年5月1日 500.00元 米面油 王书记\n2025年9月30日 月饼 李副书记',
      建档日期: '2025年4月1日',
    });
  });

  it('谈心家访台账, 组织关系转接 and 问题整改台账 from their records (with the 组织生活会’s 整改清单)', async () => {
    await seedBranch(h.core);
    await record(h.core, 'talk', '2025-08-01', {
      location: '值班室',
      talker: '王书记',
      talkerTitle: '书记',
      subject: '周正式',
      method: '个别谈心',
      category: '岗位变动',
      theme: '新岗位适应',
      content: '了解新岗位的困难。',
    });
    await record(h.core, 'talk', '2026-01-10', { subject: '明年的谈话' });
    const talks = byHeader(await get(h.core, 'talks'));
    expect(talks).toEqual([
      expect.objectContaining({ 序号: '1', 谈话日期: '2025年8月1日', 地点: '值班室', 谈话人: '王书记（书记）', 谈话对象: '周正式', 方式: '个别谈心', 类别: '岗位变动', 主题: '新岗位适应', 主要内容: '了解新岗位的困难。' }),
    ]);

    await record(h.core, 'membership-transfer', '2025-05-01', { direction: '转出', name: '冯已调出', counterpart: '中共某某公司第二支部委员会', letterNo: '2025-07', validityDays: 30 });
    await record(h.core, 'membership-transfer', '2025-07-01', { direction: '转入', name: '新来的', counterpart: '中共某某大学委员会', receiptDate: '' });
    await record(h.core, 'membership-transfer', '2025-09-01', { direction: '转出', name: '已回执', counterpart: '中共某某局委员会', receiptDate: '2025-09-20' });
    await record(h.core, 'membership-transfer', '2024-05-01', { direction: '转出', name: '去年转出', counterpart: '中共某某局委员会' });
    const transfers = byHeader(await get(h.core, 'transfers'));
    expect(transfers.map((r) => [r.转接日期, r['转入/转出'], r.姓名, r.回执情况])).toEqual([
      ['2025年5月1日', '转出', '冯已调出', '逾期未退回（有效期至2025年5月31日）'],
      ['2025年7月1日', '转入', '新来的', ''],
      ['2025年9月1日', '转出', '已回执', '已退回'],
    ]);
    expect(transfers[0]).toMatchObject({ 对方党组织全称: '中共某某公司第二支部委员会', 介绍信编号: '2025-07', '有效期（天）': '30天' });

    await record(h.core, 'rectification-ledger', '2025-04-01', {
      source: '上级检查',
      issue: '三会一课记录不全',
      measures: '补齐记录',
      responsible: '钱宣传',
      deadline: '2025-05-01',
      status: '已销号',
      closedDate: '2025-05-10',
    });
    const gone = await record(h.core, 'rectification-ledger', '2025-04-02', { issue: '删掉的问题' });
    await call(h.core, 'records.remove', { id: gone.id });
    const olm = await meetingInput(h.core, { type: 'org-life-meeting', date: '2025-12-20' });
    olm.data.rectification = [{ issue: '理论学习不够深入', measures: '制定学习计划', responsible: '王书记', deadline: '2026-03-31', status: '整改中' }];
    await call(h.core, 'records.create', olm);
    const rect = byHeader(await get(h.core, 'rectification'));
    expect(rect.map((r) => [r.序号, r.登记日期, r.问题来源, r.问题, r.责任人, r.时限, r.整改状态, r.销号日期])).toEqual([
      ['1', '2025年4月1日', '上级检查', '三会一课记录不全', '钱宣传', '2025年5月1日', '已销号', '2025年5月10日'],
      ['2', '2025年12月20日', '组织生活会', '理论学习不够深入', '王书记', '2026年3月31日', '整改中', ''],
    ]);
  });

  it('党费收缴台账: the fixed amounts, 12 months of payments and the totals', async () => {
    const s = await seedBranch(h.core);
    await call(h.core, 'dues.setupYear', {
      year: Y,
      entries: [
        { personId: s.committee.王书记.id, category: '在职', base: 3000, amount: null },
        { personId: s.people.probationer1.id, category: '学生', base: 0, amount: null },
      ],
    });
    await call(h.core, 'dues.pay', { year: Y, personId: s.committee.王书记.id, months: [1, 2, 3], amount: 45, paidDate: '2025-03-28', collector: '赵组织' });
    await call(h.core, 'dues.pay', { year: Y, personId: s.people.probationer1.id, months: [12], amount: 0.2, paidDate: '2026-01-05', collector: '赵组织' });

    const reg = await get(h.core, 'dues');
    expect(reg.columns.map((c) => c.header)).toEqual([
      '序号', '姓名', '月工资收入（税后）', '交纳比例', '月应缴',
      '1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月',
      '全年应缴', '全年实缴', '备注',
    ]);
    const rows = byHeader(reg);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({
      序号: '1',
      姓名: '王书记',
      '月工资收入（税后）': '3000.00',
      交纳比例: '0.5%',
      月应缴: '15.00',
      '1月': '15.00\n3.28',
      '3月': '15.00\n3.28',
      '4月': '未交',
      全年应缴: '180.00',
      全年实缴: '45.00',
    });
    expect(rows[1]).toMatchObject({ 姓名: '吴预备', '月工资收入（税后）': '—', 交纳比例: '定额0.2元', '12月': '0.20\n2026.1.5', '11月': '未交' });
    expect(rows[1]!.备注).toContain('学生');
    expect(rows[2]).toMatchObject({ 序号: '合计', 月应缴: '15.20', '1月': '15.00', '12月': '0.20', 全年应缴: '182.40', 全年实缴: '45.20' });
  });

  it('发展党员进度: cases in progress during the year, as they stood at its end', async () => {
    const s = await seedBranch(h.core);
    const a = await call(h.core, 'development.open', { personId: s.people.masses.id });
    for (const st of [
      step(a.id, 1, '2024-03-01'),
      step(a.id, 2, '2024-03-20', { talkers: ['王书记'] }),
      step(a.id, 3, '2024-09-01', {}, { basis: '党员推荐' }),
      step(a.id, 5, '2024-09-05', { contacts: ['赵组织', '钱宣传'] }),
      step(a.id, 7, '2025-09-10', {}, { opinions: '' }),
      step(a.id, 9, '2025-09-12', { introducers: ['赵组织', '钱宣传'] }),
      step(a.id, 10, '2026-02-01', {}, { conclusion: '合格' }),
    ]) {
      await call(h.core, 'development.saveStep', st);
    }
    // Opened only in 2026: not in 2025's register.
    const b = await call(h.core, 'development.open', { personId: s.people.youth.id });
    await call(h.core, 'development.saveStep', step(b.id, 1, '2026-03-01'));

    const reg = await get(h.core, 'development');
    const rows = byHeader(reg);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      序号: '1',
      姓名: '卫群众',
      递交入党申请书: '2024年3月1日',
      确定为入党积极分子: '2024年9月1日',
      培养联系人: '赵组织、钱宣传',
      确定为发展对象: '2025年9月10日',
      入党介绍人: '赵组织、钱宣传',
      支部大会接收为预备党员: '',
      转为正式党员: '',
      // ⑩ (2026) is not counted: the stage is the one at the end of 2025.
      年末所处阶段: '发展对象',
      本年完成步骤: '⑦确定发展对象（9月10日）\n⑨确定入党介绍人（9月12日）',
    });
    // The rules set no date for ⑩; it follows the furthest step recorded (⑨).
    expect(rows[0]!.下一步).toBe('⑩进行政治审查');
    // 2026 sees both, with ⑩ done.
    const next = byHeader(await call(h.core, 'registers.get', { year: 2026, key: 'development', fullIds: false }));
    expect(next.map((r) => r.姓名)).toEqual(['卫群众', '郑团员']);
    expect(next[0]!.本年完成步骤).toBe('⑩进行政治审查（2月1日）');
  });

  it('refuses an unknown register or year at the boundary, and answers nothing before setup', async () => {
    expect(await callError(h.core, 'registers.get', { year: Y, key: 'members', fullIds: false })).toMatchObject({ code: 'CONFLICT' });
    await seedBranch(h.core);
    expect(await callError(h.core, 'registers.get', { year: Y, key: 'payroll', fullIds: false })).toMatchObject({ code: 'VALIDATION' });
    expect(await callError(h.core, 'registers.get', { year: 1800, key: 'members', fullIds: false })).toMatchObject({ code: 'VALIDATION' });
    expect(await callError(h.core, 'registers.exportXlsx', { year: Y })).toMatchObject({ code: 'VALIDATION' });
  });
});
