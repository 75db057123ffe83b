/** Search over the records and the roster. */
import { z } from 'zod';
import type { BookId } from '../books/index.js';
import { method } from './method.js';

export interface SearchHit {
  kind: 'record' | 'person';
  id: number;
  /** record type id, or '' for a person */
  type: string;
  title: string;
  date: string;
  /** A piece of the matching text with the matches marked by [start, end) offsets. */
  snippet: { text: string; marks: [number, number][] };
}

export interface SearchGroup {
  book: BookId | 'people';
  label: string;
  hits: SearchHit[];
}

export interface SearchResult {
  groups: SearchGroup[];
  total: number;
}

export const SEARCH_METHODS = {
  'search.query': method<SearchResult>()(
    z.strictObject({ text: z.string().max(100, '搜索内容不超过100个字'), limit: z.number().int().min(1).max(200).optional() }),
  ),
} as const;
