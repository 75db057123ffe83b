/**
 * Frozen in time: never edit once released.
 * 草稿/定稿, revisions, content-addressed attachments, the search index and
 * the branch's edits of the shipped regulation texts.
 */
import { sql, type Kysely } from 'kysely';
import type { Exec } from './migration.js';

export function up(k: Kysely<any>, exec: Exec): void {
  exec(sql`ALTER TABLE records ADD COLUMN status TEXT NOT NULL DEFAULT 'final' CHECK (status IN ('draft', 'final'))`.compile(k));
  // The view is re-created so that it carries the new column.
  exec(sql`DROP VIEW active_records`.compile(k));
  exec(
    sql`CREATE VIEW active_records AS
      SELECT r.*, ROW_NUMBER() OVER (
        PARTITION BY r.type, substr(r.date, 1, 4), coalesce(r.group_id, 0)
        ORDER BY r.date, json_extract(r.data, '$.startTime'), r.id
      ) AS seq
      FROM records r WHERE r.deleted_at IS NULL`.compile(k),
  );

  // A revision is the record as it was before a save changed a 定稿 record.
  exec(
    k.schema
      .createTable('record_revisions')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('record_id', 'integer', (c) => c.notNull().references('records.id').onDelete('cascade'))
      .addColumn('saved_at', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull().check(sql`json_valid(data)`)),
  );
  exec(k.schema.createIndex('record_revisions_record').on('record_revisions').columns(['record_id', 'id']));

  // Files live in DATA_DIR/attachments/ab/<sha256>; a blob row per distinct content.
  exec(
    k.schema
      .createTable('blobs')
      .addColumn('sha256', 'text', (c) => c.primaryKey())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull()),
  );
  exec(
    k.schema
      .createTable('attachments')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('record_id', 'integer', (c) => c.notNull().references('records.id').onDelete('cascade'))
      .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
      .addColumn('thumb_sha256', 'text', (c) => c.references('blobs.sha256'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addColumn('removed_at', 'text'),
  );
  exec(k.schema.createIndex('attachments_record').on('attachments').column('record_id'));
  exec(k.schema.createIndex('attachments_sha').on('attachments').column('sha256'));

  // Search: text folded to simplified Chinese and split into one token per
  // character, so a phrase query finds any substring of any length.
  exec(
    sql`CREATE VIRTUAL TABLE search_index USING fts5(
      title, body, kind UNINDEXED, ref_id UNINDEXED, book UNINDEXED,
      tokenize = 'unicode61 remove_diacritics 2'
    )`.compile(k),
  );

  exec(
    k.schema
      .createTable('rule_texts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull()),
  );
}
