/**
 * Sealing a year after its archive export (issue 5 point 5), through core.dispatch:
 * a sealed year refuses every writer and nothing is written; unsealing needs a
 * reason and is logged; the manifest covers records, attachment files and the
 * exported files; tampering in the database or on the disk is reported.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportDir } from '../../electron/core/archive/paths.js';
import { blobPath, sha256Hex } from '../../electron/core/attachments/store.js';
import { encodePng } from '../../electron/core/demo/files.js';
import { AppError } from '../../electron/core/errors.js';
import { canonicalRecord, sealedMessage, sealedYears, sealLog, unsealYear, sealYear } from '../../electron/core/seal/service.js';
import type { ManifestEntry, SealProblem } from '../../shared/archive/model.js';
import { call, callError, dbDigest, rows, useCore } from '../fixtures/core.js';
import { createMeeting, meetingInput, seedBranch } from '../fixtures/seed.js';
import { sha256File } from '../fixtures/tmp.js';

const SEALED = 2024;
const OPEN = 2025;
const EXPORT_ID = '20250105-093000';
const PNG = encodePng(1, 1, Uint8Array.from([200, 16, 46]));
const OTHER_PNG = encodePng(1, 1, Uint8Array.from([0, 128, 0]));
/** The files of the export, relative to its folder. */
const EXPORTED: Record<string, string> = {
  '中共某某单位第一支部委员会_2024年_党支部工作记录.docx': 'docx bytes',
  '中共某某单位第一支部委员会_2024年_台账.xlsx': 'xlsx bytes',
  'pdf/党支部工作记录.pdf': '%PDF-1.7 pdf bytes',
};

describe('year seal', () => {
  const h = useCore();

  function writeExport(exportId = EXPORT_ID, year = SEALED): string {
    const dir = exportDir(h.dir, year, exportId);
    for (const [name, text] of Object.entries(EXPORTED)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
  }

  /**
   * The seeded branch with, in 2024: a 支部党员大会 (final, changed once, so it has a revision) with a
   * photo, a 党小组会, and a record in the 回收站; in 2025 a meeting; 党费 fixed for 2024 and 2025 with
   * January paid in 2024. The 2024 export folder is written.
   */
  async function setUp() {
    const s = await seedBranch(h.core);
    const assembly = await createMeeting(h.core, { date: '2024-03-05' });
    await call(h.core, 'records.update', { id: assembly.id, record: await meetingInput(h.core, { date: '2024-03-05', data: { location: '二楼会议室' } }) });
    const photo = await call(h.core, 'attachments.add', { recordId: assembly.id, name: '会议照片.png', base64: PNG.toString('base64'), thumbBase64: null });
    const group = await createMeeting(h.core, { type: 'group-meeting', date: '2024-06-05', data: { groupId: s.groups[0].id } });
    const trashed = await createMeeting(h.core, { date: '2024-09-05' });
    await call(h.core, 'records.remove', { id: trashed.id });
    const later = await createMeeting(h.core, { date: '2025-03-05' });
    for (const year of [SEALED, OPEN]) {
      await call(h.core, 'dues.setupYear', {
        year,
        entries: [
          { personId: s.committee.王书记.id, category: '在职', base: 3000, amount: null },
          { personId: s.people.member1.id, category: '在职', base: 6000, amount: null },
        ],
      });
    }
    await call(h.core, 'dues.pay', { year: SEALED, personId: s.committee.王书记.id, months: [1], amount: 15, paidDate: '2024-01-31', collector: '赵组织' });
    const revision = (await call(h.core, 'records.revisions', { id: assembly.id }))[0]!;
    const dir = writeExport();
    return { s, assembly, photo, group, trashed, later, revision, dir };
  }

  const seal = (exportId = EXPORT_ID) => call(h.core, 'seal.seal', { year: SEALED, exportId });
  const verify = () => call(h.core, 'seal.verify', { year: SEALED });
  const brief = (ps: SealProblem[]) => ps.map((p) => [p.entry.kind, p.entry.ref, p.problem]);
  const blobFiles = () => fs.readdirSync(path.join(h.dir, 'attachments'), { recursive: true }).map(String).sort();

  it('refuses every change to the sealed year and writes nothing; other years stay open', async () => {
    const { s, assembly, photo, group, trashed, later, revision } = await setUp();
    await seal();
    const before = dbDigest(h.core.db);
    const filesBefore = blobFiles();
    const wang = s.committee.王书记.id;
    const zhou = s.people.member1.id;

    const refused: [string, unknown][] = [
      ['records.create', await meetingInput(h.core, { date: '2024-12-30' })],
      ['records.update', { id: assembly.id, record: await meetingInput(h.core, { date: '2024-03-05', data: { location: '三楼' } }) }],
      // moving a record out of the sealed year, and one into it
      ['records.update', { id: group.id, record: await meetingInput(h.core, { type: 'group-meeting', date: '2025-06-05', data: { groupId: s.groups[0].id } }) }],
      ['records.update', { id: later.id, record: await meetingInput(h.core, { date: '2024-03-06' }) }],
      ['records.remove', { id: assembly.id }],
      ['records.restore', { id: trashed.id }],
      ['records.purge', { id: trashed.id }],
      ['records.restoreRevision', { id: revision.id }],
      ['attachments.add', { recordId: group.id, name: '签到表.png', base64: OTHER_PNG.toString('base64'), thumbBase64: null }],
      ['attachments.remove', { id: photo.id }],
      ['dues.setupYear', { year: SEALED, entries: [{ personId: s.people.member2.id, category: '在职', base: 3000, amount: null }] }],
      ['dues.refix', { year: SEALED, personId: zhou, category: '在职', base: 8000, amount: null, reason: '工资调整' }],
      ['dues.unfix', { year: SEALED, personId: zhou }],
      ['dues.pay', { year: SEALED, personId: wang, months: [2], amount: 15, paidDate: '2024-02-29', collector: '赵组织' }],
      ['dues.undo', { year: SEALED, personId: wang, months: [1] }],
    ];
    for (const [method, input] of refused) {
      const error = await callError(h.core, method, input);
      expect(error, method).toEqual({ code: 'SEALED', message: sealedMessage(SEALED) });
    }
    expect(sealedMessage(SEALED)).toBe('2024年度已封存归档，不能修改。如确需修改，请先在“年度归档”中解除封存并写明原因。');
    expect(dbDigest(h.core.db)).toBe(before);
    expect(blobFiles()).toEqual(filesBefore);
    expect(await verify()).toEqual([]);

    // Reading the sealed year still works.
    expect((await call(h.core, 'records.get', { id: assembly.id })).data.location).toBe('二楼会议室');
    expect(await call(h.core, 'records.list', { year: SEALED, type: null, book: null })).toHaveLength(2);

    // 2025 is open.
    const changed = await call(h.core, 'records.update', { id: later.id, record: await meetingInput(h.core, { date: '2025-03-06' }) });
    expect(changed.date).toBe('2025-03-06');
    await call(h.core, 'records.create', await meetingInput(h.core, { date: '2025-12-30' }));
    await call(h.core, 'attachments.add', { recordId: later.id, name: '签到表.png', base64: OTHER_PNG.toString('base64'), thumbBase64: null });
    await call(h.core, 'dues.pay', { year: OPEN, personId: wang, months: [1, 2], amount: 30, paidDate: '2025-02-28', collector: '赵组织' });
    await call(h.core, 'dues.setupYear', { year: OPEN, entries: [{ personId: s.people.member2.id, category: '在职', base: 3000, amount: null }] });
    // … and none of it touched the sealed year.
    expect(await verify()).toEqual([]);
  });

  it('keeps a manifest of the records, their attachment files and the exported files, and verifies a clean seal', async () => {
    const { assembly, group, trashed, later, dir } = await setUp();
    const status = await seal();
    expect(status).toMatchObject({ year: SEALED, sealed: true, exportId: EXPORT_ID });
    expect(Date.parse(status.sealedAt!)).not.toBeNaN();
    const of = (kind: ManifestEntry['kind']) => status.manifest.filter((e) => e.kind === kind);

    // Records in the 回收站 and of other years are not part of the year.
    expect(of('record').map((e) => e.ref)).toEqual([String(assembly.id), String(group.id)]);
    expect(of('record').map((e) => e.ref)).not.toContain(String(trashed.id));
    expect(of('record').map((e) => e.ref)).not.toContain(String(later.id));
    expect(of('record')[0]!.label).toContain('2024-03-05');
    expect(of('record')[0]!.label).toContain('支部党员大会');
    for (const e of of('record')) expect(e.sha256).toMatch(/^[0-9a-f]{64}$/);

    expect(of('attachment')).toEqual([{ kind: 'attachment', ref: sha256Hex(PNG), label: '会议照片.png', sha256: sha256Hex(PNG) }]);
    expect(of('file')).toEqual(
      Object.keys(EXPORTED)
        .sort()
        .map((name) => ({ kind: 'file', ref: name, label: name, sha256: sha256File(path.join(dir, name)) })),
    );
    expect(await call(h.core, 'seal.status', { year: SEALED })).toEqual(status);
    expect(status.log).toEqual([{ at: status.sealedAt, action: 'seal', reason: '', exportId: EXPORT_ID }]);
    expect(await verify()).toEqual([]);
    expect(sealedYears(h.core.db)).toEqual([SEALED]);
    expect(await call(h.core, 'seal.status', { year: OPEN })).toEqual({ year: OPEN, sealed: false, sealedAt: null, exportId: null, manifest: [], log: [] });
  });

  it('hashes a record canonically: key order does not count, content and attachments do', () => {
    const base = { id: 7, type: 'branch-assembly', date: '2024-03-05', status: 'final', groupId: null, data: { b: 1, a: { y: [1, 2], x: '甲' } }, attachments: ['bb', 'aa'] };
    const h0 = canonicalRecord(base);
    expect(h0).toMatch(/^[0-9a-f]{64}$/);
    expect(canonicalRecord({ ...base, data: { a: { x: '甲', y: [1, 2] }, b: 1 }, attachments: ['aa', 'bb'] })).toBe(h0);
    expect(canonicalRecord({ ...base, data: { ...base.data, b: 2 } })).not.toBe(h0);
    expect(canonicalRecord({ ...base, data: { b: 1, a: { y: [2, 1], x: '甲' } } })).not.toBe(h0);
    expect(canonicalRecord({ ...base, attachments: ['aa'] })).not.toBe(h0);
    expect(canonicalRecord({ ...base, status: 'draft' })).not.toBe(h0);
    expect(canonicalRecord({ ...base, groupId: 1 })).not.toBe(h0);
    expect(canonicalRecord({ ...base, date: '2024-03-06' })).not.toBe(h0);
  });

  it('refuses to seal twice, without the export folder, or with an empty one', async () => {
    await setUp();
    expect(await callError(h.core, 'seal.seal', { year: SEALED, exportId: '20250106-080000' })).toMatchObject({ code: 'NOT_FOUND' });
    fs.mkdirSync(exportDir(h.dir, SEALED, '20250106-080000'));
    expect(await callError(h.core, 'seal.seal', { year: SEALED, exportId: '20250106-080000' })).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('空的') });
    expect(await callError(h.core, 'seal.seal', { year: SEALED, exportId: '../../x' })).toMatchObject({ code: 'VALIDATION' });
    expect(() => sealYear(h.core.db, h.dir, { year: SEALED, exportId: '../2023' })).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(await call(h.core, 'seal.status', { year: SEALED })).toMatchObject({ sealed: false, log: [] });

    await seal();
    const before = dbDigest(h.core.db);
    expect(await callError(h.core, 'seal.seal', { year: SEALED, exportId: EXPORT_ID })).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('不能重复封存') });
    expect(dbDigest(h.core.db)).toBe(before);
  });

  it('unseals only with a reason, logs it, and seals again over a new export', async () => {
    const { assembly } = await setUp();
    const first = await seal();
    const before = dbDigest(h.core.db);

    for (const reason of ['', '   ', '改一下']) {
      expect(await callError(h.core, 'seal.unseal', { year: SEALED, reason }), JSON.stringify(reason)).toMatchObject({ code: 'VALIDATION' });
    }
    // The service checks it too, counting characters after trimming.
    expect(() => unsealYear(h.core.db, { year: SEALED, reason: '  改一下  ' })).toThrow(AppError);
    expect(dbDigest(h.core.db)).toBe(before);
    expect(await callError(h.core, 'seal.unseal', { year: OPEN, reason: '补录遗漏的会议' })).toMatchObject({ code: 'CONFLICT' });

    const unsealed = await call(h.core, 'seal.unseal', { year: SEALED, reason: '  补录遗漏的照片  ' });
    expect(unsealed).toMatchObject({ sealed: false, sealedAt: null, exportId: null, manifest: [] });
    expect(unsealed.log.map((e) => [e.action, e.reason, e.exportId])).toEqual([
      ['seal', '', EXPORT_ID],
      ['unseal', '补录遗漏的照片', null],
    ]);
    expect(sealedYears(h.core.db)).toEqual([]);
    expect(await callError(h.core, 'seal.verify', { year: SEALED })).toMatchObject({ code: 'CONFLICT' });

    // Open again: the change goes through, and a new export is sealed.
    await call(h.core, 'attachments.add', { recordId: assembly.id, name: '补录照片.png', base64: OTHER_PNG.toString('base64'), thumbBase64: null });
    writeExport('20250110-150000');
    const second = await seal('20250110-150000');
    expect(second).toMatchObject({ sealed: true, exportId: '20250110-150000' });
    const recordSha = (m: ManifestEntry[]) => m.find((e) => e.kind === 'record' && e.ref === String(assembly.id))!.sha256;
    expect(recordSha(second.manifest)).not.toBe(recordSha(first.manifest));
    expect(second.manifest.filter((e) => e.kind === 'attachment').map((e) => e.label)).toEqual(['会议照片.png', '补录照片.png']);
    expect(sealLog(h.core.db, SEALED).map((e) => e.action)).toEqual(['seal', 'unseal', 'seal']);
    expect(second.log).toEqual(sealLog(h.core.db, SEALED));
    expect(await verify()).toEqual([]);
    expect((await callError(h.core, 'records.remove', { id: assembly.id })).code).toBe('SEALED');
  });

  it('detects records changed, removed or added directly in the database', async () => {
    const { assembly, group, trashed, later } = await setUp();
    await seal();
    const db = h.core.db.sqlite;

    // The same data with its keys in another order is the same record.
    const data = rows<{ data: string }>(h.core.db, 'SELECT data FROM records WHERE id = ?', assembly.id)[0]!.data;
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(data) as object).reverse()));
    expect(reordered).not.toBe(data);
    db.prepare('UPDATE records SET data = ? WHERE id = ?').run(reordered, assembly.id);
    expect(await verify()).toEqual([]);

    db.prepare(`UPDATE records SET data = json_set(data, '$.location', '别处') WHERE id = ?`).run(assembly.id);
    db.prepare(`UPDATE records SET deleted_at = 'x' WHERE id = ?`).run(group.id);
    db.prepare('UPDATE records SET deleted_at = NULL WHERE id = ?').run(trashed.id);
    db.prepare(`UPDATE records SET date = '2024-12-31' WHERE id = ?`).run(later.id);
    expect(brief(await verify())).toEqual([
      ['record', String(assembly.id), 'changed'],
      ['record', String(group.id), 'missing'],
      ['record', String(trashed.id), 'added'],
      ['record', String(later.id), 'added'],
    ]);
    const problems = await verify();
    expect(problems[0]!.entry.label).toContain('2024-03-05');
    expect(problems[2]!.entry.label).toContain('2024-09-05');

    // Status and date count too.
    db.prepare('UPDATE records SET data = ? WHERE id = ?').run(data, assembly.id);
    db.prepare('UPDATE records SET deleted_at = NULL WHERE id = ?').run(group.id);
    db.prepare(`UPDATE records SET deleted_at = 'x' WHERE id = ?`).run(trashed.id);
    db.prepare(`UPDATE records SET date = '2025-03-05' WHERE id = ?`).run(later.id);
    expect(await verify()).toEqual([]);
    db.prepare(`UPDATE records SET status = 'draft' WHERE id = ?`).run(group.id);
    expect(brief(await verify())).toEqual([['record', String(group.id), 'changed']]);
  });

  it('detects an attachment file changed or deleted on disk, and an attachment detached or added in the database', async () => {
    const { assembly, photo } = await setUp();
    await seal();
    const file = blobPath(h.dir, sha256Hex(PNG));
    expect(fs.existsSync(file)).toBe(true);

    fs.writeFileSync(file, OTHER_PNG);
    const problems = await verify();
    expect(brief(problems)).toEqual([['attachment', sha256Hex(PNG), 'changed']]);
    expect(problems[0]!.entry.label).toBe('会议照片.png');

    fs.rmSync(file);
    expect(brief(await verify())).toEqual([['attachment', sha256Hex(PNG), 'missing']]);
    fs.writeFileSync(file, PNG);
    expect(await verify()).toEqual([]);

    // Detached behind the app's back: the record's list of attachments changed.
    h.core.db.sqlite.prepare(`UPDATE attachments SET removed_at = 'x' WHERE id = ?`).run(photo.id);
    expect(brief(await verify())).toEqual([['record', String(assembly.id), 'changed']]);
    h.core.db.sqlite.prepare('UPDATE attachments SET removed_at = NULL WHERE id = ?').run(photo.id);

    // Attached behind the app's back: the record changed and an attachment was added.
    const other = sha256Hex(OTHER_PNG);
    h.core.db.sqlite.prepare(`INSERT INTO blobs (sha256, size, mime, created_at) VALUES (?, ?, 'image/png', 'x')`).run(other, OTHER_PNG.length);
    h.core.db.sqlite.prepare(`INSERT INTO attachments (record_id, sha256, name, added_at) VALUES (?, ?, '塞进来的.png', 'x')`).run(assembly.id, other);
    expect(brief(await verify())).toEqual([
      ['record', String(assembly.id), 'changed'],
      ['attachment', other, 'added'],
    ]);
  });

  it('refuses to seal over a missing or damaged attachment file', async () => {
    await setUp();
    const file = blobPath(h.dir, sha256Hex(PNG));
    fs.writeFileSync(file, OTHER_PNG);
    const error = await callError(h.core, 'seal.seal', { year: SEALED, exportId: EXPORT_ID });
    expect(error).toMatchObject({ code: 'CONFLICT' });
    expect(error.message).toContain('会议照片.png');
    expect(error.message).toContain('已损坏');
    fs.rmSync(file);
    expect((await callError(h.core, 'seal.seal', { year: SEALED, exportId: EXPORT_ID })).message).toContain('已丢失');
    expect(await call(h.core, 'seal.status', { year: SEALED })).toMatchObject({ sealed: false, log: [] });
  });

  it('detects exported files changed, deleted or added, and a removed export folder', async () => {
    const { dir } = await setUp();
    await seal();
    const [docx, xlsx, pdf] = ['中共某某单位第一支部委员会_2024年_党支部工作记录.docx', '中共某某单位第一支部委员会_2024年_台账.xlsx', 'pdf/党支部工作记录.pdf'];

    fs.appendFileSync(path.join(dir, docx), ' tampered');
    fs.rmSync(path.join(dir, pdf));
    fs.writeFileSync(path.join(dir, '说明.txt'), '后来放进去的');
    // In the manifest's order: paths sorted ('pdf/…' before the Chinese names).
    expect(brief(await verify())).toEqual([
      ['file', pdf, 'missing'],
      ['file', docx, 'changed'],
      ['file', '说明.txt', 'added'],
    ]);

    fs.rmSync(dir, { recursive: true });
    expect(brief(await verify())).toEqual([
      ['file', pdf, 'missing'],
      ['file', docx, 'missing'],
      ['file', xlsx, 'missing'],
    ]);
  });
});
