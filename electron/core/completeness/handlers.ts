import type { COMPLETENESS_METHODS } from '../../../shared/methods/completeness.js';
import type { CoreContext, HandlersOf } from '../handlers.js';

export function completenessHandlers(ctx: CoreContext): HandlersOf<keyof typeof COMPLETENESS_METHODS> {
  void ctx;
  return {};
}
