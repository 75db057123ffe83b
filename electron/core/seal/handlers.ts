import type { SEAL_METHODS } from '../../../shared/methods/seal.js';
import type { CoreContext, HandlersOf } from '../context.js';
import { sealStatus, sealYear, unsealYear, verifySeal } from './service.js';

export function sealHandlers({ db, dataDir }: CoreContext): HandlersOf<keyof typeof SEAL_METHODS> {
  return {
    'seal.status': ({ year }) => sealStatus(db, year),
    'seal.seal': (input) => sealYear(db, dataDir, input),
    'seal.unseal': (input) => unsealYear(db, input),
    'seal.verify': ({ year }) => verifySeal(db, dataDir, year),
  };
}
