/**
 * kysely builds the SQL and types the rows; better-sqlite3 runs it synchronously.
 * Keeping execution synchronous gives real transactions (`tx`) with no awaits
 * inside them, which is what better-sqlite3 wants.
 */
import type BetterSqlite3 from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type CompiledQuery,
} from 'kysely';
import type { Tables } from './tables.js';

export interface Db {
  sqlite: BetterSqlite3.Database;
  file: string;
  statements: Map<string, BetterSqlite3.Statement>;
}

function compileOnly<T>(): Kysely<T> {
  return new Kysely<T>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new SqliteIntrospector(k),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
}

/** The query builder for app code. */
export const q = compileOnly<Tables>();
/** The query builder for migrations, which must not depend on today's table types. */
export const migrationBuilder = compileOnly<any>();

type RowOf<Q> = Q extends Compilable<infer O> ? O : never;
type Query = Compilable<unknown> | CompiledQuery<unknown>;

function statement(db: Db, query: Query) {
  const c = 'compile' in query ? query.compile() : query;
  let st = db.statements.get(c.sql);
  if (!st) {
    st = db.sqlite.prepare(c.sql);
    db.statements.set(c.sql, st);
  }
  return { st, params: c.parameters as unknown[] };
}

export function all<Q extends Compilable<any>>(db: Db, query: Q): RowOf<Q>[] {
  const { st, params } = statement(db, query);
  return st.all(...params) as RowOf<Q>[];
}

export function first<Q extends Compilable<any>>(db: Db, query: Q): RowOf<Q> | undefined {
  const { st, params } = statement(db, query);
  return st.get(...params) as RowOf<Q> | undefined;
}

export function run(db: Db, query: Query): { changes: number; lastInsertRowid: number } {
  const { st, params } = statement(db, query);
  if (!st.reader) {
    const r = st.run(...params);
    return { changes: r.changes, lastInsertRowid: Number(r.lastInsertRowid) };
  }
  // INSERT ... RETURNING and the like
  st.all(...params);
  return { changes: 0, lastInsertRowid: 0 };
}

/** Run `fn` in one transaction. Never nest, never await inside. */
export function tx<T>(db: Db, fn: () => T): T {
  return db.sqlite.transaction(fn)();
}

export const now = () => new Date().toISOString();
