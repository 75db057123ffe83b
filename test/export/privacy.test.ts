/**
 * 身份证号 in every export (issue 7): each file or printed page that can carry
 * one is generated, read back as text, and searched for a full 18-digit number.
 * None unless the user chose full numbers for that export; then they are there.
 *
 * Where 身份证号 live: people.id_number (党员花名册, the 党员花名册 register) and
 * record fields marked `personalId` (职工基本情况登记表: the staff register, the
 * record's print page and Word export, the archive volumes).
 */
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app.js';
import { RECORD_TYPES, recordType } from '../../shared/books/index.js';
import { hasPersonalIds, shownRecord } from '../../shared/books/privacy.js';
import { recordPrintDoc } from '../../shared/print/record.js';
import { call, useCore } from '../fixtures/core.js';
import { idNumber } from '../fixtures/roster.js';
import { sampleRecord } from '../fixtures/records.js';
import { BRANCH_NAME, seedBranch, toInput } from '../fixtures/seed.js';

/** This year: the 党员花名册 register lists who is on the roster now. */
const YEAR = new Date().getFullYear();
const WANG_ID = idNumber('110105', '19750412', '013'); // 王书记 on the roster (男)
const STAFF_ID = idNumber('440305', '19900102', '024'); // 卫群众's 职工基本情况登记表 (女)
const FULL = [WANG_ID, STAFF_ID];
const mask = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;
/** Any 18-digit 身份证号 (GB 11643 shape), whoever it belongs to. */
const ANY_FULL_ID = /(?<![0-9])[1-9][0-9]{5}(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9])/;

/** Every part of an .xlsx or .docx, unzipped, as one text. */
function packageText(base64: string): string {
  const files = unzipSync(new Uint8Array(Buffer.from(base64, 'base64')));
  return Object.values(files)
    .map((data) => strFromU8(data))
    .join('\n');
}

function expectMasked(text: string, what: string) {
  expect(text.match(ANY_FULL_ID)?.[0], `${what}: a full 身份证号`).toBeUndefined();
}

function expectFull(text: string, ids: string[], what: string) {
  for (const id of ids) expect(text.includes(id), `${what}: ${id} in full`).toBe(true);
}

function expectContains(text: string, part: string, what: string) {
  expect(text.includes(part), `${what}: ${part}`).toBe(true);
}

async function seedIds(core: Core) {
  const s = await seedBranch(core);
  const w = s.committee.王书记;
  await call(core, 'people.update', { ...toInput(w), id: w.id, birthDate: '1975-04-12', idNumber: WANG_ID });
  const base = sampleRecord(recordType('staff-profile'), { date: `${YEAR}-02-10` });
  const staff = await call(core, 'records.create', {
    ...base,
    data: { ...base.data, name: '卫群众', gender: '女', birthDate: '1990-01-02', idNumber: STAFF_ID, politicalStatus: '群众' },
  });
  return { staff };
}

describe('身份证号 in exports: masked unless chosen', () => {
  const h = useCore();

  it('marks 身份证号 on 职工基本情况登记表 only, and masks it for print unless chosen', async () => {
    expect(RECORD_TYPES.filter(hasPersonalIds).map((d) => d.id)).toEqual(['staff-profile']);
    const { staff } = await seedIds(h.core);
    const def = recordType('staff-profile');
    const rec = await call(h.core, 'records.get', { id: staff.id });
    // What the print page and the record view lay out (renderer/src/features/records/useRecord.ts).
    const page = (fullIds: boolean) => JSON.stringify(recordPrintDoc(def, shownRecord(def, rec, fullIds), BRANCH_NAME, { groupName: () => null }));
    expectMasked(page(false), 'print page');
    expectContains(page(false), mask(STAFF_ID), 'print page');
    expectFull(page(true), [STAFF_ID], 'print page, full chosen');
    expect(rec.data.idNumber).toBe(STAFF_ID); // the record itself keeps the number
  });

  it('records.exportDocx (导出Word)', async () => {
    const { staff } = await seedIds(h.core);
    for (const input of [{ id: staff.id }, { id: staff.id, fullIds: false }]) {
      const file = await call(h.core, 'records.exportDocx', input);
      expect(file.fileName).toBe(`${YEAR}-02-10_职工基本情况登记表.docx`);
      const text = packageText(file.base64);
      expectMasked(text, JSON.stringify(input));
      expectContains(text, mask(STAFF_ID), 'Word');
    }
    const full = await call(h.core, 'records.exportDocx', { id: staff.id, fullIds: true });
    expect(full.fileName).toBe(`${YEAR}-02-10_职工基本情况登记表_完整身份证号.docx`);
    expectFull(packageText(full.base64), [STAFF_ID], 'Word, full chosen');
  });

  it('members.exportXlsx (人员名册 · 导出Excel)', async () => {
    await seedIds(h.core);
    for (const input of [undefined, {}, { fullId: false }]) {
      const text = packageText((await call(h.core, 'members.exportXlsx', input)).base64);
      expectMasked(text, JSON.stringify(input));
      expectContains(text, mask(WANG_ID), 'roster');
    }
    expectFull(packageText((await call(h.core, 'members.exportXlsx', { fullId: true })).base64), [WANG_ID], 'roster, full chosen');
  });

  it('registers.get (台账 print view) and registers.exportXlsx', async () => {
    await seedIds(h.core);
    for (const key of ['members', 'staff'] as const) {
      expectMasked(JSON.stringify(await call(h.core, 'registers.get', { year: YEAR, key, fullIds: false })), `register ${key}`);
      expect(JSON.stringify(await call(h.core, 'registers.get', { year: YEAR, key, fullIds: true }))).toMatch(ANY_FULL_ID);
    }
    expectMasked(packageText((await call(h.core, 'registers.exportXlsx', { year: YEAR, fullIds: false })).base64), 'registers workbook');
    expectFull(packageText((await call(h.core, 'registers.exportXlsx', { year: YEAR, fullIds: true })).base64), FULL, 'registers workbook, full chosen');
  });

  it('dues.exportXlsx carries no 身份证号 at all', async () => {
    await seedIds(h.core);
    await call(h.core, 'dues.setupYear', { year: YEAR, entries: [{ personId: 1, category: '在职', base: 3000, amount: null }] });
    expectMasked(packageText((await call(h.core, 'dues.exportXlsx', { year: YEAR })).base64), 'dues workbook');
  });

  it('archive.start (年度归档: volumes and registers workbook)', { timeout: 60_000 }, async () => {
    await seedIds(h.core);
    const exported = async (fullIds: boolean) => {
      const started = await call(h.core, 'archive.start', { year: YEAR, mode: 'books', fullIds, pdf: false, compiler: '', checker: '' });
      for (let i = 0; i < 600; i++) {
        const job = await call(h.core, 'archive.job', { id: started.id });
        if (job.state === 'done') {
          const dir = path.join(h.dir, 'archive', String(YEAR), started.id);
          return job.files.map((f) => ({ name: f.name, text: packageText(fs.readFileSync(path.join(dir, f.name)).toString('base64')) }));
        }
        expect(job.state).toBe('running');
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('the export did not finish');
    };
    const masked = await exported(false);
    expect(masked.map((f) => f.name)).toEqual([`${YEAR}年度_台账汇总.xlsx`, `${YEAR}年度_党支部综合记录.docx`]);
    for (const f of masked) expectMasked(f.text, f.name);
    expectContains(masked[1]!.text, mask(STAFF_ID), 'archive volume');
    const full = await exported(true);
    expectFull(full[0]!.text, FULL, 'archive registers, full chosen');
    expectFull(full[1]!.text, [STAFF_ID], 'archive volume, full chosen');
  });
});
