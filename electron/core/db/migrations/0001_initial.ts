/**
 * Frozen in time: never edit once released. Uses Kysely<any> and plain SQL,
 * never the app's table types or services.
 */
import { sql, type Kysely } from 'kysely';
import type { Exec } from './migration.js';

export function up(k: Kysely<any>, exec: Exec): void {
  exec(
    k.schema
      .createTable('branch')
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('parent_org', 'text', (c) => c.notNull())
      .addColumn('fonds_no', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull()),
  );
  exec(
    k.schema
      .createTable('party_groups')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('removed_at', 'text'),
  );
  exec(
    k.schema
      .createTable('people')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('gender', 'text', (c) => c.notNull())
      .addColumn('birth_date', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('political_status', 'text', (c) => c.notNull())
      .addColumn('group_id', 'integer', (c) => c.references('party_groups.id').onDelete('set null'))
      .addColumn('position', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('removed_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull()),
  );
  exec(
    k.schema
      .createTable('committee')
      .addColumn('person_id', 'integer', (c) => c.primaryKey().references('people.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('sort', 'integer', (c) => c.notNull()),
  );
  exec(
    k.schema
      .createTable('records')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('group_id', 'integer', (c) => c.references('party_groups.id'))
      .addColumn('data', 'text', (c) => c.notNull().check(sql`json_valid(data)`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('deleted_at', 'text'),
  );
  exec(k.schema.createIndex('records_type_date').on('records').columns(['type', 'date']));
  exec(k.schema.createIndex('records_date').on('records').column('date'));
  // 第N次 is derived, never stored: the place of a record in its series
  // (type, year, and 党小组 for 党小组会) ordered by date and start time.
  exec(
    sql`CREATE VIEW active_records AS
      SELECT r.*, ROW_NUMBER() OVER (
        PARTITION BY r.type, substr(r.date, 1, 4), coalesce(r.group_id, 0)
        ORDER BY r.date, json_extract(r.data, '$.startTime'), r.id
      ) AS seq
      FROM records r WHERE r.deleted_at IS NULL`.compile(k),
  );
}
