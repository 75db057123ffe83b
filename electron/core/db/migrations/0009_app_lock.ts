/**
 * Frozen in time: never edit once released.
 * The optional app password (issue 7): one row, id 1, with the scrypt hash of
 * the password in a PHC-style string that carries its own parameters
 * (`$scrypt$ln=15,r=8,p=1$<salt>$<hash>`, base64) and the minutes of
 * inactivity after which the app locks (0: never). No row, or a NULL hash,
 * means no password: the app opens as before. The data are not encrypted.
 */
import { sql, type Kysely } from 'kysely';
import type { Exec } from './migration.js';

export function up(k: Kysely<any>, exec: Exec): void {
  exec(
    k.schema
      .createTable('app_lock')
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('password_hash', 'text', (c) => c.check(sql`password_hash IS NULL OR password_hash GLOB '$scrypt$*'`))
      .addColumn('idle_minutes', 'integer', (c) => c.notNull().defaultTo(10).check(sql`idle_minutes BETWEEN 0 AND 1440`))
      .addColumn('updated_at', 'text', (c) => c.notNull()),
  );
}
