import type { MEMBERS_METHODS } from '../../../shared/methods/members.js';
import type { CoreContext, HandlersOf } from '../context.js';
import { workbookReader } from './reader.js';
import { statusHistory } from '../people/service.js';
import { exportRoster, importCommit, importPreview, revealId } from './service.js';

export function membersHandlers({ db, readWorkbook = workbookReader(null) }: CoreContext): HandlersOf<keyof typeof MEMBERS_METHODS> {
  return {
    'members.revealId': ({ id }) => revealId(db, id),
    'members.statusHistory': ({ id }) => statusHistory(db, id),
    'members.importPreview': (input) => importPreview(db, input, readWorkbook),
    'members.importCommit': (input) => importCommit(db, input, readWorkbook),
    'members.exportXlsx': (input) => exportRoster(db, input ?? {}),
  };
}
