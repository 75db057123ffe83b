/**
 * The demo generator (electron/core/demo) on a real core and data dir: a small
 * demo (2 years, about 40 people, a few files) must hold every record type,
 * every record must pass its type's schema and cross-field checks as stored,
 * attachments must be on disk, revisions must exist, the generated people must
 * be findable, and `--demo` must refuse a data dir that already holds data.
 */
import fs from 'node:fs';
import { pinyin } from 'pinyin-pro';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobPath, sha256Hex, sniffMime } from '../../electron/core/attachments/store.js';
import type { Core } from '../../electron/core/app.js';
import { DEMO_REFUSED, generateDemo, maybeGenerateDemo, type DemoSummary } from '../../electron/core/demo/index.js';
import { listRevisions } from '../../electron/core/records/revisions.js';
import { searchRecordsAndPeople } from '../../electron/core/records/search.js';
import { getRecord, listRecords } from '../../electron/core/records/service.js';
import { AppError } from '../../electron/core/errors.js';
import { RECORD_TYPES, recordType } from '../../shared/books/index.js';
import { checkRecord } from '../../shared/books/check.js';
import { dataSchema, type Attendee, type Motion } from '../../shared/books/schema.js';
import { judgeMotion } from '../../shared/rules/attendance.js';
import { checkIdNumber } from '../../shared/rules/idcard.js';
import { listCases } from '../../electron/core/development/service.js';
import { duesYear } from '../../electron/core/dues/service.js';
import { DEFAULT_OPTIONS } from '../../shared/rules/development.js';
import { dbDigest, openTestCore, rows } from '../fixtures/core.js';
import { makeTempDir, removeDir } from '../fixtures/tmp.js';

const SMALL = { years: 2, endYear: 2024, today: '2026-06-01', people: 40, images: 6, pdfs: 2, seed: 11 } as const;

interface RecordRow {
  id: number;
  type: string;
  date: string;
  status: string;
  data: string;
  deleted_at: string | null;
}

describe('demo data (small)', () => {
  let dir: string;
  let core: Core;
  let summary: DemoSummary;
  const progress: string[] = [];

  beforeAll(() => {
    dir = makeTempDir('demo');
    core = openTestCore(dir);
    summary = generateDemo(core, { ...SMALL, onProgress: (m) => progress.push(m) });
  }, 60_000);
  afterAll(() => {
    core?.close();
    if (dir) removeDir(dir);
  });

  it('reports progress and counts that match the database', () => {
    expect(progress.length).toBeGreaterThan(2);
    const n = rows<{ n: number }>(core.db, 'SELECT count(*) AS n FROM records WHERE deleted_at IS NULL')[0]!.n;
    expect(summary.records).toBe(n);
    expect(summary.fromYear).toBe(2023);
    expect(summary.until).toBe('2024-12-31');
    expect(summary.people.total).toBe(rows<{ n: number }>(core.db, 'SELECT count(*) AS n FROM people')[0]!.n);
    expect(summary.people.removed).toBeGreaterThan(0);
  });

  it('has at least one record of every record type, dated within the span', () => {
    const counts = new Map(rows<{ type: string; n: number }>(core.db, 'SELECT type, count(*) AS n FROM records WHERE deleted_at IS NULL GROUP BY type').map((r) => [r.type, r.n]));
    const missing = RECORD_TYPES.filter((t) => !counts.get(t.id)).map((t) => t.id);
    expect(missing).toEqual([]);
    const span = rows<{ lo: string; hi: string }>(core.db, 'SELECT min(date) AS lo, max(date) AS hi FROM records')[0]!;
    expect(span.lo >= '2023-01-01' && span.hi <= '2024-12-31').toBe(true);
    // 班前会 and 班后会 dominate, as in a real crew's books
    expect((counts.get('pre-shift-meeting') ?? 0) + (counts.get('post-shift-meeting') ?? 0)).toBeGreaterThan(summary.records / 2);
  });

  it('stores only records that pass their type’s schema and cross-field checks, with motions that pass', () => {
    const all = rows<RecordRow>(core.db, 'SELECT id, type, date, status, data, deleted_at FROM records');
    const revisions = rows<RecordRow>(core.db, 'SELECT id, type, date, status, data, NULL AS deleted_at FROM record_revisions');
    const problems: string[] = [];
    for (const r of [...all, ...revisions]) {
      const def = recordType(r.type);
      const data = JSON.parse(r.data) as Record<string, unknown>;
      const parsed = dataSchema(def).safeParse(data);
      if (!parsed.success) problems.push(`${r.type}#${r.id}: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
      for (const issue of checkRecord(def, data)) problems.push(`${r.type}#${r.id}: ${issue.path} ${issue.message}`);
      for (const m of (data.motions ?? []) as Motion[]) {
        if (!judgeMotion((data.attendance ?? []) as Attendee[], m).passed) problems.push(`${r.type}#${r.id}: motion “${m.title}” does not pass`);
      }
      if (!['draft', 'final'].includes(r.status)) problems.push(`${r.type}#${r.id}: status ${r.status}`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(all.length).toBeGreaterThan(1000);
  });

  it('takes attendance from the roster: absentees have reasons, 应到 people exist', () => {
    const people = new Set(rows<{ id: number }>(core.db, 'SELECT id FROM people').map((p) => p.id));
    let absent = 0;
    for (const r of rows<RecordRow>(core.db, "SELECT id, type, data FROM records WHERE type IN ('branch-assembly', 'group-meeting', 'committee-meeting')")) {
      const att = (JSON.parse(r.data) as { attendance: Attendee[] }).attendance;
      expect(att.length).toBeGreaterThan(0);
      for (const a of att) {
        expect(people.has(a.personId)).toBe(true);
        if (!a.present) {
          absent++;
          expect(a.absenceReason.trim()).not.toBe('');
        }
      }
    }
    expect(absent).toBeGreaterThan(0);
  });

  it('has drafts, edited 定稿 with revisions, and a few records in the 回收站', () => {
    expect(summary.drafts).toBeGreaterThan(0);
    expect(summary.revisions).toBeGreaterThan(0);
    const rev = rows<{ record_id: number }>(core.db, 'SELECT record_id FROM record_revisions LIMIT 1')[0]!;
    const listed = listRevisions(core.db, rev.record_id);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed[0]!.changed.length).toBeGreaterThan(0);
    expect(rows<{ n: number }>(core.db, 'SELECT count(*) AS n FROM record_revisions')[0]!.n).toBe(summary.revisions);
    expect(rows<{ n: number }>(core.db, 'SELECT count(*) AS n FROM records WHERE deleted_at IS NOT NULL')[0]!.n).toBe(summary.trashed);
  });

  it('keeps the attachment files on disk, intact, as PNG and PDF', () => {
    const atts = rows<{ sha256: string; thumb_sha256: string | null; mime: string; size: number }>(
      core.db,
      'SELECT a.sha256, a.thumb_sha256, b.mime, b.size FROM attachments a JOIN blobs b ON b.sha256 = a.sha256',
    );
    expect(atts.length).toBe(summary.attachments.images + summary.attachments.pdfs);
    expect(summary.attachments.images).toBe(SMALL.images);
    expect(summary.attachments.pdfs).toBeGreaterThan(0);
    for (const a of atts) {
      const bytes = fs.readFileSync(blobPath(dir, a.sha256));
      expect(sha256Hex(bytes)).toBe(a.sha256);
      expect(sniffMime(bytes)).toBe(a.mime);
      expect(bytes.length).toBe(a.size);
      if (a.mime === 'image/png') {
        expect(a.size).toBeGreaterThanOrEqual(1024);
        expect(a.size).toBeLessThanOrEqual(24 * 1024);
        expect(a.thumb_sha256).not.toBeNull();
        expect(fs.existsSync(blobPath(dir, a.thumb_sha256!))).toBe(true);
      }
    }
  });

  it('finds a generated person by the initials of their name, and records by their words', () => {
    const people = rows<{ id: number; name: string }>(core.db, 'SELECT id, name FROM people WHERE removed_at IS NULL ORDER BY id');
    const target = people[people.length - 1]!;
    const initials = (pinyin(target.name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' }) as string[]).join('');
    const result = searchRecordsAndPeople(core.db, initials, 200);
    const found = result.groups.find((g) => g.book === 'people')?.hits.map((h) => h.id) ?? [];
    expect(found).toContain(target.id);
    const byName = searchRecordsAndPeople(core.db, target.name, 50);
    expect(byName.groups[0]?.book).toBe('people');
    expect(searchRecordsAndPeople(core.db, '主题党日', 50).total).toBeGreaterThan(0);
  });

  it('numbers meetings (第N次) the same when opened and when listed', () => {
    const id = rows<{ id: number }>(core.db, "SELECT id FROM records WHERE type = 'committee-meeting' AND deleted_at IS NULL ORDER BY date DESC LIMIT 1")[0]!.id;
    const rec = getRecord(core.db, id);
    expect(rec.seq).toBeGreaterThanOrEqual(1);
    const listed = listRecords(core.db, Number(rec.date.slice(0, 4)), { type: null, book: 'branch-general' }).find((r) => r.id === id);
    expect(listed?.seq).toBe(rec.seq);
  });

  it('fills the 党员花名册 fields: valid ID numbers, 入党/转正日期 of every 党员, dated status history', () => {
    const people = rows<{ id: number; name: string; gender: string; birth_date: string; political_status: string; id_number: string; ethnicity: string; education: string; work_start_date: string; join_date: string; full_date: string }>(
      core.db,
      'SELECT id, name, gender, birth_date, political_status, id_number, ethnicity, education, work_start_date, join_date, full_date FROM people WHERE removed_at IS NULL',
    );
    const problems: string[] = [];
    for (const p of people) {
      const c = checkIdNumber(p.id_number, { birthDate: p.birth_date, gender: p.gender }, SMALL.today);
      if (!c.ok) problems.push(`${p.name}: ${c.message}`);
      if (!p.ethnicity || !p.education || !p.work_start_date) problems.push(`${p.name}: 花名册 fields missing`);
      if (p.political_status === '中共党员' && (!p.join_date || !p.full_date || p.full_date < p.join_date || p.full_date > summary.until)) problems.push(`${p.name}: 入党 ${p.join_date} 转正 ${p.full_date}`);
      if (p.political_status === '中共预备党员' && (!p.join_date || p.full_date)) problems.push(`${p.name}: 预备党员 入党 ${p.join_date} 转正 ${p.full_date}`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(people.filter((p) => p.political_status === '中共党员').length).toBeGreaterThan(5);
    // the history is dated as it happened, never after the last day of the demo
    expect(rows<{ n: number }>(core.db, 'SELECT count(*) AS n FROM person_statuses WHERE since > ?', summary.until)[0]!.n).toBe(0);
  });

  it('keeps 发展党员 cases: open ones at various stages (one with a rule warning) and a 转正完成 one linked to its 支部党员大会', () => {
    const cases = listCases(core.db, { today: summary.until, rules: DEFAULT_OPTIONS });
    const open = cases.filter((c) => !c.closedAt);
    expect(open.length).toBeGreaterThan(0);
    expect(open.some((c) => c.warnings > 0)).toBe(true);
    const done = cases.filter((c) => c.closedReason === '转正完成');
    expect(done.length).toBeGreaterThan(0);
    expect(done.every((c) => c.column === 'full')).toBe(true);
    const linked = rows<{ n: number }>(core.db, 'SELECT count(*) AS n FROM development_steps WHERE step IN (15, 23) AND record_id IS NOT NULL AND motion_index IS NOT NULL')[0]!.n;
    expect(linked).toBeGreaterThan(0);
  });

  it('keeps the 党费 ledger: the year fixed for its 党员, payments by month, one member flagged for 6 months of arrears', () => {
    const year = duesYear(core.db, 2024, summary.until);
    expect(year.members.length).toBeGreaterThan(5);
    expect(year.members.some((m) => m.category === '离退休')).toBe(true);
    expect(year.paidTotal).toBeGreaterThan(0);
    const levels = year.members.filter((m) => !m.removed).map((m) => m.arrears.level);
    expect(levels.filter((l) => l === 'flag').length).toBeGreaterThanOrEqual(1);
    expect(levels.filter((l) => l === 'warning').length).toBeGreaterThanOrEqual(1);
    expect(year.members.some((m) => m.arrears.longest >= 6)).toBe(true);
  });

  it('--demo on a data dir that holds data refuses, in Chinese, and writes nothing', () => {
    const before = dbDigest(core.db);
    const log: string[] = [];
    const outcome = maybeGenerateDemo(core, ['--data-dir', dir, '--demo'], (m) => log.push(m));
    expect(outcome.status).toBe('refused');
    expect(log).toEqual([DEMO_REFUSED]);
    expect(dbDigest(core.db)).toBe(before);
    expect(() => generateDemo(core, SMALL)).toThrow(AppError);
    expect(maybeGenerateDemo(core, ['--data-dir', dir], () => {}).status).toBe('not-asked');
  });
});

describe('demo data (determinism, --demo on an empty dir)', () => {
  it('generates through --demo on an empty data dir, the same data for the same seed', () => {
    const tiny = { years: 1, endYear: 2022, today: '2026-06-01', people: 20, images: 1, pdfs: 0, seed: 3 };
    const snapshots: string[] = [];
    for (let i = 0; i < 2; i++) {
      const dir = makeTempDir('demo-tiny');
      const core = openTestCore(dir);
      try {
        const log: string[] = [];
        const outcome = maybeGenerateDemo(core, ['--demo'], (m) => log.push(m), tiny);
        expect(outcome.status).toBe('generated');
        expect(log.some((l) => l.includes('演示数据生成完毕'))).toBe(true);
        snapshots.push(
          JSON.stringify([
            rows(core.db, 'SELECT type, date, status, data FROM records ORDER BY id'),
            rows(core.db, 'SELECT name, gender, birth_date, political_status, group_id, position, phone, removed_at IS NULL AS on_roster FROM people ORDER BY id'),
            rows(core.db, 'SELECT sha256 FROM attachments ORDER BY id'),
          ]),
        );
      } finally {
        core.close();
        removeDir(dir);
      }
    }
    expect(snapshots[0]!.length).toBeGreaterThan(10_000);
    expect(snapshots[1]).toBe(snapshots[0]);
  });
});
