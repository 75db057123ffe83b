/**
 * A new secretary's first session, through the web host: set up the branch, add six
 * people, record a 支部党员大会 with one absentee and one motion, find it in the list,
 * print-preview it, export it to Word, restart the app and find it again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { readDocx, wordText } from '../fixtures/docx.js';
import { pick, setUpThroughForm } from './helpers.js';
import { SHOTS as shots, useApp } from './host.js';

const app = useApp('meeting');

async function addPerson(page: Page, p: { name: string; gender: string; status: string; group?: string; position: string }) {
  await page.getByRole('button', { name: '添加人员' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('姓名').fill(p.name);
  if (p.gender !== '男') await pick(page, '性别', p.gender);
  if (p.status !== '中共党员') await pick(page, '政治面貌', p.status);
  if (p.group) await pick(page, '党小组', p.group);
  await dialog.getByLabel('岗位/职务').fill(p.position);
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('cell', { name: p.name, exact: true })).toBeVisible();
}

test('first session: set up, record a 支部党员大会, print, export, restart', async ({ page }) => {
  await app.start();
  await page.goto(app.url);

  // First-run setup
  await setUpThroughForm(page);

  // Roster: six people
  const people = [
    { name: '王大力', gender: '男', status: '中共党员', group: '第一党小组', position: '司钻' },
    { name: '赵红梅', gender: '女', status: '中共党员', group: '第一党小组', position: '地质员' },
    { name: '钱进', gender: '男', status: '中共党员', group: '第一党小组', position: '副司钻' },
    { name: '孙立新', gender: '男', status: '中共党员', position: '机械师' },
    { name: '周预备', gender: '女', status: '中共预备党员', group: '第一党小组', position: '泥浆工' },
    { name: '吴青年', gender: '男', status: '共青团员', position: '场地工' },
  ];
  for (const p of people) await addPerson(page, p);
  await expect(page.getByText('共 8 人')).toBeVisible();

  // A 支部党员大会
  await page.getByRole('menuitem', { name: /^支部党员大会/ }).click();
  await page.getByRole('button', { name: '新建支部党员大会记录' }).click();
  await expect(page.getByRole('heading', { name: '新建支部党员大会记录' })).toBeVisible();
  const year = new Date().getFullYear();
  await page.getByLabel('会议日期').fill(`${year}-03-15`);
  await page.getByLabel('会议日期').press('Enter');
  await page.getByLabel('地点').fill('队部会议室');
  await page.getByLabel('记录人').fill('李组织');
  // 应到: 2 支委 + 4 正式党员 + 1 预备党员; 吴青年 (团员) is not expected
  await expect(page.getByTestId('attendance-counts')).toContainText('应到7人，实到7人');
  await expect(page.getByRole('cell', { name: '吴青年' })).toHaveCount(0);
  await page.getByLabel('孙立新出席').uncheck();
  await page.getByLabel('孙立新缺席原因').fill('公出');
  await expect(page.getByTestId('attendance-counts')).toContainText('应到7人，实到6人');
  await expect(page.getByTestId('attendance-counts')).toContainText('有表决权：应到 6 人，实到 5 人');
  await page.getByLabel('议题1').fill('讨论确定王大力同志为入党积极分子培养联系人');
  await page.getByRole('button', { name: '添加议题' }).click();
  await page.getByLabel('议题2').fill('学习《中国共产党支部工作条例（试行）》');
  await page.getByLabel('会议内容').fill('张书记传达上级党委会议精神。\n与会党员逐一发表意见。');
  await page.getByRole('button', { name: '添加表决事项' }).click();
  await page.getByLabel('表决事项1', { exact: true }).fill('同意确定培养联系人');
  await page.getByLabel('表决事项1赞成').fill('5');
  await expect(page.getByTestId('motion-outcome-0')).toContainText('通过');
  await page.getByLabel('决议').fill('会议同意上述事项。');
  await page.screenshot({ path: path.join(shots, 'meeting-form.png'), fullPage: true });
  await page.getByRole('button', { name: '保存' }).first().click();

  // The saved record
  await expect(page.getByRole('heading', { name: /支部党员大会记录（\d{4}年 第1次）/ })).toBeVisible();
  const sheet = page.getByRole('article', { name: '打印页' });
  await expect(sheet).toContainText('孙立新（公出）');
  await expect(sheet).toContainText('周预备（预备党员）');
  await expect(sheet).toContainText('赞成5票，反对0票，弃权0票；应到有表决权6人，实到5人；赞成超过应到有表决权人数的半数，通过。');

  // Listed for the year
  await page.getByRole('button', { name: '返回列表' }).click();
  const row = page.getByRole('row').filter({ hasText: '队部会议室' });
  await expect(row).toContainText('第1次');
  await expect(row).toContainText('应到7人，实到6人');
  await row.click();

  // Print preview
  await page.getByRole('button', { name: '打印预览' }).click();
  await expect(page.getByRole('button', { name: '打印' })).toBeVisible();
  await expect(page.getByRole('article', { name: '打印页' })).toContainText('主持人（签字）');
  await page.screenshot({ path: path.join(shots, 'print-preview.png'), fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: '打印' })).toBeHidden();
  await expect(page.locator('.ant-message')).toBeHidden(); // toasts never land on paper
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  fs.writeFileSync(path.join(shots, 'print.pdf'), pdf);
  await page.emulateMedia({ media: 'screen' });

  // Export to Word
  const downloadP = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出Word' }).click();
  const download = await downloadP;
  expect(download.suggestedFilename()).toMatch(/^\d{4}-03-15_支部党员大会记录_第1次\.docx$/);
  const file = path.join(shots, 'meeting.docx');
  await download.saveAs(file);
  const text = wordText(readDocx(fs.readFileSync(file).toString('base64')).parts['word/document.xml']!);
  expect(text).toContain('中共测试钻井队党支部');
  expect(text).toContain('队部会议室');
  expect(text).toContain('孙立新（公出）');
  expect(text).toContain('同意确定培养联系人');

  // Restart on the same data dir: the record is still there
  await app.start();
  await page.goto(app.url);
  await page.getByRole('menuitem', { name: /^支部党员大会/ }).click();
  await expect(page.getByRole('row').filter({ hasText: '队部会议室' })).toContainText('第1次');
  await page.screenshot({ path: path.join(shots, 'list-after-restart.png'), fullPage: true });

  // Edit it: a bad change is refused with the message next to the field, a good one is saved
  await page.getByRole('row').filter({ hasText: '队部会议室' }).click();
  await page.getByRole('button', { name: '编辑' }).click();
  await page.getByLabel('表决事项1赞成').fill('9');
  await page.getByRole('button', { name: '保存' }).first().click();
  await expect(page.getByText('表决票数合计9票，超过实到有表决权人数5人').first()).toBeVisible();
  await page.getByLabel('表决事项1赞成').fill('3');
  await page.getByLabel('地点').fill('井场值班房');
  await page.getByRole('button', { name: '保存' }).first().click();
  const edited = page.getByRole('article', { name: '打印页' });
  await expect(edited).toContainText('井场值班房');
  await expect(edited).toContainText('赞成3票，反对0票，弃权0票；应到有表决权6人，实到5人；赞成未超过应到有表决权人数的半数（至少需4票），未通过。');

  // Delete to the 回收站 and restore it
  await page.getByRole('button', { name: '删除' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '确定' }).click();
  await expect(page.getByText(`${new Date().getFullYear()}年还没有记录`)).toBeVisible();
  await page.getByRole('menuitem', { name: '回收站' }).click();
  await page.getByRole('row').filter({ hasText: '讨论确定王大力同志' }).getByRole('button', { name: '恢复' }).click();
  await expect(page.getByText('回收站是空的')).toBeVisible();
  await page.getByRole('menuitem', { name: /^支部党员大会/ }).click();
  await expect(page.getByRole('row').filter({ hasText: '井场值班房' })).toContainText('第1次');
});
