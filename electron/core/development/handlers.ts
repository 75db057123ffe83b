import type { DEVELOPMENT_METHODS, SaveStepInput } from '../../../shared/methods/development.js';
import type { CoreContext, HandlersOf } from '../context.js';
import {
  addReview,
  closeCase,
  getCase,
  listAssemblies,
  listCases,
  listTransfers,
  openCase,
  removeReview,
  removeStep,
  reopenCase,
  saveStep,
} from './service.js';
import { addStepFile, getStepFileContent, listStepFiles, removeStepFile } from './files.js';

export function developmentHandlers(ctx: CoreContext): HandlersOf<keyof typeof DEVELOPMENT_METHODS> {
  const { db, dataDir } = ctx;
  return {
    'development.list': () => listCases(db),
    'development.get': ({ id }) => getCase(db, id),
    'development.open': ({ personId }) => openCase(db, personId),
    'development.saveStep': (input) => saveStep(db, input as SaveStepInput),
    'development.removeStep': ({ caseId, step }) => removeStep(db, caseId, step),
    'development.stepFiles': ({ caseId, step }) => listStepFiles(db, caseId, step),
    'development.addStepFile': (input) => addStepFile(db, dataDir, input),
    'development.getStepFile': ({ id, thumb }) => getStepFileContent(db, dataDir, id, thumb),
    'development.removeStepFile': ({ id }) => removeStepFile(db, id),
    'development.addReview': (input) => addReview(db, input),
    'development.removeReview': ({ id }) => removeReview(db, id),
    'development.close': ({ id, reason }) => closeCase(db, id, reason),
    'development.reopen': ({ id }) => reopenCase(db, id),
    'development.assemblies': ({ year }) => listAssemblies(db, year),
    'development.transfers': () => listTransfers(db),
  };
}
