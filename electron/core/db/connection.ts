import fs from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../errors.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';
import { migrationBuilder, run, type Db } from './sql.js';

export interface OpenOptions {
  /** Path of a better_sqlite3.node built for the running runtime (Electron passes its own). */
  nativeBinding?: string;
  migrations?: readonly Migration[];
}

function userVersion(sqlite: Database.Database): number {
  return sqlite.pragma('user_version', { simple: true }) as number;
}

/**
 * Open the database file, refusing one written by a newer app before anything
 * touches it, then switch on WAL and foreign keys and run pending migrations.
 */
export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  const migrations = opts.migrations ?? MIGRATIONS;
  if (fs.existsSync(file)) {
    const probe = new Database(file, { readonly: true, fileMustExist: true, nativeBinding: opts.nativeBinding });
    try {
      refuseNewer(userVersion(probe), migrations.length);
    } finally {
      probe.close();
    }
  }
  const sqlite = new Database(file, { nativeBinding: opts.nativeBinding });
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 2000');
    const db: Db = { sqlite, file, statements: new Map() };
    migrateToLatestOrThrow(db, migrations);
    return db;
  } catch (e) {
    sqlite.close();
    throw e;
  }
}

function refuseNewer(version: number, known: number) {
  if (version > known) {
    throw new AppError(
      'DB_TOO_NEW',
      `这份数据由更新版本的“支部四本一档”写入（数据版本 ${version}，本程序只认识到 ${known}）。为保护数据，本程序没有改动它。请安装最新版本后再打开。`,
    );
  }
}

/** Run every pending migration in one transaction; the version moves only if all succeed. */
export function migrateToLatestOrThrow(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = userVersion(db.sqlite);
  refuseNewer(current, migrations.length);
  if (current === migrations.length) return current;
  db.sqlite.transaction(() => {
    for (const m of migrations.slice(current)) m.up(migrationBuilder, (query) => run(db, query));
    db.sqlite.pragma(`user_version = ${migrations.length}`);
  })();
  db.statements.clear();
  return migrations.length;
}

export function closeDatabase(db: Db) {
  db.statements.clear();
  if (db.sqlite.open) db.sqlite.close();
}
