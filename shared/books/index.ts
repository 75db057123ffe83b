/**
 * Every record type the app keeps, in book order. Lookups go through here.
 *
 * When adding a record type: define it in the book's file (types.ts says what a
 * definition holds) and it appears in the sidebar, form, list, print, Word export
 * and search; test/unit/books.test.ts checks the definition is well formed.
 */
import { ARCHIVE } from './archive.js';
import { BRANCH_GENERAL } from './branch-general.js';
import { DISCIPLINE } from './discipline.js';
import { TEAM } from './team.js';
import type { BookId, RecordTypeDef } from './types.js';
import { UNION_LEAGUE } from './union-league.js';

export const RECORD_TYPES: readonly RecordTypeDef[] = [...BRANCH_GENERAL, ...DISCIPLINE, ...UNION_LEAGUE, ...TEAM, ...ARCHIVE];

const BY_ID = new Map(RECORD_TYPES.map((t) => [t.id, t]));

export const RECORD_TYPE_IDS = RECORD_TYPES.map((t) => t.id) as [string, ...string[]];

export function isRecordType(id: string): boolean {
  return BY_ID.has(id);
}

export function recordType(id: string): RecordTypeDef {
  const def = BY_ID.get(id);
  if (!def) throw new Error(`unknown record type ${id}`);
  return def;
}

export function typesOf(book: BookId, part?: string): RecordTypeDef[] {
  return RECORD_TYPES.filter((t) => t.book === book && (part === undefined || t.part === part));
}

export function printTitle(def: RecordTypeDef): string {
  return def.printTitle ?? `${def.label}记录`;
}

export * from './tree.js';
export * from './types.js';
export * from './vocab.js';
