/** The app's own facts: its version, its data dir, and what start-up found (answered by the core itself: electron/core/app.ts). */
import { method, noInput } from './method.js';

export interface AppInfo {
  version: string;
  dataDir: string;
  schemaVersion: number;
  /** Set when the database was found damaged at start: the app offers the latest good backup. */
  damage: { file: string; message: string } | null;
  /** What start-up did that the user should be told once (a restore a crash interrupted: finished or undone); null when nothing. */
  notice: string | null;
}

export const APP_METHODS = {
  'app.info': method<AppInfo>({ openWhileLocked: true, openWhenDamaged: true })(noInput),
} as const;
