/**
 * 党员花名册 through the UI: import a messy roster workbook (built here with exceljs),
 * see the per-row problems in the preview, change a column's mapping, import, find the
 * members in the 党员花名册 view with masked 身份证号, reveal one, check a typed ID as
 * it is typed, and export the roster and read the .xlsx back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { IDS, messyRosterBuffer, readXlsx } from '../fixtures/roster.js';
import { api, choose, setUpBranch } from './helpers.js';
import { SHOTS as shots, useApp } from './host.js';

const app = useApp('members');

const BRANCH = '中共测试钻井队党支部';


const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(14)}`;
/** Choose the field of a preview column (getByRole skips the table's hidden measuring copy of the header). */
async function mapColumn(page: Page, label: string, option: string) {
  await choose(page, page.getByRole('combobox', { name: label, exact: true }), option);
}
const view = (page: Page, label: string) => page.locator('.ant-segmented-item').filter({ hasText: label }).click();

test('党员花名册: import a messy roster, reveal an ID, export', async ({ page }) => {
  await app.start();
  await page.goto(app.url);
  await expect(page.getByText('欢迎使用“支部四本一档”')).toBeVisible();
  await setUpBranch(page, { name: BRANCH, groups: ['第一党小组', '第二党小组'] });
  // already on the roster: the workbook's row 18 repeats her
  await api(page, 'people.create', { name: '周正式', gender: '女', birthDate: '', politicalStatus: '中共党员', groupId: null, position: '', phone: '' });
  await page.reload();
  await page.getByRole('menuitem', { name: '人员名册' }).click();
  await expect(page.getByRole('heading', { name: '人员名册' })).toBeVisible();
  await expect(page.getByText('共 3 人')).toBeVisible();

  // Import: the preview reads the messy sheet and shows each row's problems
  await page.getByRole('button', { name: '导入Excel' }).click();
  const dialog = page.getByRole('dialog', { name: '从Excel导入党员花名册' });
  await dialog.getByLabel('选择Excel文件').setInputFiles({
    name: '一支部花名册.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await messyRosterBuffer(),
  });
  const summary = dialog.getByTestId('import-summary');
  await expect(summary).toContainText('共 13 行：可导入 4 行，有问题 9 行');
  await expect(dialog.getByLabel('表头行')).toHaveValue('4');
  const preview = dialog.locator('.ant-table-tbody');
  const previewRow = (row: number) => preview.getByRole('row').filter({ has: page.getByRole('cell', { name: String(row), exact: true }) });
  await expect(previewRow(5)).toContainText('王芳');
  await expect(previewRow(5)).toContainText('1985-03-15');
  await expect(previewRow(5)).toContainText(masked(IDS.wangFang));
  await expect(previewRow(5)).toContainText('可导入');
  await expect(previewRow(9)).toContainText('身份证号与第5行（王芳）相同');
  await expect(previewRow(11)).toContainText('党小组“第三党小组”不存在');
  await expect(previewRow(12)).toContainText('身份证号单元格是数值格式');
  await expect(previewRow(13)).toContainText('性别“X”无法识别');
  await expect(previewRow(18)).toContainText('姓名和出生日期与名册中的“周正式”相同');
  await expect(previewRow(11).locator('.import-errors')).toHaveCSS('color', 'rgb(207, 19, 34)');
  await page.screenshot({ path: path.join(shots, 'members-import-preview.png') });

  // Leaving 所在党小组 out makes 钱进 importable; putting it back restores the check
  await mapColumn(page, '第11列（所在党小组）导入为', '（不导入）');
  await expect(summary).toContainText('可导入 5 行');
  await mapColumn(page, '第11列（所在党小组）导入为', '党小组');
  await expect(summary).toContainText('可导入 4 行');

  await dialog.getByRole('button', { name: '导入 4 条' }).click();
  await expect(dialog.getByText('已导入 4 人')).toBeVisible();
  const skipped = dialog.getByRole('table').last();
  await expect(skipped).toContainText('第三党小组');
  await expect(skipped.getByRole('row')).toHaveCount(1 + 9);
  await dialog.getByRole('button', { name: '完成' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('共 7 人')).toBeVisible();

  // The 党员花名册 view: dates, 党龄, masked numbers, the 流动党员 tag
  await view(page, '党员花名册');
  await expect(page.getByTestId('people-count')).toHaveText('共 7 名党员（正式党员 6 名，预备党员 1 名）');
  const row = (name: string) => page.locator('.ant-table-tbody tr').filter({ has: page.getByRole('cell', { name: new RegExp(`^${name}`) }) });
  await expect(row('王芳')).toContainText(masked(IDS.wangFang));
  await expect(row('王芳')).toContainText('2010-06-01');
  await expect(row('王芳')).toContainText('2011-06-01');
  await expect(row('张伟')).toContainText('预备');
  await expect(row('李强')).toContainText('流动党员');
  await expect(page.locator('.ant-table-tbody')).not.toContainText(IDS.wangFang);
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 10_000 }); // the toast has gone
  await page.screenshot({ path: path.join(shots, 'members-roster.png') });

  await page.getByRole('button', { name: '显示王芳的身份证号' }).click();
  await expect(row('王芳')).toContainText(IDS.wangFang);
  await page.getByRole('button', { name: '隐藏王芳的身份证号' }).click();
  await expect(row('王芳')).not.toContainText(IDS.wangFang);

  // Editing: the number stays masked until 显示; history of the status is listed
  await row('郑红').getByRole('button', { name: '编辑' }).click();
  const edit = page.getByRole('dialog');
  await expect(edit.getByLabel('身份证号')).toHaveValue(masked(IDS.zhengHong));
  await expect(edit.getByRole('table')).toContainText('转正日期（导入）');
  await edit.getByRole('button', { name: '显示' }).click();
  await expect(edit.getByLabel('身份证号')).toHaveValue(IDS.zhengHong);
  await page.screenshot({ path: path.join(shots, 'members-edit.png') });
  await edit.getByLabel('岗位/职务').fill('会计');
  await edit.getByRole('button', { name: '保存' }).click();
  await expect(edit).toBeHidden();
  await expect(row('郑红')).toContainText('会计');
  expect(await api(page, 'members.revealId', { id: (await api(page, 'people.list', {}) as { id: number; name: string }[]).find((p) => p.name === '郑红')!.id })).toBe(IDS.zhengHong);

  // A new person: the ID is checked as it is typed, in Chinese, under the field
  await page.getByRole('button', { name: '添加人员' }).click();
  const add = page.getByRole('dialog');
  await add.getByLabel('姓名').fill('新同志');
  const wrong = IDS.liQiang.slice(0, 17) + (IDS.liQiang[17] === '1' ? '2' : '1');
  await add.getByLabel('身份证号').fill(wrong);
  await expect(add.getByText('身份证号校验位不正确，请核对是否有输错的数字')).toBeVisible();
  await add.getByLabel('身份证号').fill('110105800101123');
  await expect(add.getByText(/身份证号是15位的旧号码/)).toBeVisible();
  await add.getByRole('button', { name: '取消' }).click();
  // typed, not saved: leaving asks first
  const ask = page.getByRole('dialog', { name: '有未保存的修改' });
  await expect(ask).toContainText('“添加人员”有未保存的修改');
  await ask.getByRole('button', { name: '放弃修改' }).click();
  await expect(add).toBeHidden();
  expect((await api(page, 'people.list', {})) as { name: string }[]).not.toContainEqual(expect.objectContaining({ name: '新同志' }));

  // Export: the roster as .xlsx, read back
  const downloadP = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出Excel' }).click();
  const download = await downloadP;
  expect(download.suggestedFilename()).toMatch(/^党员花名册_\d{4}-\d{2}-\d{2}\.xlsx$/);
  const file = path.join(shots, 'members.xlsx');
  await download.saveAs(file);
  const [sheet] = await readXlsx(fs.readFileSync(file));
  expect(sheet!.rows[0]![0]).toBe(`${BRANCH}党员花名册`);
  expect(sheet!.rows[2]!.slice(0, 7)).toEqual(['序号', '姓名', '性别', '民族', '籍贯', '出生日期', '身份证号']);
  const wang = sheet!.rows.find((r) => r[1] === '王芳')!;
  expect(wang[6]).toBe(masked(IDS.wangFang));
  expect(sheet!.rows.slice(3).map((r) => r[1]).sort()).toEqual(['周正式', '张书记', '张伟', '李强', '李组织', '王芳', '郑红'].sort());
  expect(fs.readFileSync(file).includes(Buffer.from(IDS.wangFang))).toBe(false);
});
