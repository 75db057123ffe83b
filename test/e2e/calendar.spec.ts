/**
 * 活动日历 through the UI, as a secretary planning the year and then holding a
 * meeting: a few meetings already held and planned show on their days and in
 * the year's overview; clicking an empty day plans a 支部委员会 (bad input is
 * refused in the dialog); it shows as 计划; 召开并记录 opens its record with the
 * expected attendees filled in; saved as 定稿 it shows as held.
 */
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { recordType } from '../../shared/books/index.js';
import { sampleRecord } from '../fixtures/sample.js';
import { api, createMeeting, fillDate, pick, setUpBranch } from './helpers.js';
import { SHOTS as shots, useApp } from './host.js';

const app = useApp('calendar');
const Y = new Date().getFullYear();


async function planned(page: Page, type: string, date: string, topic: string) {
  await api(page, 'records.create', { type, date, status: 'draft', data: { topics: [topic] } });
}

test('活动日历: plan a 支部委员会 on a day, hold it and record it as 定稿', async ({ page }) => {
  await app.start();
  await page.goto(app.url);
  await setUpBranch(page);
  await createMeeting(page, 'branch-assembly', `${Y}-06-03`);
  await createMeeting(page, 'theme-party-day', `${Y}-06-03`);
  await planned(page, 'party-lecture', `${Y}-06-24`, '学习党章');
  await planned(page, 'org-life-meeting', `${Y}-12-18`, '年度组织生活会');
  await api(page, 'records.create', sampleRecord(recordType('work-plan'), { date: `${Y}-06-05` })); // not an activity: not on the calendar
  await page.reload();

  await page.getByRole('menuitem', { name: '活动日历' }).click();
  await expect(page.getByRole('heading', { name: `${Y}年活动日历` })).toBeVisible();
  const overview = page.getByRole('list', { name: '全年概况' });
  await overview.getByRole('button', { name: /^6月/ }).click();
  await expect(overview.getByRole('button', { name: '6月：已开展2项，已计划1项' })).toBeVisible();
  await expect(overview.getByRole('button', { name: '12月：已开展0项，已计划1项' })).toBeVisible();
  await expect(page.getByRole('link', { name: `已开展 ${Y}-06-03 支部党员大会` })).toBeVisible();
  await expect(page.getByRole('link', { name: `计划 ${Y}-06-24 党课` })).toBeVisible();
  await expect(page.getByRole('link', { name: /工作计划/ })).toHaveCount(0);

  // Plan a 支部委员会 by clicking its empty day; the dialog refuses what is missing.
  const day = `${Y}-06-16`;
  await page.locator(`td[title="${day}"]`).click();
  const dialog = page.getByRole('dialog', { name: '计划活动' });
  await expect(dialog.getByLabel('日期')).toHaveValue(day);
  await dialog.getByRole('button', { name: '保存计划' }).click();
  await expect(dialog.getByRole('alert')).toContainText('请选择活动类型');
  await pick(page, '活动类型', '支部委员会');
  await dialog.getByRole('button', { name: '保存计划' }).click();
  await expect(dialog.getByRole('alert')).toContainText('请至少填写一项议题');
  await fillDate(page, '开始时间', '09:30');
  await dialog.getByLabel('地点').fill('队部会议室');
  await dialog.getByLabel('议题1').fill('研究下半年发展党员工作');
  await expect(dialog.getByText('请至少填写一项议题')).toHaveCount(0); // a change clears the problems shown
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await page.screenshot({ path: path.join(shots, 'calendar-plan.png') });
  await dialog.getByRole('button', { name: '保存计划' }).click();
  await expect(dialog).toBeHidden();
  const plan = page.getByRole('link', { name: `计划 ${day} 支部委员会` });
  await expect(plan).toBeVisible();
  await expect(overview.getByRole('button', { name: '6月：已开展2项，已计划2项' })).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'calendar-month.png'), fullPage: true });

  // The plan is a 草稿 holding only what was given.
  await plan.click();
  await expect(page.getByRole('heading', { level: 2, name: /支部委员会记录/ })).toContainText('草稿');
  const sheet = page.getByRole('article', { name: '打印页' });
  await expect(sheet).toContainText('研究下半年发展党员工作');
  await expect(sheet).toContainText('队部会议室');

  // Hold it: the expected attendees are filled in and the form is at 定稿; complete the record.
  await page.getByRole('button', { name: '召开并记录' }).click();
  await expect(page.getByRole('heading', { name: '编辑支部委员会记录' })).toBeVisible();
  await expect(page.getByTestId('attendance-counts')).toContainText('应到2人，实到2人');
  await expect(page.getByLabel('议题1')).toHaveValue('研究下半年发展党员工作');
  // (Enter in the record form would save it.)
  await page.getByLabel('结束时间').fill('11:00');
  await page.getByLabel('结束时间').press('Tab');
  await page.getByLabel('主持人', { exact: true }).fill('张书记');
  await page.getByLabel('记录人').fill('李组织');
  await page.getByLabel('会议内容').fill('会议研究了下半年发展党员工作安排。');
  // held now: the form starts at 定稿
  await expect(page.getByRole('radio', { name: '定稿' })).toBeChecked();
  await page.getByRole('button', { name: /保\s*存/ }).first().click();
  await expect(page.getByRole('heading', { name: /支部委员会记录（\d{4}年 第1次）/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /支部委员会记录/ })).not.toContainText('草稿');
  await expect(page.getByRole('button', { name: '召开并记录' })).toHaveCount(0);

  // Back on the calendar it is held.
  await page.getByRole('menuitem', { name: '活动日历' }).click();
  await overview.getByRole('button', { name: /^6月/ }).click();
  await expect(page.getByRole('link', { name: `已开展 ${day} 支部委员会` })).toBeVisible();
  await expect(page.getByRole('link', { name: `计划 ${day} 支部委员会` })).toHaveCount(0);
  await expect(overview.getByRole('button', { name: '6月：已开展3项，已计划1项' })).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'calendar-held.png'), fullPage: true });
});
