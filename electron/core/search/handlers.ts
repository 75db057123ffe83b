/** Search over the records and the roster (the index: records/search.ts). */
import { searchRecordsAndPeople } from '../records/search.js';
import type { SEARCH_METHODS } from '../../../shared/methods/search.js';
import type { CoreContext, HandlersOf } from '../context.js';

export function searchHandlers({ db }: CoreContext): HandlersOf<keyof typeof SEARCH_METHODS> {
  return {
    'search.query': ({ text, limit }) => searchRecordsAndPeople(db, text, limit ?? 50),
  };
}
