/**
 * 身份证号 on a 职工基本情况登记表: masked in the record's view, its print
 * preview and its Word export, in full only after 显示完整身份证号 is turned on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { recordType } from '../../shared/books/index.js';
import { sampleRecord } from '../fixtures/sample.js';
import { readDocx, wordText } from '../fixtures/docx.js';
import { idNumber } from '../fixtures/roster.js';
import { api, setUpBranch } from './helpers.js';
import { SHOTS as shots, useApp } from './host.js';

const app = useApp('privacy');
const ID = idNumber('440305', '19900102', '024');
const MASKED = `${ID.slice(0, 6)}********${ID.slice(-4)}`;

async function exportedText(page: Page, file: string): Promise<string> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出Word' }).click();
  const saved = path.join(app.dataDir, file);
  await (await downloading).saveAs(saved);
  return wordText(readDocx(fs.readFileSync(saved).toString('base64')).parts['word/document.xml']!);
}

test('职工基本情况登记表: 身份证号 masked on screen, on paper and in Word unless chosen', async ({ page }) => {
  await app.start();
  await page.goto(app.url);
  await setUpBranch(page);
  const base = sampleRecord(recordType('staff-profile'), { date: '2025-02-10' });
  const rec = (await api(page, 'records.create', {
    ...base,
    data: { ...base.data, name: '卫群众', gender: '女', birthDate: '1990-01-02', idNumber: ID, politicalStatus: '群众' },
  })) as { id: number };

  await page.goto(`${app.url.replace(/#.*$/, '')}#/records/${rec.id}`);
  await expect(page.getByText(MASKED)).toBeVisible();
  await expect(page.getByText(ID)).toHaveCount(0);
  const masked = await exportedText(page, 'masked.docx');
  expect(masked).toContain(MASKED);
  expect(masked).not.toContain(ID);

  await page.getByRole('switch', { name: '显示完整身份证号' }).click();
  await expect(page.getByText(ID)).toBeVisible();
  expect(await exportedText(page, 'full.docx')).toContain(ID);

  // The print preview starts masked again: the choice is made for each export.
  await page.getByRole('button', { name: '打印预览' }).click();
  await expect(page.getByText(MASKED)).toBeVisible();
  await expect(page.getByText(ID)).toHaveCount(0);
  await page.screenshot({ path: path.join(shots, 'privacy-print-masked.png') });
  await page.getByRole('switch', { name: '显示完整身份证号' }).click();
  await expect(page.getByText(ID)).toBeVisible();
});
