/** Small page helpers shared by the end-to-end specs. */
import { expect, type Locator, type Page } from '@playwright/test';

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
