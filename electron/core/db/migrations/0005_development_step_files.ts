/**
 * Frozen in time: never edit once released.
 * Files on the steps of a 发展党员 case (申请书 scans, 思想汇报, 政审材料 …), in
 * the same content-addressed store as the attachments of records: a row points
 * at its blob (and its thumbnail's), and the blob stays while any row does.
 */
import { sql, type Kysely } from 'kysely';
import type { Exec } from './migration.js';

export function up(k: Kysely<any>, exec: Exec): void {
  exec(
    k.schema
      .createTable('development_step_files')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('case_id', 'integer', (c) => c.notNull().references('development_cases.id').onDelete('cascade'))
      .addColumn('step', 'integer', (c) => c.notNull().check(sql`step BETWEEN 1 AND 25`))
      .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
      .addColumn('thumb_sha256', 'text', (c) => c.references('blobs.sha256'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addColumn('removed_at', 'text'),
  );
  exec(k.schema.createIndex('development_step_files_step').on('development_step_files').columns(['case_id', 'step']));
  exec(k.schema.createIndex('development_step_files_sha').on('development_step_files').column('sha256'));
}
