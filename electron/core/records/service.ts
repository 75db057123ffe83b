import type {
  Attendee,
  MeetingData,
  MeetingRecord,
  RecordInput,
  RecordSummary,
  TrashItem,
} from '../../../shared/contract.js';
import { meetingType, membershipOf, type MeetingTypeId, type PoliticalStatus } from '../../../shared/books/meetings.js';
import { countAttendance, judgeMotion } from '../../../shared/rules/attendance.js';
import type { FieldIssue } from '../../../shared/result.js';
import { sql } from 'kysely';
import { AppError, notFound } from '../errors.js';
import { all, first, now, q, run, tx, type Db } from '../db/sql.js';

// ---------- readers ----------

function selectActive() {
  return q
    .selectFrom('active_records as r')
    .leftJoin('party_groups as g', 'g.id', 'r.group_id')
    .select(['r.id', 'r.type', 'r.seq', 'r.date', 'r.data', 'r.created_at', 'r.updated_at', 'g.name as group_name']);
}

type ActiveRow = NonNullable<ReturnType<typeof first<ReturnType<typeof selectActive>>>>;

function toRecord(r: ActiveRow): MeetingRecord {
  return {
    id: r.id,
    type: r.type as MeetingTypeId,
    seq: r.seq,
    date: r.date,
    data: JSON.parse(r.data) as MeetingData,
    groupName: r.group_name,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function getRecord(db: Db, id: number): MeetingRecord {
  const r = first(db, selectActive().where('r.id', '=', id));
  if (!r) throw notFound('该记录');
  return toRecord(r);
}

export function listRecords(db: Db, year: number, type: MeetingTypeId | null): RecordSummary[] {
  let query = selectActive()
    .where('r.date', '>=', `${year}-01-01`)
    .where('r.date', '<=', `${year}-12-31`)
    .orderBy('r.date', 'desc')
    // same day: by start time like 第N次, so the list never shows 第2次 above 第3次
    .orderBy(sql`json_extract(r.data, '$.startTime')`, 'desc')
    .orderBy('r.id', 'desc');
  if (type) query = query.where('r.type', '=', type);
  return all(db, query).map((row) => {
    const rec = toRecord(row);
    const c = countAttendance(rec.data.attendance);
    return {
      id: rec.id,
      type: rec.type,
      seq: rec.seq,
      date: rec.date,
      startTime: rec.data.startTime,
      location: rec.data.location,
      host: rec.data.host,
      groupName: rec.groupName,
      expected: c.expected,
      present: c.present,
      topics: rec.data.topics,
      updatedAt: rec.updatedAt,
    };
  });
}

/** Who is expected at a new meeting of this type, from today's roster: 应到 is the length of this list. */
export function expectedAttendance(db: Db, type: MeetingTypeId, groupId: number | null): Attendee[] {
  const def = meetingType(type);
  let query = q
    .selectFrom('people as p')
    .leftJoin('committee as c', 'c.person_id', 'p.id')
    .select(['p.id', 'p.name', 'p.political_status', 'p.position', 'c.role'])
    .where('p.removed_at', 'is', null)
    .where('p.political_status', 'in', ['中共党员', '中共预备党员'])
    .orderBy(sql`coalesce(c.sort, 99)`)
    .orderBy('p.id');
  if (def.attendees === 'committee') query = query.where('c.role', 'is not', null);
  if (def.attendees === 'group') {
    if (groupId === null) throw new AppError('VALIDATION', '请选择党小组', [{ path: 'groupId', message: '请选择党小组' }]);
    query = query.where('p.group_id', '=', groupId);
  }
  return all(db, query).map((p) => ({
    personId: p.id,
    name: p.name,
    membership: membershipOf(p.political_status as PoliticalStatus)!,
    title: p.role ?? p.position,
    present: true,
    absenceReason: '',
  }));
}

export function listTrash(db: Db): TrashItem[] {
  return all(
    db,
    q.selectFrom('records').select(['id', 'type', 'date', 'data', 'deleted_at']).where('deleted_at', 'is not', null).orderBy('deleted_at', 'desc'),
  ).map((r) => ({
    id: r.id,
    type: r.type as MeetingTypeId,
    date: r.date,
    topics: (JSON.parse(r.data) as MeetingData).topics,
    deletedAt: r.deleted_at!,
  }));
}

// ---------- writers ----------

/** Checks that need the database or span several fields; the contract has already checked each field. */
function normalise(db: Db, input: RecordInput, existingGroupId: number | null): { data: MeetingData; groupId: number | null } {
  const def = meetingType(input.type);
  const d = input.data;
  const issues: FieldIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path: `data.${path}`, message });

  let groupId: number | null = null;
  if (def.attendees === 'group') {
    if (d.groupId === null) add('groupId', '请选择党小组');
    else {
      const g = first(db, q.selectFrom('party_groups').select(['id', 'removed_at']).where('id', '=', d.groupId));
      if (!g || (g.removed_at !== null && g.id !== existingGroupId)) add('groupId', '所选党小组不存在');
      groupId = d.groupId;
    }
  }
  if (d.endTime <= d.startTime) add('endTime', '结束时间应晚于开始时间');
  if (def.lecture && d.lecture === null) add('lecture', '请填写党课的主讲人、题目和学时');
  if (!def.votes && d.motions.length > 0) add('motions', `${def.label}不进行表决`);

  const ids = new Set<number>();
  d.attendance.forEach((a, i) => {
    if (ids.has(a.personId)) add(`attendance.${i}`, `${a.name}重复出现在应到人员中`);
    ids.add(a.personId);
    if (!a.present && a.absenceReason.trim() === '') add(`attendance.${i}.absenceReason`, `请填写${a.name}的缺席原因`);
  });
  if (ids.size > 0) {
    const known = all(db, q.selectFrom('people').select('id').where('id', 'in', [...ids])).length;
    if (known !== ids.size) add('attendance', '应到人员中有人不在人员名册里');
  }
  if (def.votes) {
    d.motions.forEach((m, i) => {
      const outcome = judgeMotion(d.attendance, m);
      if (outcome.invalid) add(`motions.${i}.for`, outcome.invalid);
    });
  }
  if (issues.length) throw new AppError('VALIDATION', issues[0]!.message, issues);

  return {
    data: {
      ...d,
      groupId,
      lecture: def.lecture ? d.lecture : null,
      attendance: d.attendance.map((a) => (a.present ? { ...a, absenceReason: '' } : a)),
    },
    groupId,
  };
}

export function createRecord(db: Db, input: RecordInput): MeetingRecord {
  const id = tx(db, () => {
    const { data, groupId } = normalise(db, input, null);
    const t = now();
    return run(
      db,
      q.insertInto('records').values({ type: input.type, date: input.date, group_id: groupId, data: JSON.stringify(data), created_at: t, updated_at: t }),
    ).lastInsertRowid;
  });
  return getRecord(db, id);
}

export function updateRecord(db: Db, input: RecordInput & { id: number }): MeetingRecord {
  tx(db, () => {
    const row = first(db, q.selectFrom('records').select(['type', 'group_id']).where('id', '=', input.id).where('deleted_at', 'is', null));
    if (!row) throw notFound('该记录');
    const { data, groupId } = normalise(db, input, row.group_id);
    run(
      db,
      q
        .updateTable('records')
        .set({ type: input.type, date: input.date, group_id: groupId, data: JSON.stringify(data), updated_at: now() })
        .where('id', '=', input.id),
    );
  });
  return getRecord(db, input.id);
}

/** Move to the 回收站; nothing is lost until it is purged from there. */
export function removeRecord(db: Db, id: number): null {
  const { changes } = run(db, q.updateTable('records').set({ deleted_at: now() }).where('id', '=', id).where('deleted_at', 'is', null));
  if (!changes) throw notFound('该记录');
  return null;
}

export function restoreRecord(db: Db, id: number): MeetingRecord {
  const { changes } = run(db, q.updateTable('records').set({ deleted_at: null }).where('id', '=', id).where('deleted_at', 'is not', null));
  if (!changes) throw notFound('回收站中的该记录');
  return getRecord(db, id);
}

/** Delete for good; only records already in the 回收站 can be purged. */
export function purgeRecord(db: Db, id: number): null {
  const { changes } = run(db, q.deleteFrom('records').where('id', '=', id).where('deleted_at', 'is not', null));
  if (!changes) throw notFound('回收站中的该记录');
  return null;
}
