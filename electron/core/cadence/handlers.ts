/** 活动频次: the branch's arrangement of the rules' cadences, and the year they give. */
import { yearGlance } from '../completeness/glance.js';
import { cadenceSettings, setBooksStart, updateCadence } from './service.js';
import { talkMatrix } from './talks.js';
import type { CADENCE_METHODS } from '../../../shared/methods/cadence.js';
import type { CoreContext, HandlersOf } from '../context.js';

export function cadenceHandlers({ db }: CoreContext): HandlersOf<keyof typeof CADENCE_METHODS> {
  return {
    'cadence.list': () => cadenceSettings(db),
    'cadence.year': ({ year }) => yearGlance(db, year),
    'cadence.talks': ({ year }) => talkMatrix(db, year),
    'cadence.update': (input) => updateCadence(db, input),
    'cadence.setStart': ({ date }) => setBooksStart(db, date),
  };
}
