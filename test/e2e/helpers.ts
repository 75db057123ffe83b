/** Small page helpers shared by the end-to-end specs. */
import { expect, type Locator, type Page } from '@playwright/test';
import { recordType } from '../../shared/books/index.js';
import { sampleRecord } from '../fixtures/sample.js';

/**
 * Choose an option of an antd Select: in the select's own list (the one its
 * input's aria-controls names), never in another that is still closing; and
 * again until the list closes on the choice (a click can be lost while the
 * list is still appearing, or re-rendered as its options load).
 */
export async function choose(page: Page, box: Locator, option: string) {
  await expect(async () => {
    if ((await box.getAttribute('aria-expanded')) !== 'true') await box.click();
    await expect(box).toHaveAttribute('aria-controls', /_list$/, { timeout: 2000 });
    const list = (await box.getAttribute('aria-controls'))!;
    await page
      .locator('.ant-select-dropdown')
      .filter({ has: page.locator(`[id="${list}"]`) })
      .locator('.ant-select-item-option')
      .filter({ hasText: new RegExp(`^${option}$`) })
      .click({ timeout: 2000 });
    await expect(box).toHaveAttribute('aria-expanded', 'false', { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
}

/** Choose an option of an antd Select found by its label. */
export async function pick(page: Page, label: string | RegExp, option: string) {
  await choose(page, page.getByLabel(label, { exact: true }), option);
}

/** Type into a date picker found by its label and confirm. */
export async function fillDate(page: Page, label: string, isoDate: string) {
  await page.getByLabel(label, { exact: true }).fill(isoDate);
  await page.getByLabel(label, { exact: true }).press('Enter');
}

/** Call the API as the page does (the page's token cookie authorises the request). */
export async function api(page: Page, method: string, input: unknown) {
  const res = await page.request.post(new URL(`/api/${method}`, page.url()).toString(), { data: input ?? {} });
  const body = (await res.json()) as { ok: boolean; value?: unknown; error?: unknown };
  expect(body.ok, JSON.stringify(body.error)).toBe(true);
  return body.value;
}

/** Open a record type from the sidebar, opening its book first when it is closed. */
export async function openType(page: Page, book: string, type: string) {
  // Wait for the menu (the app may still be loading), then open the book only if it is closed.
  const bookItem = page.getByRole('menuitem', { name: book });
  await expect(bookItem).toBeVisible();
  if ((await bookItem.getAttribute('aria-expanded')) !== 'true') await bookItem.click();
  await page.getByRole('menuitem', { name: new RegExp(`^${type}`) }).click();
}

/** A branch set up through the API: a drilling crew with 书记 张书记 and 组织委员 李组织 unless told otherwise. */
export async function setUpBranch(page: Page, o: { name?: string; groups?: string[] } = {}) {
  return api(page, 'branch.setup', {
    name: o.name ?? '中共测试钻井队党支部',
    parentOrg: '中共测试钻探公司委员会',
    fondsNo: '',
    groups: o.groups ?? ['第一党小组'],
    committee: [
      { name: '张书记', gender: '男', role: '书记' },
      { name: '李组织', gender: '女', role: '组织委员' },
    ],
  });
}

/**
 * The first-run setup as a new secretary fills it in: 支部名称, 上级党委, one 党小组, 书记 张书记 and
 * 组织委员 李组织; ends on the 人员名册 it opens.
 */
export async function setUpThroughForm(page: Page, name = '中共测试钻井队党支部') {
  await expect(page.getByText('欢迎使用“支部四本一档”')).toBeVisible();
  await page.getByLabel('支部名称').fill(name);
  await page.getByLabel('上级党委').fill('中共测试钻探公司委员会');
  await page.getByLabel('党小组1名称').fill('第一党小组');
  await page.getByLabel('支委1姓名').fill('张书记');
  await page.getByRole('button', { name: '添加支委' }).click();
  await pick(page, '支委2职务', '组织委员');
  await page.getByLabel('支委2姓名').fill('李组织');
  await page.getByRole('button', { name: '建立支部' }).click();
  await expect(page.getByRole('heading', { name: '人员名册' })).toBeVisible();
}

/** A 定稿 meeting of `type` on `date` through the API, attended by whom the type expects; `data` overrides sample values. */
export async function createMeeting(page: Page, type: string, date: string, data: Record<string, unknown> = {}) {
  const attendance = await api(page, 'records.expected', { type, groupId: null });
  const input = sampleRecord(recordType(type), { date, attendance: attendance as never });
  return (await api(page, 'records.create', { ...input, data: { ...input.data, ...data } })) as { id: number };
}

const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);

/** The form item labelled `label` within `scope` (a dialog, a card, the page). */
export function formItem(scope: Locator | Page, label: string): Locator {
  // `has` is matched inside each item: built from the page, not from the scope
  const page = 'mouse' in scope ? scope : scope.page();
  return scope.locator('.ant-form-item').filter({ has: page.locator('.ant-form-item-label label', { hasText: exactly(label) }) }).first();
}

/** What the form item labelled `label` shows: a select's choice, else its box's text. */
export async function shown(scope: Locator | Page, label: string): Promise<string> {
  const item = formItem(scope, label);
  const select = item.locator('.ant-select-content');
  if (await select.count()) return (await select.first().getAttribute('title')) ?? '';
  return item.locator('input, textarea').first().inputValue();
}

/** Answer 有未保存的修改 (保存 / 放弃修改 / 继续编辑), which must be asking. */
export async function answerUnsaved(page: Page, answer: '保存' | '放弃修改' | '继续编辑') {
  const ask = page.getByRole('dialog', { name: '有未保存的修改' });
  await expect(ask).toBeVisible();
  // again until it closes: a click while the dialog is still zooming in can be lost on a busy machine
  await expect(async () => {
    if (await ask.isVisible()) await ask.getByRole('button', { name: answer, exact: true }).click({ timeout: 2000 });
    await expect(ask).toBeHidden({ timeout: 2000 });
  }).toPass({ timeout: 20_000 });
}

/** The suggestions of the open list that the box's input controls (antd renders it apart from the field). */
export async function suggestions(page: Page, box: Locator) {
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  const list = await box.getAttribute('aria-controls');
  return page
    .locator('.ant-select-dropdown')
    .filter({ has: page.locator(`[id="${list}"]`) })
    .locator('.ant-select-item-option');
}

/** Type as a person would (key by key, so suggestions are asked for), then wait for `first` to be suggested first. */
export async function typeAndWait(page: Page, box: Locator, text: string, first: string) {
  await box.click();
  await box.press('ControlOrMeta+a');
  await box.press('Backspace');
  await box.pressSequentially(text);
  await expect((await suggestions(page, box)).first()).toContainText(first);
}

