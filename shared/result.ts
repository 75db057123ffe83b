/** What every API call returns, in both transports (IPC and the loopback web host). */
export type ErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  /** The year is sealed after its archive export: unseal it (with a reason) before changing it. */
  | 'SEALED'
  | 'UNKNOWN_METHOD'
  | 'DB_TOO_NEW'
  | 'DATA_DIR_LOCKED'
  /** The disk of the data dir is full: nothing of the call was saved. */
  | 'DISK_FULL'
  /** The data dir cannot be written (read-only disk or folder): nothing of the call was saved. */
  | 'READ_ONLY'
  | 'FORBIDDEN'
  /** The database was found damaged at start: only restoring a backup is possible. */
  | 'DAMAGED'
  /** A backup that is not one, is incomplete, or fails its checks. */
  | 'BACKUP_INVALID'
  /** A file written to a folder (a U盘) read back with other bytes than were written: the disk is failing. */
  | 'CHECK_FAILED'
  /** An app password is set and the session is locked: only app.info, auth.status and auth.unlock answer. */
  | 'LOCKED'
  /** auth.unlock or auth.set with a wrong password (or too soon after 5 wrong ones). */
  | 'WRONG_PASSWORD'
  | 'INTERNAL';

export interface FieldIssue {
  /** Dotted path into the input, e.g. `data.motions.0.for`. */
  path: string;
  message: string;
}

export interface ApiError {
  code: ErrorCode;
  /** A sentence in Chinese that can be shown to the user as is. */
  message: string;
  fields?: FieldIssue[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Answers a method call by name with its result or a typed error: the core's one entry, behind IPC and the web host. */
export type Dispatch = (method: string, input: unknown) => Promise<Result<unknown>>;
