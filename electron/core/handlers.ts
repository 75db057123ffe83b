/** The implementation of the contract. Every method of shared/contract.ts has exactly one entry here. */
import type { MethodName, OutputOf, ParsedInputOf } from '../../shared/contract.js';
import { meetingType } from '../../shared/books/meetings.js';
import { meetingPrintDoc } from '../../shared/print/meeting.js';
import { getBranch, setupBranch, updateBranch } from './branch/service.js';
import { createPerson, listPeople, removePerson, updatePerson } from './people/service.js';
import {
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
import { printDocToDocxBuffer } from './export/docx/printDoc.js';
import { MIGRATIONS } from './db/migrations/index.js';
import type { Db } from './db/sql.js';
import { AppError } from './errors.js';

export type Handlers = {
  [M in MethodName]: (input: ParsedInputOf<M>) => OutputOf<M> | Promise<OutputOf<M>>;
};

export interface CoreContext {
  db: Db;
  dataDir: string;
  version: string;
}

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function branchName(db: Db): string {
  const b = getBranch(db);
  if (!b) throw new AppError('CONFLICT', '请先完成支部初始设置。');
  return b.name;
}

export function createHandlers({ db, dataDir, version }: CoreContext): Handlers {
  return {
    'app.info': () => ({ version, dataDir, schemaVersion: MIGRATIONS.length }),
    'branch.get': () => getBranch(db),
    'branch.setup': (input) => setupBranch(db, input),
    'branch.update': (input) => updateBranch(db, input),
    'people.list': () => listPeople(db),
    'people.create': (input) => createPerson(db, input),
    'people.update': (input) => updatePerson(db, input),
    'people.remove': ({ id }) => removePerson(db, id),
    'records.expected': ({ type, groupId }) => expectedAttendance(db, type, groupId),
    'records.list': ({ year, type }) => listRecords(db, year, type),
    'records.get': ({ id }) => getRecord(db, id),
    'records.create': (input) => createRecord(db, input),
    'records.update': (input) => updateRecord(db, input),
    'records.remove': ({ id }) => removeRecord(db, id),
    'records.trash': () => listTrash(db),
    'records.restore': ({ id }) => restoreRecord(db, id),
    'records.purge': ({ id }) => purgeRecord(db, id),
    'records.exportDocx': async ({ id }) => {
      const rec = getRecord(db, id);
      const buf = await printDocToDocxBuffer(meetingPrintDoc(rec, branchName(db)));
      return {
        fileName: `${rec.date}_${meetingType(rec.type).label}记录_第${rec.seq}次.docx`,
        mimeType: DOCX_MIME,
        base64: buf.toString('base64'),
      };
    },
  };
}
