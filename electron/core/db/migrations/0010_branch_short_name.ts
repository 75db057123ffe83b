/**
 * Frozen in time: never edit once released.
 * The branch's 简称 (issue 14): what the 卷内文件目录 prints as 责任者, as
 * DA/T 22 allows, instead of repeating a 30–40-character full name on every
 * row. Empty: worked out from the full name (shared/branch.ts branchShortName).
 */
import type { Kysely } from 'kysely';
import type { Exec } from './migration.js';

export function up(k: Kysely<any>, exec: Exec): void {
  exec(k.schema.alterTable('branch').addColumn('short_name', 'text', (c) => c.notNull().defaultTo('')));
}
