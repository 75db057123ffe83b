import type { SEAL_METHODS } from '../../../shared/methods/seal.js';
import type { CoreContext, HandlersOf } from '../handlers.js';

export function sealHandlers(ctx: CoreContext): HandlersOf<keyof typeof SEAL_METHODS> {
  void ctx;
  return {};
}
