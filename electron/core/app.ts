/**
 * Opens everything below the transport for one data directory, and keeps it
 * whole across the two moments the database is swapped: restoring a backup,
 * and starting on a damaged database (recovery: only the backup methods answer
 * until one is restored; the damaged file is put aside, never overwritten).
 */
import fs from 'node:fs';
import path from 'node:path';
import { contract, METHOD_NAMES } from '../../shared/contract.js';
import type { BackupInfo, BackupStatus, RestoreResult } from '../../shared/methods/backup.js';
import { closeDatabase, openDatabase } from './db/connection.js';
import { MIGRATIONS } from './db/migrations/index.js';
import type { Db } from './db/sql.js';
import { dataDirPathProblem, lockDataDir, type DataDirLock } from './datadir.js';
import type { Dispatch } from '../../shared/result.js';
import { createDispatch } from './dispatch.js';
import { workbookReader, type ReaderOptions } from './members/reader.js';
import type { BackupMethod, Handlers, HandlersOf } from './context.js';
import { sweepFiles } from './attachments/service.js';
import { createHandlers } from './handlers.js';
import { ArchiveJobs, type PrinterFactory } from './archive/jobs.js';
import { sweepExportTemp } from './archive/export.js';
import { createChromiumPrinter } from './export/pdf/chromium.js';
import { AppError } from './errors.js';
import { autoDir, backupsDir, destinations, listSnapshots, rotate, savedDir, scanFolder, stamp, takeSnapshot, writeBackupFile, infoOf } from './backup/backup.js';
import {
  ASIDE_PREFIX,
  MISSING_DB_MESSAGE,
  cleanLeftovers,
  copyStagedAttachments,
  finishRestore,
  heldData,
  pruneSaved,
  readBackupSettings,
  removeJournal,
  settleRestore,
  stageBackup,
  swapIn,
  verifyBackup,
  writeBackupSettings,
  writeJournal,
  type Journal,
} from './backup/restore.js';
import { fileStep } from './steps.js';
import { prepareDataDir, storageError } from './storage-errors.js';
import { AuthSession, lockGate } from './auth/session.js';

/** Why the database could not be used at start, and where the damaged file is. */
export interface Damage {
  file: string;
  message: string;
}

export interface Core {
  /** The open database (throws DAMAGED in recovery). */
  readonly db: Db;
  dataDir: string;
  readonly handlers: Handlers;
  dispatch: Dispatch;
  /** Set when the database was found damaged at start and no backup has been restored yet. */
  readonly damage: Damage | null;
  /** What start-up did that the user should know of (a restore a crash interrupted, finished or undone); null when nothing. */
  readonly notice: string | null;
  /** Take an automatic backup now; resolves with it (or rejects with why it failed). */
  backupNow(reason: 'start' | 'daily' | 'close'): Promise<BackupInfo>;
  /** Back up (as at close), then close. */
  shutdown(): Promise<void>;
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
  /** The bundled worker that reads imported workbooks (dist/electron/import-worker.cjs); read in-process without it. */
  importWorker?: string;
  /** The import worker's heap cap and time limit (tests lower them). */
  importReader?: ReaderOptions;
  /** Automatic backups at start, daily while open, and at shutdown (the app; tests take them by hand). */
  autoBackup?: boolean;
  /** The clock of the idle lock (tests move it); Date.now otherwise. */
  clock?: () => number;
}

/** resources/texts of this checkout: two levels up from electron/core (sources) and from dist/electron (built). */
export function defaultTextsDir(): string {
  return path.resolve(__dirname, '..', '..', 'resources', 'texts');
}

export const DB_FILE = 'ledger.sqlite3';
const DAY = 24 * 3600 * 1000;

function isDamage(e: unknown): boolean {
  const code = (e as { code?: string }).code ?? '';
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
}

/**
 * Open the database and check it (quick_check: every page read, about a second
 * for the 130 MB of the 10-year demo); the reason when it is damaged.
 */
function openChecked(dataDir: string, file: string, nativeBinding: string | undefined, held: boolean): { db: Db } | { damage: Damage } {
  // A data dir that has held data never gets a new empty database in place of a missing one: the recovery page opens.
  if (!fs.existsSync(file) && (held || heldData(dataDir))) return { damage: { file, message: MISSING_DB_MESSAGE } };
  let db: Db | null = null;
  try {
    db = openDatabase(file, { nativeBinding });
    const check = db.sqlite.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw Object.assign(new Error(String(check)), { code: 'SQLITE_CORRUPT' });
    return { db };
  } catch (e) {
    if (db) closeDatabase(db);
    if (!isDamage(e)) throw storageError(e, dataDir, 'open') ?? e;
    const what = (e as { code?: string }).code === 'SQLITE_NOTADB' ? '文件头已损坏，无法识别为数据库' : '数据库内部结构损坏';
    return { damage: { file, message: `数据文件已损坏（${what}）。为保护它，程序没有改动这个文件。` } };
  }
}

export function openCore(o: CoreOptions): Core {
  const { dataDir, version, nativeBinding, textsDir = defaultTextsDir() } = o;
  // A path SQLite cannot open (too long for Windows's 260 characters) is said so, never “unable to open database file”.
  const tooLong = dataDirPathProblem(dataDir);
  if (tooLong) throw tooLong;
  // A data dir that cannot be written is refused with READ_ONLY, one on a full disk with DISK_FULL: never a raw error.
  prepareDataDir(dataDir);
  let lock: DataDirLock;
  try {
    lock = lockDataDir(dataDir, nativeBinding);
  } catch (e) {
    throw storageError(e, dataDir, 'open') ?? e;
  }
  const dbFile = path.join(dataDir, DB_FILE);
  // A restore a crash interrupted is finished or undone before anything opens the database; then what kills left is removed.
  let notice: string | null;
  // (a journal counts as data held: taken before it is settled and removed)
  const heldAtStart = heldData(dataDir);
  try {
    notice = settleRestore(dataDir, dbFile);
    cleanLeftovers(dataDir, dbFile);
  } catch (e) {
    lock.release();
    throw storageError(e, dataDir, 'open') ?? e;
  }
  const archive = new ArchiveJobs(o.pdfPrinter ?? (() => createChromiumPrinter()), o.archiveWorker ?? null);
  const readWorkbook = workbookReader(o.importWorker ?? null, o.importReader);

  let db: Db | null = null;
  let damage: Damage | null = null;
  let handlers: Handlers;
  let inner: Dispatch;
  let busy: string | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let lastFailure: BackupStatus['lastFailure'] = null;
  let timer: NodeJS.Timeout | null = null;

  const take = { dataDir, version, nativeBinding };
  const liveDb = () => {
    if (!db) throw new AppError('DAMAGED', '数据文件已损坏，请先从备份恢复。');
    return db;
  };

  /** One thing at a time: backups and restores queue behind each other. */
  const serial = <T>(f: () => Promise<T>): Promise<T> => {
    const p = running.then(f, f);
    running = p.catch(() => undefined);
    return p;
  };

  const backupNow = (reason: 'start' | 'daily' | 'close') =>
    serial(async () => {
      try {
        const info = await takeSnapshot({ ...take, db: liveDb() }, reason);
        rotate(dataDir);
        lastFailure = null;
        return info;
      } catch (e) {
        lastFailure = { at: new Date().toISOString(), message: e instanceof AppError ? e.message : `自动备份未完成：${(e as Error).message}` };
        throw e;
      }
    });

  const status = (): BackupStatus => ({
    auto: listSnapshots(autoDir(dataDir)).map((s) => infoOf(s.manifest, 'auto', s.id)),
    savedBeforeRestore: listSnapshots(savedDir(dataDir)).map((s) => infoOf(s.manifest, 'auto', s.id)),
    savedBeforeRestoreKeep: readBackupSettings(dataDir).savedBeforeRestoreKeep,
    folder: backupsDir(dataDir),
    lastFailure,
    notice,
  });

  /** The journaled restore: the protocol is explained at the top of backup/restore.ts. */
  const restore = (kind: 'auto' | 'file', id: string) =>
    serial(async (): Promise<RestoreResult> => {
      const at = new Date().toISOString();
      writeJournal(dataDir, { phase: 'staging', at });
      fileStep('restore', 'journal: staging');
      let staged;
      try {
        staged = await stageBackup(dataDir, kind, id, nativeBinding);
      } catch (e) {
        removeJournal(dataDir);
        throw e;
      }
      busy = '正在恢复备份，请稍候。';
      let journal: Journal | null = null;
      try {
        let savedTo: string;
        let aside: string;
        if (db) {
          const saved = await takeSnapshot({ ...take, db }, 'before-restore');
          savedTo = path.join(savedDir(dataDir), saved.id);
          aside = path.join(backupsDir(dataDir), `${ASIDE_PREFIX}${stamp()}`);
        } else {
          // a damaged (or missing) database is put aside for good, never deleted
          savedTo = aside = path.join(backupsDir(dataDir), `damaged-${stamp()}`);
        }
        copyStagedAttachments(staged, dataDir);
        // the next write is the journal's swap: a kill from here on may find it written before its own step is told
        fileStep('restore', 'attachments in place');
        journal = { phase: 'swap', at, staged: path.basename(staged.dir), aside: path.basename(aside), keepAside: !db };
        writeJournal(dataDir, journal);
        fileStep('restore', 'journal: swap');
        if (db) closeDatabase(db);
        db = null;
        try {
          swapIn(staged, dbFile, aside);
        } finally {
          // restored or (the swap failed and put the old files back) not: the data in place is opened again
          open();
        }
        if (!db) throw new AppError('BACKUP_INVALID', '恢复后的数据库无法打开。');
        sweepFiles(db, dataDir);
        finishRestore(dataDir, journal);
        // a missing database had nothing to put aside
        if (!fs.existsSync(savedTo)) savedTo = '';
        journal = null;
        pruneSaved(dataDir);
        return { restored: staged.info, savedTo, fromSchema: staged.manifest.schemaVersion, toSchema: MIGRATIONS.length };
      } finally {
        busy = null;
        if (journal) finishRestore(dataDir, { ...journal, keepAside: true });
        else removeJournal(dataDir);
        fs.rmSync(staged.dir, { recursive: true, force: true });
      }
    });

  const backupHandlers: HandlersOf<BackupMethod> = {
    'backup.status': () => status(),
    'backup.now': () => backupNow('daily'),
    'backup.destinations': () => destinations(dataDir),
    'backup.toFolder': ({ folder }) => serial(() => writeBackupFile({ ...take, db: liveDb() }, folder)),
    'backup.scan': ({ folder }) => scanFolder(folder),
    'backup.verify': ({ kind, id }) => verifyBackup(dataDir, kind, id, nativeBinding),
    'backup.restore': ({ kind, id }) => restore(kind, id),
    'backup.setKeep': ({ savedBeforeRestoreKeep }) => {
      writeBackupSettings(dataDir, { savedBeforeRestoreKeep });
      pruneSaved(dataDir, savedBeforeRestoreKeep);
      return status();
    },
  };

  /** Open (or reopen) the database and build the handlers over it; in recovery, only the backup methods. */
  function open() {
    const r = openChecked(dataDir, dbFile, nativeBinding, heldAtStart);
    let gate = (d: Dispatch) => d;
    if ('db' in r) {
      db = r.db;
      damage = null;
      // The app password's lock reads the database it guards: a restored one with a password locks at once.
      const auth = new AuthSession(db, o.clock);
      handlers = {
        ...createHandlers({ db, dataDir, textsDir, version, archive, auth, readWorkbook }),
        ...backupHandlers,
        'app.info': () => ({ version, dataDir, schemaVersion: MIGRATIONS.length, damage: null, notice }),
      };
      // With an app password set, a locked session answers LOCKED before the call is even parsed.
      gate = (d) => lockGate(auth, d);
    } else {
      db = null;
      damage = r.damage;
      const refuse = () => {
        throw new AppError('DAMAGED', '数据文件已损坏，请先从备份恢复。');
      };
      // Only what it takes to restore a backup answers: the methods declared openWhenDamaged (backup.now
      // and toFolder need the database and are not). (A restored backup with a password locks at once:
      // its lock reads the restored database.)
      const recovery: Partial<Handlers> = {
        ...backupHandlers,
        'app.info': () => ({ version, dataDir, schemaVersion: MIGRATIONS.length, damage, notice }),
        // The password lives in the damaged database and cannot be read: the recovery page opens without it.
        'auth.status': () => ({ passwordSet: false, locked: false, idleMinutes: 0, branchName: null }),
      };
      handlers = Object.fromEntries(
        METHOD_NAMES.map((m) => {
          if (!contract[m].props.openWhenDamaged) return [m, refuse];
          const h = recovery[m];
          if (!h) throw new Error(`${m} is declared openWhenDamaged but has no recovery handler`);
          return [m, h];
        }),
      ) as unknown as Handlers;
    }
    const d = gate(createDispatch(handlers, console.error, dataDir));
    inner = (method, input) => (busy ? Promise.resolve({ ok: false, error: { code: 'CONFLICT', message: busy } }) : d(method, input));
  }

  try {
    open();
  } catch (e) {
    lock.release();
    throw e;
  }
  // Files left by a crash between writing an attachment and committing it (temp files too), and half-written exports.
  if (db) sweepFiles(db, dataDir);
  sweepExportTemp(dataDir);

  if (o.autoBackup && db) {
    void backupNow('start').catch((e) => console.error('启动时自动备份未完成：', e));
    timer = setInterval(() => {
      const newest = listSnapshots(autoDir(dataDir))[0];
      if (db && (!newest || Date.now() - Date.parse(newest.manifest.at) >= DAY)) void backupNow('daily').catch((e) => console.error('每日自动备份未完成：', e));
    }, 3600 * 1000);
    timer.unref();
  }

  const close = () => {
    if (timer) clearInterval(timer);
    // A running export is stopped; its worker removes nothing of the database's.
    void archive.close();
    if (db) closeDatabase(db);
    db = null;
    lock.release();
  };

  return {
    get db() {
      return liveDb();
    },
    dataDir,
    get handlers() {
      return handlers;
    },
    dispatch: (method, input) => inner(method, input),
    get damage() {
      return damage;
    },
    get notice() {
      return notice;
    },
    backupNow,
    async shutdown() {
      if (o.autoBackup && db) await backupNow('close').catch((e) => console.error('退出时自动备份未完成：', e));
      else await running;
      close();
    },
    close,
  };
}
