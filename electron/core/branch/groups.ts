/**
 * The 党小组 as records name them: a reader of its own, so that the search index and the
 * branch's writers (which re-index records when a group is renamed) both read it without
 * importing each other.
 */
import type { DisplayContext } from '../../../shared/print/display.js';
import { all, q, type Db } from '../db/sql.js';

/** Names of 党小组 by id, removed ones included (old records name them). */
export function groupContext(db: Db): DisplayContext {
  const names = new Map(all(db, q.selectFrom('party_groups').select(['id', 'name'])).map((g) => [g.id, g.name]));
  return { groupName: (id) => names.get(id) ?? null };
}
