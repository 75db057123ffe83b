/**
 * Every record type of shared/books, generically from its definition: a minimal
 * valid record is created through the dispatch, each required field emptied is
 * refused at its path, and the print description and Word export show every
 * label that prints. Then the record lifecycle common to all types: 草稿/定稿 and
 * revisions, counts per type, and a record's type staying fixed.
 */
import { describe, expect, it } from 'vitest';
import { groupContext } from '../../electron/core/branch/groups.js';
import { RECORD_TYPES, recordType, type RecordTypeDef } from '../../shared/books/index.js';
import type { RecordInput } from '../../shared/methods/records.js';
import { recordPrintDoc } from '../../shared/print/record.js';
import { call, callError, dbDigest, recordRow as recordRowOf, rows, useCore } from '../fixtures/core.js';
import { readDocx, wordParagraphs, wordText } from '../fixtures/docx.js';
import { emptiableRequired, expectedPrintTitle, isPathOf, labelsOf, printedLabels, sampleRecord, sampleRecordOn, withEmptied } from '../fixtures/records.js';
import { BRANCH_NAME, seedBranch } from '../fixtures/seed.js';

const h = useCore();
const db = () => h.core.db;

interface RevisionRow {
  id: number;
  record_id: number;
  type: string;
  date: string;
  status: string;
  data: string;
}
const recordRow = (id: number) => recordRowOf(db(), id);
const revisionRows = (recordId: number) => rows<RevisionRow>(db(), 'SELECT * FROM record_revisions WHERE record_id = ? ORDER BY id', recordId);

/** A seeded branch and a valid input of the type on it. */
async function validInput(def: RecordTypeDef): Promise<RecordInput> {
  const seed = await seedBranch(h.core);
  return sampleRecordOn(h.core, seed, def);
}

describe.each(RECORD_TYPES.map((def) => [`${def.id} ${def.label}`, def] as const))('%s', (_name, def) => {
  it('is created through the dispatch from a minimal input built from its definition', async () => {
    const input = await validInput(def);
    const rec = await call(h.core, 'records.create', input);

    expect(rec).toMatchObject({ type: def.id, date: input.date, status: 'final', seq: def.kind === 'meeting' ? 1 : null });
    expect(rec.data).toEqual(input.data);
    const row = recordRow(rec.id)!;
    expect(row).toMatchObject({ type: def.id, date: input.date, status: 'final', deleted_at: null });
    expect(JSON.parse(row.data)).toEqual(input.data);
    expect(await call(h.core, 'records.get', { id: rec.id })).toEqual(rec);
    const listed = await call(h.core, 'records.list', { year: 2026, type: def.id, book: def.book });
    expect(listed.map((r) => [r.id, r.type])).toEqual([[rec.id, def.id]]);
    expect(Object.keys(listed[0]!.cells).sort()).toEqual([...def.listColumns].sort());
  });

  it('refuses the input with any required field emptied, at that field, and writes nothing', async () => {
    const input = await validInput(def);
    const before = dbDigest(db());
    const required = emptiableRequired(def);
    expect(required.length, 'a type with no required field').toBeGreaterThan(0);
    for (const f of required) {
      const error = await callError(h.core, 'records.create', withEmptied(input, f));
      expect(error.code, f.key).toBe('VALIDATION');
      const paths = (error.fields ?? []).map((x) => x.path);
      expect(
        paths.some((p) => isPathOf(p, f.key)),
        `${f.key} emptied: ${JSON.stringify(error.fields)}`,
      ).toBe(true);
      expect(paths.every((p) => isPathOf(p, f.key)), `${f.key} emptied: only that field is at fault, got ${paths.join(', ')}`).toBe(true);
    }
    expect(dbDigest(db())).toBe(before);
  });

  it('keeps a 草稿 with every field left out (a planned activity), stored blank, and refuses it as 定稿', async () => {
    await seedBranch(h.core);
    const plan = { type: def.id, date: '2026-05-12', data: {} };
    const draft = await call(h.core, 'records.create', { ...plan, status: 'draft' });
    expect(draft.status).toBe('draft');
    expect(Object.keys(draft.data).sort()).toEqual(def.fields.map((f) => f.key).sort());
    const blanks = (v: unknown): unknown[] => (v && typeof v === 'object' && !Array.isArray(v) ? Object.values(v).flatMap(blanks) : [v]);
    for (const f of def.fields) for (const v of blanks(draft.data[f.key])) expect([null, '', false, []], f.key).toContainEqual(v);
    // Blank, it still lists, prints and exports (the plan is shown before it is held).
    expect((await call(h.core, 'records.list', { year: 2026, type: def.id, book: null }))[0]).toMatchObject({ id: draft.id, status: 'draft' });
    expect(recordPrintDoc(def, draft, BRANCH_NAME, groupContext(db())).title).toBeTruthy();
    expect((await call(h.core, 'records.exportDocx', { id: draft.id })).fileName).toMatch(/\.docx$/);
    const error = await callError(h.core, 'records.create', { ...plan, status: 'final' });
    expect(error.code).toBe('VALIDATION');
    expect(rows(db(), 'SELECT id FROM records')).toEqual([{ id: draft.id }]);
  });

  it('prints every field label that prints, as a header cell or a section heading', async () => {
    const rec = await call(h.core, 'records.create', await validInput(def));
    const doc = recordPrintDoc(def, rec, BRANCH_NAME, groupContext(db()));

    expect(doc.org).toBe(BRANCH_NAME);
    expect(doc.title).toBe(expectedPrintTitle(def, rec.data));
    expect(doc.subtitle).toBe(def.kind === 'meeting' ? '2026年 第1次' : '');
    expect(doc.signatures).toEqual([...def.signatures]);
    const labels = labelsOf(doc);
    for (const label of printedLabels(def)) expect(labels, label).toContain(label);
    for (const f of def.fields.filter((x) => x.print === 'none')) expect(labels).not.toContain(f.label);
  });

  it('exports a .docx with the print title and those labels', async () => {
    const rec = await call(h.core, 'records.create', await validInput(def));
    const file = await call(h.core, 'records.exportDocx', { id: rec.id });
    const title = expectedPrintTitle(def, rec.data);

    expect(file.fileName).toBe(`${rec.date}_${title}${def.kind === 'meeting' ? '_第1次' : ''}.docx`);
    const xml = readDocx(file.base64).parts['word/document.xml']!;
    expect(wordText(xml)).toContain(title);
    // Each label is a paragraph of its own: a header cell, or a section heading ending in ：.
    const paragraphs = wordParagraphs(xml);
    expect(paragraphs).toContain(BRANCH_NAME);
    expect(paragraphs).toContain(title);
    for (const label of printedLabels(def)) expect(paragraphs.some((p) => p === label || p === `${label}：`), label).toBe(true);
    for (const signature of def.signatures) expect(paragraphs.some((p) => p.startsWith(`${signature}：`)), signature).toBe(true);
  });
});

describe('草稿/定稿 and revisions', () => {
  const TALK = recordType('talk');

  /** A 谈心谈话 record on a seeded branch; `change` edits a copy of its input. */
  async function talk(status: 'draft' | 'final') {
    await seedBranch(h.core);
    const input = sampleRecord(TALK, { status });
    const rec = await call(h.core, 'records.create', input);
    const edit = (change: Record<string, unknown>, to = status): RecordInput => ({ ...input, status: to, data: { ...input.data, ...change } });
    return { input, rec, edit };
  }

  it('keeps no revision of a 草稿, however often it is saved', async () => {
    const { rec, edit } = await talk('draft');
    await call(h.core, 'records.update', { id: rec.id, record: edit({ location: '会议室' }) });
    await call(h.core, 'records.update', { id: rec.id, record: edit({ location: '班组活动室' }) });
    expect(revisionRows(rec.id)).toEqual([]);
    expect(await call(h.core, 'records.revisions', { id: rec.id })).toEqual([]);
    expect(JSON.parse(recordRow(rec.id)!.data)).toMatchObject({ location: '班组活动室' });
  });

  it('keeps exactly one revision, the old data, when a 定稿 is saved with a change', async () => {
    const { input, rec, edit } = await talk('final');
    const updated = await call(h.core, 'records.update', { id: rec.id, record: edit({ location: '班组活动室' }) });
    expect(updated.data.location).toBe('班组活动室');

    const kept = revisionRows(rec.id);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ type: 'talk', date: input.date, status: 'final' });
    expect(JSON.parse(kept[0]!.data)).toEqual(input.data);

    const list = await call(h.core, 'records.revisions', { id: rec.id });
    expect(list).toEqual([{ id: kept[0]!.id, savedAt: expect.any(String), changed: ['地点'] }]);
    expect(await call(h.core, 'records.revision', { id: kept[0]!.id })).toEqual({
      id: kept[0]!.id,
      recordId: rec.id,
      savedAt: list[0]!.savedAt,
      type: 'talk',
      date: input.date,
      status: 'final',
      data: input.data,
    });
  });

  it('keeps no revision when a 定稿 is saved without a change', async () => {
    const { input, rec } = await talk('final');
    const before = dbDigest(db());
    const same = await call(h.core, 'records.update', { id: rec.id, record: structuredClone(input) });
    expect(same).toEqual(rec);
    expect(revisionRows(rec.id)).toEqual([]);
    expect(dbDigest(db())).toBe(before);
  });

  it('keeps the 定稿 when a 草稿 becomes one, and when a 定稿 goes back to 草稿', async () => {
    const { rec, edit } = await talk('draft');
    await call(h.core, 'records.update', { id: rec.id, record: edit({}, 'final') });
    expect(revisionRows(rec.id)).toEqual([]);
    await call(h.core, 'records.update', { id: rec.id, record: edit({}, 'draft') });
    const kept = revisionRows(rec.id);
    expect(kept.map((r) => r.status)).toEqual(['final']);
    expect((await call(h.core, 'records.revisions', { id: rec.id }))[0]!.changed).toEqual(['记录状态']);
  });

  it('lists revisions newest first, each with what the save after it changed', async () => {
    const { rec, edit } = await talk('final');
    await call(h.core, 'records.update', { id: rec.id, record: edit({ location: '会议室' }) });
    await call(h.core, 'records.update', { id: rec.id, record: { ...edit({ location: '会议室', theme: '新的主题' }), date: '2026-03-06' } });
    const list = await call(h.core, 'records.revisions', { id: rec.id });
    expect(list.map((r) => r.changed)).toEqual([['谈话日期', '主题'], ['地点']]);
    expect(list[0]!.id).toBeGreaterThan(list[1]!.id);
  });

  it('restores a revision: the old data is current again and the replaced data is kept as a new revision', async () => {
    const { input, rec, edit } = await talk('final');
    const changed = edit({ location: '班组活动室', content: '改过的谈话内容。' });
    await call(h.core, 'records.update', { id: rec.id, record: changed });
    const [old] = await call(h.core, 'records.revisions', { id: rec.id });

    const restored = await call(h.core, 'records.restoreRevision', { id: old!.id });
    expect(restored).toMatchObject({ id: rec.id, status: 'final', date: input.date });
    expect(restored.data).toEqual(input.data);
    expect(JSON.parse(recordRow(rec.id)!.data)).toEqual(input.data);

    const kept = revisionRows(rec.id);
    expect(kept).toHaveLength(2);
    expect(JSON.parse(kept[0]!.data)).toEqual(input.data);
    expect(JSON.parse(kept[1]!.data)).toEqual(changed.data);
    const list = await call(h.core, 'records.revisions', { id: rec.id });
    expect(list.map((r) => r.id)).toEqual([kept[1]!.id, kept[0]!.id]);
    expect(list[0]!.changed).toEqual(['地点', '主要内容']);
  });

  it('keeps the current 草稿 too when a revision is restored over it', async () => {
    const { input, rec, edit } = await talk('final');
    const draft = edit({ location: '草稿里改的地点' }, 'draft');
    await call(h.core, 'records.update', { id: rec.id, record: draft });
    const [final] = await call(h.core, 'records.revisions', { id: rec.id });

    const restored = await call(h.core, 'records.restoreRevision', { id: final!.id });
    expect(restored).toMatchObject({ status: 'final', data: input.data });
    const kept = revisionRows(rec.id);
    expect(kept.map((r) => r.status)).toEqual(['final', 'draft']);
    expect(JSON.parse(kept[1]!.data)).toEqual(draft.data);
  });

  it('answers NOT_FOUND for a revision that does not exist', async () => {
    await seedBranch(h.core);
    expect((await callError(h.core, 'records.revision', { id: 999 })).code).toBe('NOT_FOUND');
    expect((await callError(h.core, 'records.restoreRevision', { id: 999 })).code).toBe('NOT_FOUND');
    expect((await callError(h.core, 'records.revisions', { id: 999 })).code).toBe('NOT_FOUND');
  });

  it('deletes the revisions with a purged record', async () => {
    const { rec, edit } = await talk('final');
    await call(h.core, 'records.update', { id: rec.id, record: edit({ location: '会议室' }) });
    await call(h.core, 'records.update', { id: rec.id, record: edit({ location: '班组活动室' }) });
    const other = await call(h.core, 'records.create', sampleRecord(TALK));
    await call(h.core, 'records.update', { id: other.id, record: { ...sampleRecord(TALK), data: { ...sampleRecord(TALK).data, location: '别处' } } });
    expect(revisionRows(rec.id)).toHaveLength(2);

    await call(h.core, 'records.remove', { id: rec.id });
    expect(revisionRows(rec.id)).toHaveLength(2); // the 回收站 keeps everything
    await call(h.core, 'records.purge', { id: rec.id });
    expect(revisionRows(rec.id)).toEqual([]);
    expect(revisionRows(other.id)).toHaveLength(1);
  });
});

describe('records.counts', () => {
  it('counts the records of each type in the year, not those of other years or in the 回收站', async () => {
    const seed = await seedBranch(h.core);
    const create = async (type: string, date: string) =>
      call(h.core, 'records.create', await sampleRecordOn(h.core, seed, recordType(type), { date }));
    await create('branch-assembly', '2026-01-10');
    await create('branch-assembly', '2026-12-31');
    await create('group-meeting', '2026-02-01');
    await create('talk', '2026-06-01');
    await create('work-plan', '2026-01-01');
    await create('branch-assembly', '2025-12-31');
    const removed = await create('talk', '2026-07-01');
    await call(h.core, 'records.remove', { id: removed.id });

    expect(await call(h.core, 'records.counts', { year: 2026 })).toEqual({
      'branch-assembly': 2,
      'group-meeting': 1,
      talk: 1,
      'work-plan': 1,
    });
    expect(await call(h.core, 'records.counts', { year: 2025 })).toEqual({ 'branch-assembly': 1 });
    expect(await call(h.core, 'records.counts', { year: 2024 })).toEqual({});
  });
});

describe('a record keeps its type', () => {
  it('refuses an update with a different type (VALIDATION at type) and writes nothing', async () => {
    const seed = await seedBranch(h.core);
    const rec = await call(h.core, 'records.create', sampleRecord(recordType('work-plan')));
    const before = dbDigest(db());
    for (const type of ['work-summary', 'talk', 'branch-assembly']) {
      const error = await callError(h.core, 'records.update', { id: rec.id, record: await sampleRecordOn(h.core, seed, recordType(type)) });
      expect(error).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'type' }] });
      expect(error.message).toMatch(/\p{Script=Han}/u);
    }
    expect(dbDigest(db())).toBe(before);
    expect(recordRow(rec.id)!.type).toBe('work-plan');
  });
});
