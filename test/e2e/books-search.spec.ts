/**
 * One record in each of the four books and the archive through the generic UI,
 * each found again by the search box (also in traditional characters and by a
 * person's pinyin); an attachment, a revision restored, the regulation texts.
 */
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { encodePng } from '../../electron/core/demo/files.js';
import { SHOTS as shots, useApp } from './host.js';

const app = useApp('books');
import { api, fillDate, openType, pick } from './helpers.js';


/** A small valid PNG with a colour gradient. */
function png(w: number, h: number): Buffer {
  return encodePng(w, h, Uint8Array.from({ length: w * h * 3 }, (_, i) => [200, 30 + Math.floor(i / 3 / w), 40 + ((i / 3) % w)][i % 3]!));
}

test.beforeAll(() => app.start());

async function save(page: Page) {
  await page.getByRole('button', { name: '保存' }).first().click();
  await expect(page.getByRole('article', { name: '打印页' })).toBeVisible();
}

async function searchFor(page: Page, text: string) {
  const box = page.getByRole('searchbox', { name: '搜索' });
  await box.fill(text);
  await box.press('Enter');
  await expect(page.getByRole('heading', { name: `搜索“${text}”` })).toBeVisible();
}

test('a record in every book, found by search', async ({ page }) => {
  await page.goto(app.url);
  await api(page, 'branch.setup', {
    name: '中共测试风电场党支部',
    parentOrg: '中共测试新能源公司委员会',
    fondsNo: 'Z001',
    groups: ['第一党小组'],
    committee: [{ name: '张书记', gender: '男', role: '书记' }],
  });
  await api(page, 'people.create', { name: '欧阳明', gender: '男', birthDate: '', politicalStatus: '群众', groupId: null, position: '风机检修工', phone: '' });
  await page.reload();

  // 《党支部综合记录》: 谈心谈话、家访
  await openType(page, '党支部综合记录', '谈心谈话、家访');
  await page.getByRole('button', { name: '新建谈心谈话、家访记录' }).click();
  await page.getByLabel('地点', { exact: true }).fill('升压站值班室');
  await page.getByLabel('谈话人', { exact: true }).fill('张书记');
  await page.getByLabel('谈话对象', { exact: true }).fill('欧阳明');
  await pick(page, '方式', '个别谈心');
  await pick(page, '类别', '家庭困难');
  await page.getByLabel('主题', { exact: true }).fill('了解风机检修班家庭困难');
  await page.getByLabel('主要内容', { exact: true }).fill('谈到孩子上学与轮休安排。');
  await save(page);
  await page.screenshot({ path: path.join(shots, 'talk-view.png'), fullPage: true });

  // 《纪检监察综合治理记录》: 问题整改台账
  await openType(page, '纪检监察综合治理记录', '问题整改台账');
  await page.getByRole('button', { name: '新建问题整改台账' }).click();
  await pick(page, '问题来源', '监督检查');
  await page.getByLabel('问题', { exact: true }).fill('塔筒爬梯防坠器点检记录不全');
  await page.getByLabel('整改措施', { exact: true }).fill('逐台补齐点检，建立周检表。');
  await page.getByLabel('责任人', { exact: true }).fill('张书记');
  await fillDate(page, '时限', `${new Date().getFullYear()}-12-31`);
  await pick(page, '整改状态', '整改中');
  await save(page);

  // 《工会、团支部记录》: 合理化建议
  await openType(page, '工会、团支部记录', '合理化建议');
  await page.getByRole('button', { name: '新建合理化建议记录' }).click();
  await page.getByLabel('建议名称', { exact: true }).fill('偏航齿轮润滑周期优化');
  await page.getByLabel('提出人', { exact: true }).fill('欧阳明');
  await page.getByLabel('建议内容', { exact: true }).fill('按季节调整润滑周期。');
  await save(page);

  // 《班组综合记录》: 班前会 (a meeting: everyone on the roster is expected)
  await openType(page, '班组综合记录', '班前会');
  await page.getByRole('button', { name: '新建班前会记录' }).click();
  await expect(page.getByTestId('attendance-counts')).toContainText('应到2人，实到2人');
  await page.getByLabel('地点', { exact: true }).fill('集控室');
  await page.getByLabel('记录人', { exact: true }).fill('欧阳明');
  await page.getByLabel('议题1').fill('布置登塔作业');
  await page.getByLabel('当班任务', { exact: true }).fill('12号风机变桨系统检修');
  await page.getByLabel('安全提示', { exact: true }).fill('登塔双钩，风速超限停止作业。');
  await save(page);

  // An attachment on it: a photo is kept with a thumbnail; a renamed program is refused
  const chooser = page.getByLabel('选择附件文件');
  await chooser.setInputFiles({ name: '班前会照片.png', mimeType: 'image/png', buffer: png(64, 48) });
  await expect(page.getByTestId('attachment')).toHaveCount(1);
  await expect(page.getByTestId('attachment').getByRole('img')).toBeVisible();
  await chooser.setInputFiles({ name: '签到表.jpg', mimeType: 'image/jpeg', buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]) });
  await expect(page.getByText(/签到表\.jpg：.*Windows 程序/)).toBeVisible();
  await expect(page.getByTestId('attachment')).toHaveCount(1);
  await page.screenshot({ path: path.join(shots, 'shift-view.png'), fullPage: true });

  // 支部档案: 工作计划, then a revision restored
  await openType(page, '支部档案', '工作计划');
  await page.getByRole('button', { name: '新建工作计划' }).click();
  await page.getByLabel('标题', { exact: true }).fill('风电场党支部年度工作计划');
  await page.getByLabel('正文', { exact: true }).fill('一、抓好理论学习。\n二、抓好安全生产。');
  await save(page);
  await expect(page.getByRole('article', { name: '打印页' }).getByRole('heading', { name: '风电场党支部年度工作计划' })).toBeVisible();
  await page.getByRole('button', { name: '编辑' }).click();
  await page.getByLabel('标题', { exact: true }).fill('风电场党支部年度工作计划（修订）');
  await save(page);
  await page.getByRole('button', { name: '历史版本' }).click();
  await expect(page.getByText('此次修改：标题')).toBeVisible();
  await page.getByRole('button', { name: '对比' }).click();
  await expect(page.locator('.diff-changed')).toContainText('风电场党支部年度工作计划（修订）');
  await page.screenshot({ path: path.join(shots, 'revisions.png') });
  await page.getByRole('button', { name: '恢复此版本' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '确定' }).click();
  await expect(page.getByRole('article', { name: '打印页' }).getByRole('heading', { name: '风电场党支部年度工作计划', exact: true })).toBeVisible();
  await page.keyboard.press('Escape');

  // Search finds each, grouped by book
  const finds: [string, string, string][] = [
    ['孩子上学', '党支部综合记录', '了解风机检修班家庭困难'],
    ['防坠器', '纪检监察综合治理记录', '塔筒爬梯防坠器点检记录不全'],
    ['润滑周期', '工会、团支部记录', '偏航齿轮润滑周期优化'],
    ['变桨', '班组综合记录', '布置登塔作业'],
    ['理论学习', '支部档案', '风电场党支部年度工作计划'],
  ];
  for (const [q, book, title] of finds) {
    await searchFor(page, q);
    await expect(page.getByRole('region', { name: book })).toContainText(title);
    await expect(page.getByRole('region', { name: book }).locator('mark').first()).toHaveText(q);
  }
  // traditional characters, and a person by pinyin initials
  await searchFor(page, '變槳');
  await expect(page.getByRole('region', { name: '班组综合记录' })).toContainText('布置登塔作业');
  await searchFor(page, 'oym');
  await expect(page.getByRole('region', { name: '人员名册' })).toContainText('欧阳明');
  await page.screenshot({ path: path.join(shots, 'search.png'), fullPage: true });
  await page.getByRole('region', { name: '人员名册' }).getByRole('heading', { name: '欧阳明' }).click();
  await expect(page.locator('.row-highlight')).toContainText('欧阳明');

  // The sidebar counts the year's records per type
  await openType(page, '班组综合记录', '班前会');
  await expect(page.getByRole('menuitem', { name: /^班前会/ })).toContainText('1');

  // The regulation texts
  await page.getByRole('menuitem', { name: '制度文本' }).click();
  await expect(page.getByText('“三会一课”制度').first()).toBeVisible();
});

test('every record type opens its form, built from the definition', async ({ page }) => {
  const { RECORD_TYPES, printTitle } = await import('../../shared/books/index.js');
  await page.goto(app.url);
  const base = page.url().replace(/#.*$/, '');
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  for (const def of RECORD_TYPES) {
    await page.goto(`${base}#/records/new?type=${def.id}`);
    await expect(page.getByRole('heading', { name: `新建${printTitle(def)}` })).toBeVisible();
    for (const f of def.fields.filter((x) => x.required && x.kind !== 'object' && x.kind !== 'table' && x.kind !== 'lines')) {
      await expect(page.getByText(f.label, { exact: true }).first(), `${def.label}：${f.label}`).toBeVisible();
    }
  }
  expect(errors).toEqual([]);
});
