/**
 * Records and people in the search index: what text each is indexed with (the
 * same text later serves the hits' snippets), kept in step inside the writers'
 * transactions, and the queries that the API answers (the search box, and the
 * person pickers' suggestions by the same rule).
 */
import type { Person } from '../../../shared/methods/people.js';
import type { SearchResult } from '../../../shared/methods/search.js';
import { recordType } from '../../../shared/books/index.js';
import { recordText, recordTitle, type DisplayContext } from '../../../shared/print/display.js';
import { groupContext } from '../branch/groups.js';
import { all, first, q, type Db } from '../db/sql.js';
import { findPeopleByName, indexRecord, searchAll, unindexRecord, type Original } from '../search/index.js';
import { personEntry, selectPeople, toPerson } from '../people/service.js';

interface RecordRow {
  type: string;
  date: string;
  data: string;
}

function recordEntry(r: RecordRow, ctx: DisplayContext): Original {
  const def = recordType(r.type);
  const data = JSON.parse(r.data) as Record<string, unknown>;
  return { title: `${def.label} ${recordTitle(def, data, ctx)}`, body: recordText(def, data, ctx), date: r.date, type: r.type };
}

export function indexRecordRow(db: Db, id: number) {
  const r = first(db, q.selectFrom('records').select(['type', 'date', 'data', 'deleted_at']).where('id', '=', id));
  if (!r || r.deleted_at !== null) return unindexRecord(db, id);
  const e = recordEntry(r, groupContext(db));
  indexRecord(db, { id, book: recordType(r.type).book, title: e.title, body: e.body, date: r.date });
}

export { unindexRecord };

export function searchRecordsAndPeople(db: Db, text: string, limit: number): SearchResult {
  return searchAll(db, text, {
    limit,
    originals: (kind, ids) => {
      if (kind === 'record') {
        const ctx = groupContext(db);
        const rows = all(db, q.selectFrom('records').select(['id', 'type', 'date', 'data']).where('id', 'in', ids).where('deleted_at', 'is', null));
        return new Map(rows.map((r) => [r.id, recordEntry(r, ctx)]));
      }
      const rows = all(db, selectPeople().where('people.id', 'in', ids));
      return new Map(
        rows.map((r) => {
          const e = personEntry(toPerson(r));
          return [r.id, { title: e.name, body: e.body, date: '', type: '' }];
        }),
      );
    },
  });
}

/** The roster people whose name the text finds (findPeopleByName), best first. */
export function suggestPeople(db: Db, text: string): Person[] {
  const ids = findPeopleByName(db, text);
  if (ids.length === 0) return [];
  const byId = new Map(all(db, selectPeople().where('people.id', 'in', ids)).map((r) => [r.id, toPerson(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
