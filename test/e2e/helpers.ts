/** Small page helpers shared by the end-to-end specs. */
import { expect, type Page } from '@playwright/test';

/** Choose an option of an antd Select found by its label. */
export async function pick(page: Page, label: string | RegExp, option: string) {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${option}$`) }).click();
  // the list closes (with an animation) before the next one opens; on a busy machine a stale one is still visible
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
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
  const item = page.getByRole('menuitem', { name: new RegExp(`^${type}`) });
  if (!(await item.isVisible())) await page.getByRole('menuitem', { name: book }).click();
  await item.click();
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
