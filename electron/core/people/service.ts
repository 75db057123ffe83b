import type { Person, PersonInput } from '../../../shared/contract.js';
import type { PoliticalStatus } from '../../../shared/books/vocab.js';
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
      'party_groups.name as group_name',
      'committee.role as committee_role',
    ])
    .where('people.removed_at', 'is', null);
}

type PersonRow = NonNullable<ReturnType<typeof first<ReturnType<typeof selectPeople>>>>;

export function toPerson(r: PersonRow): Person {
  return {
    id: r.id,
    name: r.name,
    gender: r.gender as Person['gender'],
    birthDate: r.birth_date,
    politicalStatus: r.political_status as PoliticalStatus,
    groupId: r.group_id,
    position: r.position,
    phone: r.phone,
    groupName: r.group_name,
    committeeRole: r.committee_role,
  };
}

export function listPeople(db: Db): Person[] {
  return all(db, selectPeople().orderBy('people.id')).map(toPerson);
}

export function getPerson(db: Db, id: number): Person {
  const r = first(db, selectPeople().where('people.id', '=', id));
  if (!r) throw notFound('该人员');
  return toPerson(r);
}

/** What a person is found by: the name (the index adds its pinyin) and the rest of the roster entry. */
export function personEntry(p: Person) {
  const body = [p.politicalStatus, p.groupName ?? '', p.committeeRole ? `支部${p.committeeRole}` : '', p.position, p.phone].filter(Boolean).join(' ');
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

const columns = (p: PersonInput) => ({
  name: p.name,
  gender: p.gender,
  birth_date: p.birthDate,
  political_status: p.politicalStatus,
  group_id: p.groupId,
  position: p.position,
  phone: p.phone,
});

export function createPerson(db: Db, p: PersonInput): Person {
  const id = tx(db, () => {
    checkGroup(db, p.groupId);
    const t = now();
    const { lastInsertRowid } = run(db, q.insertInto('people').values({ ...columns(p), created_at: t, updated_at: t }));
    reindexPerson(db, lastInsertRowid);
    return lastInsertRowid;
  });
  return getPerson(db, id);
}

export function updatePerson(db: Db, p: PersonInput & { id: number }): Person {
  tx(db, () => {
    getPerson(db, p.id);
    checkGroup(db, p.groupId);
    const seat = first(db, q.selectFrom('committee').select('role').where('person_id', '=', p.id));
    if (seat && p.politicalStatus !== '中共党员') {
      throw new AppError('VALIDATION', `此人是支部${seat.role}，政治面貌应为中共党员；如需调整，请先在“支部设置”中更换支委。`, [
        { path: 'politicalStatus', message: '支委应为正式党员' },
      ]);
    }
    run(db, q.updateTable('people').set({ ...columns(p), updated_at: now() }).where('id', '=', p.id));
    reindexPerson(db, p.id);
  });
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
