/** The records of every type: their lifecycle, versions and a record's Word file. */
import { recordType } from '../../../shared/books/index.js';
import { hasPersonalIds, shownRecord } from '../../../shared/books/privacy.js';
import { fileNameWith, RECORD_TITLE_MAX } from '../../../shared/filenames.js';
import type { RECORDS_METHODS, RecordInput } from '../../../shared/methods/records.js';
import { recordPrintDoc } from '../../../shared/print/record.js';
import { sweepFiles } from '../attachments/service.js';
import type { CoreContext, HandlersOf } from '../context.js';
import { groupContext } from '../branch/groups.js';
import { requireBranch } from '../branch/service.js';
import { printDocToDocxBuffer } from '../export/docx/printDoc.js';
import { DOCX_MIME } from '../export/docx/style.js';
import { getRevision, listRevisions, restoreRevision } from './revisions.js';
import {
  countRecords,
  createRecord,
  expectedAttendance,
  getRecord,
  listRecords,
  listTrash,
  purgeRecord,
  removeRecord,
  restoreRecord,
  updateRecord,
} from './service.js';

export function recordsHandlers({ db, dataDir }: CoreContext): HandlersOf<keyof typeof RECORDS_METHODS> {
  return {
    'records.expected': ({ type, groupId }) => expectedAttendance(db, type, groupId),
    'records.list': ({ year, type, book }) => listRecords(db, year, { type, book }),
    'records.counts': ({ year }) => countRecords(db, year),
    'records.get': ({ id }) => getRecord(db, id),
    'records.create': (input) => createRecord(db, input as RecordInput),
    'records.update': ({ id, record }) => updateRecord(db, id, record as RecordInput),
    'records.remove': ({ id }) => removeRecord(db, id),
    'records.trash': () => listTrash(db),
    'records.restore': ({ id }) => restoreRecord(db, id),
    'records.purge': ({ id }) => {
      purgeRecord(db, id);
      sweepFiles(db, dataDir);
      return null;
    },
    'records.exportDocx': async ({ id, fullIds = false }) => {
      const rec = getRecord(db, id);
      const def = recordType(rec.type);
      const doc = recordPrintDoc(def, shownRecord(def, rec, fullIds), requireBranch(db).name, groupContext(db));
      const buf = await printDocToDocxBuffer(doc);
      const seq = rec.seq ? `_第${rec.seq}次` : '';
      const full = fullIds && hasPersonalIds(def) ? '_完整身份证号' : '';
      const fileName = fileNameWith(`${rec.date}_`, doc.title, `${seq}${full}.docx`, { fallback: def.label, max: RECORD_TITLE_MAX });
      return { fileName, mimeType: DOCX_MIME, base64: buf.toString('base64') };
    },
    'records.revisions': ({ id }) => listRevisions(db, id),
    'records.revision': ({ id }) => getRevision(db, id),
    'records.restoreRevision': ({ id }) => restoreRevision(db, id),
  };
}
