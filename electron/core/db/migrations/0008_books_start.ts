/**
 * Frozen in time: never edit once released.
 * When the branch's books begin (issue 6): a date the secretary sets in 支部设置
 * so that the reminders and the year-end check do not ask for the months
 * before it. NULL: worked out from the set-up day and the earliest record.
 */
import { sql, type Kysely } from 'kysely';
import type { Exec } from './migration.js';

export function up(k: Kysely<any>, exec: Exec): void {
  exec(
    k.schema
      .alterTable('branch')
      .addColumn('books_start', 'text', (c) => c.check(sql`books_start IS NULL OR books_start GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`)),
  );
}
