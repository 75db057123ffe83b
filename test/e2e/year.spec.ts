/**
 * 本年概览 through the UI, as a secretary who starts using the app with last
 * year's books to catch up: the overview is the start page; the months before
 * the branch was set up are not asked for until 支部设置 says when the books
 * begin; then an overdue 支部委员会 shows, is recorded through the form from
 * its link, and shows as held. What is planned shows in 近期待办, and a talk
 * between two 支委 in the 谈心谈话 matrix.
 */
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { localToday } from '../../shared/dates.js';
import { addDays } from '../../shared/rules/development.js';
import { talkInput } from '../fixtures/sample.js';
import { api, fillDate, pick, setUpBranch } from './helpers.js';
import { SHOTS as shots, useApp } from './host.js';

const app = useApp('year');
const Y = new Date().getFullYear() - 1;

test('本年概览: the start page; an overdue 支部委员会 appears once the books begin, and recording it through the form clears it', async ({ page }) => {
  await app.start();
  await page.goto(app.url);
  await setUpBranch(page);
  await page.reload();

  // The start page is this year's overview.
  await expect(page.getByRole('heading', { name: `${new Date().getFullYear()}年概览` })).toBeVisible();
  await pick(page, '年度', `${Y}年`);
  await expect(page.getByRole('heading', { name: `${Y}年概览` })).toBeVisible();
  // Set up today: last year is before the books began and nothing of it is asked for.
  await expect(page.getByRole('link', { name: /支部委员会（每月） 10月/ })).toHaveCount(0);

  // 支部设置: the books begin on 1 January last year.
  await page.getByRole('menuitem', { name: '支部设置' }).click();
  await fillDate(page, '记录起始日期', `${Y}-01-01`);
  await expect(page.getByText('已更新：记录起始日期')).toBeVisible();
  await expect(page.getByText(`已设置：${Y}-01-01之前结束的月份、季度不作要求。`)).toBeVisible();

  // Now October is overdue; its link opens a new 支部委员会.
  await page.getByRole('menuitem', { name: '本年概览' }).click();
  const october = page.getByRole('link', { name: '支部委员会（每月） 10月 未开展' });
  await expect(october).toBeVisible();
  await october.click();
  await expect(page.getByRole('heading', { name: '新建支部委员会记录' })).toBeVisible();
  await fillDate(page, '会议日期', `${Y}-10-15`);
  await page.getByLabel('地点').fill('队部会议室');
  await page.getByLabel('记录人').fill('李组织');
  await page.getByLabel('议题1').fill('研究第四季度工作安排');
  await page.getByRole('button', { name: '保存' }).first().click();
  await expect(page.getByRole('heading', { name: `支部委员会记录（${Y}年 第1次）` })).toBeVisible();

  await page.getByRole('menuitem', { name: '本年概览' }).click();
  await expect(page.getByRole('link', { name: '支部委员会（每月） 10月 已开展' })).toBeVisible();
  await expect(page.getByRole('link', { name: '支部委员会（每月） 10月 未开展' })).toHaveCount(0);

  // A plan in the next days, and a talk between the two 支委 that year.
  const soon = addDays(localToday(), 5);
  const soonYear = Number(soon.slice(0, 4));
  await api(page, 'records.create', { type: 'theme-party-day', date: soon, status: 'draft', data: { topics: ['参观红色教育基地'] } });
  await api(page, 'records.create', talkInput(soon, '张书记', '李组织'));
  await page.reload();
  if (soonYear !== new Date().getFullYear()) await pick(page, '年度', `${soonYear}年`);
  await expect(page.getByRole('region', { name: '近期待办' })).toContainText(`${soon} 主题党日“参观红色教育基地”`);
  const matrix = page.getByRole('table', { name: '谈心谈话矩阵' });
  await expect(matrix.getByRole('link', { name: '张书记与李组织：1次' })).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'year-overview.png'), fullPage: true });
});
