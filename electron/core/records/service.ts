/**
 * Records of every type, read and written through their definitions
 * (shared/books). Writers check what the contract cannot (the database and
 * cross-field rules), keep a revision of every 定稿 they change, and keep the
 * search index in step, all in one transaction.
 */
import { sql } from 'kysely';
import type { Attendee } from '../../../shared/books/schema.js';
import type { RecordDto, RecordInput, RecordSummary, TrashItem } from '../../../shared/methods/records.js';
import { recordType, typesOf, type BookId, type RecordStatus, type RecordTypeDef } from '../../../shared/books/index.js';
import { checkRecord } from '../../../shared/books/check.js';
import { recordPathLabel } from '../../../shared/books/paths.js';
import { validationMessage } from '../../../shared/validation.js';
import { displayValue, recordTitle } from '../../../shared/print/display.js';
import { groupContext } from '../branch/groups.js';
import { attendeeOf } from '../../../shared/rules/attendance.js';
import type { PoliticalStatus } from '../../../shared/books/vocab.js';
import type { FieldIssue } from '../../../shared/result.js';
import { AppError, notFound } from '../errors.js';
import { all, first, now, q, run, tx, type Db } from '../db/sql.js';
import { countAttachments } from '../attachments/service.js';
import { indexRecordRow, unindexRecord } from './search.js';
import { assertYearOpen, yearOf } from '../seal/service.js';

// ---------- readers ----------

/**
 * A year's active records with their 第N次: the place of each in its series
 * (type, year, and 党小组 for 党小组会), by date and start time. Numbering only
 * the year's records of the types asked for keeps this a few milliseconds.
 */
function selectYear(year: number, types: readonly string[] | null) {
  return q
    .with('y', (db) => {
      let inner = db
        .selectFrom('records as r')
        .selectAll('r')
        .select(
          sql<number>`ROW_NUMBER() OVER (
            PARTITION BY r.type, coalesce(r.group_id, 0)
            ORDER BY r.date, json_extract(r.data, '$.startTime'), r.id)`.as('seq'),
        )
        .where('r.deleted_at', 'is', null)
        .where('r.date', '>=', `${year}-01-01`)
        .where('r.date', '<=', `${year}-12-31`);
      if (types) inner = inner.where('r.type', 'in', types.length ? types : ['']);
      return inner;
    })
    .selectFrom('y as r')
    .leftJoin('party_groups as g', 'g.id', 'r.group_id')
    .select(['r.id', 'r.type', 'r.seq', 'r.date', 'r.status', 'r.data', 'r.created_at', 'r.updated_at', 'g.name as group_name']);
}

type YearRow = NonNullable<ReturnType<typeof first<ReturnType<typeof selectYear>>>>;

function toRecord(r: Omit<YearRow, 'group_id'>): RecordDto {
  return {
    id: r.id,
    type: r.type,
    seq: recordType(r.type).kind === 'meeting' ? r.seq : null,
    date: r.date,
    status: r.status as RecordStatus,
    data: JSON.parse(r.data) as Record<string, unknown>,
    groupName: r.group_name,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * One meeting's 第N次, counted from its series through the records_series index:
 * the same order as selectYear's window (date, start time, id), which lists use.
 * test/db/records.test.ts checks the two agree.
 */
function seqOf(db: Db, r: { id: number; type: string; date: string; group_id: number | null; data: string }): number {
  const start = (JSON.parse(r.data) as { startTime?: string }).startTime ?? '';
  const row = first(
    db,
    q
      .selectFrom('records as o')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('o.deleted_at', 'is', null)
      .where('o.type', '=', r.type)
      .where(sql`coalesce(o.group_id, 0)`, '=', r.group_id ?? 0)
      .where('o.date', '>=', `${r.date.slice(0, 4)}-01-01`)
      .where('o.date', '<=', r.date)
      .where(sql<boolean>`(o.date, json_extract(o.data, '$.startTime'), o.id) <= (${r.date}, ${start}, ${r.id})`),
  );
  return row?.n ?? 1;
}

export function getRecord(db: Db, id: number): RecordDto {
  const r = first(
    db,
    q
      .selectFrom('records as r')
      .leftJoin('party_groups as g', 'g.id', 'r.group_id')
      .select(['r.id', 'r.type', 'r.date', 'r.group_id', 'r.status', 'r.data', 'r.created_at', 'r.updated_at', 'g.name as group_name'])
      .where('r.id', '=', id)
      .where('r.deleted_at', 'is', null),
  );
  if (!r) throw notFound('该记录');
  return toRecord({ ...r, seq: recordType(r.type).kind === 'meeting' ? seqOf(db, r) : 0 });
}

/** A year's active records with their 第N次, oldest first (the archive and the registers read these). */
export function yearRecords(db: Db, year: number, types: readonly string[] | null = null): RecordDto[] {
  const query = selectYear(year, types).orderBy('r.date').orderBy(sql`json_extract(r.data, '$.startTime')`).orderBy('r.id');
  return all(db, query).map(toRecord);
}

export function listRecords(db: Db, year: number, filter: { type: string | null; book: BookId | null }): RecordSummary[] {
  const types = filter.type ? [filter.type] : filter.book ? typesOf(filter.book).map((t) => t.id) : null;
  const query = selectYear(year, types)
    .orderBy('r.date', 'desc')
    .orderBy(sql`json_extract(r.data, '$.startTime')`, 'desc')
    .orderBy('r.id', 'desc');
  const rows = all(db, query).map(toRecord);
  const ctx = groupContext(db);
  const attachments = countAttachments(db, rows.map((r) => r.id));
  return rows.map((rec) => {
    const def = recordType(rec.type);
    const cells: Record<string, string> = {};
    for (const key of def.listColumns) {
      const f = def.fields.find((x) => x.key === key)!;
      cells[key] = displayValue(f, rec.data[key], ctx);
    }
    return {
      id: rec.id,
      type: rec.type,
      seq: rec.seq,
      date: rec.date,
      status: rec.status,
      title: recordTitle(def, rec.data, ctx),
      cells,
      attachments: attachments.get(rec.id) ?? 0,
      updatedAt: rec.updatedAt,
    };
  });
}

export function countRecords(db: Db, year: number): Record<string, number> {
  const rows = all(
    db,
    q
      .selectFrom('records')
      .select(['type', (eb) => eb.fn.countAll<number>().as('n')])
      .where('deleted_at', 'is', null)
      .where('date', '>=', `${year}-01-01`)
      .where('date', '<=', `${year}-12-31`)
      .groupBy('type'),
  );
  return Object.fromEntries(rows.map((r) => [r.type, r.n]));
}

/** Who is expected at a new meeting of this type, from today's roster: 应到 is the length of this list. */
export function expectedAttendance(db: Db, type: string, groupId: number | null): Attendee[] {
  const def = recordType(type);
  if (!def.attendees) throw new AppError('VALIDATION', `${def.label}不记录出席情况`);
  let query = q
    .selectFrom('people as p')
    .leftJoin('committee as c', 'c.person_id', 'p.id')
    .select(['p.id', 'p.name', 'p.political_status', 'p.position', 'c.role'])
    .where('p.removed_at', 'is', null)
    .orderBy(sql`coalesce(c.sort, 99)`)
    .orderBy('p.id');
  const party = ['中共党员', '中共预备党员'];
  switch (def.attendees) {
    case 'members':
      query = query.where('p.political_status', 'in', party);
      break;
    case 'committee':
      query = query.where('p.political_status', 'in', party).where('c.role', 'is not', null);
      break;
    case 'group':
      if (groupId === null) throw new AppError('VALIDATION', '请选择党小组', [{ path: 'groupId', message: '请选择党小组' }]);
      query = query.where('p.political_status', 'in', party).where('p.group_id', '=', groupId);
      break;
    case 'league':
      query = query.where('p.political_status', '=', '共青团员');
      break;
    case 'everyone':
      break;
  }
  return all(db, query).map((p) =>
    attendeeOf({ id: p.id, name: p.name, politicalStatus: p.political_status as PoliticalStatus, committeeRole: p.role, position: p.position }),
  );
}

export function listTrash(db: Db): TrashItem[] {
  const ctx = groupContext(db);
  return all(
    db,
    q.selectFrom('records').select(['id', 'type', 'date', 'data', 'deleted_at']).where('deleted_at', 'is not', null).orderBy('deleted_at', 'desc'),
  ).map((r) => ({
    id: r.id,
    type: r.type,
    date: r.date,
    title: recordTitle(recordType(r.type), JSON.parse(r.data) as Record<string, unknown>, ctx),
    deletedAt: r.deleted_at!,
  }));
}

// ---------- writers ----------

/** What the contract cannot check: the database, and rules across fields. */
function validate(db: Db, def: RecordTypeDef, input: RecordInput, existingGroupId: number | null): number | null {
  const issues: FieldIssue[] = checkRecord(def, input.data);
  const add = (path: string, message: string) => issues.push({ path: `data.${path}`, message });
  let groupId: number | null = null;
  const groupField = def.fields.find((f) => f.kind === 'group');
  if (groupField) {
    const gid = input.data[groupField.key] as number | null;
    if (gid !== null) {
      const g = first(db, q.selectFrom('party_groups').select(['id', 'removed_at']).where('id', '=', gid));
      if (!g || (g.removed_at !== null && g.id !== existingGroupId)) add(groupField.key, `所选${groupField.label}不存在`);
      groupId = gid;
    }
  }
  const ids = [...new Set(((input.data.attendance ?? []) as Attendee[]).map((a) => a.personId))];
  if (ids.length > 0) {
    const known = all(db, q.selectFrom('people').select('id').where('id', 'in', ids)).length;
    if (known !== ids.length) add('attendance', '应到人员中有人不在人员名册里');
  }
  if (issues.length) throw new AppError('VALIDATION', validationMessage(issues, (path) => recordPathLabel(def, path)), issues);
  return groupId;
}

/** Absent people keep their reason; present people have none. */
function normalise(data: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(data.attendance)) return data;
  return { ...data, attendance: (data.attendance as Attendee[]).map((a) => (a.present ? { ...a, absenceReason: '' } : a)) };
}

export function createRecord(db: Db, input: RecordInput): RecordDto {
  const def = recordType(input.type);
  const id = tx(db, () => {
    assertYearOpen(db, yearOf(input.date));
    const groupId = validate(db, def, input, null);
    const t = now();
    const { lastInsertRowid } = run(
      db,
      q.insertInto('records').values({
        type: input.type,
        date: input.date,
        status: input.status,
        group_id: groupId,
        data: JSON.stringify(normalise(input.data)),
        created_at: t,
        updated_at: t,
      }),
    );
    indexRecordRow(db, lastInsertRowid);
    return lastInsertRowid;
  });
  return getRecord(db, id);
}

/** Keep the record as it is now, when it is a 定稿 about to change (or, with `drafts`, whatever it is). */
export function keepRevision(db: Db, id: number, drafts = false) {
  const cur = first(db, q.selectFrom('records').select(['type', 'date', 'status', 'data']).where('id', '=', id));
  if (!cur || (cur.status !== 'final' && !drafts)) return;
  run(db, q.insertInto('record_revisions').values({ record_id: id, saved_at: now(), type: cur.type, date: cur.date, status: cur.status, data: cur.data }));
}

export function updateRecord(db: Db, id: number, input: RecordInput): RecordDto {
  const def = recordType(input.type);
  tx(db, () => {
    const row = first(db, q.selectFrom('records').select(['type', 'group_id', 'date', 'status', 'data']).where('id', '=', id).where('deleted_at', 'is', null));
    if (!row) throw notFound('该记录');
    assertYearOpen(db, yearOf(row.date));
    assertYearOpen(db, yearOf(input.date));
    if (row.type !== input.type) throw new AppError('VALIDATION', '不能更改记录的类型', [{ path: 'type', message: '不能更改记录的类型' }]);
    const groupId = validate(db, def, input, row.group_id);
    const data = JSON.stringify(normalise(input.data));
    if (row.date === input.date && row.status === input.status && row.data === data) return; // nothing changed
    keepRevision(db, id);
    run(db, q.updateTable('records').set({ date: input.date, status: input.status, group_id: groupId, data, updated_at: now() }).where('id', '=', id));
    indexRecordRow(db, id);
  });
  return getRecord(db, id);
}

/** Move to the 回收站; nothing is lost until it is purged from there. */
export function removeRecord(db: Db, id: number): null {
  tx(db, () => {
    const { changes } = run(db, q.updateTable('records').set({ deleted_at: now() }).where('id', '=', id).where('deleted_at', 'is', null));
    if (!changes) throw notFound('该记录');
    assertYearOpen(db, yearOf(first(db, q.selectFrom('records').select('date').where('id', '=', id))!.date));
    unindexRecord(db, id);
  });
  return null;
}

export function restoreRecord(db: Db, id: number): RecordDto {
  tx(db, () => {
    const { changes } = run(db, q.updateTable('records').set({ deleted_at: null }).where('id', '=', id).where('deleted_at', 'is not', null));
    if (!changes) throw notFound('回收站中的该记录');
    assertYearOpen(db, yearOf(first(db, q.selectFrom('records').select('date').where('id', '=', id))!.date));
    indexRecordRow(db, id);
  });
  return getRecord(db, id);
}

/** Delete for good; only records already in the 回收站 can be purged. Attachments' files go after. */
export function purgeRecord(db: Db, id: number): null {
  tx(db, () => {
    const row = first(db, q.selectFrom('records').select('date').where('id', '=', id).where('deleted_at', 'is not', null));
    if (row) assertYearOpen(db, yearOf(row.date));
    const { changes } = run(db, q.deleteFrom('records').where('id', '=', id).where('deleted_at', 'is not', null));
    if (!changes) throw notFound('回收站中的该记录');
  });
  return null;
}
