/**
 * A secretary's evening at the laptop, without a single reload: ten people
 * added and edited in mixed order (dates and times typed as people write them, one edit
 * cancelled, one person questioned for a 6-digit phone and an age of 11), a
 * 支部委员会 recorded (Enter in a date does not save it, a missing field is
 * marked and unmarked as it is filled, a 600-character 议题 is counted instead
 * of cut, a meeting dated next year is questioned, Ctrl+S saves and stays,
 * the menu and Back ask before leaving a changed form, Ctrl+P prints the
 * record), a 谈心谈话 with 谈话人 chosen by pinyin, and a 问题整改台账 item whose
 * save shows one message only. Every step is checked against what is stored.
 * The same evening runs at 1366×768 and at 1024×768, with screenshots.
 */
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { Person } from '../../shared/methods/people.js';
import type { RecordDto, RecordSummary } from '../../shared/methods/records.js';
import { answerUnsaved, api, choose, formItem, openType, pick, setUpBranch, shown, typeAndWait } from './helpers.js';
import { SHOTS as shots, useApp } from './host.js';

const YEAR = new Date().getFullYear();
const TODAY = new Date().toISOString().slice(0, 10);

interface Newcomer {
  name: string;
  gender: '男' | '女';
  /** as typed, and as stored */
  birth: [string, string];
  status: '中共党员' | '群众' | '共青团员';
  join?: [string, string];
  phone: string;
}

const TEN: Newcomer[] = [
  { name: '陈静', gender: '女', birth: ['1990.1.2', '1990-01-02'], status: '群众', phone: '13900000001' },
  { name: '冯磊', gender: '男', birth: ['19850304', '1985-03-04'], status: '中共党员', join: ['2010年6月1日', '2010-06-01'], phone: '13800000002' },
  { name: '王芳', gender: '女', birth: ['1979年11月30日', '1979-11-30'], status: '中共党员', join: ['2001/7/1', '2001-07-01'], phone: '0546-8501234' },
  { name: '赵强', gender: '男', birth: ['1995-5-5', '1995-05-05'], status: '共青团员', phone: '13700000003' },
  { name: '孙丽', gender: '女', birth: ['１９８８．８．８', '1988-08-08'], status: '中共党员', join: ['2012.7.1', '2012-07-01'], phone: '13600000004' },
  { name: '周明', gender: '男', birth: ['1970.2.14', '1970-02-14'], status: '中共党员', join: ['19950630', '1995-06-30'], phone: '13500000005' },
  { name: '吴刚', gender: '男', birth: ['1982.12.1', '1982-12-01'], status: '群众', phone: '13400000006' },
  { name: '郑红', gender: '女', birth: ['1993.3.3', '1993-03-03'], status: '共青团员', phone: '13300000007' },
  { name: '钱进', gender: '男', birth: ['1987.9.9', '1987-09-09'], status: '中共党员', join: ['2015.6.30', '2015-06-30'], phone: '13200000008' },
  { name: '刘洋', gender: '男', birth: ['1991.4.4', '1991-04-04'], status: '群众', phone: '13100000009' },
];

const people = async (page: Page) => (await api(page, 'people.list', {})) as Person[];
const person = async (page: Page, name: string) => (await people(page)).find((p) => p.name === name);

async function evening(page: Page, url: string, size: string) {
  const shot = (name: string, fullPage = false) => page.screenshot({ path: path.join(shots, `evening-${size}-${name}.png`), fullPage });
  await page.goto(url);
  await setUpBranch(page);
  await page.reload();
  const messages: string[] = [];
  page.on('console', (m) => m.type() === 'error' && messages.push(m.text()));

  // ---------- 人员名册: ten people, added and edited in mixed order ----------
  await page.getByRole('menuitem', { name: '人员名册' }).click();
  await expect(page.getByRole('heading', { name: '人员名册' })).toBeVisible();
  const dialog = page.getByRole('dialog').filter({ has: page.getByLabel('姓名') });
  const row = (name: string) => page.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
  const add = async (p: Newcomer) => {
    await page.getByRole('button', { name: '添加人员' }).click();
    await expect(dialog.getByLabel('姓名')).toHaveValue('');
    await expect(dialog.getByLabel('电话')).toHaveValue('');
    await dialog.getByLabel('姓名').fill(p.name);
    await choose(page, dialog.getByLabel('性别'), p.gender);
    await choose(page, dialog.getByLabel('政治面貌'), p.status);
    await dialog.getByLabel('出生日期').fill(p.birth[0]);
    await dialog.getByLabel('出生日期').press('Enter');
    await expect(dialog.getByLabel('出生日期')).toHaveValue(p.birth[1]);
    if (p.join) {
      await dialog.getByLabel('入党日期').fill(p.join[0]);
      await dialog.getByLabel('入党日期').press('Tab');
      await expect(dialog.getByLabel('入党日期')).toHaveValue(p.join[1]);
    }
    await dialog.getByLabel('电话').fill(p.phone);
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
    expect(await person(page, p.name), p.name).toMatchObject({ gender: p.gender, birthDate: p.birth[1], politicalStatus: p.status, joinDate: p.join?.[1] ?? '', phone: p.phone });
  };
  const edit = async (name: string, change: (d: typeof dialog) => Promise<void>, expected: { [K in keyof Person]?: unknown }) => {
    const before = await person(page, name);
    await row(name).getByRole('button', { name: '编辑' }).click();
    await expect(dialog.getByText(`编辑人员：${name}`)).toBeVisible();
    // the form holds this person's data, not the last one opened
    expect(await shown(dialog, '姓名')).toBe(name);
    expect(await shown(dialog, '出生日期')).toBe(before!.birthDate);
    expect(await shown(dialog, '电话')).toBe(before!.phone);
    expect(await shown(dialog, '政治面貌')).toBe(before!.politicalStatus);
    await change(dialog);
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
    expect(await person(page, name)).toMatchObject({ ...before, ...expected });
  };

  await add(TEN[0]!);
  await add(TEN[1]!);
  await edit('陈静', (d) => d.getByLabel('岗位/职务').fill('出纳'), { position: '出纳' });
  await add(TEN[2]!);
  await add(TEN[3]!);
  await edit('冯磊', (d) => d.getByLabel('电话').fill('13800009999'), { phone: '13800009999' });
  await add(TEN[4]!);
  // An edit begun and given up: nothing of it is stored.
  const wangBefore = await person(page, '王芳');
  await row('王芳').getByRole('button', { name: '编辑' }).click();
  await dialog.getByLabel('岗位/职务').fill('不该保存的岗位');
  await dialog.getByLabel('岗位/职务').press('Escape');
  await answerUnsaved(page, '放弃修改');
  await expect(dialog).toBeHidden();
  expect(await person(page, '王芳')).toEqual(wangBefore);
  await add(TEN[5]!);
  await edit('赵强', (d) => d.getByLabel('出生日期').fill('1996年5月6日').then(() => d.getByLabel('出生日期').press('Tab')), { birthDate: '1996-05-06' });
  await add(TEN[6]!);
  await add(TEN[7]!);
  await edit('孙丽', (d) => choose(page, d.getByLabel('党小组'), '第一党小组'), { groupName: '第一党小组', groupId: expect.any(Number) });
  await add(TEN[8]!);

  // The tenth is questioned, not refused: a 6-digit phone, an age of 11, a 中共党员 without 入党日期.
  await page.getByRole('button', { name: '添加人员' }).click();
  await dialog.getByLabel('姓名').fill(TEN[9]!.name);
  await choose(page, dialog.getByLabel('政治面貌'), '中共党员');
  await dialog.getByLabel('出生日期').fill(`${YEAR - 11}.1.1`);
  await dialog.getByLabel('出生日期').press('Tab');
  await dialog.getByLabel('电话').fill('123456');
  await dialog.getByLabel('电话').press('Tab');
  await expect(formItem(dialog, '电话')).toContainText('手机号应为11位（现为6位），请核对');
  await expect(formItem(dialog, '出生日期')).toContainText(/此人现年1[01]岁，不满16周岁/);
  await expect(formItem(dialog, '入党日期')).toContainText('中共党员应填写入党日期');
  await dialog.getByLabel('电话').scrollIntoViewIfNeeded();
  await shot('1-person-warnings');
  // corrected as the secretary checks them
  await dialog.getByLabel('出生日期').fill(TEN[9]!.birth[0]);
  await dialog.getByLabel('出生日期').press('Tab');
  await expect(formItem(dialog, '出生日期')).not.toContainText('请核对');
  await choose(page, dialog.getByLabel('政治面貌'), TEN[9]!.status);
  await expect(formItem(dialog, '入党日期')).not.toContainText('应填写入党日期');
  await dialog.getByLabel('电话').fill(TEN[9]!.phone);
  await expect(formItem(dialog, '电话')).not.toContainText('请核对');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  expect(await person(page, '刘洋')).toMatchObject({ birthDate: '1991-04-04', phone: TEN[9]!.phone, politicalStatus: '群众' });
  expect((await people(page)).length).toBe(12);
  await shot('2-roster');

  // ---------- a 支部委员会 ----------
  await openType(page, '党支部综合记录', '支部委员会');
  await page.getByRole('button', { name: '新建支部委员会记录' }).click();
  const heading = page.getByRole('heading', { name: '新建支部委员会记录' });
  await expect(heading).toBeVisible();
  // the page opens at its top, the header in place
  await expect(page.getByLabel('搜索', { exact: true })).toBeInViewport();
  const date = page.getByLabel('会议日期');
  await date.fill(`${YEAR + 1}.1.8`);
  await date.press('Enter');
  // Enter confirmed the date; it did not save the meeting
  await expect(date).toHaveValue(`${YEAR + 1}-01-08`);
  await expect(heading).toBeVisible();
  expect((await api(page, 'records.list', { year: YEAR + 1, type: 'committee-meeting', book: null })) as RecordSummary[]).toEqual([]);
  await expect(formItem(page, '会议日期')).toContainText('会议日期在今天之后：定稿记录的是已开展的活动');
  await date.fill(`${YEAR}.${Number(TODAY.slice(5, 7))}.${Number(TODAY.slice(8))}`);
  await date.press('Tab');
  await expect(date).toHaveValue(TODAY);
  await expect(formItem(page, '会议日期')).not.toContainText('今天之后');
  // times as people write them
  await page.getByLabel('开始时间').fill('14点半');
  await page.getByLabel('开始时间').press('Tab');
  await expect(page.getByLabel('开始时间')).toHaveValue('14:30');
  await page.getByLabel('结束时间').fill('1610');
  await page.getByLabel('结束时间').press('Tab');
  await expect(page.getByLabel('结束时间')).toHaveValue('16:10');

  // a save with 地点 and 记录人 missing: marked at the fields, in words
  await page.getByRole('button', { name: '保存' }).first().click();
  await expect(formItem(page, '地点')).toContainText('请填写地点');
  await expect(formItem(page, '记录人')).toContainText('请填写记录人');
  await expect(page.locator('.ant-message')).toContainText('输入有误：请填写地点');
  await expect(page.locator('.ant-message')).not.toContainText('data.');
  await page.getByLabel('地点', { exact: true }).fill('井场会议室');
  // the message goes as soon as the field is right
  await expect(formItem(page, '地点')).not.toContainText('请填写地点');
  await expect(formItem(page, '记录人')).toContainText('请填写记录人');
  const recorder = page.getByLabel('记录人', { exact: true });
  await typeAndWait(page, recorder, 'lzz', '李组织');
  await recorder.press('ArrowDown');
  await recorder.press('Enter');
  await expect(recorder).toHaveValue('李组织');
  await expect(formItem(page, '记录人')).not.toContainText('请填写记录人');
  // a long 议题 is counted, never cut
  const topic = page.getByLabel('议题1');
  const long = '研究'.repeat(300);
  await topic.fill(long);
  await expect(topic).toHaveValue(long);
  await expect(formItem(page, '议题').locator('.ant-input-show-count-suffix, .ant-input-data-count').first()).toContainText('600 / 200');
  await expect(formItem(page, '议题')).toContainText('每项议题不超过200个字');
  await topic.scrollIntoViewIfNeeded();
  await shot('3-meeting-limits');
  await topic.fill('研究冬季井控安全工作');
  await expect(formItem(page, '议题')).not.toContainText('不超过200个字');
  // a member added to 应到 (列席 the 支委会), absent: the reason is asked for at the row
  await choose(page, page.getByLabel('添加应到人员'), '冯磊（中共党员）');
  await page.getByLabel('冯磊出席').uncheck();
  await expect(page.getByText('请填写冯磊的缺席原因')).toBeVisible();
  await page.getByLabel('冯磊缺席原因').fill('倒休');
  await expect(page.getByText('请填写冯磊的缺席原因')).toBeHidden();

  // Ctrl+S saves and stays in the form
  await page.keyboard.press('Control+s');
  await expect(page).toHaveURL(/#\/records\/\d+\/edit$/);
  await expect(page.getByRole('heading', { name: '编辑支部委员会记录' })).toBeVisible();
  const meetingId = Number(/#\/records\/(\d+)\/edit/.exec(page.url())![1]);
  const saved = (await api(page, 'records.get', { id: meetingId })) as RecordDto;
  expect(saved).toMatchObject({ type: 'committee-meeting', status: 'final', date: TODAY, data: { startTime: '14:30', endTime: '16:10', location: '井场会议室', recorder: '李组织', topics: ['研究冬季井控安全工作'] } });
  expect((saved.data.attendance as { name: string; present: boolean; absenceReason: string }[]).find((a) => a.name === '冯磊')).toMatchObject({ present: false, absenceReason: '倒休' });
  await shot('4-meeting-saved', true);

  // changed, then the menu: asked; 继续编辑 keeps the change on screen
  await expect(page.getByLabel('地点', { exact: true })).toHaveValue('井场会议室');
  await page.getByLabel('地点', { exact: true }).fill('队部二楼会议室');
  await page.getByRole('menuitem', { name: '本年概览' }).click();
  await answerUnsaved(page, '继续编辑');
  await expect(page.getByLabel('地点', { exact: true })).toHaveValue('队部二楼会议室');
  await expect(page).toHaveURL(new RegExp(`#/records/${meetingId}/edit$`));
  // a reload is refused while it is changed
  const asked: string[] = [];
  page.once('dialog', (d) => {
    asked.push(d.type());
    void d.dismiss();
  });
  // the refused reload never finishes: Playwright waits for it in vain
  await page.reload({ timeout: 3000 }).catch(() => undefined);
  expect(asked).toEqual(['beforeunload']);
  await expect(page.getByLabel('地点', { exact: true })).toHaveValue('队部二楼会议室');
  // Back: asked; 保存 saves, then goes back
  await page.goBack();
  await answerUnsaved(page, '保存');
  await expect.poll(async () => ((await api(page, 'records.get', { id: meetingId })) as RecordDto).data.location).toBe('队部二楼会议室');
  await expect(page.getByLabel('地点', { exact: true })).toBeHidden();

  // the record's view: Ctrl+P opens its A4 print page, not the app
  await page.goto(`${url.split('#')[0]}#/records/${meetingId}`);
  await expect(page.getByRole('button', { name: '打印预览' })).toBeVisible();
  await page.keyboard.press('Control+p');
  await expect(page).toHaveURL(new RegExp(`#/print/${meetingId}$`));
  await expect(page.getByRole('heading', { name: /打印预览/ })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '人员名册' })).toBeHidden();
  await shot('5-print');
  await page.getByRole('button', { name: '返回' }).click();

  // ---------- a 谈心谈话 ----------
  await openType(page, '党支部综合记录', '谈心谈话、家访');
  await page.getByRole('button', { name: '新建谈心谈话、家访记录' }).click();
  await page.getByLabel('谈话日期').fill(`${YEAR}年${Number(TODAY.slice(5, 7))}月${Number(TODAY.slice(8))}日`);
  await page.getByLabel('谈话日期').press('Tab');
  await page.getByLabel('地点', { exact: true }).fill('队部谈心室');
  const talker = page.getByLabel('谈话人', { exact: true });
  await typeAndWait(page, talker, 'zsj', '张书记');
  await talker.press('ArrowDown');
  await talker.press('Enter');
  await expect(page.getByLabel('谈话人职务', { exact: true })).toHaveValue('书记');
  const subject = page.getByLabel('谈话对象', { exact: true });
  await typeAndWait(page, subject, 'fl', '冯磊');
  await subject.press('ArrowDown');
  await subject.press('Enter');
  await pick(page, '方式', '个别谈心');
  await pick(page, '类别', '岗位变动');
  await page.getByLabel('主题', { exact: true }).fill('岗位调整后的思想状况');
  await page.getByLabel('主要内容', { exact: true }).fill('谈到新岗位的安全要求和家庭情况。');
  await shot('6-talk');
  await page.getByRole('button', { name: '保存' }).first().click();
  await expect(page.getByRole('button', { name: '打印预览' })).toBeVisible();
  const talkId = Number(/#\/records\/(\d+)$/.exec(page.url())![1]);
  expect((await api(page, 'records.get', { id: talkId })) as RecordDto).toMatchObject({ date: TODAY, data: { talker: '张书记', talkerTitle: '书记', subject: '冯磊', method: '个别谈心' } });

  // ---------- a 问题整改台账 item: one message, the right one ----------
  await openType(page, '纪检监察综合治理记录', '问题整改台账');
  await page.getByRole('button', { name: '新建问题整改台账' }).click();
  await pick(page, '问题来源', '自查自纠');
  await page.getByLabel('问题', { exact: true }).fill('班前会记录不完整');
  await page.getByLabel('整改措施', { exact: true }).fill('每班指定记录人，当班填写。');
  const responsible = page.getByLabel('责任人', { exact: true });
  await typeAndWait(page, responsible, 'zm', '周明');
  await responsible.press('ArrowDown');
  await responsible.press('Enter');
  await page.getByLabel('时限', { exact: true }).fill(`${YEAR + 1}.1.31`);
  await page.getByLabel('时限', { exact: true }).press('Tab');
  await expect(page.getByLabel('时限', { exact: true })).toHaveValue(`${YEAR + 1}-01-31`);
  // the first save lacks 整改状态 (the only field labelled so: the record's own is 记录状态)
  await expect(formItem(page, '整改状态')).toHaveCount(1);
  await expect(formItem(page, '记录状态')).toHaveCount(1);
  await page.getByRole('button', { name: '保存' }).first().click();
  await expect(page.locator('.ant-message-notice')).toHaveText(['输入有误：请选择整改状态']);
  await pick(page, '整改状态', '整改中');
  await page.getByRole('button', { name: '保存' }).first().click();
  await expect(page.getByRole('button', { name: '打印预览' })).toBeVisible();
  // the success replaced the failure: never both at once
  await expect(page.locator('.ant-message-notice')).toHaveText(['记录已保存']);
  const rectId = Number(/#\/records\/(\d+)$/.exec(page.url())![1]);
  expect((await api(page, 'records.get', { id: rectId })) as RecordDto).toMatchObject({ type: 'rectification-ledger', data: { responsible: '周明', deadline: `${YEAR + 1}-01-31`, status: '整改中' } });
  await shot('7-rectification');

  // a 草稿 may keep its empty 议题 row
  await openType(page, '党支部综合记录', '支部委员会');
  await page.getByRole('button', { name: '新建支部委员会记录' }).click();
  await page.locator('.ant-radio-button-wrapper').filter({ hasText: /^草稿$/ }).click();
  await page.getByRole('button', { name: '保存' }).first().click();
  await expect(page.locator('.ant-message-notice')).toHaveText(['草稿已保存']);
  const draftId = Number(/#\/records\/(\d+)$/.exec(page.url())![1]);
  expect(((await api(page, 'records.get', { id: draftId })) as RecordDto).data.topics).toEqual(['']);

  // the whole evening, and still the ten (and the two 支委) exactly once each
  expect((await people(page)).map((p) => p.name).sort()).toEqual(['张书记', '李组织', ...TEN.map((p) => p.name)].sort());
  expect(messages.filter((m) => !/favicon/.test(m))).toEqual([]);
}

for (const [width, height] of [
  [1366, 768],
  [1024, 768],
] as const) {
  test.describe(`at ${width}×${height}`, () => {
    const app = useApp(`evening-${width}`);
    test.use({ viewport: { width, height } });
    test(`an evening's entry without reloads, every step stored as typed (${width}×${height})`, async ({ page }) => {
      test.setTimeout(240_000);
      await app.start();
      await evening(page, app.url, `${width}`);
    });
  });
}
