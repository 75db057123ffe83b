/**
 * 党费收缴 through the UI, in last year (every month of it is due, so the arrears are
 * deterministic): fix the year for three members (one earning exactly 3000元 → 0.5%,
 * with the band explanation), record a quarter and some months, see the arrears
 * warning and flag, undo a month, export the ledger and read the .xlsx back.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { api, pick, setUpBranch } from './helpers.js';
import { SHOTS as shots, useApp } from './host.js';

const app = useApp('dues');

const Y = new Date().getFullYear() - 1;
const BRANCH = '中共测试钻井队党支部';


const cell = (page: Page, name: string, month: number) => page.getByRole('button', { name: new RegExp(`^${name}${month}月 `) });

test('党费: set up the year, record payments, see arrears, export the ledger', async ({ page }) => {
  await app.start();
  await page.goto(app.url);
  await expect(page.getByText('欢迎使用“支部四本一档”')).toBeVisible();
  await setUpBranch(page, { name: BRANCH });
  await api(page, 'people.create', { name: '周预备', gender: '女', birthDate: '', politicalStatus: '中共预备党员', groupId: null, position: '', phone: '' });
  await api(page, 'people.create', { name: '吴青年', gender: '男', birthDate: '', politicalStatus: '共青团员', groupId: null, position: '', phone: '' });
  await page.reload();

  await pick(page, '年度', `${Y}年`);
  await page.getByRole('menuitem', { name: '党费收缴' }).click();
  await expect(page.getByRole('heading', { name: `党费收缴台账（${Y}年）` })).toBeVisible();

  // 年度设置: the three 党员 (not the 团员), rate and amount live, the edge explained.
  await expect(page.getByRole('tab', { name: '年度设置', selected: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: '吴青年' })).toHaveCount(0);
  const row = (name: string) => page.getByRole('row').filter({ hasText: name });
  await page.getByLabel('张书记月收入').fill('3000');
  await expect(row('张书记')).toContainText('0.5%');
  await expect(row('张书记')).toContainText('15.00 元/月');
  await expect(row('张书记')).toContainText('按中组发〔2008〕3号，月收入恰为3000元的按0.5%交纳（含3000元）');
  await page.getByLabel('李组织月收入').fill('8000');
  await expect(row('李组织')).toContainText('1.5%');
  await expect(row('李组织')).toContainText('120.00 元/月');
  await pick(page, '周预备党费类别', '学生（0.2元/月）');
  await expect(row('周预备')).toContainText('0.20 元/月');
  await expect(page.getByText('四舍五入保留到分').first()).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'dues-setup.png'), fullPage: true });
  await page.getByRole('button', { name: '确定本年度党费' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '确定' }).click();
  await expect(page.getByText(`已确定3人${Y}年的党费，全年不变`)).toBeVisible();

  // The grid: nothing paid in a past year → every month 未交, all of it red.
  await expect(page.getByRole('tab', { name: '收缴台账', selected: true })).toBeVisible();
  await expect(cell(page, '张书记', 1)).toHaveAttribute('aria-label', '张书记1月 未交（连续6个月以上）');

  // 张书记: a quarter at once (amount 3 × 15.00, dated the quarter's last day, collector the 组织委员).
  await cell(page, '张书记', 1).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: '第一季度' }).click();
  await expect(dialog.getByLabel('交纳金额')).toHaveValue('45.00');
  await expect(dialog.getByLabel('交纳日期')).toHaveValue(`${Y}-03-31`);
  await expect(dialog.getByLabel('收款人')).toHaveValue('李组织');
  await dialog.getByRole('button', { name: '登记' }).click();
  await expect(dialog).toBeHidden();
  for (const m of [1, 2, 3]) await expect(cell(page, '张书记', m)).toHaveAttribute('aria-label', `张书记${m}月 已交15.00元`);
  await expect(cell(page, '张书记', 1)).toContainText('3.31');

  // …then April to September in one entry: October–December stay unpaid (3 months: a warning).
  await cell(page, '张书记', 4).click();
  for (const m of [5, 6, 7, 8, 9]) await dialog.getByRole('button', { name: `选择${m}月` }).click();
  await expect(dialog.getByLabel('交纳金额')).toHaveValue('90.00');
  await dialog.getByRole('button', { name: '登记' }).click();
  await expect(dialog).toBeHidden();
  await expect(cell(page, '张书记', 9)).toHaveAttribute('aria-label', '张书记9月 已交15.00元');
  await expect(cell(page, '张书记', 10)).toHaveAttribute('aria-label', '张书记10月 未交（连续3个月以上）');

  // 李组织: January alone, with the amount changed (a warning to check, recorded anyway) …
  await cell(page, '李组织', 1).click();
  await dialog.getByLabel('交纳金额').fill('100');
  await expect(dialog.getByText('交纳金额100.00元与月应缴120.00元不一致（少交），请核对')).toBeVisible();
  await dialog.getByLabel('交纳日期').fill(`${Y}-01-20`);
  await dialog.getByLabel('交纳日期').press('Enter');
  await dialog.getByRole('button', { name: '登记' }).click();
  await expect(dialog).toBeHidden();
  await expect(cell(page, '李组织', 1)).toHaveAttribute('aria-label', '李组织1月 已交100.00元');
  // … and the rest of the year at its end: January's neighbours paid more than 6 months late.
  await cell(page, '李组织', 2).click();
  await dialog.getByRole('button', { name: '全部欠交月份' }).click();
  await expect(dialog.getByLabel('交纳金额')).toHaveValue('1320.00');
  await expect(dialog.getByText(/按规定补交一般不超过6个月/)).toBeVisible();
  for (const m of [2, 7, 12]) await expect(dialog.getByRole('button', { name: `选择${m}月` })).toHaveAttribute('aria-pressed', 'true');
  await expect(dialog.getByRole('button', { name: '选择1月' })).toBeDisabled();
  await page.waitForTimeout(400); // let the buttons' colour transition finish for the picture
  await page.screenshot({ path: path.join(shots, 'dues-pay.png') });
  await dialog.getByRole('button', { name: '登记' }).click();
  await expect(dialog).toBeHidden();
  await expect(cell(page, '李组织', 12)).toHaveAttribute('aria-label', '李组织12月 已交120.00元');

  // Arrears: 张书记 warned (3 months), 周预备 flagged (12 months), 李组织 not at all.
  const arrears = page.getByTestId('dues-arrears');
  await expect(arrears).toContainText(`张书记：${Y}年10月至${Y}年12月连续3个月未交纳党费，请及时提醒`);
  await expect(arrears).toContainText(`周预备：${Y}年1月至${Y}年12月连续12个月未交纳党费；连续6个月未交纳党费，按规定应视为自行脱党，请支部核实情况（本软件只作提示，不作任何处理）`);
  await expect(arrears).not.toContainText('李组织');
  await expect(cell(page, '周预备', 1)).toHaveClass(/flag/);
  await expect(cell(page, '张书记', 11)).toHaveClass(/warning/);

  // Totals: 应缴 180 + 1440 + 2.40; 实缴 45 + 90 + 100 + 1320.
  await expect(page.getByTestId('dues-due-total')).toHaveText('1622.40');
  await expect(page.getByTestId('dues-paid-total')).toHaveText('1555.00');
  await expect(page.getByTestId('dues-total-1')).toHaveText('115.00');
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 20_000 });
  await page.screenshot({ path: path.join(shots, 'dues-grid.png'), fullPage: true });

  // Undo September: the run grows to 4 months.
  await cell(page, '张书记', 9).click();
  await dialog.getByRole('button', { name: '撤销本月' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '确定' }).click();
  await expect(cell(page, '张书记', 9)).toHaveAttribute('aria-label', '张书记9月 未交（连续3个月以上）');
  await expect(arrears).toContainText(`张书记：${Y}年9月至${Y}年12月连续4个月未交纳党费`);
  await expect(page.getByTestId('dues-paid-total')).toHaveText('1540.00');

  // Fixed for the year: the inputs are locked, changes go through 调整 with a reason.
  await page.getByRole('tab', { name: '年度设置' }).click();
  await expect(page.getByLabel('张书记月收入')).toBeDisabled();
  await expect(page.getByText(`本年度党费已全部确定（3人）`)).toBeVisible();
  await page.getByRole('tab', { name: '收缴台账' }).click();

  // Export: the 党费收缴台账 workbook, read back.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出台账(Excel)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${BRANCH}_${Y}年党费收缴台账.xlsx`);
  const file = path.join(app.dataDir, 'ledger.xlsx');
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('党费收缴台账')!;
  expect(ws.getCell('A1').value).toBe(`${BRANCH} ${Y}年党费收缴台账`);
  expect(ws.getCell('F3').value).toBe('1月');
  expect([2, 3, 4, 5].map((c) => ws.getCell(5, c).value)).toEqual(['张书记', 3000, '0.5%', 15]);
  expect(ws.getCell('F5').value).toBe(15);
  expect((ws.getCell('G5').value as Date).toISOString().slice(0, 10)).toBe(`${Y}-03-31`);
  expect(ws.getCell('V5').value).toBeNull(); // September, undone
  expect([2, 5].map((c) => ws.getCell(6, c).value)).toEqual(['李组织', 120]);
  expect(ws.getCell('F6').value).toBe(100);
  expect(ws.getCell(8, 1).value).toBe('合计');
  const notice = wb.getWorksheet('党费收缴情况公示')!;
  expect(notice.getCell('A1').value).toBe(`${BRANCH} ${Y}年党费收缴情况公示`);
  expect([2, 5].map((c) => notice.getCell(6, c).value)).toEqual(['周预备', '欠交12个月（1—12月）']);

  // Fixed again, explicitly, with a reason: the new amount and the reason in the 备注.
  await page.getByRole('tab', { name: '年度设置' }).click();
  await page.getByRole('button', { name: '调整张书记' }).click();
  await dialog.getByLabel('调整张书记月收入').fill('5000');
  await expect(dialog).toContainText('按中组发〔2008〕3号，月收入恰为5000元的按1%交纳（含5000元）');
  await expect(dialog).toContainText('50.00 元/月');
  await expect(dialog.getByRole('button', { name: '重新确定' })).toBeDisabled();
  await dialog.getByLabel('调整原因').fill('岗位工资调整');
  await dialog.getByRole('button', { name: '重新确定' }).click();
  await expect(dialog).toBeHidden();
  await expect(row('张书记')).toContainText('50.00 元/月');
  const fixed = (await api(page, 'dues.year', { year: Y })) as { members: { name: string; monthly: number; notes: string }[] };
  expect(fixed.members[0]).toMatchObject({ name: '张书记', monthly: 50 });
  expect(fixed.members[0]!.notes).toContain('原因：岗位工资调整');
});
