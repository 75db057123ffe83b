/**
 * 本年概览 through the UI, as a secretary who starts using the app with last
 * year's books to catch up: the overview is the start page; the months before
 * the branch was set up are not asked for until 支部设置 says when the books
 * begin; then an overdue 支部委员会 shows, is recorded through the form from
 * its link, and shows as held. What is planned shows in 近期待办, and a talk
 * between two 支委 in the 谈心谈话 matrix. Then, on the same branch, 近期待办
 * in its groups: this period's obligations first (as many as the header says),
 * and the 回执 overdue since earlier years folded into one line that opens.
 */
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { recordType } from '../../shared/books/index.js';
import { localToday } from '../../shared/dates.js';
import { addDays } from '../../shared/rules/development.js';
import { sampleRecord, talkInput } from '../fixtures/sample.js';
import { api, fillDate, pick, setUpBranch } from './helpers.js';
import { SHOTS as shots, useApp } from './host.js';

const app = useApp('year');
test.describe.configure({ mode: 'serial' });
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

test('近期待办: this period’s obligations first, then plans, 发展党员, 整改 and 回执; older overdue 回执 fold into one line', async ({ page }) => {
  await app.start();
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(app.url);
  const today = localToday();
  const thisYear = Number(today.slice(0, 4));
  const transfer = (date: string, name: string) => {
    const input = sampleRecord(recordType('membership-transfer'), { date });
    return { ...input, data: { ...input.data, direction: '转出', name, validityDays: 30, receiptDate: '' } };
  };
  const rectification = sampleRecord(recordType('rectification-ledger'), { date: addDays(today, -20) });
  // This month's 支委会 held today; a 整改 item due in ten days; a 回执 out since last week and two from years ago; an applicant to be talked to.
  const attendance = await api(page, 'records.expected', { type: 'committee-meeting', groupId: null });
  await api(page, 'records.create', sampleRecord(recordType('committee-meeting'), { date: today, attendance: attendance as never }));
  await api(page, 'records.create', { ...rectification, data: { ...rectification.data, issue: '学习笔记不全', status: '整改中', deadline: addDays(today, 10) } });
  await api(page, 'records.create', transfer(addDays(today, -5), '近期转出'));
  await api(page, 'records.create', transfer(`${thisYear - 5}-03-01`, '老转出'));
  await api(page, 'records.create', transfer(`${thisYear - 3}-05-01`, '前年转出'));
  const applicant = (await api(page, 'people.create', { name: '王申请', gender: '男', birthDate: '1996-05-01', politicalStatus: '群众', groupId: null, position: '', phone: '' })) as { id: number };
  const devCase = (await api(page, 'development.open', { personId: applicant.id })) as { id: number };
  await api(page, 'development.saveStep', { caseId: devCase.id, step: 1, date: addDays(today, -10), people: {}, details: {}, notes: '', recordId: null, motionIndex: null });
  await page.reload();

  await expect(page.getByRole('heading', { name: `${thisYear}年概览` })).toBeVisible();
  const list = page.getByRole('region', { name: '近期待办' });
  const groups = list.getByRole('group');
  await expect(groups.first()).toBeVisible();
  expect(await groups.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual(['本期待办', '已计划的活动', '发展党员', '问题整改', '组织关系转接回执']);

  // 本期待办: as many as the header says and as the grid shows; the 支委会 held today is not among them; each opens a new record.
  const obligations = list.getByRole('group', { name: '本期待办' }).getByRole('link');
  const n = await obligations.count();
  expect(n).toBeGreaterThan(0);
  await expect(page.getByText(`本期待办 ${n} 项（本月、本季度、本年尚未开展也未计划`)).toBeVisible();
  await expect(list.getByRole('group', { name: '本期待办' })).toContainText(`${n} 项`);
  await expect(page.getByRole('table', { name: '本年活动' }).getByRole('link', { name: / 本期待办$/ })).toHaveCount(n);
  await expect(obligations.filter({ hasText: '支部委员会' })).toHaveCount(0);
  await expect(obligations.filter({ hasText: '支部党员大会' })).toHaveAttribute('href', '#/records/new?type=branch-assembly');
  await expect(list.getByRole('group', { name: '已计划的活动' })).toContainText('主题党日“参观红色教育基地”');
  await expect(list.getByRole('group', { name: '发展党员' })).toContainText('王申请：②党组织派人谈话');
  await expect(list.getByRole('group', { name: '问题整改' })).toContainText('整改事项“学习笔记不全”');
  await expect(list.getByRole('group', { name: '组织关系转接回执' })).toContainText('近期转出');

  // The 回执 of earlier years: one folded line with their count, opened on a click, each linking to its record.
  const earlier = list.getByRole('button', { name: `往年逾期未办 2 项（${thisYear - 5}—${thisYear - 3}年到期）` });
  await expect(earlier).toHaveAttribute('aria-expanded', 'false');
  await expect(list.getByText(/老转出/)).toHaveCount(0);
  await page.screenshot({ path: path.join(shots, 'year-upcoming.png') });
  await earlier.click();
  await expect(earlier).toHaveAttribute('aria-expanded', 'true');
  await expect(list.getByRole('link', { name: /^老转出：转出回执未退回/ })).toHaveAttribute('href', /^#\/records\/\d+$/);
  await expect(list.getByRole('link', { name: /^前年转出：转出回执未退回/ })).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'year-upcoming-open.png'), fullPage: true });

  // Last year shown: its header speaks of that year; 近期待办 says it is as of today and is the same list.
  await pick(page, '年度', `${thisYear - 1}年`);
  await expect(page.getByRole('heading', { name: `${thisYear - 1}年概览` })).toBeVisible();
  await expect(page.getByText(/近期待办（以今天.*计，不随所选的\d{4}年变化）/)).toBeVisible();
  await expect(page.getByText(/本期待办 \d+ 项/)).toHaveCount(0);
  await expect(page.getByText(`${thisYear - 1}年未开展`)).toBeVisible();
  await expect(list.getByRole('group', { name: '本期待办' }).getByRole('link')).toHaveCount(n);

  // Six more 回执 out: 10 dated rows, more than the page shows at first. Every group keeps its row and its count; 回执 says how many more.
  for (let i = 1; i <= 6; i++) await api(page, 'records.create', transfer(addDays(today, -i), `转出${i}`));
  await page.reload();
  await expect(page.getByRole('heading', { name: `${thisYear}年概览` })).toBeVisible();
  const receipts = list.getByRole('group', { name: '组织关系转接回执' });
  await expect(receipts).toContainText('7 项');
  await expect(receipts.getByRole('link', { name: /转出回执未退回/ })).toHaveCount(5);
  for (const name of ['已计划的活动', '发展党员', '问题整改']) await expect(list.getByRole('group', { name }).getByRole('link')).toHaveCount(1);
  await receipts.getByRole('button', { name: '显示全部7项（另有2项）' }).click();
  await expect(receipts.getByRole('link', { name: /转出回执未退回/ })).toHaveCount(7);
  await receipts.getByRole('button', { name: '收起' }).click();
  await expect(receipts.getByRole('link', { name: /转出回执未退回/ })).toHaveCount(5);
});
