import type { ARCHIVE_METHODS } from '../../../shared/methods/archive.js';
import type { CoreContext, HandlersOf } from '../context.js';
import { sealStatus } from '../seal/service.js';
import { listExports, planExport, planSave, previewVolumes, readExportFile, targetOf } from './service.js';

export function archiveHandlers({ db, dataDir, textsDir, archive, version }: CoreContext): HandlersOf<keyof typeof ARCHIVE_METHODS> {
  return {
    'archive.preview': ({ year, mode }) => previewVolumes(db, dataDir, textsDir, year, mode),
    'archive.start': (input) => archive.start(planExport(db, dataDir, textsDir, input, version)),
    'archive.job': ({ id }) => archive.exports.get(id),
    'archive.cancel': ({ id }) => archive.exports.cancel(id),
    'archive.retry': ({ id }) => archive.retry(id, (year) => sealStatus(db, year).exportId),
    'archive.exports': ({ year }) => listExports(dataDir, year),
    'archive.file': ({ year, exportId, name }) => readExportFile(dataDir, year, exportId, name),
    'archive.saveTarget': ({ year, folder }) => targetOf(db, year, folder),
    'archive.saveAll': (input) => archive.save(planSave(db, dataDir, input)),
    'archive.saveJob': ({ id }) => archive.saves.get(id),
    'archive.saveCancel': ({ id }) => archive.saves.cancel(id),
  };
}
