/**
 * The layout on the small screens a secretary has (1366×768 and 1024×768
 * laptops), with the system's real scrollbars: the header and the sidebar stay
 * in place while only the content scrolls; every page opens at its top; the
 * document never scrolls sideways; form items and table headers never overlap
 * and labels are not clipped; wide tables scroll inside their card (the 党费
 * grid shows 12月 with the names still beside it); the print sheets scale down
 * to the window. A screenshot of every page at both sizes is left in
 * .cache/test-results/screens/layout-<size>-<page>.png to be looked at.
 */
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { BOOK_TREE, RECORD_TYPES } from '../../shared/books/index.js';
import type { Attendee } from '../../shared/books/schema.js';
import type { Branch } from '../../shared/methods/branch.js';
import type { Person } from '../../shared/methods/people.js';
import { sampleRecord, talkInput } from '../fixtures/sample.js';
import { answerUnsaved, api, pick, setUpBranch } from './helpers.js';
import { SHOTS as shots, useApp } from './host.js';
import config from '../../playwright.config.js';

const app = useApp('layout');
test.describe.configure({ mode: 'serial' });
// Scrollbars take their width, as on Windows (Playwright hides them by default).
test.use({ launchOptions: { ...config.use?.launchOptions, ignoreDefaultArgs: ['--hide-scrollbars'] } });

const Y = new Date().getFullYear() - 1;
/** Long enough to need truncating in the header at 1024 px. */
const BRANCH = '中共某某石油管理局某某钻探公司第一钻井工程项目部第三钻井队党支部';
const PEOPLE: [string, Person['politicalStatus'], string][] = [
  ['王建国', '中共党员', '钻井队长'],
  ['刘海燕', '中共党员', '技术员'],
  ['陈志强', '中共党员', '司钻'],
  ['赵明', '中共预备党员', '副司钻'],
  ['孙丽', '中共党员', '材料员'],
  ['周平', '共青团员', '井架工'],
  ['吴刚', '群众', '场地工'],
  ['郑秀英', '中共党员', '安全员'],
];

let seeded: { assembly: number } | null = null;

/** A branch a year into its books: people, a record of every type, 党费 fixed and partly paid, a 发展党员 case. */
async function seed(page: Page) {
  await setUpBranch(page, { name: BRANCH, groups: ['第一党小组', '第二党小组'] });
  const people: Person[] = [];
  for (const [i, [name, politicalStatus, position]] of PEOPLE.entries()) {
    people.push(
      (await api(page, 'people.create', {
        name,
        gender: i % 3 ? '男' : '女',
        birthDate: `198${i}-0${(i % 9) + 1}-15`,
        politicalStatus,
        groupId: null,
        position,
        phone: `1390000000${i}`,
        ethnicity: '汉族',
        nativePlace: '山东省东营市',
        education: '大学本科',
        address: '东营市东营区西三路',
        joinDate: politicalStatus === '中共党员' ? `200${i}-07-01` : politicalStatus === '中共预备党员' ? `${Y}-03-01` : '',
        fullDate: politicalStatus === '中共党员' ? `200${i + 1}-07-01` : '',
      })) as Person,
    );
  }
  const branch = (await api(page, 'branch.get', {})) as Branch;
  const groupId = branch.groups[0]!.id;
  let assembly = 0;
  for (const [i, def] of RECORD_TYPES.entries()) {
    const hasGroup = def.fields.some((f) => f.kind === 'group');
    const attendance = def.fields.some((f) => f.kind === 'attendance')
      ? ((await api(page, 'records.expected', { type: def.id, groupId: hasGroup ? groupId : null })) as Attendee[])
      : undefined;
    const date = `${Y}-${String((i % 12) + 1).padStart(2, '0')}-1${i % 10}`;
    const rec = (await api(page, 'records.create', sampleRecord(def, { date, attendance, groupId }))) as { id: number };
    if (def.id === 'branch-assembly') assembly = rec.id;
  }
  await api(page, 'records.create', talkInput(`${Y}-05-20`, '张书记', '李组织'));
  const removed = (await api(page, 'records.create', sampleRecord(RECORD_TYPES[0]!, { date: `${Y}-02-01` }))) as { id: number };
  await api(page, 'records.remove', { id: removed.id });
  const members = people.filter((p) => p.politicalStatus.startsWith('中共'));
  await api(page, 'dues.setupYear', { year: Y, entries: members.map((p, i) => ({ personId: p.id, category: '在职', base: 4000 + 1500 * i, amount: null })) });
  for (const p of members.slice(0, 3)) await api(page, 'dues.pay', { year: Y, personId: p.id, months: [1, 2, 3], amount: 60 + p.id, paidDate: `${Y}-03-31`, collector: '李组织' });
  await api(page, 'development.open', { personId: people.find((p) => p.politicalStatus === '群众')!.id });
  return { assembly };
}

/** The page's root element: its scroll sizes and offsets are the document's. */
const root = (page: Page) => page.locator('html');
const content = (page: Page) => page.locator('.app-content');
const boxOf = async (l: Locator) => (await l.boundingBox())!;

/** What the checks below read of the page's DOM (this project's Node typecheck has no DOM types). */
interface El {
  getBoundingClientRect(): { left: number; right: number; top: number; bottom: number; width: number; height: number };
  contains(other: El): boolean;
  textContent: string | null;
  className: string;
  scrollWidth: number;
  clientWidth: number;
  children: Iterable<El>;
}
interface Win {
  document: {
    querySelectorAll(selector: string): Iterable<El>;
    createRange(): { selectNodeContents(e: El): void; getBoundingClientRect(): ReturnType<El['getBoundingClientRect']> };
  };
  getComputedStyle(e: El): { visibility: string; position: string; fontSize: string; paddingLeft: string; paddingRight: string };
}

/**
 * Pairs of visible boxes that overlap (by more than a pixel each way), labels and header
 * cells whose text is clipped, and table cells squeezed to fewer than three characters a line.
 */
function overlapsInPage(): string[] {
  const { document, getComputedStyle } = globalThis as unknown as Win;
  const visible = (e: El) => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
  };
  const name = (e: El) => (e.textContent ?? '').trim().slice(0, 20) || e.className;
  const problems: string[] = [];
  const pairs = (els: El[], what: string) => {
    for (let i = 0; i < els.length; i++) {
      for (let j = i + 1; j < els.length; j++) {
        const a = els[i]!;
        const b = els[j]!;
        if (a.contains(b) || b.contains(a)) continue;
        const p = a.getBoundingClientRect();
        const q = b.getBoundingClientRect();
        const w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
        const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
        if (w > 1 && h > 1) problems.push(`${what} overlap: “${name(a)}” and “${name(b)}”`);
      }
    }
  };
  pairs([...document.querySelectorAll('.ant-form-item')].filter(visible), 'form items');
  // (Fixed columns stay put over the others as a table scrolls sideways: those are meant to.)
  for (const row of document.querySelectorAll('.ant-table-thead > tr')) {
    pairs([...row.children].filter((e) => visible(e) && getComputedStyle(e).position !== 'sticky'), 'header cells');
  }
  // Text that runs out of its header cell or label (cut off, or over the next one).
  for (const e of document.querySelectorAll('.ant-table-thead th, .ant-form-item-label > label')) {
    if (!visible(e) || !e.textContent?.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(e);
    const text = range.getBoundingClientRect();
    const box = e.getBoundingClientRect();
    if (text.right > box.right + 1 || text.left < box.left - 1) problems.push(`clipped: “${name(e)}” (text ${Math.round(text.width)} px in ${Math.round(box.width)} px)`);
  }
  for (const e of document.querySelectorAll('.ant-table-cell')) {
    if (!visible(e) || (e.textContent ?? '').trim().length <= 3) continue;
    const style = getComputedStyle(e);
    const room = e.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (room < 3 * parseFloat(style.fontSize)) problems.push(`squeezed: “${name(e)}” (${Math.round(room)} px a line)`);
  }
  return problems;
}

/** The facts that hold on every page: nothing overlaps, the document does not scroll sideways. */
async function checkPage(page: Page, size: string, key: string) {
  // Let the page settle (data loaded, toasts gone) before the screenshot.
  await expect(page.locator('.ant-spin-spinning, .ant-skeleton-active')).toHaveCount(0);
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 15_000 });
  await page.screenshot({ path: path.join(shots, `layout-${size}-${key}.png`) });
  const doc = await root(page).evaluate((e) => ({ scrollWidth: e.scrollWidth, clientWidth: e.clientWidth }));
  expect(doc.scrollWidth, `${key}: the document scrolls sideways`).toBeLessThanOrEqual(doc.clientWidth);
  expect(await page.evaluate(overlapsInPage), key).toEqual([]);
}

/**
 * Scroll the content to its bottom (when it scrolls): the header and the sidebar stay
 * where they are, and the document itself does not move (it is never taller than the window).
 */
async function scrollContentDown(page: Page, shot?: string) {
  const doc = await root(page).evaluate((e) => ({ scrollHeight: e.scrollHeight, clientHeight: e.clientHeight }));
  expect(doc.scrollHeight, 'the document scrolls up and down').toBeLessThanOrEqual(doc.clientHeight);
  const header = await boxOf(page.locator('.app-header'));
  const sider = await boxOf(page.locator('.app-sider'));
  const scrolls = await content(page).evaluate((e) => {
    e.scrollTo({ top: e.scrollHeight });
    return e.scrollTop > 0;
  });
  if (shot && scrolls) await page.screenshot({ path: path.join(shots, `${shot}-end.png`) });
  expect(await boxOf(page.locator('.app-header'))).toEqual(header);
  expect(await boxOf(page.locator('.app-sider'))).toEqual(sider);
  expect(header.y).toBe(0);
  expect(await root(page).evaluate((e) => e.scrollTop)).toBe(0);
}

/**
 * A page of the shell, opened after the one before was scrolled down: it opens at its top.
 * Then it is scrolled to its end (a second screenshot, when it scrolls).
 */
async function visit(page: Page, size: string, key: string, open: () => Promise<unknown>, ready: Locator) {
  await scrollContentDown(page);
  await open();
  await expect(ready).toBeVisible();
  expect(await content(page).evaluate((e) => e.scrollTop), `${key} opens at its top`).toBe(0);
  await checkPage(page, size, key);
  await scrollContentDown(page, `layout-${size}-${key}`);
}

const menu = (page: Page, name: string) => page.getByRole('menuitem', { name, exact: true });
const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { name });

for (const [width, height] of [
  [1366, 768],
  [1024, 768],
] as const) {
  const size = `${width}`;
  test(`layout at ${width}×${height}`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width, height });
    if (!seeded) {
      await app.start();
      await page.goto(app.url);
      seeded = await seed(page);
    } else await page.goto(app.url);
    await page.reload();
    await pick(page, '年度', `${Y}年`);
    await expect(heading(page, `${Y}年概览`)).toBeVisible();

    // The header: title, branch (cut with an ellipsis, whole in its tooltip), search and 年度 side by side.
    const branch = page.locator('.app-branch');
    await expect(branch).toHaveAttribute('title', BRANCH);
    const parts = [page.locator('.app-title'), branch, page.getByRole('searchbox', { name: '搜索' }), page.getByLabel('年度', { exact: true })];
    let right = 0;
    for (const p of parts) {
      const b = await boxOf(p);
      expect(b.x).toBeGreaterThanOrEqual(right);
      right = b.x + b.width;
    }
    expect(right).toBeLessThanOrEqual(width);

    // Every page of the menu: the record books, then the pages below them.
    for (const b of BOOK_TREE) {
      await visit(page, size, `book-${b.id}`, () => openBookList(page, b.label), heading(page, `${Y}年 · ${b.label}`));
    }
    // The sidebar scrolls on its own, the content does not move with it.
    const sider = page.locator('.app-sider .ant-layout-sider-children');
    expect(await sider.evaluate((e) => e.scrollHeight > e.clientHeight), 'an open book makes the menu taller than the window').toBe(true);
    await sider.evaluate((e) => e.scrollTo({ top: e.scrollHeight }));
    await expect(menu(page, '支部设置')).toBeInViewport();
    expect(await root(page).evaluate((e) => e.scrollTop)).toBe(0);

    // Each with its heading, and a part further down worth its own screenshot.
    const pages: [string, string, Locator, Locator?][] = [
      ['year', '本年概览', heading(page, `${Y}年概览`), page.getByRole('table', { name: '谈心谈话矩阵' })],
      ['calendar', '活动日历', heading(page, `${Y}年活动日历`)],
      ['people', '人员名册', heading(page, '人员名册')],
      ['development', '发展党员', heading(page, '发展党员')],
      ['dues', '党费收缴', heading(page, `党费收缴台账（${Y}年）`)],
      ['archive', '年度归档', heading(page, `${Y}年度归档`)],
      ['rules', '制度文本', heading(page, '制度文本')],
      ['trash', '回收站', heading(page, '回收站')],
      ['backup', '数据备份', heading(page, '数据备份')],
      ['settings', '支部设置', heading(page, '支部设置'), page.getByRole('table', { name: '活动频次' })],
    ];
    for (const [key, label, ready, part] of pages) {
      await visit(page, size, key, () => menu(page, label).click(), ready);
      if (!part) continue;
      await part.evaluate((e) => e.scrollIntoView({ block: 'center' }));
      await checkPage(page, size, `${key}-part`);
    }

    // 年度归档: the next step opens at its top as well (the page was left scrolled to its end).
    await visit(page, size, 'archive', () => menu(page, '年度归档').click(), heading(page, `${Y}年度归档`));
    await page.getByRole('button', { name: '带缺项继续' }).click();
    await expect(page.getByRole('table', { name: '卷册预览' })).toBeVisible();
    expect(await content(page).evaluate((e) => e.scrollTop), 'the step opens at its top').toBe(0);
    await checkPage(page, size, 'archive-2');

    // A 发展党员 case in its drawer, and a person's form in its dialog.
    await visit(page, size, 'development-case', () => menu(page, '发展党员').click().then(() => page.getByText('吴刚', { exact: true }).click()), page.locator('.ant-drawer-title', { hasText: '吴刚 · 发展党员记录' }));
    await page.locator('.ant-drawer-close').click();
    await expect(page.locator('.ant-drawer-content')).toHaveCount(0);
    await visit(page, size, 'person', () => menu(page, '人员名册').click().then(() => page.getByRole('button', { name: '添加人员' }).click()), page.getByRole('dialog'));
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    // The 党费 grid: 12月 scrolls into view inside its card, the names stay beside it.
    await visit(page, size, 'dues-grid', () => menu(page, '党费收缴').click(), heading(page, `党费收缴台账（${Y}年）`));
    await page.getByRole('tab', { name: '收缴台账' }).click();
    const december = page.locator('.dues-grid .ant-table-thead th').filter({ hasText: /^12月$/ });
    const firstName = page.locator('.dues-grid .ant-table-tbody td').filter({ hasText: PEOPLE[0]![0] }).first();
    await page.locator('.dues-grid').first().evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await december.scrollIntoViewIfNeeded();
    const card = await boxOf(page.locator('.dues-grid').first());
    const dec = await boxOf(december);
    expect(dec.x + dec.width).toBeLessThanOrEqual(card.x + card.width + 1);
    expect(dec.x).toBeGreaterThanOrEqual(card.x);
    const name = await boxOf(firstName);
    expect(name.x).toBeGreaterThanOrEqual(card.x - 1);
    expect(name.x + name.width).toBeLessThanOrEqual(dec.x);
    // At 1366 px all of it shows; at 1024 px the grid scrolled sideways, the page did not.
    const scrolled = await page.locator('.dues-grid .ant-table-content').evaluate((e) => e.scrollLeft);
    if (width < 1366) expect(scrolled).toBeGreaterThan(0);
    else expect(scrolled).toBe(0);
    expect(await root(page).evaluate((e) => e.scrollLeft)).toBe(0);
    await checkPage(page, size, 'dues-grid');

    // A record type's list, a new record's form, a record's view and its print page.
    await openBook(page, '党支部综合记录');
    await visit(page, size, 'list', () => page.getByRole('menuitem', { name: /^支部党员大会/ }).click(), heading(page, `${Y}年 · 支部党员大会`));
    await visit(page, size, 'form', () => page.getByRole('button', { name: '新建支部党员大会记录' }).click(), heading(page, '新建支部党员大会记录'));
    await page.getByRole('button', { name: '添加表决事项' }).click();
    await checkPage(page, size, 'form-motion');
    // the motion added is a change: leaving the form asks first
    await visit(
      page,
      size,
      'form-staff',
      async () => {
        await go(page, '/records/new?type=staff-profile');
        await answerUnsaved(page, '放弃修改');
      },
      heading(page, /^新建职工基本情况登记表/),
    );
    await visit(page, size, 'view', () => go(page, `/records/${seeded!.assembly}`), heading(page, `支部党员大会记录（${Y}年 第1次）`));
    // The A4 sheet of the view fits the content area (scaled down at 1024 px).
    const sheet = await boxOf(page.getByRole('article', { name: '打印页' }));
    const area = await content(page).evaluate((e) => ({ left: e.getBoundingClientRect().left, right: e.getBoundingClientRect().left + e.clientWidth }));
    expect(sheet.x).toBeGreaterThanOrEqual(area.left);
    expect(sheet.x + sheet.width).toBeLessThanOrEqual(area.right);
    await page.getByRole('button', { name: '打印预览' }).click();
    await expect(page.getByRole('article', { name: '打印页' })).toBeVisible();
    await checkSheet(page, size, 'print');

    // A register on A4 (landscape: wider than a 1024 px window), from 年度归档.
    await go(page, `/print/register/${Y}/members`);
    await expect(page.getByRole('heading', { name: `打印预览 · ${Y}年党员花名册` })).toBeVisible();
    await checkSheet(page, size, 'register');
    await go(page, `/print/register/${Y}/meetings`);
    await expect(page.getByRole('heading', { name: `打印预览 · ${Y}年会议台账` })).toBeVisible();
    await checkSheet(page, size, 'register-meetings');

    // The search results page, from the header.
    await go(page, '/year');
    await expect(heading(page, `${Y}年概览`)).toBeVisible();
    await visit(page, size, 'search', () => page.getByRole('searchbox', { name: '搜索' }).fill('王建国').then(() => page.keyboard.press('Enter')), heading(page, '搜索“王建国”'));
  });
}

/** A book's list opens as the book opens in the menu (one open at a time): an open one is closed first. */
async function openBookList(page: Page, book: string) {
  const item = menu(page, book);
  if ((await item.getAttribute('aria-expanded')) === 'true') await item.click();
  await expect(item).toHaveAttribute('aria-expanded', 'false');
  await item.click();
}

async function openBook(page: Page, book: string) {
  const item = menu(page, book);
  if ((await item.getAttribute('aria-expanded')) !== 'true') await item.click();
}

async function go(page: Page, hash: string) {
  await page.evaluate((h) => ((globalThis as unknown as { location: { hash: string } }).location.hash = h), hash);
}

/** A print page: the sheet fits the window's width and nothing scrolls sideways. */
async function checkSheet(page: Page, size: string, key: string) {
  const sheet = page.getByRole('article', { name: '打印页' });
  await expect(sheet).toBeVisible();
  const b = await boxOf(sheet);
  const clientWidth = await root(page).evaluate((e) => e.clientWidth);
  expect(b.x).toBeGreaterThanOrEqual(0);
  expect(b.x + b.width, `${key}: the sheet fits the window`).toBeLessThanOrEqual(clientWidth);
  await checkPage(page, size, key);
}
