/** The implementation of the contract. Every method of shared/contract.ts has exactly one entry here. */
import type { RecordInput } from '../../shared/contract.js';
import { recordType } from '../../shared/books/index.js';
import { recordPrintDoc } from '../../shared/print/record.js';
import { fileNameWith, RECORD_TITLE_MAX } from '../../shared/filenames.js';
import { hasPersonalIds, shownRecord } from '../../shared/books/privacy.js';
import { groupContext } from './branch/groups.js';
import { getBranch, setupBranch, updateBranch } from './branch/service.js';
import { createPerson, listPeople, removePerson, updatePerson } from './people/service.js';
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
} from './records/service.js';
import { getRevision, listRevisions, restoreRevision } from './records/revisions.js';
import { addAttachment, collectGarbage, getAttachmentContent, listAttachments, removeAttachment } from './attachments/service.js';
import { searchRecordsAndPeople, suggestPeople } from './records/search.js';
import { listRules, resetRule, updateRule } from './rules/service.js';
import { printDocToDocxBuffer } from './export/docx/printDoc.js';
import { DOCX_MIME } from './export/docx/style.js';
import { MIGRATIONS } from './db/migrations/index.js';
import type { Db } from './db/sql.js';
import { AppError } from './errors.js';
import { membersHandlers } from './members/handlers.js';
import { developmentHandlers } from './development/handlers.js';
import { duesHandlers } from './dues/handlers.js';
import { registersHandlers } from './registers/handlers.js';
import { completenessHandlers } from './completeness/handlers.js';
import { sealHandlers } from './seal/handlers.js';
import { archiveHandlers } from './archive/handlers.js';
import { cadenceSettings, setBooksStart, updateCadence } from './cadence/service.js';
import { talkMatrix } from './cadence/talks.js';
import { yearGlance } from './completeness/glance.js';
import { authHandlers } from './auth/handlers.js';
import type { CoreContext, DataHandlers } from './context.js';

/**
 * Remove attachment files no record uses any more. The purge has already
 * committed, so a file that cannot be removed now (locked, read-only) is left
 * for the next sweep rather than reported as a failed purge.
 */
export function sweepFiles(db: Db, dataDir: string) {
  try {
    collectGarbage(db, dataDir);
  } catch (e) {
    console.error('附件清理未完成，下次再试：', e);
  }
}

function branchName(db: Db): string {
  const b = getBranch(db);
  if (!b) throw new AppError('CONFLICT', '请先完成支部初始设置。');
  return b.name;
}

export function createHandlers(ctx: CoreContext): DataHandlers {
  const { db, dataDir, textsDir, version } = ctx;
  return {
    ...membersHandlers(ctx),
    ...developmentHandlers(ctx),
    ...duesHandlers(ctx),
    ...registersHandlers(ctx),
    ...completenessHandlers(ctx),
    ...sealHandlers(ctx),
    ...archiveHandlers(ctx),
    ...authHandlers(ctx),
    'cadence.list': () => cadenceSettings(db),
    'cadence.year': ({ year }) => yearGlance(db, year),
    'cadence.talks': ({ year }) => talkMatrix(db, year),
    'cadence.update': (input) => updateCadence(db, input),
    'cadence.setStart': ({ date }) => setBooksStart(db, date),
    'app.info': () => ({ version, dataDir, schemaVersion: MIGRATIONS.length, damage: null, notice: null }),
    'branch.get': () => getBranch(db),
    'branch.setup': (input) => setupBranch(db, input),
    'branch.update': (input) => updateBranch(db, input),
    'people.list': () => listPeople(db),
    'people.suggest': ({ text }) => suggestPeople(db, text),
    'people.create': (input) => createPerson(db, input),
    'people.update': (input) => updatePerson(db, input),
    'people.remove': ({ id }) => removePerson(db, id),
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
      const doc = recordPrintDoc(def, shownRecord(def, rec, fullIds), branchName(db), groupContext(db));
      const buf = await printDocToDocxBuffer(doc);
      const seq = rec.seq ? `_第${rec.seq}次` : '';
      const full = fullIds && hasPersonalIds(def) ? '_完整身份证号' : '';
      const fileName = fileNameWith(`${rec.date}_`, doc.title, `${seq}${full}.docx`, { fallback: def.label, max: RECORD_TITLE_MAX });
      return { fileName, mimeType: DOCX_MIME, base64: buf.toString('base64') };
    },
    'records.revisions': ({ id }) => listRevisions(db, id),
    'records.revision': ({ id }) => getRevision(db, id),
    'records.restoreRevision': ({ id }) => restoreRevision(db, id),
    'attachments.list': ({ recordId }) => listAttachments(db, recordId),
    'attachments.add': (input) => addAttachment(db, dataDir, input),
    'attachments.get': ({ id, thumb }) => getAttachmentContent(db, dataDir, id, thumb),
    'attachments.remove': ({ id }) => removeAttachment(db, id),
    'search.query': ({ text, limit }) => searchRecordsAndPeople(db, text, limit ?? 50),
    'rules.list': () => listRules(db, textsDir),
    'rules.update': ({ id, body }) => updateRule(db, textsDir, id, body),
    'rules.reset': ({ id }) => resetRule(db, textsDir, id),
  };
}
