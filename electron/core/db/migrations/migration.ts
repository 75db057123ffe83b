/** What a migration is (index.ts lists them; each NNNN_name.ts imports only this, never the list). */
import type { Compilable, CompiledQuery, Kysely } from 'kysely';

/** Runs one statement of a migration. */
export type Exec = (query: Compilable<unknown> | CompiledQuery<unknown>) => void;

export interface Migration {
  name: string;
  up(k: Kysely<any>, exec: Exec): void;
}
