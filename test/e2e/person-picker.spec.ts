/**
 * Person fields that know the roster, as a secretary uses them with the
 * keyboard: “zs” in 谈话人 suggests 张三 (with his 职务 beside the name), ↓ and
 * Enter choose him without sending the form, and 谈话人职务 takes his 支委 seat
 * unless a 职务 was typed; a name nobody on the roster has is kept with a
 * warning, stored as typed, and listed under the 谈心谈话 matrix of 本年概览 with
 * a link to its record. Also several names (检查人员) chosen by pinyin.
 */
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { Branch } from '../../shared/methods/branch.js';
import type { Person } from '../../shared/methods/people.js';
import type { RecordDto, RecordSummary } from '../../shared/methods/records.js';
import { api, openType, pick, setUpBranch, suggestions, typeAndWait } from './helpers.js';
import { SHOTS as shots, useApp } from './host.js';

const app = useApp('person');
const YEAR = new Date().getFullYear();

test.use({ viewport: { width: 1366, height: 768 } });
// The second test works on the branch and roster the first one sets up.
test.describe.configure({ mode: 'serial' });
test.beforeAll(() => app.start());

async function seedRoster(page: Page) {
  const branch = (await setUpBranch(page)) as Branch;
  const group = branch.groups[0]!.id;
  const person = (name: string, position: string, politicalStatus = '中共党员') =>
    api(page, 'people.create', { name, gender: '男', birthDate: '', politicalStatus, groupId: group, position, phone: '' }) as Promise<Person>;
  const zhangSan = await person('张三', '副队长');
  await person('张伟', '司钻');
  await person('张伟', '井架工', '群众');
  await person('孙强', '机修工', '群众');
  // 张三 sits on the 支委 as 宣传委员: that seat, not his post, is his 职务 in the forms.
  await api(page, 'branch.update', {
    name: branch.name,
    parentOrg: branch.parentOrg,
    fondsNo: branch.fondsNo,
    groups: branch.groups.map((g) => ({ id: g.id, name: g.name })),
    committee: [...branch.committee.map((c) => ({ personId: c.personId, role: c.role })), { personId: zhangSan.id, role: '宣传委员' }],
  });
}

test('谈心谈话: 谈话人 chosen by initials with the keyboard fills 谈话人职务; an unknown 谈话对象 is kept, warned and listed in 本年概览', async ({ page }) => {
  await page.goto(app.url);
  await seedRoster(page);
  await page.reload();

  await openType(page, '党支部综合记录', '谈心谈话、家访');
  await page.getByRole('button', { name: '新建谈心谈话、家访记录' }).click();
  const heading = page.getByRole('heading', { name: '新建谈心谈话、家访记录' });
  await expect(heading).toBeVisible();
  await page.getByLabel('地点', { exact: true }).fill('队部谈心室');

  const talker = page.getByLabel('谈话人', { exact: true });
  const title = page.getByLabel('谈话人职务', { exact: true });

  // A 职务 the user typed is never replaced by the person chosen.
  await title.fill('工会主席');
  await typeAndWait(page, talker, 'zsj', '张书记');
  await talker.press('ArrowDown');
  await talker.press('Enter');
  await expect(talker).toHaveValue('张书记');
  await expect(title).toHaveValue('工会主席');

  // Emptied, it takes the 职务 of the next person chosen: “zs” suggests 张三 first, his 支委 seat beside him.
  await title.fill('');
  await typeAndWait(page, talker, 'zs', '张三');
  await expect((await suggestions(page, talker)).first()).toContainText('宣传委员 · 第一党小组');
  await page.screenshot({ path: path.join(shots, 'person-picker-suggest.png') });
  await talker.press('ArrowDown');
  await talker.press('Enter');
  await expect(talker).toHaveValue('张三');
  await expect(title).toHaveValue('宣传委员');
  // Enter chose; it did not send the form.
  await expect(heading).toBeVisible();
  expect((await api(page, 'records.list', { year: YEAR, type: 'talk', book: null })) as RecordSummary[]).toEqual([]);

  // Two 张伟 are told apart by their 职务.
  const subject = page.getByLabel('谈话对象', { exact: true });
  await typeAndWait(page, subject, 'zw', '张伟');
  await expect((await suggestions(page, subject))).toHaveText([/^张伟司钻 · 第一党小组$/, /^张伟井架工 · 第一党小组$/]);
  await page.screenshot({ path: path.join(shots, 'person-picker-namesakes.png') });

  // A name nobody on the roster has: allowed, with a warning once the field is left.
  await subject.press('ControlOrMeta+a');
  await subject.pressSequentially('王大锤');
  await subject.press('Tab');
  const warning = page.getByText('名册中没有“王大锤”，将按原文保存');
  await expect(warning).toBeVisible();

  await pick(page, '方式', '个别谈心');
  await pick(page, '类别', '日常谈心');
  await page.getByLabel('主题', { exact: true }).fill('了解思想动态');
  await page.getByLabel('主要内容', { exact: true }).fill('谈到近期工作安排与家庭情况。');
  await subject.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(shots, 'person-picker-warning.png') });

  await page.getByRole('button', { name: '保存' }).first().click();
  await expect(page.getByRole('article', { name: '打印页' })).toBeVisible();
  const id = Number(/#\/records\/(\d+)/.exec(page.url())![1]);
  const stored = (await api(page, 'records.get', { id })) as RecordDto;
  expect(stored).toMatchObject({ type: 'talk', status: 'final', data: { talker: '张三', talkerTitle: '宣传委员', subject: '王大锤' } });

  // 本年概览: the 谈心谈话 card lists the unknown name with a link to its record.
  await page.getByRole('menuitem', { name: '本年概览' }).click();
  const unmatched = page.getByRole('region', { name: '名册中没有的姓名' });
  await expect(unmatched).toContainText('本年谈心谈话中有1处姓名在人员名册中没有');
  await expect(unmatched.getByRole('listitem')).toHaveText([`${stored.date} 谈心谈话谈话对象“王大锤”`]);
  await unmatched.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(shots, 'person-picker-year.png') });
  await unmatched.getByRole('link', { name: `${stored.date} 谈心谈话` }).click();
  await expect(page).toHaveURL(new RegExp(`#/records/${id}$`));
});

test('监督检查: several 检查人员 chosen by pinyin, an unknown one kept as a warning tag', async ({ page }) => {
  await page.goto(app.url);
  await openType(page, '纪检监察综合治理记录', '监督检查');
  await page.getByRole('button', { name: '新建监督检查记录' }).click();
  const inspectors = page.getByLabel('检查人员', { exact: true });
  await inspectors.pressSequentially('sq');
  // the text as typed comes first in a tag list (Enter would keep it): ↓ to the person
  await expect(await suggestions(page, inspectors)).toHaveText(['sq', /^孙强机修工/]);
  await inspectors.press('ArrowDown');
  await inspectors.press('Enter');
  await inspectors.pressSequentially('lzz');
  await expect((await suggestions(page, inspectors)).nth(1)).toContainText('李组织');
  await inspectors.press('ArrowDown');
  await inspectors.press('Enter');
  await inspectors.pressSequentially('外单位刘某');
  await inspectors.press('Enter');
  await expect(page.getByText('名册中没有“外单位刘某”，将按原文保存')).toBeVisible();
  await page.getByLabel('检查事项', { exact: true }).fill('安全生产责任制落实');
  await page.getByLabel('检查对象', { exact: true }).fill('钻井一班');
  await expect(inspectors).toHaveAttribute('aria-expanded', 'false');
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  await page.screenshot({ path: path.join(shots, 'person-picker-people.png') });
  await page.getByRole('button', { name: '保存' }).first().click();
  await expect(page.getByRole('article', { name: '打印页' })).toBeVisible();
  const id = Number(/#\/records\/(\d+)/.exec(page.url())![1]);
  expect(((await api(page, 'records.get', { id })) as RecordDto).data.inspectors).toEqual(['孙强', '李组织', '外单位刘某']);
});
