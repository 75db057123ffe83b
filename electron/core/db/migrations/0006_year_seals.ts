/**
 * Frozen in time: never edit once released.
 * Sealing a year after its archive export (issue 5): one row per sealed year
 * with the manifest (sha256 of every record, attachment file and exported
 * file) as JSON, and a log of every seal and unseal with its reason. The log
 * outlives the seal: unsealing deletes the year's row, never its log.
 */
import { sql, type Kysely } from 'kysely';
import type { Exec } from './migration.js';

export function up(k: Kysely<any>, exec: Exec): void {
  exec(
    k.schema
      .createTable('year_seals')
      .addColumn('year', 'integer', (c) => c.primaryKey().check(sql`year BETWEEN 1900 AND 2999`))
      .addColumn('sealed_at', 'text', (c) => c.notNull())
      .addColumn('export_id', 'text', (c) => c.notNull())
      .addColumn('manifest', 'text', (c) => c.notNull().check(sql`json_valid(manifest)`)),
  );
  exec(
    k.schema
      .createTable('seal_log')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull().check(sql`action IN ('seal', 'unseal')`))
      .addColumn('export_id', 'text')
      .addColumn('reason', 'text', (c) => c.notNull().defaultTo('')),
  );
  exec(k.schema.createIndex('seal_log_year').on('seal_log').columns(['year', 'id']));
}
