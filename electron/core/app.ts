/** Opens everything below the transport for one data directory. */
import fs from 'node:fs';
import path from 'node:path';
import { closeDatabase, openDatabase } from './db/connection.js';
import type { Db } from './db/sql.js';
import { lockDataDir } from './datadir.js';
import { createDispatch, type Dispatch } from './dispatch.js';
import { createHandlers, sweepFiles, type Handlers } from './handlers.js';
import { ArchiveJobs, type PrinterFactory } from './archive/jobs.js';
import { createChromiumPrinter } from './export/pdf/chromium.js';
import { AuthSession, lockGate } from './auth/session.js';

export interface Core {
  db: Db;
  dataDir: string;
  handlers: Handlers;
  dispatch: Dispatch;
  close(): void;
}

export interface CoreOptions {
  dataDir: string;
  version: string;
  nativeBinding?: string;
  /** The shipped regulation texts; defaults to resources/texts of this checkout. */
  textsDir?: string;
  /** Prints the archive PDFs: Electron's window in the app, a system Chromium otherwise. */
  pdfPrinter?: PrinterFactory;
  /** The bundled export worker (dist/electron/archive-worker.cjs); exports run in-process without it. */
  archiveWorker?: string;
  /** The clock of the idle lock (tests move it); Date.now otherwise. */
  clock?: () => number;
}

/** resources/texts of this checkout: two levels up from electron/core (sources) and from dist/electron (built). */
export function defaultTextsDir(): string {
  return path.resolve(__dirname, '..', '..', 'resources', 'texts');
}

export const DB_FILE = 'ledger.sqlite3';

export function openCore({ dataDir, version, nativeBinding, textsDir = defaultTextsDir(), pdfPrinter, archiveWorker, clock }: CoreOptions): Core {
  fs.mkdirSync(dataDir, { recursive: true });
  const lock = lockDataDir(dataDir, nativeBinding);
  let db: Db;
  try {
    db = openDatabase(path.join(dataDir, DB_FILE), { nativeBinding });
  } catch (e) {
    lock.release();
    throw e;
  }
  // Files left by a crash between writing an attachment and committing it.
  sweepFiles(db, dataDir);
  const archive = new ArchiveJobs(pdfPrinter ?? (() => createChromiumPrinter()), archiveWorker ?? null);
  const auth = new AuthSession(db, clock);
  const handlers = createHandlers({ db, dataDir, textsDir, version, archive, auth });
  return {
    db,
    dataDir,
    handlers,
    // With an app password set, a locked session answers LOCKED before the call is even parsed.
    dispatch: lockGate(auth, createDispatch(handlers)),
    close() {
      // A running export is stopped; its worker removes nothing of the database's.
      void archive.close();
      closeDatabase(db);
      lock.release();
    },
  };
}
