/** The branch's setup and settings (app.info is the core's own: app.ts). */
import { getBranch, setupBranch, updateBranch } from './service.js';
import type { BRANCH_METHODS } from '../../../shared/methods/branch.js';
import type { CoreContext, HandlersOf } from '../context.js';

export function branchHandlers({ db }: CoreContext): HandlersOf<keyof typeof BRANCH_METHODS> {
  return {
    'branch.get': () => getBranch(db),
    'branch.setup': (input) => setupBranch(db, input),
    'branch.update': (input) => updateBranch(db, input),
  };
}
