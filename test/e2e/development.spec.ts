/**
 * 发展党员 through the UI: open a case for someone on the roster, record 申请 and
 * 谈话 more than a month apart and see the rule's warning, move them on to
 * 积极分子 and 发展对象 (too early: the 1-year warning), attach a scan of the
 * 入党申请书 to ①, watch the card move on
 * the board, and record a 转出 whose 回执 is overdue and see it flagged.
 */
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { encodePng } from '../../electron/core/demo/files.js';
import { SHOTS as shots, useApp } from './host.js';

const app = useApp('dev');
import { api, fillDate, pick, setUpBranch } from './helpers.js';


test.beforeAll(() => app.start());

const person = (name: string, politicalStatus: string, birthDate = '') => ({ name, gender: '男', birthDate, politicalStatus, groupId: null, position: '钻井工', phone: '' });

/** Record one step of the open case: its date, and whatever else `fill` types. */
async function recordStep(drawer: Locator, page: Page, label: string, dateLabel: string, date: string, fill?: () => Promise<void>) {
  await drawer.getByRole('button', { name: `登记${label}` }).click();
  await fillDate(page, dateLabel, date);
  await fill?.();
  await drawer.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByText(`${label}已保存`)).toBeVisible();
  const n = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕'.indexOf(label[0]!) + 1;
  await expect(drawer.locator(`[data-step="${n}"]`).getByText(date, { exact: true })).toBeVisible();
}

const column = (page: Page, name: string) => page.getByRole('region', { name });

/** Let the toasts fade before a screenshot. */
async function quiet(page: Page) {
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 15_000 });
  await page.evaluate('window.scrollTo(0, 0)');
}

async function closeDrawer(page: Page) {
  await page.locator('.ant-drawer-close').click();
  await expect(page.locator('.ant-drawer-content')).toHaveCount(0);
}

test('a candidate from 申请 to 发展对象, and an overdue 回执', async ({ page }) => {
  await page.goto(app.url);
  await setUpBranch(page);
  await api(page, 'people.create', person('王申请', '群众', '1996-05-01'));
  await api(page, 'people.create', person('赵青年', '共青团员', '2001-09-30'));
  await page.reload();

  // The board, empty
  await page.getByRole('menuitem', { name: '发展党员' }).click();
  await expect(page.getByRole('heading', { name: '发展党员' })).toBeVisible();
  for (const c of ['申请入党', '入党积极分子', '发展对象', '预备党员', '转正完成']) await expect(column(page, c)).toBeVisible();

  // 新建发展对象: pick a person from the roster
  await page.getByRole('button', { name: '新建发展对象' }).click();
  await pick(page, '选择人员', '王申请（群众）');
  await page.getByRole('button', { name: '建立' }).click();
  const drawer = page.getByRole('dialog', { name: '王申请 · 发展党员记录' });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByText('下一步：①递交入党申请书')).toBeVisible();

  // ① and ② more than a month apart: the 1-month rule, cited, does not block saving
  await recordStep(drawer, page, '①递交入党申请书', '递交日期', '2024-01-10');

  // a scan of the 入党申请书 on ①, listed with its thumbnail
  const scan = encodePng(60, 80, Uint8Array.from({ length: 60 * 80 * 3 }, (_, i) => [250, 240 - (i % 90), 230][i % 3]!));
  await drawer.getByLabel('①附件').setInputFiles({ name: '入党申请书.png', mimeType: 'image/png', buffer: scan });
  await expect(page.getByText('已添加 入党申请书.png')).toBeVisible();
  const files = drawer.locator('[data-step="1"]').getByTestId('step-file');
  await expect(files).toHaveCount(1);
  await expect(files).toContainText('入党申请书.png');
  await expect(files.getByRole('img', { name: '入党申请书.png' })).toBeVisible();
  await expect(files.getByRole('button', { name: '下载入党申请书.png' })).toBeVisible();

  await recordStep(drawer, page, '②党组织派人谈话', '谈话日期', '2024-03-20', async () => {
    await drawer.getByLabel('谈话人').fill('张书记');
    await drawer.getByLabel('谈话人').press('Enter');
  });
  const talk = drawer.getByRole('alert').filter({ hasText: '《中国共产党发展党员工作细则》：党组织收到入党申请书后，应当在1个月内派人同入党申请人谈话' });
  await expect(talk).toBeVisible();
  await expect(talk).toContainText('谈话在2024年3月20日，晚于2024年2月10日');
  await expect(drawer.locator('[data-step="2"]')).toContainText('谈话人：张书记');

  // Close: the card sits under 申请入党 with its warning badge
  await closeDrawer(page);
  await expect(column(page, '申请入党').getByRole('button', { name: '王申请' })).toBeVisible();
  await expect(column(page, '申请入党').getByRole('button', { name: '王申请' })).toContainText('下一步：③确定入党积极分子');

  // ③ 积极分子: the card moves
  await column(page, '申请入党').getByRole('button', { name: '王申请' }).click();
  await expect(drawer).toBeVisible();
  await recordStep(drawer, page, '③确定入党积极分子', '确定日期', '2024-04-01', () => pick(page, '产生方式', '党员推荐'));
  await recordStep(drawer, page, '⑤指定培养联系人', '指定日期', '2024-04-05', async () => {
    await drawer.getByLabel('培养联系人').fill('李组织');
    await drawer.getByLabel('培养联系人').press('Enter');
  });
  await closeDrawer(page);
  await expect(column(page, '入党积极分子').getByRole('button', { name: '王申请' })).toBeVisible();
  await expect(column(page, '申请入党').getByRole('button', { name: '王申请' })).toHaveCount(0);

  // ⑦ 发展对象 after half a year: the ≥1 year rule
  await column(page, '入党积极分子').getByRole('button', { name: '王申请' }).click();
  await recordStep(drawer, page, '⑦确定发展对象', '确定日期', '2024-10-08');
  const year = drawer.getByRole('alert').filter({ hasText: '入党积极分子经过1年以上培养教育和考察，方可确定为发展对象' });
  await expect(year).toBeVisible();
  await expect(year).toContainText('2025年4月1日起满1年');
  await expect(drawer.getByRole('alert').filter({ hasText: '⑦确定发展对象应在④报上级党委备案、⑥培养教育考察之后' })).toBeVisible();
  await quiet(page);
  await page.locator('.ant-drawer-body').evaluate((el) => el.scrollTo(0, 0));
  await page.screenshot({ path: path.join(shots, 'development-case.png') });

  // a 考察 in the list
  await drawer.getByLabel('内容').fill('学习认真，主动承担急难险重任务。');
  await drawer.getByRole('button', { name: '添加', exact: true }).click();
  await expect(drawer.getByRole('cell', { name: '学习认真，主动承担急难险重任务。' })).toBeVisible();

  await closeDrawer(page);
  const card = column(page, '发展对象').getByRole('button', { name: '王申请' });
  await expect(card).toBeVisible();
  await expect(card).toContainText('⑦确定发展对象 · 2024-10-08');
  await expect(column(page, '入党积极分子').getByRole('button', { name: '王申请' })).toHaveCount(0);

  // a second candidate, just applied
  await page.getByRole('button', { name: '新建发展对象' }).click();
  await pick(page, '选择人员', '赵青年（共青团员）');
  await page.getByRole('button', { name: '建立' }).click();
  const second = page.getByRole('dialog', { name: '赵青年 · 发展党员记录' });
  await recordStep(second, page, '①递交入党申请书', '递交日期', '2026-01-05');
  await closeDrawer(page);
  await expect(column(page, '申请入党').getByRole('button', { name: '赵青年' })).toBeVisible();
  await quiet(page);
  await page.screenshot({ path: path.join(shots, 'development-board.png') });

  // 组织关系转接: a 转出 of 2024 whose 回执 never came back
  await page.getByRole('tab', { name: '组织关系转接' }).click();
  await expect(page.getByText('还没有组织关系转接记录')).toBeVisible();
  await page.getByRole('button', { name: '登记组织关系转接' }).click();
  await expect(page.getByRole('heading', { name: '新建党员组织关系转接登记' })).toBeVisible();
  await fillDate(page, '转接日期', '2024-06-03');
  await pick(page, '转入/转出', '转出');
  await page.getByLabel('姓名', { exact: true }).fill('孙调出');
  await page.getByLabel('对方党组织全称', { exact: true }).fill('中共测试钻探公司第二钻井队党支部');
  await page.getByLabel('介绍信编号', { exact: true }).fill('（2024）第7号');
  await page.getByLabel('有效期（天）', { exact: true }).fill('30');
  await page.getByRole('button', { name: '保存' }).first().click();
  await expect(page.getByRole('article', { name: '打印页' })).toBeVisible();
  await expect(page.getByRole('article', { name: '打印页' })).toContainText('党员组织关系转接登记');

  await page.getByRole('menuitem', { name: '发展党员' }).click();
  await page.getByRole('tab', { name: '组织关系转接' }).click();
  const row = page.getByRole('row').filter({ hasText: '孙调出' });
  await expect(row.getByText('回执逾期')).toBeVisible();
  await expect(row).toContainText('有效期至2024-07-03');
  await expect(page.getByRole('alert').filter({ hasText: '有1份转出介绍信的回执逾期未退回：孙调出' })).toBeVisible();
  await quiet(page);
  await page.screenshot({ path: path.join(shots, 'development-transfers.png') });

  // the row links to its record
  await row.click();
  await expect(page.getByRole('article', { name: '打印页' })).toContainText('孙调出');
});
