/**
 * The people registry: the 人员名册 every meeting takes its attendance from,
 * and the 党员花名册 fields on the same rows.
 *
 * Writers come in two layers: `insertPerson` / `writePerson` / `setPartyStatus`
 * run inside the caller's transaction (the Excel import adds many people in
 * one; the 发展党员 pipeline changes a status with its step), and
 * `createPerson` / `updatePerson` / `removePerson` wrap them in their own.
 * Every write re-indexes the person for search and, when the political
 * status or the 入党/转正 dates change, appends to person_statuses.
 */
import { PERSON_DETAIL_KEYS, type Person, type PersonInput } from '../../../shared/methods/people.js';
import type { PoliticalStatus } from '../../../shared/books/vocab.js';
import type { StatusEntry } from '../../../shared/methods/members.js';
import { personIssues } from '../../../shared/members/roster.js';
import { isMaskedIdNumber, maskIdNumber, normaliseIdNumber } from '../../../shared/rules/idcard.js';
import { partyYears, statusSince } from '../../../shared/rules/membership.js';
import { localToday } from '../../../shared/dates.js';
import { AppError, notFound } from '../errors.js';
import { all, first, now, q, run, tx, type Db } from '../db/sql.js';
import { indexPerson, unindexPerson } from '../search/index.js';

export function selectPeople() {
  return q
    .selectFrom('people')
    .leftJoin('party_groups', 'party_groups.id', 'people.group_id')
    .leftJoin('committee', 'committee.person_id', 'people.id')
    .select([
      'people.id',
      'people.name',
      'people.gender',
      'people.birth_date',
      'people.political_status',
      'people.group_id',
      'people.position',
      'people.phone',
      ...Object.values(DETAIL_COLUMNS).map((c) => `people.${c}` as const),
      'party_groups.name as group_name',
      'committee.role as committee_role',
    ])
    .where('people.removed_at', 'is', null);
}

type PersonRow = NonNullable<ReturnType<typeof first<ReturnType<typeof selectPeople>>>>;

/** The DTO of a row: the 身份证号 masked, 党龄 as of `today`. */
export function toPerson(r: PersonRow, today = localToday()): Person {
  return {
    id: r.id,
    name: r.name,
    gender: r.gender as Person['gender'],
    birthDate: r.birth_date,
    politicalStatus: r.political_status as PoliticalStatus,
    groupId: r.group_id,
    position: r.position,
    phone: r.phone,
    ...detailsOf(r),
    idNumber: maskIdNumber(r.id_number),
    partyYears: r.political_status === '中共党员' ? partyYears(r.full_date, today) : null,
    groupName: r.group_name,
    committeeRole: r.committee_role,
  };
}

export function listPeople(db: Db): Person[] {
  const today = localToday();
  return all(db, selectPeople().orderBy('people.id')).map((r) => toPerson(r, today));
}

export function getPerson(db: Db, id: number): Person {
  const r = first(db, selectPeople().where('people.id', '=', id));
  if (!r) throw notFound('该人员');
  return toPerson(r);
}

/** The full 身份证号 of a person on the roster ('' when none is recorded). */
export function personIdNumber(db: Db, id: number): string {
  const r = first(db, q.selectFrom('people').select('id_number').where('id', '=', id).where('removed_at', 'is', null));
  if (!r) throw notFound('该人员');
  return r.id_number;
}

/**
 * What a person is found by: the name (the index adds its pinyin) and the rest
 * of the roster entry. Never the 身份证号, nor the address.
 */
export function personEntry(p: Person) {
  const body = [
    p.politicalStatus,
    p.groupName ?? '',
    p.committeeRole ? `支部${p.committeeRole}` : '',
    p.position,
    p.phone,
    p.nativePlace,
    p.mobileWhere ? `流动党员 ${p.mobileWhere === '是' ? '' : p.mobileWhere}`.trim() : '',
    p.notes,
  ]
    .filter(Boolean)
    .join(' ');
  return { id: p.id, name: p.name, body };
}

export function reindexPerson(db: Db, id: number) {
  const r = first(db, selectPeople().where('people.id', '=', id));
  if (!r) return unindexPerson(db, id);
  indexPerson(db, personEntry(toPerson(r)));
}

function checkGroup(db: Db, groupId: number | null) {
  if (groupId === null) return;
  const g = first(db, q.selectFrom('party_groups').select('id').where('id', '=', groupId).where('removed_at', 'is', null));
  if (!g) throw new AppError('VALIDATION', '所选党小组不存在', [{ path: 'groupId', message: '所选党小组不存在' }]);
}

/** The stored 党员花名册 fields, in input terms. */
type Details = { [K in (typeof PERSON_DETAIL_KEYS)[number]]-?: string };

/** The people column of each 党员花名册 field. */
const DETAIL_COLUMNS = {
  ethnicity: 'ethnicity',
  nativePlace: 'native_place',
  idNumber: 'id_number',
  education: 'education',
  degree: 'degree',
  workStartDate: 'work_start_date',
  joinDate: 'join_date',
  fullDate: 'full_date',
  address: 'address',
  mobileWhere: 'mobile_where',
  notes: 'notes',
} as const satisfies Record<keyof Details, string>;
type DetailColumn = (typeof DETAIL_COLUMNS)[keyof Details];

function detailsOf(r: Record<DetailColumn, string>): Details {
  return Object.fromEntries(PERSON_DETAIL_KEYS.map((k) => [k, r[DETAIL_COLUMNS[k]]])) as Details;
}

const NO_DETAILS = Object.fromEntries(PERSON_DETAIL_KEYS.map((k) => [k, ''])) as Details;

function storedDetails(db: Db, id: number): Details {
  const r = first(db, q.selectFrom('people').select(Object.values(DETAIL_COLUMNS)).where('id', '=', id));
  if (!r) throw notFound('该人员');
  return detailsOf(r);
}

/** A complete person to store: the given fields over `base` (what is stored, or nothing for a new person). */
export type PersonRecord = Omit<PersonInput, keyof Details> & Details;

function complete(p: PersonInput, base: Details): PersonRecord {
  const out = { ...p } as PersonRecord;
  for (const k of PERSON_DETAIL_KEYS) out[k] = p[k] ?? base[k];
  // The masked number the lists hand out means "unchanged".
  if (p.idNumber !== undefined && isMaskedIdNumber(p.idNumber) && p.idNumber === maskIdNumber(base.idNumber)) out.idNumber = base.idNumber;
  else out.idNumber = normaliseIdNumber(out.idNumber);
  return out;
}

const invalid = (path: string, message: string) => new AppError('VALIDATION', `输入有误：${message}（${path}）`, [{ path, message }]);

function checkPerson(db: Db, p: PersonRecord, id: number | null) {
  checkGroup(db, p.groupId);
  const issue = personIssues(p)[0];
  if (issue) throw invalid(issue.path, issue.message);
  if (p.idNumber) {
    let dup = q.selectFrom('people').select('name').where('id_number', '=', p.idNumber).where('removed_at', 'is', null);
    if (id !== null) dup = dup.where('id', '!=', id);
    const other = first(db, dup);
    if (other) throw invalid('idNumber', `身份证号与名册中的“${other.name}”相同，同一人不能登记两次`);
  }
}

const columns = (p: PersonRecord) => ({
  name: p.name,
  gender: p.gender,
  birth_date: p.birthDate,
  political_status: p.politicalStatus,
  group_id: p.groupId,
  position: p.position,
  phone: p.phone,
  ethnicity: p.ethnicity,
  native_place: p.nativePlace,
  id_number: p.idNumber,
  education: p.education,
  degree: p.degree,
  work_start_date: p.workStartDate,
  join_date: p.joinDate,
  full_date: p.fullDate,
  address: p.address,
  mobile_where: p.mobileWhere,
  notes: p.notes,
});

// ---------- status history ----------

export function statusHistory(db: Db, personId: number): StatusEntry[] {
  getPerson(db, personId);
  return all(
    db,
    q.selectFrom('person_statuses').select(['id', 'status', 'since', 'note']).where('person_id', '=', personId).orderBy('since').orderBy('id'),
  );
}

function appendStatus(db: Db, personId: number, status: string, since: string, note: string) {
  const same = first(
    db,
    q.selectFrom('person_statuses').select('id').where('person_id', '=', personId).where('status', '=', status).where('since', '=', since),
  );
  if (!same) run(db, q.insertInto('person_statuses').values({ person_id: personId, status, since, note }));
}

/**
 * Keep the history in step with a write: 入党日期 is when the person became a
 * 预备党员 and 转正日期 when a 中共党员 (a corrected date moves its entry); a
 * changed status is entered from its date, or today when the roster has none.
 */
function recordStatuses(db: Db, personId: number, before: PersonRecord | null, after: PersonRecord, opts: WriteOptions) {
  const note = opts.note ?? '';
  const dated: [string, 'joinDate' | 'fullDate', string][] = [
    ['中共预备党员', 'joinDate', '入党日期'],
    ['中共党员', 'fullDate', '转正日期'],
  ];
  for (const [status, key, label] of dated) {
    const was = before?.[key] ?? '';
    const is = after[key];
    if (!is || is === was) continue;
    const moved = was
      ? run(
          db,
          q
            .updateTable('person_statuses')
            .set({ since: is, note: `${label}更正` })
            .where('person_id', '=', personId)
            .where('status', '=', status)
            .where('since', '=', was),
        ).changes
      : 0;
    if (!moved) appendStatus(db, personId, status, is, note ? `${label}（${note}）` : label);
  }
  if (!before || before.politicalStatus !== after.politicalStatus) {
    const since = opts.since || statusSince(after.politicalStatus, after) || localToday();
    appendStatus(db, personId, after.politicalStatus, since, note || (before ? `由${before.politicalStatus}变更` : '登记'));
  }
}

export interface WriteOptions {
  /** what the history says of the change (default: which date or status changed) */
  note?: string;
  /** the day a changed status began when the dates do not say (default: today) */
  since?: string;
}

// ---------- writers ----------

/** Add a person inside the caller's transaction; returns the id. */
export function insertPerson(db: Db, input: PersonInput, opts: WriteOptions = {}): number {
  const p = complete(input, NO_DETAILS);
  checkPerson(db, p, null);
  const t = now();
  const { lastInsertRowid } = run(db, q.insertInto('people').values({ ...columns(p), created_at: t, updated_at: t }));
  recordStatuses(db, lastInsertRowid, null, p, opts);
  reindexPerson(db, lastInsertRowid);
  return lastInsertRowid;
}

/** Change a person inside the caller's transaction; left-out 花名册 fields keep their values. */
export function writePerson(db: Db, input: PersonInput & { id: number }, opts: WriteOptions = {}) {
  const current = getPerson(db, input.id);
  const details = storedDetails(db, input.id);
  const before: PersonRecord = { ...current, ...details };
  const { id, ...rest } = input;
  const p = complete(rest, details);
  checkPerson(db, p, id);
  const seat = first(db, q.selectFrom('committee').select('role').where('person_id', '=', id));
  if (seat && p.politicalStatus !== '中共党员') {
    throw new AppError('VALIDATION', `此人是支部${seat.role}，政治面貌应为中共党员；如需调整，请先在“支部设置”中更换支委。`, [
      { path: 'politicalStatus', message: '支委应为正式党员' },
    ]);
  }
  run(db, q.updateTable('people').set({ ...columns(p), updated_at: now() }).where('id', '=', id));
  recordStatuses(db, id, before, p, opts);
  reindexPerson(db, id);
}

/**
 * Set a person's political status with the day it began, inside the caller's
 * transaction (e.g. the 发展党员 pipeline: 支部大会 admits → 中共预备党员 with
 * 入党日期; 转正 → 中共党员 with 转正日期). The history gets its entry.
 */
export function setPartyStatus(db: Db, id: number, status: PoliticalStatus, since: string, note = '') {
  const current = getPerson(db, id);
  const dates = status === '中共预备党员' ? { joinDate: since, fullDate: '' } : status === '中共党员' ? { fullDate: since } : {};
  const { partyYears: _y, groupName: _g, committeeRole: _c, idNumber: _i, ...input } = current;
  writePerson(db, { ...input, ...dates, politicalStatus: status }, { note, since });
}

export function createPerson(db: Db, p: PersonInput): Person {
  const id = tx(db, () => insertPerson(db, p));
  return getPerson(db, id);
}

export function updatePerson(db: Db, p: PersonInput & { id: number }): Person {
  tx(db, () => writePerson(db, p));
  return getPerson(db, p.id);
}

/** People leave the roster but stay in the table: meeting records keep their own copy of names. */
export function removePerson(db: Db, id: number): null {
  tx(db, () => {
    getPerson(db, id);
    const seat = first(db, q.selectFrom('committee').select('role').where('person_id', '=', id));
    if (seat) throw new AppError('CONFLICT', `此人是支部${seat.role}，请先在“支部设置”中更换支委，再移出名册。`);
    run(db, q.updateTable('people').set({ removed_at: now() }).where('id', '=', id));
    unindexPerson(db, id);
  });
  return null;
}
