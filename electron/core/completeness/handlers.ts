import type { COMPLETENESS_METHODS } from '../../../shared/methods/completeness.js';
import type { CoreContext, HandlersOf } from '../context.js';
import { yearGaps } from './service.js';

export function completenessHandlers({ db }: CoreContext): HandlersOf<keyof typeof COMPLETENESS_METHODS> {
  return {
    'completeness.check': ({ year }) => yearGaps(db, year),
  };
}
