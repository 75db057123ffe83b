/** The roster's people. */
import { suggestPeople } from '../records/search.js';
import { createPerson, listPeople, removePerson, updatePerson } from './service.js';
import type { PEOPLE_METHODS } from '../../../shared/methods/people.js';
import type { CoreContext, HandlersOf } from '../context.js';

export function peopleHandlers({ db }: CoreContext): HandlersOf<keyof typeof PEOPLE_METHODS> {
  return {
    'people.list': () => listPeople(db),
    'people.suggest': ({ text }) => suggestPeople(db, text),
    'people.create': (input) => createPerson(db, input),
    'people.update': (input) => updatePerson(db, input),
    'people.remove': ({ id }) => removePerson(db, id),
  };
}
