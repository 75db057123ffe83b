/**
 * 年度归档 through the UI, as a secretary at year end: last year has a few
 * meetings (one with a photo) and a 工作计划; the completeness check names the
 * gaps, the export runs in the background with a progress bar, all its files are
 * saved to a folder (a U盘) in one go and checked on disk, twice (the second time
 * beside the first, as （2）), the Word volume and the PDF come back, the year is
 * sealed, an edit is refused, and unsealing needs a reason. A second export is cancelled and leaves nothing behind.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { encodePng } from '../../electron/core/demo/files.js';
import { recordType } from '../../shared/books/index.js';
import { sampleRecord } from '../fixtures/sample.js';
import { readDocx, wordText } from '../fixtures/docx.js';
import { folderDigest } from '../fixtures/save.js';
import { api, createMeeting, pick, setUpBranch } from './helpers.js';
import { SHOTS as shots, useApp } from './host.js';

const app = useApp('archive');
test.describe.configure({ mode: 'serial' });
const Y = new Date().getFullYear() - 1;
const BRANCH = '中共测试钻井队党支部';

/** A small valid PNG (a grey square). */
const png = () => encodePng(64, 64, new Uint8Array(64 * 64 * 3).fill(0x88)).toString('base64');


test('年度归档: check, export, save and print, seal, edits refused, unseal with a reason', async ({ page }) => {
  test.setTimeout(180_000);
  await app.start();
  await page.goto(app.url);
  await setUpBranch(page, { name: BRANCH });
  const first = await createMeeting(page, 'branch-assembly', `${Y}-03-20`);
  await createMeeting(page, 'committee-meeting', `${Y}-04-08`);
  await api(page, 'attachments.add', { recordId: first.id, name: '会议照片.png', base64: png(), thumbBase64: null });
  await api(page, 'records.create', sampleRecord(recordType('work-plan'), { date: `${Y}-01-10` }));
  await page.reload();

  await pick(page, '年度', `${Y}年`);
  await page.getByRole('menuitem', { name: '年度归档' }).click();
  await expect(page.getByRole('heading', { name: `${Y}年度归档` })).toBeVisible();

  // 1. Completeness: quarters without a 支部党员大会 are named and link to a new one.
  await expect(page.getByText(/支部党员大会（每季度）/).first()).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'archive-1-check.png'), fullPage: true });
  await page.getByRole('button', { name: '带缺项继续' }).click();

  // 2. Volumes: one per book that holds records.
  const preview = page.getByRole('table', { name: '卷册预览' });
  await expect(preview).toContainText(`${BRANCH}${Y}年度党支部综合记录`);
  await expect(preview).toContainText(`${BRANCH}${Y}年度支部档案`);
  await page.screenshot({ path: path.join(shots, 'archive-2-options.png'), fullPage: true });
  await page.getByRole('button', { name: /开始归档（3件）/ }).click();

  // 3. Background export with progress, then the files.
  await expect(page.getByRole('progressbar', { name: '归档进度' })).toBeVisible();
  await expect(page.getByText(/已生成 5 个文件/)).toBeVisible({ timeout: 120_000 });
  await page.screenshot({ path: path.join(shots, 'archive-3-done.png'), fullPage: true });
  const files = page.getByRole('region', { name: /^归档文件/ }).first();
  await expect(files).toContainText(`${Y}年度_党支部综合记录.docx`);
  await expect(files).toContainText(`${Y}年度_党支部综合记录.pdf`);
  await expect(files).toContainText(`${Y}年度_台账汇总.xlsx`);

  // 全部保存到… a folder (a U盘): every file, the same bytes as the export's, in one folder named for the branch and year.
  const usb = fs.mkdtempSync(path.join(os.tmpdir(), 'bl-e2e-usb-'));
  const folderName = `${BRANCH}-${Y}年度归档`;
  await page.setViewportSize({ width: 1366, height: 768 });
  await files.getByRole('button', { name: '全部保存到…' }).click();
  const saveDialog = page.getByRole('dialog', { name: '全部保存到U盘或文件夹' });
  // A folder that is not there (a U盘 not plugged in) is said at once, and cannot be started.
  await saveDialog.getByLabel('保存到的文件夹').fill(path.join(usb, 'U盘'));
  await expect(saveDialog.getByText(`找不到文件夹：${path.join(usb, 'U盘')}。请检查U盘是否已插好。`)).toBeVisible();
  await expect(saveDialog.getByRole('button', { name: '开始保存' })).toBeDisabled();
  await saveDialog.getByLabel('保存到的文件夹').fill(usb);
  await expect(saveDialog.getByRole('status', { name: '将新建的文件夹' })).toContainText(path.join(usb, folderName));
  // The list of U盘 closes (trial: waits until nothing covers the name).
  await saveDialog.getByText(/将一起保存到所选位置/).click();
  await saveDialog.getByText(folderName, { exact: true }).click({ trial: true });
  await page.screenshot({ path: path.join(shots, 'archive-5-save-all.png'), animations: 'disabled' });
  await saveDialog.getByRole('button', { name: '开始保存' }).click();
  await expect(saveDialog.getByRole('progressbar', { name: '保存进度' })).toBeVisible();
  await expect(saveDialog.getByText(`5 个文件已保存到 ${path.join(usb, folderName)}`)).toBeVisible({ timeout: 60_000 });
  await expect(saveDialog).toContainText('已逐一读回核对');
  await expect(saveDialog.getByRole('table', { name: '已保存的文件' }).getByRole('row')).toHaveCount(6);
  await page.screenshot({ path: path.join(shots, 'archive-6-saved.png'), animations: 'disabled' });
  const exportId = ((await api(page, 'archive.exports', { year: Y })) as { exportId: string }[])[0]!.exportId;
  const exported = path.join(app.dataDir, 'archive', String(Y), exportId);
  expect(folderDigest(path.join(usb, folderName))).toEqual(folderDigest(exported));
  expect(Object.keys(folderDigest(exported))).toHaveLength(5);
  expect(fs.readdirSync(usb)).toEqual([folderName]);
  await saveDialog.getByRole('button', { name: '完成' }).click();
  await expect(saveDialog).toBeHidden();

  // Again, from the list of exports below: the folder is there, so this one goes into （2）, as the dialog says first.
  await page.getByRole('region', { name: `归档文件 ${exportId}` }).last().getByRole('button', { name: '全部保存到…' }).click();
  await saveDialog.getByLabel('保存到的文件夹').fill(usb);
  await expect(saveDialog.getByText(`该位置已有“${folderName}”，不会覆盖它，本次将保存为“${folderName}（2）”。`)).toBeVisible();
  await saveDialog.getByText(/将一起保存到所选位置/).click();
  await saveDialog.getByText(`${folderName}（2）`, { exact: true }).click({ trial: true });
  await page.screenshot({ path: path.join(shots, 'archive-7-save-all-taken.png'), animations: 'disabled' });
  await saveDialog.getByRole('button', { name: '开始保存' }).click();
  await expect(saveDialog.getByText(`5 个文件已保存到 ${path.join(usb, `${folderName}（2）`)}`)).toBeVisible({ timeout: 60_000 });
  expect(folderDigest(path.join(usb, `${folderName}（2）`))).toEqual(folderDigest(exported));
  await saveDialog.getByRole('button', { name: '完成' }).click();
  fs.rmSync(usb, { recursive: true, force: true });
  await page.setViewportSize({ width: 1360, height: 900 });

  const docxRow = files.getByRole('listitem').filter({ hasText: `${Y}年度_党支部综合记录.docx` });
  const [download] = await Promise.all([page.waitForEvent('download'), docxRow.getByRole('button', { name: '保存' }).click()]);
  const saved = path.join(app.dataDir, 'download.docx');
  await download.saveAs(saved);
  const text = wordText(readDocx(fs.readFileSync(saved).toString('base64')).parts['word/document.xml']!);
  expect(text).toContain('卷内文件目录');
  expect(text).toContain('卷内备考表');
  expect(text).toContain('支部党员大会记录');

  const pdfRow = files.getByRole('listitem').filter({ hasText: `${Y}年度_党支部综合记录.pdf` });
  const [popup] = await Promise.all([page.waitForEvent('popup'), pdfRow.getByRole('button', { name: '打印' }).click()]);
  expect(popup.url()).toMatch(/^blob:/);
  await popup.close();

  // 4. Seal: the year becomes read-only.
  const seal = page.getByTestId('seal-panel');
  await seal.getByRole('button', { name: '封存本年度' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '封存' }).click();
  await expect(seal.getByText('已封存')).toBeVisible();
  await seal.getByRole('button', { name: '校验', exact: true }).click();
  await expect(seal.getByText(/校验通过/)).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'archive-4-sealed.png'), fullPage: true });

  const refused = await page.request.post(new URL('/api/records.remove', page.url()).toString(), { data: { id: first.id } });
  expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'SEALED', message: expect.stringContaining(`${Y}年度已封存归档`) } });
  await page.goto(`${app.url.split('#')[0]}#/records/${first.id}/edit`);
  await page.getByRole('button', { name: /保\s*存/ }).first().click();
  await expect(page.getByText(`${Y}年度已封存归档，不能修改`).first()).toBeVisible();

  // Unseal needs a reason, which the log keeps (the reload above went back to this year).
  await pick(page, '年度', `${Y}年`);
  await page.getByRole('menuitem', { name: '年度归档' }).click();
  await seal.getByRole('button', { name: '解除封存' }).click();
  const dialog = page.getByRole('dialog', { name: `解除${Y}年度的封存` });
  await dialog.getByRole('button', { name: '解除封存' }).click();
  await expect(dialog.getByText(/请填写|原因/).first()).toBeVisible();
  await dialog.getByLabel('解除原因').fill('补录遗漏的第三季度支部党员大会记录');
  await dialog.getByRole('button', { name: '解除封存' }).click();
  await expect(seal.getByText('未封存')).toBeVisible();
  await expect(seal).toContainText('补录遗漏的第三季度支部党员大会记录');
});

test('年度归档: a cancelled export leaves no files', async ({ page }) => {
  test.setTimeout(120_000);
  await app.start();
  await page.goto(app.url);
  await pick(page, '年度', `${Y}年`);
  await page.getByRole('menuitem', { name: '年度归档' }).click();
  const before = ((await api(page, 'archive.exports', { year: Y })) as unknown[]).length;
  await page.getByRole('button', { name: '带缺项继续' }).click();
  await page.getByRole('button', { name: /开始归档/ }).click();
  await page.getByRole('button', { name: '取消' }).click();
  await expect(page.getByText('已取消，没有留下不完整的文件')).toBeVisible({ timeout: 60_000 });
  expect(((await api(page, 'archive.exports', { year: Y })) as unknown[]).length).toBe(before);
  const yearDir = path.join(app.dataDir, 'archive', String(Y));
  expect(fs.readdirSync(yearDir).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
});

test('年度归档: PDFs that cannot be made are named with the reason, the other files kept, and 重试 makes them once the browser starts', async ({ page }) => {
  test.setTimeout(180_000);
  // A browser that is not installed yet: a stand-in that exits until it is "installed" (a file beside it), then runs Chromium.
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'bl-e2e-browser-'));
  const browser = path.join(bin, 'chromium');
  fs.writeFileSync(browser, `#!/bin/sh\n[ -e "$0.installed" ] || { echo "chromium: not installed" >&2; exit 1; }\nexec /usr/bin/chromium "$@"\n`, { mode: 0o755 });
  await app.start(undefined, { CHROMIUM_PATH: browser });
  try {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(app.url);
    await pick(page, '年度', `${Y}年`);
    await page.getByRole('menuitem', { name: '年度归档' }).click();
    await page.getByRole('button', { name: '带缺项继续' }).click();
    await page.getByRole('button', { name: /开始归档/ }).click();
    // Every PDF fails by name and why; the workbook and the Word volumes are kept.
    const failed = page.getByRole('alert').filter({ hasText: '未能生成' });
    await expect(failed).toContainText('有 2 个文件未能生成，其余文件已完整保存', { timeout: 120_000 });
    await expect(failed).toContainText(`${Y}年度_党支部综合记录.pdf：Chromium 意外退出（退出码 1），无法生成 PDF：chromium: not installed`);
    await expect(failed).toContainText(`${Y}年度_支部档案.pdf：`);
    const made = page.getByText(/已生成 3 个文件，保存在数据目录的 archive\//);
    await expect(made).toBeVisible();
    await page.screenshot({ path: path.join(shots, 'archive-5-failed.png'), fullPage: true });
    const exportId = /archive\/\d{4}\/([^/]+)\//.exec((await made.textContent()) ?? '')![1]!;
    const folder = path.join(app.dataDir, 'archive', String(Y), exportId);
    const before = fs.readdirSync(folder).sort();
    expect(before).toEqual([`${Y}年度_党支部综合记录.docx`, `${Y}年度_台账汇总.xlsx`, `${Y}年度_支部档案.docx`]);
    const workbook = fs.readFileSync(path.join(folder, `${Y}年度_台账汇总.xlsx`));

    // Installed: 重试 makes the two PDFs (and their Word volumes, for the pages) into the same folder.
    fs.writeFileSync(`${browser}.installed`, '');
    await failed.getByRole('button', { name: '重试未生成的文件' }).click();
    await expect(page.getByText(/已生成 5 个文件/)).toBeVisible({ timeout: 120_000 });
    await expect(page.getByRole('alert').filter({ hasText: '未能生成' })).toHaveCount(0);
    await page.screenshot({ path: path.join(shots, 'archive-6-retried.png'), fullPage: true });
    expect(fs.readdirSync(folder).sort()).toEqual([...before, `${Y}年度_党支部综合记录.pdf`, `${Y}年度_支部档案.pdf`].sort());
    for (const name of [`${Y}年度_党支部综合记录.pdf`, `${Y}年度_支部档案.pdf`]) expect(fs.readFileSync(path.join(folder, name)).subarray(0, 5).toString()).toBe('%PDF-');
    // the workbook was not made again; the Word volume now carries the PDF's pages (共N页 filled in)
    expect(fs.readFileSync(path.join(folder, `${Y}年度_台账汇总.xlsx`))).toEqual(workbook);
    const docx = readDocx(fs.readFileSync(path.join(folder, `${Y}年度_党支部综合记录.docx`)).toString('base64'));
    expect(wordText(docx.parts['word/document.xml']!)).toMatch(/本卷共\d+件，共\d+页/);
    expect(fs.readdirSync(path.dirname(folder)).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
  } finally {
    fs.rmSync(bin, { recursive: true, force: true });
  }
});

test('活动频次: an obligation switched off in 支部设置 is no longer asked for in the year’s check', async ({ page }) => {
  await app.start();
  await page.goto(app.url);
  await pick(page, '年度', `${Y}年`);
  await page.getByRole('menuitem', { name: '年度归档' }).click();
  await expect(page.getByText('主题党日（每月）').first()).toBeVisible();

  await page.getByRole('menuitem', { name: '支部设置' }).click();
  const table = page.getByRole('table', { name: '活动频次' });
  await expect(table.getByRole('row', { name: /党课/ })).toContainText('地方通行');
  await page.getByRole('switch', { name: '检查主题党日' }).click();
  await expect(page.getByText('已更新：主题党日')).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'settings-cadence.png'), fullPage: true });

  await page.getByRole('menuitem', { name: '年度归档' }).click();
  await expect(page.getByText(/支部党员大会（每季度）/).first()).toBeVisible();
  await expect(page.getByText('主题党日（每月）')).toHaveCount(0);
});

test('本年概览: a quarter without its 支部党员大会 shows as not held, and recording the meeting clears it', async ({ page }) => {
  await app.start();
  await page.goto(app.url);
  await pick(page, '年度', `${Y}年`);
  await page.getByRole('menuitem', { name: '本年概览' }).click();
  await expect(page.getByRole('heading', { name: `${Y}年概览` })).toBeVisible();
  await expect(page.getByRole('link', { name: '支部党员大会（每季度） 第一季度 已开展' })).toBeVisible();
  const q2 = page.getByRole('link', { name: '支部党员大会（每季度） 第二季度 未开展' });
  await expect(q2).toHaveAttribute('href', '#/records/new?type=branch-assembly');
  await page.screenshot({ path: path.join(shots, 'year-glance.png'), fullPage: true });

  await createMeeting(page, 'branch-assembly', `${Y}-05-12`);
  await page.reload();
  await pick(page, '年度', `${Y}年`);
  await page.getByRole('menuitem', { name: '本年概览' }).click();
  await expect(page.getByRole('link', { name: '支部党员大会（每季度） 第二季度 已开展' })).toBeVisible();
  await expect(q2).toHaveCount(0);
});
