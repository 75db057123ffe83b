/**
 * A data dir, a U盘 folder and a branch with Chinese names and spaces, as on a
 * Chinese Windows PC (C:\Users\王书记\AppData\Roaming\支部四本一档, E:\工作 资料):
 * the backup file written there, found, checked and restored; an automatic
 * backup restored; the year's export written inside the data dir and saved
 * onto the U盘 under <支部名称>-<年度>年度归档 with a 40-character name; the same
 * under a folder whose full path is over 260 characters. And the names the app
 * makes leave a U盘's or a desktop's full path under Windows's 260 (MAX_PATH).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app.js';
import { backupFileName } from '../../electron/core/backup/backup.js';
import { saveBaseName } from '../../electron/core/archive/save.js';
import { recordType } from '../../shared/books/index.js';
import { NAME_MAX } from '../../shared/filenames.js';
import { call, openTestCore, rows } from '../fixtures/core.js';
import { windowsNameProblem } from '../fixtures/filenames.js';
import { sampleRecord } from '../fixtures/sample.js';
import { folderDigest } from '../fixtures/save.js';
import { setupInput } from '../fixtures/seed.js';
import { makeTempDir, removeDir } from '../fixtures/tmp.js';
import { untilEnd } from '../fixtures/file-ops.js';

const YEAR = 2025;
/** 40 characters: a full official name. */
const BRANCH = '中国共产党某某省某某市某某区人民政府办公室机关第一党支部委员会（综合科室联合组）';
/** A 1×1 PNG. */
const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const dirs: string[] = [];
const cores: Core[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.close();
  for (const d of dirs.splice(0)) removeDir(d);
});

/**
 * A folder with Chinese and spaces in a fresh temporary one; `deep` nests it
 * past 260 characters, in `levels` (SQLite takes no path over 511 bytes: a data
 * dir nests in levels of mostly ASCII, dataDirPathProblem).
 */
function folder(name: string, levels: readonly string[] = []): string {
  const root = makeTempDir('zh');
  dirs.push(root);
  const dir = path.join(root, ...levels, name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
const DEEP_DATA = Array.from({ length: 10 }, (_, i) => `level ${i + 1} of a deep folder 层`);
const DEEP_USB = Array.from({ length: 16 }, (_, i) => `第${i + 1}层 文件夹 很长的名字`);

function open(dataDir: string): Core {
  const c = openTestCore(dataDir);
  cores.push(c);
  return c;
}

async function keepData(core: Core) {
  await call(core, 'branch.setup', setupInput({ name: BRANCH }));
  const plan = await call(core, 'records.create', sampleRecord(recordType('work-plan'), { date: `${YEAR}-01-10`, status: 'final' }));
  await call(core, 'attachments.add', { recordId: plan.id, name: '签到表 第1页.png', base64: TINY_PNG, thumbBase64: null });
  return plan;
}

const recordIds = (core: Core) => rows<{ id: number }>(core.db, 'SELECT id FROM records WHERE deleted_at IS NULL ORDER BY id').map((r) => r.id);

async function exportYear(core: Core) {
  const started = await call(core, 'archive.start', { year: YEAR, mode: 'books', fullIds: false, pdf: false, compiler: '钱 宣传', checker: '' });
  const job = await untilEnd(core, started);
  expect(job).toMatchObject({ state: 'done', error: null });
  return job;
}

describe.each([
  ['a data dir and a U盘 folder with Chinese names and spaces', false],
  ['the same, each under a folder whose full path is over 260 characters', true],
])('%s', (_what, deep) => {
  const dataDirOf = () => folder(path.join('王书记 的文档', '支部四本一档 数据 (2025)'), deep ? DEEP_DATA : []);
  const usbOf = () => folder('U盘 (E) 工作 资料', deep ? DEEP_USB : []);

  it('writes a backup file there, finds it, checks it and restores from it', async () => {
    const dataDir = dataDirOf();
    const usb = usbOf();
    if (deep) expect([dataDir.length, usb.length].every((n) => n > 260)).toBe(true);
    const core = open(dataDir);
    const plan = await keepData(core);
    const info = await call(core, 'backup.toFolder', { folder: usb });
    expect(path.dirname(info.id)).toBe(usb);
    expect(path.basename(info.id)).toMatch(new RegExp(`^支部四本一档备份-${BRANCH.replace(/[()（）]/g, '.')}-\\d{8}-\\d{6}\\.ledgerbak$`));
    expect((await call(core, 'backup.scan', { folder: usb })).map((b) => b.id)).toEqual([info.id]);
    expect(await call(core, 'backup.verify', { kind: 'file', id: info.id })).toMatchObject({ records: 1, attachments: 1, branchName: BRANCH });

    await call(core, 'records.remove', { id: plan.id });
    await call(core, 'records.purge', { id: plan.id });
    expect(recordIds(core)).toEqual([]);
    await call(core, 'backup.restore', { kind: 'file', id: info.id });
    expect(recordIds(core)).toEqual([plan.id]);
    const [photo] = await call(core, 'attachments.list', { recordId: plan.id });
    expect(photo!.name).toBe('签到表 第1页.png');
    expect((await call(core, 'attachments.get', { id: photo!.id, thumb: false })).base64).toBe(TINY_PNG);
  });

  it('restores an automatic backup kept in the data dir', async () => {
    const core = open(dataDirOf());
    const plan = await keepData(core);
    const snap = await core.backupNow('daily');
    await call(core, 'records.remove', { id: plan.id });
    await call(core, 'records.purge', { id: plan.id });
    await call(core, 'backup.restore', { kind: 'auto', id: snap.id });
    expect(recordIds(core)).toEqual([plan.id]);
  });

  it('exports the year inside the data dir and saves it onto the U盘 as <支部名称>-<年度>年度归档, byte for byte', async () => {
    const dataDir = dataDirOf();
    const usb = usbOf();
    const core = open(dataDir);
    await keepData(core);
    const job = await exportYear(core);
    expect(job.files.map((f) => f.name)).toContain('2025年度_支部档案.docx');
    const source = path.join(dataDir, 'archive', String(YEAR), job.id);
    expect(fs.readdirSync(source).sort()).toEqual(job.files.map((f) => f.name).sort());

    const target = await call(core, 'archive.saveTarget', { year: YEAR, folder: usb });
    expect(target).toEqual({ baseName: `${BRANCH}-2025年度归档`, name: `${BRANCH}-2025年度归档`, folder: path.join(usb, `${BRANCH}-2025年度归档`) });
    let save = await call(core, 'archive.saveAll', { year: YEAR, exportId: job.id, folder: usb });
    while (save.state === 'running') {
      await new Promise((r) => setTimeout(r, 20));
      save = await call(core, 'archive.saveJob', { id: save.id });
    }
    expect(save).toMatchObject({ state: 'done', error: null, folder: target.folder });
    expect(folderDigest(target.folder)).toEqual(folderDigest(source));
  });
});

describe('a data dir too long for SQLite', () => {
  it('is refused at start with a sentence that says so, before anything is written there', () => {
    const dataDir = folder('支部四本一档 数据', Array.from({ length: 8 }, (_, i) => `第${i + 1}层 很长很长的文件夹名字 ${'文'.repeat(5)}`));
    expect(Buffer.byteLength(dataDir)).toBeGreaterThan(431);
    expect(() => open(dataDir)).toThrow(/^数据目录的路径太长（\d+字节，最多431字节），数据文件无法在其中打开：/);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});

describe('names and Windows’s 260 characters', () => {
  it('leave the full path on a U盘 and on a desktop under 260, with a 40-character branch name and its longest volume', () => {
    const folderName = `${saveBaseName(BRANCH, YEAR)}（12）`;
    const volume = '2025年度_党支部综合记录（定期30年）_第12卷.docx';
    for (const root of ['E:\\', 'C:\\Users\\王书记\\Desktop', 'C:\\Users\\王书记\\Documents\\支部工作\\2025年']) {
      const full = path.win32.join(root, folderName, volume);
      expect(full.length, full).toBeLessThan(260);
      const backup = path.win32.join(root, backupFileName(BRANCH));
      expect(backup.length, backup).toBeLessThan(260);
    }
  });

  it('cap every name at NAME_MAX, so that any folder of up to 108 characters still fits', () => {
    const longest = backupFileName('支'.repeat(300));
    expect(longest.length).toBeLessThanOrEqual(NAME_MAX);
    expect(windowsNameProblem(longest)).toBeNull();
    expect(path.win32.join(`D:\\${'文'.repeat(104)}`, longest).length).toBeLessThan(260);
  });
});
