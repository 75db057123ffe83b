/**
 * Full-text search over records and people (the `search_index` FTS5 table of
 * migration 0002).
 *
 * How it works
 * - Text is folded (`fold`: traditional → simplified, lower case, full-width →
 *   half-width) and split into one token per character (`tokens`), so an FTS5
 *   phrase of the query's characters ("党 课") finds any substring of any
 *   length, including one- and two-character Chinese words.
 * - A record is row `rowid = id`; a person is row `rowid = -id`. Re-indexing
 *   deletes by rowid (a primary-key lookup, not a scan of the table) and
 *   inserts again, so it replaces, never duplicates. `kind`, `ref_id` and
 *   `book` are stored too, for anyone reading the table.
 * - A person's title column holds the name's characters, then each pinyin
 *   spelling of the name (full: z h a n g s a n; initials: z s), separated by a
 *   token no query can produce, so "zs" and "zhangsan" find 张三 and no phrase
 *   runs across two spellings.
 * - The title and body columns hold tokens only. For snippets the caller gives
 *   `searchAll` an `originals` lookup returning the original texts of the hits
 *   (the same title and body that were indexed, e.g. from the records table).
 *
 * Everything is synchronous and may run inside the caller's transaction.
 */
import type { Statement } from 'better-sqlite3';
import { BOOK_TREE, BOOKS } from '../../../shared/books/tree.js';
import type { BookId } from '../../../shared/books/types.js';
import type { SearchGroup, SearchHit, SearchResult } from '../../../shared/contract.js';
import type { Db } from '../db/sql.js';
import { queryTerms, tokens } from './fold.js';
import { isExactName, personTitleTokens, pinyinMarks } from './pinyin.js';
import { cut, findTerms, mergeSpans, snippetOf, type Snippet } from './snippet.js';

export { fold, tokens } from './fold.js';
export { SNIPPET_LENGTH } from './snippet.js';

export type SearchKind = 'record' | 'person';

export interface RecordEntry {
  id: number;
  book: BookId;
  /** what the record is called in lists and search, e.g. "支部党员大会 学习二十大精神" */
  title: string;
  /** all the record's searchable text */
  body: string;
  /** not stored in the index (its columns are fixed); hits take the date from `originals` */
  date?: string;
}

export interface PersonEntry {
  id: number;
  name: string;
  /** the rest of what finds the person: status, group, position, phone */
  body: string;
}

/** The original (un-tokenised) texts of a hit, as they were indexed. */
export interface Original {
  /** a record's title, a person's name */
  title: string;
  body: string;
  /** YYYY-MM-DD for a record, '' for a person */
  date: string;
  /** record type id, '' for a person */
  type: string;
}

/**
 * Returns the originals of the given ids of one kind. An id missing from the
 * map (deleted since it was indexed) drops the hit.
 */
export type Originals = (kind: SearchKind, ids: number[]) => Map<number, Original>;

export interface SearchOptions {
  /** hits returned at most (default 50); `total` still counts all */
  limit?: number;
  originals: Originals;
}

export const DEFAULT_LIMIT = 50;
export const PEOPLE_LABEL = '人员名册';
/** bm25 weights: title, body (the unindexed columns carry no weight). */
const RANK = "bm25(10.0, 1.0)";

function stmt(db: Db, text: string): Statement {
  let st = db.statements.get(text);
  if (!st) {
    st = db.sqlite.prepare(text);
    db.statements.set(text, st);
  }
  return st;
}

function checkId(id: number): number {
  if (!Number.isSafeInteger(id) || id <= 0) throw new Error(`search index: bad id ${id}`);
  return id;
}

const rowidOf = (kind: SearchKind, id: number) => (kind === 'record' ? checkId(id) : -checkId(id));

function remove(db: Db, rowid: number) {
  stmt(db, 'DELETE FROM search_index WHERE rowid = ?').run(rowid);
}

function insert(db: Db, rowid: number, title: string, body: string, kind: SearchKind, refId: number, book: string) {
  stmt(db, 'INSERT INTO search_index (rowid, title, body, kind, ref_id, book) VALUES (?, ?, ?, ?, ?, ?)').run(
    rowid,
    title,
    body,
    kind,
    refId,
    book,
  );
}

/** Index a record, replacing what was indexed for it before. */
export function indexRecord(db: Db, entry: RecordEntry): void {
  const rowid = rowidOf('record', entry.id);
  remove(db, rowid);
  insert(db, rowid, tokens(entry.title), tokens(entry.body), 'record', entry.id, entry.book);
}

export function unindexRecord(db: Db, id: number): void {
  remove(db, rowidOf('record', id));
}

/** Index a person (name, pinyin of the name, body), replacing what was indexed before. */
export function indexPerson(db: Db, entry: PersonEntry): void {
  const rowid = rowidOf('person', entry.id);
  remove(db, rowid);
  insert(db, rowid, personTitleTokens(entry.name), tokens(entry.body), 'person', entry.id, 'people');
}

export function unindexPerson(db: Db, id: number): void {
  remove(db, rowidOf('person', id));
}

/**
 * Replace the whole index with these records and people (first run after an
 * upgrade, repair, tests), then merge the index's b-trees for fast queries.
 */
export function rebuildIndex(db: Db, records: Iterable<RecordEntry>, people: Iterable<PersonEntry>): void {
  const work = () => {
    stmt(db, 'DELETE FROM search_index').run();
    for (const r of records) indexRecord(db, r);
    for (const p of people) indexPerson(db, p);
    stmt(db, "INSERT INTO search_index (search_index) VALUES ('optimize')").run();
  };
  if (db.sqlite.inTransaction) work();
  else db.sqlite.transaction(work)();
}

/** The FTS5 query for the terms: each a quoted phrase of its characters, all ANDed. Tokens are letters and digits only. */
export function matchExpression(terms: readonly string[][]): string {
  return terms.map((t) => `"${t.join(' ')}"`).join(' AND ');
}

interface Row {
  rowid: number;
  rank: number;
  book: string;
}

const EMPTY: SearchResult = { groups: [], total: 0 };

/**
 * Search records and people. The query is folded and split on whitespace;
 * every term must occur (as a substring, punctuation between its characters
 * ignored). Hits are ranked by bm25 with the title weighing ten times the
 * body and grouped by book in BOOK_TREE order, people (人员名册) last — or
 * first when the query is exactly a person's name or its pinyin.
 */
export function searchAll(db: Db, text: string, opts: SearchOptions): SearchResult {
  const terms = queryTerms(text);
  if (terms.length === 0) return EMPTY;
  const limit = Math.max(1, Math.floor(opts.limit ?? DEFAULT_LIMIT));
  const match = matchExpression(terms);

  const count = (where: string) =>
    (stmt(db, `SELECT count(*) AS n FROM search_index WHERE search_index MATCH ? AND ${where}`).get(match) as { n: number }).n;
  const top = (where: string) =>
    stmt(
      db,
      `SELECT rowid, rank, book FROM search_index WHERE search_index MATCH ? AND ${where} AND rank MATCH '${RANK}' ORDER BY rank LIMIT ?`,
    ).all(match, limit) as Row[];

  // People and records apart: the roster is small, and a person must not be
  // crowded out of the first `limit` by records.
  const peopleRows = top('rowid < 0');
  const recordRows = top('rowid > 0');
  let total = count('rowid < 0') + count('rowid > 0');

  const termStrings = terms.map((t) => t.join(''));
  const joined = termStrings.join('');

  const people = lookup(opts.originals, 'person', peopleRows.map((r) => -r.rowid));
  const records = lookup(opts.originals, 'record', recordRows.map((r) => r.rowid));

  interface Ranked {
    hit: SearchHit;
    rank: number;
    book: string;
    exact: boolean;
  }
  const ranked: Ranked[] = [];
  for (const r of peopleRows) {
    const id = -r.rowid;
    const o = people.get(id);
    if (!o) {
      total--;
      continue;
    }
    ranked.push({
      hit: { kind: 'person', id, type: '', title: o.title, date: '', snippet: personSnippet(o, termStrings) },
      rank: r.rank,
      book: 'people',
      exact: isExactName(o.title, joined),
    });
  }
  for (const r of recordRows) {
    const o = records.get(r.rowid);
    if (!o) {
      total--;
      continue;
    }
    ranked.push({
      hit: { kind: 'record', id: r.rowid, type: o.type, title: o.title, date: o.date, snippet: recordSnippet(o, termStrings) },
      rank: r.rank,
      book: r.book,
      exact: false,
    });
  }

  // the best `limit` of both, exact names first
  ranked.sort((a, b) => Number(b.exact) - Number(a.exact) || a.rank - b.rank);
  const kept = ranked.slice(0, limit);

  const byBook = new Map<string, SearchHit[]>();
  for (const r of kept) {
    const list = byBook.get(r.book) ?? [];
    list.push(r.hit);
    byBook.set(r.book, list);
  }
  const groups: SearchGroup[] = [];
  for (const b of BOOK_TREE) {
    const hits = byBook.get(b.id);
    if (hits) groups.push({ book: b.id, label: b.label, hits });
    byBook.delete(b.id);
  }
  const peopleHits = byBook.get('people');
  byBook.delete('people');
  // a book id the tree does not know (should not happen): after the known ones, under its own id
  for (const [book, hits] of byBook) groups.push({ book: book as BookId, label: BOOKS[book as BookId] ?? book, hits });
  if (peopleHits) {
    const group: SearchGroup = { book: 'people', label: PEOPLE_LABEL, hits: peopleHits };
    if (kept.some((r) => r.exact)) groups.unshift(group);
    else groups.push(group);
  }
  return { groups, total };
}

function lookup(originals: Originals, kind: SearchKind, ids: number[]): Map<number, Original> {
  return ids.length > 0 ? originals(kind, ids) : new Map();
}

function recordSnippet(o: Original, terms: string[]): Snippet {
  return snippetOf(o.body, terms) ?? snippetOf(o.title, terms) ?? cut(o.body, []);
}

function personSnippet(o: Original, terms: string[]): Snippet {
  const inBody = snippetOf(o.body, terms);
  if (inBody) return inBody;
  const spans = [...findTerms(o.title, terms), ...terms.flatMap((t) => pinyinMarks(o.title, t))];
  return spans.length > 0 ? cut(o.title, mergeSpans(spans)) : cut(o.body, []);
}
