/** The regulation texts (制度). */
import { listRules, resetRule, updateRule } from './service.js';
import type { RULES_METHODS } from '../../../shared/methods/rules.js';
import type { CoreContext, HandlersOf } from '../context.js';

export function rulesHandlers({ db, textsDir }: CoreContext): HandlersOf<keyof typeof RULES_METHODS> {
  return {
    'rules.list': () => listRules(db, textsDir),
    'rules.update': ({ id, body }) => updateRule(db, textsDir, id, body),
    'rules.reset': ({ id }) => resetRule(db, textsDir, id),
  };
}
