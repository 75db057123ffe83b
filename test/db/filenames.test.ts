/**
 * Every name the app writes or offers that holds user text is one Windows takes
 * (shared/filenames.ts), whatever the branch is called or the record titled:
 * the backup file, the archive folder on the U盘, the registers and dues
 * workbooks, a record's Word file, the year's volumes, a download's name. The
 * hostile names are written into SQLite directly, as an old database may hold
 * them (the boundary refuses NUL and drops U+202E today).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultTextsDir } from '../../electron/core/app.js';
import { buildVolumes } from '../../electron/core/archive/volume.js';
import { recordType } from '../../shared/books/index.js';
import type { ExportedFile } from '../../shared/methods/method.js';
import { call, rows, useCore } from '../fixtures/core.js';
import { HOSTILE_NAMES, windowsNameProblem } from '../fixtures/filenames.js';
import { sampleRecord } from '../fixtures/sample.js';
import { setupInput } from '../fixtures/seed.js';
import { useTempDir } from '../fixtures/tmp.js';

const YEAR = 2025;

/** The name is one Windows takes, and one this file system writes. */
function expectWritable(name: string, dir: string, what: string) {
  expect(windowsNameProblem(name), `${what}: ${JSON.stringify(name)}`).toBeNull();
  const file = path.join(dir, name);
  fs.writeFileSync(file, '');
  expect(fs.readdirSync(dir), what).toContain(name);
  fs.rmSync(file);
}

describe('names made from the branch name and a record title', () => {
  const h = useCore();
  const tempDir = useTempDir('usb');

  it.each(HOSTILE_NAMES.map((n) => [n]))('%j', async (hostile) => {
    await call(h.core, 'branch.setup', setupInput());
    const plan = await call(h.core, 'records.create', sampleRecord(recordType('work-plan'), { date: `${YEAR}-01-10`, status: 'final' }));
    h.core.db.sqlite.prepare('UPDATE branch SET name = ?').run(hostile);
    const [row] = rows<{ data: string }>(h.core.db, 'SELECT data FROM records WHERE id = ?', plan.id);
    h.core.db.sqlite.prepare('UPDATE records SET data = ? WHERE id = ?').run(JSON.stringify({ ...JSON.parse(row!.data), title: hostile }), plan.id);
    const usb = tempDir();
    const scratch = fs.mkdtempSync(path.join(usb, 'w-'));

    // 备份到U盘: written, found again by its folder's scan
    const backup = await call(h.core, 'backup.toFolder', { folder: usb });
    expect(windowsNameProblem(path.basename(backup.id)), path.basename(backup.id)).toBeNull();
    expect(path.basename(backup.id)).toMatch(/^支部四本一档备份-.+-\d{8}-\d{6}\.ledgerbak$/);
    expect((await call(h.core, 'backup.scan', { folder: usb })).map((b) => b.id)).toEqual([backup.id]);

    // 全部保存到…: <支部名称>-<年度>年度归档, and （2） beside it
    const target = await call(h.core, 'archive.saveTarget', { year: YEAR, folder: usb });
    expect(target.name).toMatch(/-2025年度归档$/);
    expectWritable(target.name, scratch, 'archive folder');
    expectWritable(`${target.name}（2）`, scratch, 'archive folder （2）');

    for (const [what, file] of [
      ['registers workbook', await call(h.core, 'registers.exportXlsx', { year: YEAR, fullIds: true })],
      ['dues workbook', await call(h.core, 'dues.exportXlsx', { year: YEAR })],
      ['record Word file', await call(h.core, 'records.exportDocx', { id: plan.id })],
    ] as const) {
      expectWritable(file.fileName, scratch, what);
      expect(path.extname(file.fileName), what).toBe(what === 'record Word file' ? '.docx' : '.xlsx');
    }
    expect((await call(h.core, 'records.exportDocx', { id: plan.id })).fileName).toMatch(/^2025-01-10_/);

    for (const v of buildVolumes(h.core.db, h.core.dataDir, defaultTextsDir(), { year: YEAR, mode: 'books', fullIds: false, compiler: '', checker: '', date: `${YEAR + 1}-01-05`, log: [], gaps: [] })) {
      expectWritable(`${v.fileBase}.docx`, scratch, 'volume');
      expectWritable(`${v.fileBase}.pdf`, scratch, 'volume PDF');
    }
  });
});

/** The renderer's module, loaded by path: the node project's typecheck leaves the DOM's code out. */
const DOWNLOAD = '../../renderer/src/download.ts';

describe('a download’s name (renderer/src/download.ts)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it.each([...HOSTILE_NAMES, '照片:1?.png', 'CON.pdf', '签到表\u202egpj.exe'].map((n) => [n]))('%j', async (name) => {
    const { saveFile } = (await import(/* @vite-ignore */ DOWNLOAD)) as { saveFile: (f: ExportedFile) => void };
    const a = { href: '', download: '', click: vi.fn(), remove: vi.fn() };
    vi.stubGlobal('document', { createElement: () => a, body: { appendChild: vi.fn() } });
    const f: ExportedFile = { fileName: name, mimeType: 'application/pdf', base64: Buffer.from('%PDF-').toString('base64') };
    saveFile(f);
    expect(a.click).toHaveBeenCalledOnce();
    expect(windowsNameProblem(a.download), JSON.stringify(a.download)).toBeNull();
  });
});
