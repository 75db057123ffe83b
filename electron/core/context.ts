/**
 * What every domain's handlers are given and what they provide: the core's context and the
 * handler map types. A leaf of the core's imports (types only, of what the context holds), so
 * that handlers.ts, which merges the domains' maps, and each domain's handlers.ts import it and
 * not each other.
 */
import type { MethodName, OutputOf, ParsedInputOf } from '../../shared/contract.js';
import type { APP_METHODS } from '../../shared/methods/app.js';
import type { BACKUP_METHODS } from '../../shared/methods/backup.js';
import type { ArchiveJobs } from './archive/jobs.js';
import type { AuthSession } from './auth/session.js';
import type { Db } from './db/sql.js';
import type { WorkbookReader } from './members/reader.js';

/** The handlers of some methods: each domain provides those of its own method map. */
export type HandlersOf<K extends MethodName> = {
  [M in K]: (input: ParsedInputOf<M>) => OutputOf<M> | Promise<OutputOf<M>>;
};
export type Handlers = HandlersOf<MethodName>;
/** Backups swap the database itself: their handlers live with the core's lifecycle (app.ts), not here. */
export type BackupMethod = keyof typeof BACKUP_METHODS;
/** What the domains answer: all but the backups and app.info (which tells the core's own state: app.ts). */
export type DataHandlers = HandlersOf<Exclude<MethodName, BackupMethod | keyof typeof APP_METHODS>>;

export interface CoreContext {
  db: Db;
  dataDir: string;
  /** Where the shipped texts live (resources/texts). */
  textsDir: string;
  version: string;
  /** Year-end exports running in the background. */
  archive: ArchiveJobs;
  /** The app password's lock, shared with the dispatch's gate (electron/core/auth). */
  auth?: AuthSession;
  /** Reads an imported workbook within bounds (in its worker thread in the app); in-process when left out. */
  readWorkbook?: WorkbookReader;
}
