import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../electron/core/db/connection.js';
import { MIGRATIONS, type Migration } from '../../electron/core/db/migrations/index.js';
import type { Db } from '../../electron/core/db/sql.js';
import { AppError } from '../../electron/core/errors.js';
import { openTestCore, rows, tableNames } from '../fixtures/core.js';
import { sha256File, useTempDir } from '../fixtures/tmp.js';

const APP_TABLES = ['branch', 'committee', 'party_groups', 'people', 'records'];

/** Read the version with a connection of our own, after the app's one is gone. */
function fileUserVersion(file: string): number {
  const raw = new Database(file, { readonly: true });
  try {
    return raw.pragma('user_version', { simple: true }) as number;
  } finally {
    raw.close();
  }
}

function schemaObjects(file: string): string[] {
  const raw = new Database(file, { readonly: true });
  try {
    return (raw.prepare("SELECT type || ':' || name AS o FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY o").all() as { o: string }[]).map(
      (r) => r.o,
    );
  } finally {
    raw.close();
  }
}

const broken: Migration = {
  name: '0002_broken',
  up(k, exec) {
    exec(k.schema.createTable('half_done').addColumn('id', 'integer', (c) => c.primaryKey()));
    throw new Error('migration failed halfway');
  },
};

describe('migrations', () => {
  const tempDir = useTempDir('migrations');
  const dbFile = () => path.join(tempDir(), 'ledger.sqlite3');

  function withDb<T>(fn: (db: Db) => T, migrations?: readonly Migration[]): T {
    const db = openDatabase(dbFile(), migrations ? { migrations } : {});
    try {
      return fn(db);
    } finally {
      closeDatabase(db);
    }
  }

  it('lists migrations with unique, numbered names in order', () => {
    expect(MIGRATIONS.length).toBeGreaterThan(0);
    const names = MIGRATIONS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    names.forEach((name, i) => {
      expect(name).toMatch(/^\d{4}_[a-z0-9_]+$/);
      expect(Number(name.slice(0, 4))).toBe(i + 1);
    });
  });

  it('migrates a fresh database to the latest version with WAL and foreign keys on', () => {
    withDb((db) => {
      expect(db.sqlite.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(tableNames(db)).toEqual(expect.arrayContaining(APP_TABLES));
      // 0003 dropped the active_records view: 第N次 is numbered per year by the records service.
      expect(rows(db, "SELECT name FROM sqlite_master WHERE type = 'view'")).toEqual([]);
    });
    // WAL is a property of the file: a new connection sees it too.
    const raw = new Database(dbFile());
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('enforces foreign keys (a person cannot point at a missing group)', () => {
    withDb((db) => {
      expect(() =>
        db.sqlite
          .prepare("INSERT INTO people (name, gender, political_status, group_id, created_at, updated_at) VALUES ('甲', '男', '群众', 999, 'now', 'now')")
          .run(),
      ).toThrow(/FOREIGN KEY/);
    });
  });

  /** Rows every version has had since 0001: a branch, a group, a person on it, and a meeting. */
  const SEED = [
    "INSERT INTO branch (id, name, parent_org, fonds_no, created_at, updated_at) VALUES (1, '第一支部', '机关党委', 'Z1', 't', 't')",
    "INSERT INTO party_groups (name, sort) VALUES ('第一党小组', 0)",
    "INSERT INTO people (name, gender, birth_date, political_status, group_id, position, phone, created_at, updated_at) VALUES ('王芳', '女', '1985-03-15', '中共党员', 1, '司钻', '', 't', 't')",
    "INSERT INTO committee (person_id, role, sort) VALUES (1, '书记', 0)",
    `INSERT INTO records (type, date, group_id, data, created_at, updated_at) VALUES ('group-meeting', '2026-03-05', 1, '{"startTime":"09:00","topics":["学习"]}', 't', 't')`,
  ];
  const SEEDED_COLUMNS = {
    branch: 'id, name, parent_org, fonds_no',
    party_groups: 'id, name, sort, removed_at',
    people: 'id, name, gender, birth_date, political_status, group_id, position, phone, removed_at',
    committee: 'person_id, role, sort',
    records: 'id, type, date, group_id, data, deleted_at',
  };

  it.each(MIGRATIONS.slice(1).map((m, i) => [m.name, i + 2] as const))('migration %s keeps the data of the version before it', (_name, n) => {
    const seeded = (db: Db) => Object.fromEntries(Object.entries(SEEDED_COLUMNS).map(([t, cols]) => [t, rows(db, `SELECT ${cols} FROM ${t} ORDER BY rowid`)]));
    const before = withDb((db) => {
      expect(db.sqlite.pragma('user_version', { simple: true })).toBe(n - 1);
      for (const sql of SEED) db.sqlite.exec(sql);
      return seeded(db);
    }, MIGRATIONS.slice(0, n - 1));
    withDb((db) => {
      expect(db.sqlite.pragma('user_version', { simple: true })).toBe(n);
      expect(seeded(db)).toEqual(before);
      expect(db.sqlite.pragma('foreign_key_check')).toEqual([]);
      expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    }, MIGRATIONS.slice(0, n));
  });

  /** Seed the version before the migration `name`, migrate through it, check the records are kept, then `check` the new version. */
  function acrossMigration(name: string, check: (db: Db) => void) {
    const n = MIGRATIONS.findIndex((m) => m.name === name) + 1;
    expect(n).toBe(Number(name.slice(0, 4)));
    const before = withDb((db) => {
      for (const sql of SEED) db.sqlite.exec(sql);
      return rows(db, 'SELECT * FROM records ORDER BY id');
    }, MIGRATIONS.slice(0, n - 1));
    withDb((db) => {
      expect(db.sqlite.pragma('user_version', { simple: true })).toBe(n);
      expect(rows(db, 'SELECT * FROM records ORDER BY id')).toEqual(before);
      check(db);
    }, MIGRATIONS.slice(0, n));
  }

  it('0006 adds the year seals and their log, empty and checked, and keeps the records', () => {
    acrossMigration('0006_year_seals', (db) => {
      expect(tableNames(db)).toEqual(expect.arrayContaining(['year_seals', 'seal_log']));
      expect(rows(db, 'SELECT * FROM year_seals')).toEqual([]);
      expect(rows(db, 'SELECT * FROM seal_log')).toEqual([]);
      const seal = db.sqlite.prepare('INSERT INTO year_seals (year, sealed_at, export_id, manifest) VALUES (?, ?, ?, ?)');
      seal.run(2026, 't', '20270105-093000', '[]');
      expect(() => seal.run(2026, 't', '20270105-093000', '[]')).toThrow(/UNIQUE|PRIMARY KEY/);
      expect(() => seal.run(2025, 't', '20260105-093000', 'not json')).toThrow(/CHECK/);
      const log = db.sqlite.prepare('INSERT INTO seal_log (year, at, action, reason) VALUES (?, ?, ?, ?)');
      log.run(2026, 't', 'unseal', '补录会议');
      expect(() => log.run(2026, 't', 'tamper', '')).toThrow(/CHECK/);
      expect(rows(db, 'SELECT year, action, export_id, reason FROM seal_log')).toEqual([{ year: 2026, action: 'unseal', export_id: null, reason: '补录会议' }]);
    });
  });

  it('0009 adds the app password row, empty (no password: the app opens as before) and checked', () => {
    acrossMigration('0009_app_lock', (db) => {
      expect(rows(db, 'SELECT * FROM app_lock')).toEqual([]);
      const put = db.sqlite.prepare('INSERT OR REPLACE INTO app_lock (id, password_hash, idle_minutes, updated_at) VALUES (?, ?, ?, ?)');
      put.run(1, '$scrypt$ln=15,r=8,p=1$c2FsdA$aGFzaA', 10, 't');
      put.run(1, null, 0, 't');
      expect(() => put.run(2, null, 10, 't')).toThrow(/CHECK/);
      expect(() => put.run(1, 'secret1', 10, 't')).toThrow(/CHECK/); // never a password as typed
      expect(() => put.run(1, null, -1, 't')).toThrow(/CHECK/);
      expect(() => put.run(1, null, 1441, 't')).toThrow(/CHECK/);
      expect(rows(db, 'SELECT id, password_hash, idle_minutes FROM app_lock')).toEqual([{ id: 1, password_hash: null, idle_minutes: 0 }]);
      db.sqlite.prepare("INSERT OR REPLACE INTO app_lock (id, password_hash, updated_at) VALUES (1, NULL, 't')").run();
      expect(rows(db, 'SELECT idle_minutes FROM app_lock')).toEqual([{ idle_minutes: 10 }]);
    });
  });

  it('0010 gives the branch an empty 简称 (worked out from its name until one is set), never NULL', () => {
    acrossMigration('0010_branch_short_name', (db) => {
      expect(rows(db, 'SELECT name, short_name FROM branch')).toEqual([{ name: '第一支部', short_name: '' }]);
      expect(() => db.sqlite.prepare('UPDATE branch SET short_name = NULL').run()).toThrow(/NOT NULL/);
    });
  });

  it('reopens an up-to-date database without migrating again and keeps its data', () => {
    withDb((db) => {
      db.sqlite.prepare("INSERT INTO party_groups (name, sort) VALUES ('第一党小组', 0)").run();
    });
    withDb((db) => {
      expect(db.sqlite.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(rows(db, 'SELECT name FROM party_groups')).toEqual([{ name: '第一党小组' }]);
    });
  });

  it('refuses a database written by a newer version and leaves the file untouched', () => {
    const file = dbFile();
    const raw = new Database(file);
    raw.exec("CREATE TABLE future_things (id INTEGER PRIMARY KEY, note TEXT); INSERT INTO future_things (note) VALUES ('来自新版本');");
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    const before = sha256File(file);
    const filesBefore = fs.readdirSync(tempDir()).sort();

    let error: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DB_TOO_NEW');
    expect((error as AppError).message).toContain(`数据版本 ${MIGRATIONS.length + 1}`);

    expect(sha256File(file)).toBe(before);
    expect(fs.readdirSync(tempDir()).sort()).toEqual(filesBefore);
    expect(fileUserVersion(file)).toBe(MIGRATIONS.length + 1);
  });

  it('refuses a newer database through openCore and releases the data dir lock', () => {
    const dir = tempDir();
    const raw = new Database(path.join(dir, 'ledger.sqlite3'));
    raw.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    raw.close();
    expect(() => openTestCore(dir)).toThrow(expect.objectContaining({ code: 'DB_TOO_NEW' }));
    // The lock was released: a second attempt fails for the same reason, not DATA_DIR_LOCKED.
    expect(() => openTestCore(dir)).toThrow(expect.objectContaining({ code: 'DB_TOO_NEW' }));
  });

  it('rolls back every pending migration when one fails (fresh database)', () => {
    const first = MIGRATIONS[0]!;
    expect(() => withDb(() => undefined, [first, broken])).toThrow('migration failed halfway');
    expect(fileUserVersion(dbFile())).toBe(0);
    expect(schemaObjects(dbFile())).toEqual([]);
  });

  it('keeps the previous version and no partial tables when a later migration fails', () => {
    const first = MIGRATIONS[0]!;
    withDb(() => undefined, [first]);
    const objectsAtV1 = schemaObjects(dbFile());
    expect(fileUserVersion(dbFile())).toBe(1);

    expect(() => withDb(() => undefined, [first, broken])).toThrow('migration failed halfway');
    expect(fileUserVersion(dbFile())).toBe(1);
    expect(schemaObjects(dbFile())).toEqual(objectsAtV1);
    expect(objectsAtV1).not.toContain('table:half_done');

    // The database is still usable at version 1.
    withDb((db) => expect(db.sqlite.pragma('user_version', { simple: true })).toBe(1), [first]);
  });
});
