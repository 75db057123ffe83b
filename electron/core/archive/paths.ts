/** Where the year-end exports live: DATA_DIR/archive/<year>/<exportId>/ (exportId = YYYYMMDD-HHmmss). */
import path from 'node:path';

export const ARCHIVE_DIR = 'archive';

export function yearArchiveDir(dataDir: string, year: number): string {
  return path.join(dataDir, ARCHIVE_DIR, String(year));
}

export function exportDir(dataDir: string, year: number, exportId: string): string {
  return path.join(yearArchiveDir(dataDir, year), exportId);
}
