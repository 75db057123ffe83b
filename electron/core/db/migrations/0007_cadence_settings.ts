/**
 * Frozen in time: never edit once released.
 * The branch's own cadence of each obligation (issue 6): a row only where the
 * branch departs from the default of shared/rules/cadence.ts — switched off,
 * or held at another frequency. No row means the default.
 */
import { sql, type Kysely } from 'kysely';
import type { Exec } from './migration.js';

export function up(k: Kysely<any>, exec: Exec): void {
  exec(
    k.schema
      .createTable('cadence_settings')
      .addColumn('type_id', 'text', (c) => c.primaryKey())
      .addColumn('enabled', 'integer', (c) => c.notNull().check(sql`enabled IN (0, 1)`))
      .addColumn('period', 'text', (c) => c.notNull().check(sql`period IN ('month', 'quarter', 'year')`))
      .addColumn('updated_at', 'text', (c) => c.notNull()),
  );
}
