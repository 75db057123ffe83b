/**
 * 开启密码 through the UI: set a password in 支部设置 (with a one-minute idle
 * lock), reload: the lock screen with the branch's name; a wrong password is
 * refused with a message, the right one opens the app. A minute without mouse
 * or keyboard (the page's clock moved on) locks it again, with what was typed
 * kept underneath; a call answered LOCKED (locked through the API) shows the
 * lock screen too. Removing the password opens the app as before.
 */
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { api, setUpBranch } from './helpers.js';
import { SHOTS as shots, useApp } from './host.js';

const app = useApp('lock');
const BRANCH = '中共测试钻井队党支部';
const PASSWORD = 'zuanjing2026';

const lockScreen = (page: Page) => page.getByRole('dialog', { name: BRANCH });

async function unlock(page: Page, password: string) {
  await lockScreen(page).getByLabel('开启密码').fill(password);
  await lockScreen(page).getByRole('button', { name: '解锁' }).click();
}

test('开启密码: set in 支部设置, locked after reload and when idle, unlocked with the right password', async ({ page }) => {
  await app.start();
  await page.clock.install();
  await page.goto(app.url);
  await setUpBranch(page, { name: BRANCH });
  await page.reload();

  // 支部设置 · 开启密码与自动锁定
  await page.getByRole('menuitem', { name: '支部设置' }).click();
  const card = page.locator('.ant-card').filter({ hasText: '开启密码与自动锁定' });
  await expect(card.getByText('未设置开启密码：打开程序不需要密码。')).toBeVisible();
  await expect(card.getByText('密码忘记后无法找回')).toBeVisible();
  await card.getByLabel('开启密码', { exact: true }).fill('12345');
  await card.getByRole('button', { name: '设置开启密码' }).click();
  await expect(card.getByText('密码至少6个字符')).toBeVisible();
  await card.getByLabel('开启密码', { exact: true }).fill(PASSWORD);
  await card.getByLabel('再次输入开启密码').fill(`${PASSWORD}x`);
  await card.getByRole('button', { name: '设置开启密码' }).click();
  await expect(card.getByText('两次输入的密码不一致')).toBeVisible();
  await card.getByLabel('再次输入开启密码').fill(PASSWORD);
  await card.getByLabel('空闲锁定分钟数').fill('1');
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: path.join(shots, 'lock-1-settings-new.png') });
  await card.getByRole('button', { name: '设置开启密码' }).click();
  await expect(page.getByText('已设置开启密码。请牢记密码，忘记后无法找回。')).toBeVisible();
  await expect(card.getByText('已设置开启密码：每次打开程序时、点“立即锁定”时，以及鼠标和键盘1分钟无操作后锁定。')).toBeVisible();
  await expect(card.getByLabel('当前密码')).toBeVisible();
  await card.screenshot({ path: path.join(shots, 'lock-2-settings-set.png') });

  // Reload: locked, with the branch's name; nothing of the app behind it.
  await page.reload();
  await expect(lockScreen(page)).toBeVisible();
  await expect(lockScreen(page).getByText('已锁定，请输入开启密码解锁')).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '支部设置' })).toHaveCount(0);
  await expect(lockScreen(page).getByLabel('开启密码')).toBeFocused();
  await page.screenshot({ path: path.join(shots, 'lock-3-screen.png') });

  await lockScreen(page).getByRole('button', { name: '解锁' }).click();
  await expect(lockScreen(page).getByRole('alert')).toHaveText('请输入开启密码');
  await unlock(page, 'wrong-password');
  await expect(lockScreen(page).getByRole('alert')).toHaveText('密码不正确，请重新输入（再输错4次须等待30秒）。');
  await expect(lockScreen(page).getByLabel('开启密码')).toHaveValue('');
  await expect(lockScreen(page).getByLabel('开启密码')).toBeFocused();
  await page.screenshot({ path: path.join(shots, 'lock-4-wrong.png') });
  await unlock(page, PASSWORD);
  await expect(lockScreen(page)).toHaveCount(0);
  await expect(page.getByRole('menuitem', { name: '支部设置' })).toBeVisible();

  // Idle: typing keeps it open; a minute without mouse or keyboard locks it, and what was typed is still there.
  const search = page.getByLabel('搜索');
  await search.fill('还没搜索的文字');
  await page.clock.fastForward('00:40');
  await search.press('End');
  await page.clock.fastForward('00:40');
  await expect(lockScreen(page)).toHaveCount(0);
  await page.clock.fastForward('01:05');
  await expect(lockScreen(page)).toBeVisible();
  expect(await api(page, 'auth.status', {})).toMatchObject({ locked: true, idleMinutes: 1 });
  await unlock(page, PASSWORD);
  await expect(lockScreen(page)).toHaveCount(0);
  await expect(search).toHaveValue('还没搜索的文字');

  // Locked elsewhere (the core's own lock): the next call is answered LOCKED and the lock screen shows.
  await api(page, 'auth.lock', {});
  await page.getByRole('menuitem', { name: '人员名册' }).click();
  await expect(lockScreen(page)).toBeVisible();
  await unlock(page, PASSWORD);
  await expect(lockScreen(page)).toHaveCount(0);

  // 立即锁定 in 支部设置, then remove the password: the app opens as before.
  await page.getByRole('menuitem', { name: '支部设置' }).click();
  await card.getByRole('button', { name: '立即锁定' }).click();
  await expect(lockScreen(page)).toBeVisible();
  await unlock(page, PASSWORD);
  await card.getByLabel('当前密码').fill('not-it');
  await card.getByRole('button', { name: '取消开启密码' }).click();
  await page.getByRole('button', { name: '取消密码' }).click();
  await expect(card.getByText(/当前密码不正确，请重新输入/)).toBeVisible();
  await card.getByLabel('当前密码').fill(PASSWORD);
  await card.getByRole('button', { name: '取消开启密码' }).click();
  await page.getByRole('button', { name: '取消密码' }).click();
  await expect(page.getByText('已取消开启密码，打开程序不再需要密码')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('menuitem', { name: '支部设置' })).toBeVisible();
  await expect(lockScreen(page)).toHaveCount(0);
  expect(await api(page, 'auth.status', {})).toMatchObject({ passwordSet: false, locked: false });
});
