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
 *   runs across two spellings. The person pickers' suggestions
 *   (findPeopleByName) are the same query on that column alone.
 * - The title and body columns hold tokens only. For snippets the caller gives
 *   `searchAll` an `originals` lookup returning the original texts of the hits
 *   (the same title and body that were indexed, e.g. from the records table).
 *
 * Everything is synchronous and may run inside the caller's transaction.
 */
import type { Statement } from 'better-sqlite3';
import { BOOK_TREE, BOOKS } from '../../../shared/books/tree.js';
import type { BookId } from '../../../shared/books/types.js';
import type { SearchGroup, SearchHit, SearchResult } from '../../../shared/methods/search.js';
import type { Db } from '../db/sql.js';
import { queryTerms, tokens } from './fold.js';
import { isExactName, nameRank, personTitleTokens, pinyinMarks, titleKeys } from './pinyin.js';
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
  /** rank by bm25 up to this many matching records (default RANK_LIMIT); for tests */
  rankLimit?: number;
}

export const DEFAULT_LIMIT = 50;
export const PEOPLE_LABEL = '人员名册';
/** bm25 weights: title, body (the unindexed columns carry no weight). */
const RANK = 'bm25(search_index, 10.0, 1.0)';

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

/** The same query in the title column only: a record's title, a person's name and its pinyin. */
const inTitle = (match: string) => `title : (${match})`;

/** People suggested for a typed name at most. */
export const SUGGEST_LIMIT = 20;

/**
 * The people whose name the text finds, by the rule the search finds people by,
 * in the name only: every term within the name's characters or within one of
 * its spellings (张, zhang, zs, z s, zhangs → 张三; ＺＳ as zs; 曾 also as zeng;
 * ü also as v). Best first (nameRank: the name or a spelling exactly, then one
 * beginning with the text, then the rest), each in roster order. The person
 * pickers' suggestions (people.suggest).
 */
export function findPeopleByName(db: Db, text: string, limit = SUGGEST_LIMIT): number[] {
  const terms = queryTerms(text);
  if (terms.length === 0) return [];
  const joined = terms.map((t) => t.join('')).join('');
  const rows = stmt(db, 'SELECT rowid, title FROM search_index WHERE search_index MATCH ? AND rowid < 0').all(
    inTitle(matchExpression(terms)),
  ) as { rowid: number; title: string }[];
  return rows
    .map((r) => ({ id: -r.rowid, rank: nameRank(titleKeys(r.title), joined) }))
    .sort((a, b) => a.rank - b.rank || a.id - b.id)
    .slice(0, Math.max(1, Math.floor(limit)))
    .map((r) => r.id);
}

interface Row {
  rowid: number;
  score: number;
  book: string;
}

/**
 * Above this many matching records the hits are not ranked by bm25 but taken
 * as "title matches, newest first, then the other matches, newest first".
 * Scoring every match costs about a microsecond per matching record (more for
 * long phrases), so a query such as 党 or 会议 that matches most of 20,000
 * records would take 20–40 ms; and bm25 means nothing for it anyway (its idf
 * is ~0 when nearly every record contains the word).
 */
export const RANK_LIMIT = 4000;

interface Candidate {
  kind: SearchKind;
  id: number;
  book: string;
  exact: boolean;
  /** 0: the title matches (or, when ranked by bm25, no tiers), 1: only the body */
  tier: number;
  /** lower is better */
  score: number;
}

/**
 * Search records and people. The query is folded and split on whitespace;
 * every term must occur (as a substring, punctuation between its characters
 * ignored). Hits are ranked by bm25 with the title weighing ten times the
 * body (see RANK_LIMIT for queries matching very many records) and grouped by
 * book in BOOK_TREE order, people (人员名册) last — or first when the query is
 * exactly a person's name or its pinyin, and those people first in their group.
 */
export function searchAll(db: Db, text: string, opts: SearchOptions): SearchResult {
  const terms = queryTerms(text);
  if (terms.length === 0) return { groups: [], total: 0 };
  const limit = Math.max(1, Math.floor(opts.limit ?? DEFAULT_LIMIT));
  const rankLimit = opts.rankLimit ?? RANK_LIMIT;
  const match = matchExpression(terms);
  const titleMatch = inTitle(match);

  const count = (range: string) =>
    (stmt(db, `SELECT count(*) AS n FROM search_index WHERE search_index MATCH ? AND ${range}`).get(match) as { n: number }).n;
  // bm25() in ORDER BY is about a third faster than FTS5's own `rank` sorter here
  const ranked = (range: string) =>
    stmt(
      db,
      `SELECT rowid, ${RANK} AS score, book FROM search_index WHERE search_index MATCH ? AND ${range} ORDER BY score LIMIT ?`,
    ).all(match, limit) as Row[];
  const newest = (expr: string, n: number) =>
    stmt(db, 'SELECT rowid, 0 AS score, book FROM search_index WHERE search_index MATCH ? AND rowid > 0 ORDER BY rowid DESC LIMIT ?').all(
      expr,
      n,
    ) as Row[];

  const termStrings = terms.map((t) => t.join(''));
  const joined = termStrings.join('');
  const candidates: Candidate[] = [];
  let people = new Map<number, Original>();

  // People apart from records: the roster is small, always ranked, and a
  // person must not be crowded out by thousands of records.
  const peopleCount = count('rowid < 0');
  const recordCount = count('rowid > 0');
  let total = peopleCount + recordCount;
  const tiered = recordCount > rankLimit;

  if (peopleCount > 0) {
    const peopleRows = ranked('rowid < 0');
    const titled = tiered
      ? new Set(
          (stmt(db, 'SELECT rowid FROM search_index WHERE search_index MATCH ? AND rowid < 0').all(titleMatch) as { rowid: number }[]).map(
            (r) => r.rowid,
          ),
        )
      : undefined;
    people = lookup(opts.originals, 'person', peopleRows.map((r) => -r.rowid));
    for (const r of peopleRows) {
      const name = people.get(-r.rowid)?.title;
      candidates.push({
        kind: 'person',
        id: -r.rowid,
        book: 'people',
        exact: name !== undefined && isExactName(name, joined),
        tier: titled && !titled.has(r.rowid) ? 1 : 0,
        score: r.score,
      });
    }
  }
  if (recordCount > 0) {
    if (!tiered) {
      for (const r of ranked('rowid > 0')) candidates.push({ kind: 'record', id: r.rowid, book: r.book, exact: false, tier: 0, score: r.score });
    } else {
      const first = newest(titleMatch, limit);
      const seen = new Set(first.map((r) => r.rowid));
      const rest = newest(match, limit + first.length).filter((r) => !seen.has(r.rowid));
      first.forEach((r, i) => candidates.push({ kind: 'record', id: r.rowid, book: r.book, exact: false, tier: 0, score: i }));
      rest.forEach((r, i) => candidates.push({ kind: 'record', id: r.rowid, book: r.book, exact: false, tier: 1, score: i }));
    }
  }

  // exact names first, then title matches, then by score; people before records on a tie of tier in tiered mode
  const kindOrder = (c: Candidate) => (tiered && c.kind === 'record' ? 1 : 0);
  candidates.sort(
    (a, b) => Number(b.exact) - Number(a.exact) || a.tier - b.tier || kindOrder(a) - kindOrder(b) || a.score - b.score,
  );
  const kept = candidates.slice(0, limit);

  const originals = {
    person: people,
    record: lookup(opts.originals, 'record', kept.filter((c) => c.kind === 'record').map((c) => c.id)),
  };
  const byBook = new Map<string, SearchHit[]>();
  let anyExact = false;
  for (const c of kept) {
    const o = originals[c.kind].get(c.id);
    if (!o) {
      // deleted since it was indexed
      total--;
      continue;
    }
    anyExact ||= c.exact;
    const hit: SearchHit =
      c.kind === 'person'
        ? { kind: 'person', id: c.id, type: '', title: o.title, date: '', snippet: personSnippet(o, termStrings) }
        : { kind: 'record', id: c.id, type: o.type, title: o.title, date: o.date, snippet: recordSnippet(o, termStrings) };
    const list = byBook.get(c.book) ?? [];
    list.push(hit);
    byBook.set(c.book, list);
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
    if (anyExact) groups.unshift(group);
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
