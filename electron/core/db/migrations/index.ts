/**
 * The explicit, ordered list of migrations. Version N is MIGRATIONS[N-1];
 * the database's version lives in PRAGMA user_version.
 *
 * When adding a migration: add a file NNNN_name.ts exporting `up`, append it
 * here, and add a test in test/db/migrations.test.ts that migrates to N-1,
 * seeds, migrates to N and compares.
 */
import type { Migration } from './migration.js';
import * as m0001 from './0001_initial.js';
import * as m0002 from './0002_records_lifecycle.js';
import * as m0003 from './0003_drop_active_records_view.js';
import * as m0004 from './0004_members_development_dues.js';
import * as m0005 from './0005_development_step_files.js';
import * as m0006 from './0006_year_seals.js';
import * as m0007 from './0007_cadence_settings.js';
import * as m0008 from './0008_books_start.js';
import * as m0009 from './0009_app_lock.js';
import * as m0010 from './0010_branch_short_name.js';


export type { Migration } from './migration.js';

export const MIGRATIONS: readonly Migration[] = [
  { name: '0001_initial', up: m0001.up },
  { name: '0002_records_lifecycle', up: m0002.up },
  { name: '0003_drop_active_records_view', up: m0003.up },
  { name: '0004_members_development_dues', up: m0004.up },
  { name: '0005_development_step_files', up: m0005.up },
  { name: '0006_year_seals', up: m0006.up },
  { name: '0007_cadence_settings', up: m0007.up },
  { name: '0008_books_start', up: m0008.up },
  { name: '0009_app_lock', up: m0009.up },
  { name: '0010_branch_short_name', up: m0010.up },
];
