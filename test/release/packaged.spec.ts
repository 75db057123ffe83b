/**
 * The packaged app (electron-builder's unpacked output, the same files the installers hold)
 * through a secretary's first session: set up the branch, record a 支部委员会 as 定稿, print it
 * to PDF, export the year (Word + PDF, checked in the data dir), quit, start again on the same
 * data and find the meeting. The selectors and steps are those of test/e2e/meeting-flow.spec.ts
 * and test/e2e/archive.spec.ts, which drive the same renderer through the web host.
 *
 * Run by .github/workflows/release.yml after `npm run dist`, with PACKAGED_APP naming the
 * executable (npx playwright test -c playwright.release.config.ts); skipped without it, as on
 * the offline build machine, which cannot package the app.
 *
 * Playwright attaches to Electron's main process with --inspect, which the shipped executable
 * refuses (electron-builder.yml: electronFuses.enableNodeCliInspectArguments: false): the
 * workflow tests a copy with that one fuse turned back on, and ships the original.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page, type TestInfo } from '@playwright/test';
import { localToday } from '../../shared/dates.js';
import { readDocx, wordText } from '../fixtures/docx.js';
import { fillDate, openType, setUpThroughForm } from '../e2e/helpers.js';

const PACKAGED = process.env.PACKAGED_APP ? path.resolve(process.env.PACKAGED_APP) : null;

test.skip(!PACKAGED, 'PACKAGED_APP 未设置：本测试只运行打包后的程序（由 .github/workflows/release.yml 在 npm run dist 之后设置），跳过');

const BRANCH = '中共测试钻井队党支部';
const BOOK = '党支部综合记录';
const PLACE = '队部会议室';

interface Running {
  app: ElectronApplication;
  page: Page;
  /** Stop tracing (trace-<name>.zip), quit as the menu's 退出 does (app.quit), wait for the process to end. */
  quit(): Promise<void>;
}

/** Start the packaged app on `dataDir`, traced, its output kept as app-<name>.log. */
async function launch(dataDir: string, name: string, testInfo: TestInfo): Promise<Running> {
  if (!fs.existsSync(PACKAGED!)) throw new Error(`PACKAGED_APP 指向的程序不存在：${PACKAGED}`);
  const app = await electron.launch({ executablePath: PACKAGED!, args: ['--data-dir', dataDir], timeout: 90_000 });
  let log = '';
  const keep = (d: Buffer) => void (log += d.toString());
  app.process().stdout?.on('data', keep);
  app.process().stderr?.on('data', keep);
  let quitting: Promise<void> | null = null;
  const quit = () =>
    (quitting ??= (async () => {
      try {
        await app.context().tracing.stop({ path: testInfo.outputPath(`trace-${name}.zip`) });
      } catch {
        // not started, or the app is gone: nothing to keep
      }
      try {
        await app.close();
      } finally {
        await testInfo.attach(`app-${name}.log`, { body: log, contentType: 'text/plain' });
      }
    })());
  try {
    await app.context().tracing.start({ title: name, screenshots: true, snapshots: true });
    const page = await app.firstWindow({ timeout: 60_000 });
    await page.waitForLoadState('domcontentloaded');
    return { app, page, quit };
  } catch (e) {
    await quit().catch(() => undefined);
    throw e;
  }
}

test('packaged app: first session, a 定稿 meeting printed to PDF, the year exported, quit and start again', async ({}, testInfo) => {
  const Y = new Date().getFullYear();
  const today = localToday();
  const shot = (page: Page, name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bl-release-'));
  let running: Running | null = null;
  let passed = false;
  try {
    // ---- First start: an empty data dir opens the setup page.
    running = await launch(dataDir, '1-first-session', testInfo);
    const { app, page } = running;
    expect(page.url()).toBe('app://ledger/index.html');
    await setUpThroughForm(page, BRANCH);

    // ---- A 支部委员会 held today, kept as 定稿 (the form's default, checked).
    await openType(page, BOOK, '支部委员会');
    await page.getByRole('button', { name: '新建支部委员会记录' }).click();
    await expect(page.getByRole('heading', { name: '新建支部委员会记录' })).toBeVisible();
    await fillDate(page, '会议日期', today);
    await page.getByLabel('地点').fill(PLACE);
    await page.getByLabel('记录人').fill('李组织');
    await expect(page.getByTestId('attendance-counts')).toContainText('应到2人，实到2人');
    await page.getByLabel('议题1').fill('研究本季度发展党员工作');
    await page.getByLabel('会议内容').fill('张书记通报上级党委工作要求。\n支委逐一发表意见。');
    await expect(page.getByRole('radio', { name: '定稿' })).toBeChecked();
    await page.getByRole('button', { name: '保存' }).first().click();
    await expect(page.getByRole('heading', { name: new RegExp(`支部委员会记录（${Y}年 第1次）`) })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: /支部委员会记录/ })).not.toContainText('草稿');
    await expect(page.getByRole('article', { name: '打印页' })).toContainText(PLACE);

    // ---- Print it to PDF: the A4 print page, then Electron's printToPDF of that very window (print CSS).
    await page.getByRole('button', { name: '打印预览' }).click();
    const printButton = page.getByRole('button', { name: '打印', exact: true });
    await expect(printButton).toBeVisible();
    await expect(page.getByRole('article', { name: '打印页' })).toContainText('主持人（签字）');
    await shot(page, 'print-preview');
    // 打印 calls window.print(), whose dialog is the operating system's and cannot be answered
    // from a test: the call is counted instead of opening it.
    await page.evaluate(() => {
      const g = globalThis as unknown as { print: () => void; printCalls: number };
      g.printCalls = 0;
      g.print = () => void g.printCalls++;
    });
    await printButton.click();
    expect(await page.evaluate(() => (globalThis as unknown as { printCalls: number }).printCalls)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    await expect(printButton).toBeHidden(); // the toolbar never lands on paper
    const pdfBase64 = await app.evaluate(async ({ BrowserWindow }, origin) => {
      const win = BrowserWindow.getAllWindows().find((w) => w.webContents.getURL().startsWith(origin));
      if (!win) throw new Error(`no window shows ${origin}`);
      const pdf = await win.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true });
      return pdf.toString('base64');
    }, 'app://ledger/');
    await page.emulateMedia({ media: 'screen' });
    const pdf = Buffer.from(pdfBase64, 'base64');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(1000);
    fs.writeFileSync(testInfo.outputPath('meeting.pdf'), pdf);
    await page.getByRole('button', { name: '返回', exact: true }).click();

    // ---- 年度归档 of this small year: one item, exported in the background to Word and PDF.
    await page.getByRole('menuitem', { name: '年度归档' }).click();
    await expect(page.getByRole('heading', { name: `${Y}年度归档` })).toBeVisible();
    await page.getByRole('button', { name: /^(带缺项继续|下一步)$/ }).click();
    await expect(page.getByRole('table', { name: '卷册预览' })).toContainText(`${BRANCH}${Y}年度${BOOK}`);
    await page.getByRole('button', { name: /开始归档（1件）/ }).click();
    const done = page.getByText(/已生成 \d+ 个文件，保存在数据目录的 archive\//);
    await expect(done).toBeVisible({ timeout: 180_000 });
    await expect(page.getByRole('alert').filter({ hasText: '未能生成' })).toHaveCount(0);
    await shot(page, 'archive-done');
    const exportId = /archive\/\d{4}\/([^/]+)\//.exec((await done.textContent()) ?? '')?.[1];
    expect(exportId, 'the export folder named in the message').toBeTruthy();
    const files = page.getByRole('region', { name: `归档文件 ${exportId}` }).first();
    const docxName = `${Y}年度_${BOOK}.docx`;
    const pdfName = `${Y}年度_${BOOK}.pdf`;
    await expect(files).toContainText(docxName);
    await expect(files).toContainText(pdfName);

    // In the data dir, as the message says, and not empty: the Word volume holds the meeting, the PDF is a PDF.
    const folder = path.join(dataDir, 'archive', String(Y), exportId!);
    for (const name of [docxName, pdfName]) {
      const file = path.join(folder, name);
      expect(fs.existsSync(file), file).toBe(true);
      expect(fs.statSync(file).size, file).toBeGreaterThan(0);
    }
    const volume = wordText(readDocx(fs.readFileSync(path.join(folder, docxName)).toString('base64')).parts['word/document.xml']!);
    expect(volume).toContain('卷内文件目录');
    expect(volume).toContain(PLACE);
    expect(fs.readFileSync(path.join(folder, pdfName)).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // 打印 on the PDF opens it in a window of its own (Chromium's PDF viewer), as a blob of our page.
    const pdfRow = files.getByRole('listitem').filter({ hasText: pdfName });
    const [viewer] = await Promise.all([app.waitForEvent('window'), pdfRow.getByRole('button', { name: '打印' }).click()]);
    expect(viewer.url()).toMatch(/^blob:app:\/\/ledger\//);
    await viewer.close();

    // ---- Quit, as the menu's 退出 does: the closing backup runs, the process ends by itself, cleanly.
    await running.quit();
    running = null;
    expect(app.process().exitCode).toBe(0);

    // ---- Start again on the same data dir: no setup, the meeting and the export are still there.
    running = await launch(dataDir, '2-after-restart', testInfo);
    const again = running.page;
    await openType(again, BOOK, '支部委员会');
    await expect(again.getByRole('row').filter({ hasText: PLACE })).toContainText('第1次');
    await expect(again.getByText('欢迎使用“支部四本一档”')).toHaveCount(0);
    await shot(again, 'list-after-restart');
    await again.getByRole('menuitem', { name: '年度归档' }).click();
    await expect(again.getByRole('region', { name: `归档文件 ${exportId}` }).first()).toContainText(pdfName);
    await running.quit();
    running = null;
    passed = true;
  } finally {
    await running?.quit().catch(() => undefined);
    // a failure keeps the data for a look (uploaded with the traces); a pass leaves nothing behind
    try {
      if (!passed) fs.cpSync(dataDir, testInfo.outputPath('data-dir'), { recursive: true });
      fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
    } catch (e) {
      console.warn(`could not keep or remove the data dir ${dataDir}: ${(e as Error).message}`);
    }
  }
});
